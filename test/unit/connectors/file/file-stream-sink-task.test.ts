import { readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConnectError,
  type Schema,
  SchemaBuilder,
  Schemas,
  SinkRecord,
  Struct,
  type TopicPartitionOffset,
} from '../../../../shared/api';
import { FileStreamSinkTask } from '../../../../shared/connectors/file';
import { tempDir } from './support';

function record(value: unknown, valueSchema: Schema | null = Schemas.STRING, offset = 0): SinkRecord {
  return new SinkRecord({ topic: 'topic1', kafkaPartition: 0, kafkaOffset: offset, valueSchema, value });
}

/** A stream standing in for standard output. */
function capture(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

// Cases follow Kafka's FileStreamSinkTaskTest, plus the String.valueOf formats and fsync durability.
describe('FileStreamSinkTask', () => {
  let outputFile: string;
  let task: FileStreamSinkTask;

  beforeEach(async () => {
    outputFile = join(tempDir('file-sink'), 'connect.output');
    task = new FileStreamSinkTask();
    await task.start({ file: outputFile });
  });

  afterEach(async () => {
    await task.stop();
    vi.restoreAllMocks();
  });

  it('is named and versioned as Kafka task', () => {
    // Assess
    expect(FileStreamSinkTask.className).toBe('org.apache.kafka.connect.file.FileStreamSinkTask');
    expect(task.version()).toBe('3.9.0');
  });

  it('appends one line per record value, batch after batch', async () => {
    // Prepare
    const offsets: TopicPartitionOffset[] = [{ topic: 'topic1', partition: 0, offset: 1 }];
    // Act
    await task.put([record('line1', Schemas.STRING, 1)]);
    await task.flush(offsets);
    const afterFirst = readFileSync(outputFile, 'utf8');
    await task.put([record('line2', Schemas.STRING, 2), record('line3', Schemas.STRING, 1)]);
    await task.flush(offsets);
    // Assess
    expect(afterFirst).toBe('line1\n');
    expect(readFileSync(outputFile, 'utf8')).toBe('line1\nline2\nline3\n');
  });

  it('appends to an existing file rather than replacing it', async () => {
    // Prepare
    const existing = join(tempDir('file-sink'), 'existing.txt');
    writeFileSync(existing, 'line0\n');
    const other = new FileStreamSinkTask();
    await other.start({ file: existing });
    // Act
    await other.put([record('line1')]);
    await other.stop();
    // Assess
    expect(readFileSync(existing, 'utf8')).toBe('line0\nline1\n');
  });

  it('writes values as Java String.valueOf prints them', async () => {
    // Prepare
    const structSchema = SchemaBuilder.struct()
      .field('a', Schemas.INT32)
      .field('b', Schemas.STRING)
      .field('c', Schemas.OPTIONAL_STRING)
      .build();
    const struct = new Struct(structSchema).put('a', 1).put('b', 'x');
    const mapSchema = SchemaBuilder.map(Schemas.STRING, Schemas.INT32).build();
    const listSchema = SchemaBuilder.array(Schemas.STRING).build();
    // Act
    await task.put([
      record('plain text'),
      record(struct, structSchema),
      record(
        new Map<unknown, unknown>([
          ['k', 1],
          ['j', 2],
        ]),
        mapSchema,
      ),
      record(['a', 'b'], listSchema),
      record(null, null),
      record(1, Schemas.FLOAT64),
      record(42, Schemas.INT64),
      record(true, Schemas.BOOLEAN),
      record({ some_key: 0, nested: { x: [1, 2] } }, null),
      record('été 中文 😀'),
    ]);
    await task.flush([]);
    // Assess
    expect(readFileSync(outputFile, 'utf8').split('\n')).toEqual([
      'plain text',
      'Struct{a=1,b=x}',
      '{k=1, j=2}',
      '[a, b]',
      'null',
      '1.0',
      '42',
      'true',
      '{some_key=0, nested={x=[1, 2]}}',
      'été 中文 😀',
      '',
    ]);
  });

  it('fsyncs on flush, so the lines are durable when flush returns', async () => {
    // Prepare
    const probe = await open(join(tempDir('file-sink'), 'probe'), 'w');
    const sync = vi.spyOn(Object.getPrototypeOf(probe), 'sync');
    await probe.close();
    await task.put([record('durable')]);
    // Act
    await task.flush([{ topic: 'topic1', partition: 0, offset: 1 }]);
    // Assess
    expect(sync).toHaveBeenCalledTimes(1);
    expect(readFileSync(outputFile, 'utf8')).toBe('durable\n');
  });

  it('flushes in preCommit and returns the offsets it was given', async () => {
    // Prepare
    const probe = await open(join(tempDir('file-sink'), 'probe'), 'w');
    const sync = vi.spyOn(Object.getPrototypeOf(probe), 'sync');
    await probe.close();
    const offsets: TopicPartitionOffset[] = [{ topic: 'topic1', partition: 0, offset: 7 }];
    await task.put([record('x', Schemas.STRING, 6)]);
    // Act
    const committable = await task.preCommit(offsets);
    // Assess
    expect(committable).toEqual(offsets);
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('writes to standard output when no file is set', async () => {
    // Prepare
    const stdout = capture();
    const toStdout = new FileStreamSinkTask({ stdout });
    await toStdout.start({});
    // Act
    await toStdout.put([record('line1'), record('line2')]);
    await toStdout.flush([]);
    await toStdout.stop();
    // Assess
    expect(stdout.text()).toBe('line1\nline2\n');
  });

  it('refuses to write after stop instead of falling back to standard output', async () => {
    // Prepare
    const stdout = capture();
    const stopped = new FileStreamSinkTask({ stdout });
    await stopped.start({ file: outputFile });
    await stopped.stop();
    // Act
    const result = stopped.put([record('late')]);
    // Assess
    await expect(result).rejects.toThrow(`FileStreamSinkTask for file '${outputFile}' is not started`);
    expect(stdout.text()).toBe('');
  });

  it('fails to start with Kafka text when the file cannot be created', async () => {
    // Prepare
    const impossible = join(tempDir('file-sink'), 'no-such-dir', 'out.txt');
    const failing = new FileStreamSinkTask();
    // Act
    const result = failing.start({ file: impossible });
    // Assess
    await expect(result).rejects.toThrow(ConnectError);
    await expect(result).rejects.toThrow(`Couldn't find or create file '${impossible}' for FileStreamSinkTask`);
  });
});
