import type { Task } from '../connector/task';
import type { SourceOffset, SourcePartition, SourceRecord } from './source-record';

/** Reads the offsets committed for this connector's source partitions (Kafka's OffsetStorageReader). */
export interface OffsetStorageReader {
  offset(partition: SourcePartition): Promise<SourceOffset | null>;
  /** The offsets of several partitions, in the same order; null where none is stored. */
  offsets(partitions: readonly SourcePartition[]): Promise<(SourceOffset | null)[]>;
}

/** Lets a connector-defined transaction boundary commit or abort (Kafka's TransactionContext). */
export interface TransactionContext {
  commitTransaction(record?: SourceRecord): void;
  abortTransaction(record?: SourceRecord): void;
}

/** Where a record landed in Kafka (Kafka's RecordMetadata). */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number | null;
}

/** What a source task may ask of the runtime (Kafka's SourceTaskContext). */
export interface SourceTaskContext {
  configs(): Readonly<Record<string, string>>;
  offsetStorageReader(): OffsetStorageReader;
  /** Non-null only with exactly.once.support and transaction.boundary=connector. */
  transactionContext(): TransactionContext | null;
}

/**
 * Reads records from an external system (Kafka's SourceTask). poll() returns the next batch, or
 * null/[] when there is nothing now; it should not block for long (the runtime's invocation has a
 * time budget). Offsets in each record's sourceOffset are committed after Kafka acknowledges it.
 */
export abstract class SourceTask implements Task {
  protected context: SourceTaskContext | null = null;

  initialize(context: SourceTaskContext): void {
    this.context = context;
  }

  abstract version(): string;
  abstract start(props: Readonly<Record<string, string>>): void | Promise<void>;
  abstract poll(): Promise<SourceRecord[] | null>;

  /** Called after offsets of acknowledged records were committed. */
  commit(): void | Promise<void> {}

  /** Called for each record once Kafka acknowledged it (metadata) or a transform dropped it (null). */
  commitRecord(_record: SourceRecord, _metadata: RecordMetadata | null): void | Promise<void> {}

  abstract stop(): void | Promise<void>;
}
