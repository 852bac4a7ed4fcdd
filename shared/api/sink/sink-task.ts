import type { Task } from '../connector/task';
import type { TopicPartition, TopicPartitionOffset } from '../connector/topic-partition';
import type { SinkRecord } from './sink-record';

/** Reports a record the task could not write, to the dead letter queue (Kafka's ErrantRecordReporter). */
export interface ErrantRecordReporter {
  /** Resolves when the report is durable; rejects when it cannot be made and the task must fail. */
  report(record: SinkRecord, error: Error): Promise<void>;
}

/** What a sink task may ask of the runtime (Kafka's SinkTaskContext). */
export interface SinkTaskContext {
  configs(): Readonly<Record<string, string>>;
  /** Rewinds (or skips) consumption of these partitions to the given offsets. */
  offsets(offsets: readonly TopicPartitionOffset[]): void;
  /** Asks for the current batch to be redelivered after `timeoutMs` (used with RetriableError). */
  timeout(timeoutMs: number): void;
  assignment(): readonly TopicPartition[];
  pause(...partitions: TopicPartition[]): void;
  resume(...partitions: TopicPartition[]): void;
  requestCommit(): void;
  /** The DLQ reporter when errors.tolerance and a DLQ are configured, else null. */
  errantRecordReporter(): ErrantRecordReporter | null;
}

/**
 * Writes records from Kafka to an external system (Kafka's SinkTask). put() may buffer; the runtime
 * commits consumer offsets only after preCommit() (by default flush()) says what is durable.
 * Throw RetriableError from put() for a temporary failure: the runtime retries the same batch.
 */
export abstract class SinkTask implements Task {
  /** Set in a task config by the framework: the topics, comma-separated. */
  static readonly TOPICS_CONFIG = 'topics';
  static readonly TOPICS_REGEX_CONFIG = 'topics.regex';

  protected context: SinkTaskContext | null = null;

  initialize(context: SinkTaskContext): void {
    this.context = context;
  }

  abstract version(): string;
  abstract start(props: Readonly<Record<string, string>>): void | Promise<void>;

  /** Writes (or buffers) a batch; records of one partition arrive in offset order. */
  abstract put(records: readonly SinkRecord[]): void | Promise<void>;

  /** Makes everything put so far durable. */
  flush(_currentOffsets: readonly TopicPartitionOffset[]): void | Promise<void> {}

  /** The offsets safe to commit; the default flushes and returns them all. */
  async preCommit(currentOffsets: readonly TopicPartitionOffset[]): Promise<readonly TopicPartitionOffset[]> {
    await this.flush(currentOffsets);
    return currentOffsets;
  }

  open(_partitions: readonly TopicPartition[]): void | Promise<void> {}
  close(_partitions: readonly TopicPartition[]): void | Promise<void> {}
  abstract stop(): void | Promise<void>;
}
