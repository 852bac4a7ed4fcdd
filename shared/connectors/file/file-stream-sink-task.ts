import { type FileHandle, open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import {
  AbstractConfig,
  ConnectError,
  javaToString,
  type SinkRecord,
  SinkTask,
  type TopicPartitionOffset,
} from '../../api';
import { FILE_CONFIG, SINK_CONFIG_DEF, VERSION } from './file-stream-config';

export interface FileStreamSinkTaskOptions {
  /** Where records go when `file` is unset; the process's standard output by default. */
  stdout?: Writable;
}

/**
 * Appends each record's value to a file, one per line, UTF-8 (Kafka's FileStreamSinkTask). The line
 * is what Kafka's `PrintStream#println(record.value())` prints, Java's String.valueOf: a string as
 * it is, a Struct as `Struct{a=1,b=x}`, a map as `{k=v}`, a list as `[a, b]`, null as `null`;
 * the record's value schema decides how numbers print (1 as FLOAT64 is `1.0`).
 *
 * put() appends a batch's lines to the file (O_APPEND) in one call; Node splits only batches over
 * 512 KiB into several writes, so tasks sharing a file interleave by batch, not inside a line, below
 * that size. flush() fsyncs, so when it returns the lines are durable: the serverless sink commits
 * the consumer offsets right after preCommit(). With no `file`, lines go to standard output, which
 * in Lambda is the function's CloudWatch log.
 */
export class FileStreamSinkTask extends SinkTask {
  static readonly className = 'org.apache.kafka.connect.file.FileStreamSinkTask';

  private readonly stdout: Writable;
  private filename: string | null = null;
  private handle: FileHandle | null = null;

  constructor(options: FileStreamSinkTaskOptions = {}) {
    super();
    this.stdout = options.stdout ?? process.stdout;
  }

  version(): string {
    return VERSION;
  }

  /** @throws ConnectError (Kafka's text) when the file cannot be opened or created. */
  async start(props: Readonly<Record<string, string>>): Promise<void> {
    const config = new AbstractConfig(SINK_CONFIG_DEF, props);
    this.filename = config.getString(FILE_CONFIG) || null;
    if (!this.filename) return;
    try {
      this.handle = await open(this.filename, 'a');
    } catch (err) {
      throw new ConnectError(`Couldn't find or create file '${this.filename}' for FileStreamSinkTask`, { cause: err });
    }
  }

  /** @throws ConnectError when the lines cannot be written. */
  async put(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const text = records.map((record) => `${javaToString(javaValue(record.value), record.valueSchema)}\n`).join('');
    if (!this.filename) {
      await writeToStream(this.stdout, text);
      return;
    }
    if (!this.handle) throw new ConnectError(`FileStreamSinkTask for file '${this.filename}' is not started`);
    try {
      await this.handle.appendFile(text, 'utf8');
    } catch (err) {
      throw new ConnectError(`Couldn't write to file '${this.filename}' for FileStreamSinkTask`, { cause: err });
    }
  }

  /** Makes every line written so far durable (fsync). */
  override async flush(_currentOffsets: readonly TopicPartitionOffset[]): Promise<void> {
    if (!this.handle) return;
    try {
      await this.handle.sync();
    } catch (err) {
      throw new ConnectError(`Couldn't flush file '${this.filename}' for FileStreamSinkTask`, { cause: err });
    }
  }

  async stop(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }
}

/**
 * A plain object is a schemaless map that did not come as a Map (e.g. from a transformation):
 * print it as Java prints a Map, `{k=v}`, rather than JavaScript's "[object Object]".
 */
function javaValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(javaValue);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [javaValue(k), javaValue(v)]));
  if (isPlainObject(value)) return new Map(Object.entries(value).map(([k, v]) => [k, javaValue(v)]));
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function writeToStream(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, 'utf8', (err) =>
      err ? reject(new ConnectError("Couldn't write to standard output", { cause: err })) : resolve(),
    );
  });
}
