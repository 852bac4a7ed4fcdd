import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ConnectError, Schemas, type SourceRecord } from '../../../../shared/api';
import { FileStreamSourceTask, IDLE_WAIT_MS } from '../../../../shared/connectors/file';
import { fakeClock, fakeOffsetReader, sourceTaskContext, tempDir } from './support';

const TOPIC = 'test';

function values(records: SourceRecord[] | null): unknown[] {
  return (records ?? []).map((record) => record.value);
}

function positions(records: SourceRecord[] | null): unknown[] {
  return (records ?? []).map((record) => record.sourceOffset?.position);
}

// Cases follow Kafka's FileStreamSourceTaskTest, with real files; the clock is fake so waits take no time.
describe('FileStreamSourceTask', () => {
  let file: string;
  let config: Record<string, string>;
  let clock: ReturnType<typeof fakeClock>;
  let reader: ReturnType<typeof fakeOffsetReader>;
  let task: FileStreamSourceTask;
  let started: FileStreamSourceTask[];

  /** A task with the fake clock, stopped (its file closed) after the test. */
  function newTask(readChunkBytes?: number): FileStreamSourceTask {
    const created = new FileStreamSourceTask({ clock, ...(readChunkBytes ? { readChunkBytes } : {}) });
    started.push(created);
    return created;
  }

  beforeEach(() => {
    started = [];
    file = join(tempDir('file-source'), 'input.txt');
    writeFileSync(file, '');
    config = { file, topic: TOPIC, 'batch.size': '2000' };
    clock = fakeClock();
    reader = fakeOffsetReader();
    task = newTask();
    task.initialize(sourceTaskContext(reader, config));
  });

  afterEach(async () => {
    for (const each of started) await each.stop();
  });

  it('reads lines as they are appended, splitting on \\n, \\r and \\r\\n, with byte positions as offsets', async () => {
    // Prepare
    task.start(config);
    // Act
    const empty = await task.poll();
    appendFileSync(file, 'partial line');
    const partial = await task.poll();
    appendFileSync(file, ' finished\n');
    const finished = await task.poll();
    const nothingNew = await task.poll();
    appendFileSync(file, 'line1\rline2\r\nline3\nline4\n\r');
    const mixed = await task.poll();
    appendFileSync(file, 'subsequent text');
    const afterTrailingCr = await task.poll();
    await task.stop();
    // Assess
    expect(empty).toBeNull();
    expect(partial).toBeNull();
    expect(values(finished)).toEqual(['partial line finished']);
    expect(finished?.[0]?.sourcePartition).toEqual({ filename: file });
    expect(finished?.[0]?.sourceOffset).toEqual({ position: 22 });
    expect(nothingNew).toBeNull();
    expect(values(mixed)).toEqual(['line1', 'line2', 'line3', 'line4']);
    expect(positions(mixed)).toEqual([28, 35, 41, 47]);
    // The final \r becomes a line only once the next byte shows it is not the start of \r\n.
    expect(values(afterTrailingCr)).toEqual(['']);
    expect(positions(afterTrailingCr)).toEqual([48]);
    expect(reader.lookups).toEqual([{ filename: file }]);
    // Only the polls that found no new bytes at all waited.
    expect(clock.sleeps).toEqual([IDLE_WAIT_MS, IDLE_WAIT_MS]);
  });

  it('makes records like Kafka: the topic, no key, a required string value, the time of reading', async () => {
    // Prepare
    writeFileSync(file, 'hello\n');
    task.start(config);
    // Act
    const records = await task.poll();
    // Assess
    const record = records?.[0];
    expect(record?.topic).toBe(TOPIC);
    expect(record?.kafkaPartition).toBeNull();
    expect(record?.key).toBeNull();
    expect(record?.keySchema).toBeNull();
    expect(record?.valueSchema).toBe(Schemas.STRING);
    expect(record?.timestamp).toBe(clock.now());
  });

  it('waits at most one idle period, without sleeping for real, when there is nothing new', async () => {
    // Prepare
    writeFileSync(file, 'a\n');
    task.start(config);
    // Act
    const first = await task.poll();
    const second = await task.poll();
    // Assess
    expect(values(first)).toEqual(['a']);
    expect(second).toBeNull();
    expect(clock.sleeps).toEqual([IDLE_WAIT_MS]);
    expect(IDLE_WAIT_MS).toBeLessThanOrEqual(1000);
  });

  it('returns at most batch.size records per poll', async () => {
    // Prepare
    const line = 'Neque porro quisquam est qui dolorem ipsum quia dolor sit amet, consectetur, adipisci velit...\n';
    writeFileSync(file, line.repeat(10_000));
    task.start({ ...config, 'batch.size': '5000' });
    // Act
    const first = await task.poll();
    const second = await task.poll();
    const third = await task.poll();
    // Assess
    expect(first).toHaveLength(5000);
    expect(second).toHaveLength(5000);
    expect(third).toBeNull();
    expect(second?.[4999]?.sourceOffset).toEqual({ position: line.length * 10_000 });
  });

  it('reads lines longer than its read buffer, and \\r\\n split across two reads', async () => {
    // Prepare
    const long = '*'.repeat(1025);
    writeFileSync(file, `1\n3 \n${long}\nab\r\ncd\n`);
    const smallReads = newTask(2);
    smallReads.initialize(sourceTaskContext(reader, config));
    smallReads.start(config);
    // Act
    const records = await smallReads.poll();
    // Assess
    expect(values(records)).toEqual(['1', '3 ', long, 'ab', 'cd']);
    expect(positions(records)).toEqual([2, 5, 1031, 1035, 1038]);
  });

  it('resumes from the position stored for its file', async () => {
    // Prepare
    writeFileSync(file, 'first\nsecond\nthird\n');
    reader = fakeOffsetReader({ [file]: { position: 6 } });
    task.initialize(sourceTaskContext(reader, config));
    task.start(config);
    // Act
    const records = await task.poll();
    // Assess
    expect(values(records)).toEqual(['second', 'third']);
    expect(positions(records)).toEqual([13, 19]);
    expect(reader.lookups).toEqual([{ filename: file }]);
  });

  it('picks up where a previous task stopped, as the next invocation does', async () => {
    // Prepare
    writeFileSync(file, 'one\ntwo\n');
    task.start(config);
    const firstRun = await task.poll();
    await task.stop();
    appendFileSync(file, 'three\n');
    const lastPosition = firstRun?.at(-1)?.sourceOffset ?? null;
    const next = newTask();
    next.initialize(sourceTaskContext(fakeOffsetReader({ [file]: lastPosition }), config));
    next.start(config);
    // Act
    const secondRun = await next.poll();
    // Assess
    expect(values(firstRun)).toEqual(['one', 'two']);
    expect(values(secondRun)).toEqual(['three']);
    expect(positions(secondRun)).toEqual([14]);
  });

  it('counts positions in bytes, so it resumes exactly after multi-byte UTF-8 lines', async () => {
    // Prepare
    writeFileSync(file, 'é\n€uro\n😀\n', 'utf8');
    task.start(config);
    const all = await task.poll();
    const resumed = newTask();
    resumed.initialize(sourceTaskContext(fakeOffsetReader({ [file]: all?.[0]?.sourceOffset ?? null }), config));
    resumed.start(config);
    // Act
    const rest = await resumed.poll();
    // Assess
    expect(values(all)).toEqual(['é', '€uro', '😀']);
    expect(positions(all)).toEqual([3, 10, 15]);
    expect(values(rest)).toEqual(['€uro', '😀']);
  });

  it('accepts a stored position given as a bigint', async () => {
    // Prepare
    writeFileSync(file, 'a\nb\n');
    task.initialize(sourceTaskContext(fakeOffsetReader({ [file]: { position: 2n } }), config));
    task.start(config);
    // Act
    const records = await task.poll();
    // Assess
    expect(values(records)).toEqual(['b']);
  });

  it('fails on a stored position that is not an integer, with Kafka text', async () => {
    // Prepare
    task.initialize(sourceTaskContext(fakeOffsetReader({ [file]: { position: '10' } }), config));
    task.start(config);
    // Act
    const result = task.poll();
    // Assess
    await expect(result).rejects.toThrow(ConnectError);
    await expect(result).rejects.toThrow('Offset position is the incorrect type');
  });

  it('waits for a missing file, returning null, and reads it once it appears', async () => {
    // Prepare
    const later = join(tempDir('file-source'), 'later.txt');
    const props = { ...config, file: later };
    task.initialize(sourceTaskContext(reader, props));
    task.start(props);
    // Act
    const beforeCreation = [await task.poll(), await task.poll(), await task.poll()];
    writeFileSync(later, 'finally\n');
    const afterCreation = await task.poll();
    // Assess
    expect(beforeCreation).toEqual([null, null, null]);
    expect(clock.sleeps).toEqual([IDLE_WAIT_MS, IDLE_WAIT_MS, IDLE_WAIT_MS]);
    expect(values(afterCreation)).toEqual(['finally']);
    expect(reader.lookups).toEqual([{ filename: later }]);
  });

  it('rejects a config without a file, as there is no standard input in a serverless task', () => {
    // Prepare
    const { file: _file, ...withoutFile } = config;
    // Act
    const act = () => task.start(withoutFile);
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(
      "The standard input is not available to serverless source tasks; set 'file' to the path of the file to read",
    );
  });

  it('rejects an invalid config', () => {
    // Act
    const act = () => task.start({ ...config, 'batch.size': 'abcd' });
    // Assess
    expect(act).toThrow(ConfigError);
  });

  it('is named and versioned as Kafka task', () => {
    // Assess
    expect(FileStreamSourceTask.className).toBe('org.apache.kafka.connect.file.FileStreamSourceTask');
    expect(task.version()).toBe('3.9.0');
  });
});
