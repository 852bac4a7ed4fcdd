import { type FileHandle, open } from 'node:fs/promises';
import {
  AbstractConfig,
  type Clock,
  ConfigError,
  ConnectError,
  Schemas,
  SourceRecord,
  SourceTask,
  systemClock,
} from '../../api';
import {
  FILE_CONFIG,
  FILENAME_FIELD,
  NO_STDIN_MESSAGE,
  POSITION_FIELD,
  SOURCE_CONFIG_DEF,
  TASK_BATCH_SIZE_CONFIG,
  TOPIC_CONFIG,
  VERSION,
} from './file-stream-config';

/** How long poll() waits when there is nothing new, or no file yet: Kafka's wait(1000), bounded for a time-boxed invocation. */
export const IDLE_WAIT_MS = 1000;
const READ_CHUNK_BYTES = 64 * 1024;
const LF = 0x0a;
const CR = 0x0d;

export interface FileStreamSourceTaskOptions {
  /** Where poll() waits; tests pass a fake clock so they never sleep. */
  clock?: Clock;
  /** Bytes read from the file per read call. */
  readChunkBytes?: number;
}

/**
 * Reads lines appended to a file (Kafka's FileStreamSourceTask). Each line (its terminator `\n`,
 * `\r` or `\r\n` removed) becomes a record with a required STRING value, no key, the partition
 * `{filename}` and the offset `{position}`: where the next line starts.
 *
 * Positions count **bytes**, not characters. Kafka counts characters but seeks with
 * InputStream#skip, which counts bytes, so Kafka resumes at the wrong place after a multi-byte
 * UTF-8 character; counting bytes makes the stored position exactly where reading resumes. For
 * ASCII files the two are the same, so offsets stored by Kafka carry over.
 *
 * The task suits a serverless invocation: poll() never blocks for long. It reads what the file has
 * now (up to batch.size lines), and when there is nothing new, or the file does not exist yet, it
 * waits at most IDLE_WAIT_MS and returns null. A new instance (a new invocation) resumes from the
 * committed position that the offset reader gives. A line still missing its terminator waits for
 * it, as does a trailing `\r` (it may be the start of `\r\n`). A file truncated or replaced below
 * the stored position is not detected, as in Kafka: reading resumes once it grows past it.
 */
export class FileStreamSourceTask extends SourceTask {
  static readonly className = 'org.apache.kafka.connect.file.FileStreamSourceTask';

  private readonly clock: Clock;
  private readonly chunk: Buffer;
  private filename = '';
  private topic = '';
  private batchSize = 0;
  private handle: FileHandle | null = null;
  /** The next byte of the file to read. */
  private readPosition = 0;
  /** Where the next line starts: the offset of the last line handed out. */
  private streamOffset = 0;
  /** Bytes read but not yet handed out as lines. */
  private pending: Buffer = Buffer.alloc(0);
  private stopped = false;

  constructor(options: FileStreamSourceTaskOptions = {}) {
    super();
    this.clock = options.clock ?? systemClock;
    this.chunk = Buffer.alloc(options.readChunkBytes ?? READ_CHUNK_BYTES);
  }

  version(): string {
    return VERSION;
  }

  /** @throws ConfigError for an invalid config, or when `file` is unset (no standard input here). */
  start(props: Readonly<Record<string, string>>): void {
    const config = new AbstractConfig(SOURCE_CONFIG_DEF, props);
    const filename = config.getString(FILE_CONFIG);
    if (!filename) throw new ConfigError(NO_STDIN_MESSAGE, { key: FILE_CONFIG });
    this.filename = filename;
    this.topic = config.getString(TOPIC_CONFIG) as string;
    this.batchSize = config.getInt(TASK_BATCH_SIZE_CONFIG) as number;
    this.stopped = false;
  }

  /**
   * The next lines, at most batch.size, or null when there is none now.
   * @throws ConnectError when the file cannot be opened or read, or the stored offset is invalid.
   */
  async poll(): Promise<SourceRecord[] | null> {
    if (!this.handle && !(await this.openFile())) {
      await this.clock.sleep(IDLE_WAIT_MS);
      return null;
    }
    const records: SourceRecord[] = [];
    this.extractLines(records);
    let readAny = false;
    while (records.length < this.batchSize && !this.stopped) {
      const bytesRead = await this.readChunk();
      if (bytesRead === 0) break;
      readAny = true;
      this.readPosition += bytesRead;
      this.pending = Buffer.concat([this.pending, this.chunk.subarray(0, bytesRead)]);
      this.extractLines(records);
    }
    if (records.length > 0) return records;
    if (!readAny && !this.stopped) await this.clock.sleep(IDLE_WAIT_MS);
    return null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  /** Opens the file and seeks to the stored position; false when the file does not exist yet. */
  private async openFile(): Promise<boolean> {
    let handle: FileHandle;
    try {
      handle = await open(this.filename, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new ConnectError(`Error while trying to open file ${this.filename}`, { cause: err });
    }
    try {
      const position = await this.storedPosition();
      this.readPosition = position;
      this.streamOffset = position;
      this.pending = Buffer.alloc(0);
    } catch (err) {
      await handle.close();
      throw err;
    }
    this.handle = handle;
    return true;
  }

  private async storedPosition(): Promise<number> {
    if (!this.context) throw new ConnectError('FileStreamSourceTask was not initialized with a SourceTaskContext');
    const offset = await this.context.offsetStorageReader().offset({ [FILENAME_FIELD]: this.filename });
    const position = offset?.[POSITION_FIELD];
    if (position === null || position === undefined) return 0;
    const asNumber = typeof position === 'bigint' ? Number(position) : position;
    if (typeof asNumber !== 'number' || !Number.isSafeInteger(asNumber)) {
      throw new ConnectError('Offset position is the incorrect type');
    }
    if (asNumber < 0) {
      throw new ConnectError(`The value for the '${POSITION_FIELD}' key in the offset should be a non-negative value`);
    }
    return asNumber;
  }

  private async readChunk(): Promise<number> {
    const handle = this.handle;
    if (!handle) return 0;
    try {
      const { bytesRead } = await handle.read(this.chunk, 0, this.chunk.length, this.readPosition);
      return bytesRead;
    } catch (err) {
      // stop() closed the file under a running poll: nothing more to read, as Kafka returns null.
      if (this.stopped) return 0;
      throw new ConnectError(`Error while reading file ${this.filename}`, { cause: err });
    }
  }

  /** Moves complete lines from `pending` into records, stopping at batch.size (Kafka's extractLine loop). */
  private extractLines(records: SourceRecord[]): void {
    const bytes = this.pending;
    let lineStart = 0;
    let i = 0;
    while (i < bytes.length && records.length < this.batchSize) {
      const b = bytes[i];
      if (b !== LF && b !== CR) {
        i++;
        continue;
      }
      // A `\r` as the last byte read may be the first half of `\r\n`: wait for the next byte.
      if (b === CR && i + 1 >= bytes.length) break;
      const next = b === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
      this.streamOffset += next - lineStart;
      records.push(this.record(bytes.toString('utf8', lineStart, i)));
      lineStart = next;
      i = next;
    }
    if (lineStart > 0) this.pending = bytes.subarray(lineStart);
  }

  private record(line: string): SourceRecord {
    return new SourceRecord({
      sourcePartition: { [FILENAME_FIELD]: this.filename },
      sourceOffset: { [POSITION_FIELD]: this.streamOffset },
      topic: this.topic,
      kafkaPartition: null,
      keySchema: null,
      key: null,
      valueSchema: Schemas.STRING,
      value: line,
      timestamp: this.clock.now(),
    });
  }
}
