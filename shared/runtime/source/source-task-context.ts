import type {
  OffsetStorageReader,
  SourceOffset,
  SourcePartition,
  SourceTaskContext,
  TransactionContext,
} from '../../api';
import { canonicalPartition, type OffsetStore } from '../../stores';

/** Reads a connector's committed source offsets from the offset store (Kafka's OffsetStorageReaderImpl). */
export class StoreOffsetReader implements OffsetStorageReader {
  constructor(
    private readonly store: OffsetStore,
    private readonly connector: string,
  ) {}

  async offset(partition: SourcePartition): Promise<SourceOffset | null> {
    const [offset] = await this.store.read(this.connector, [partition]);
    return offset ?? null;
  }

  offsets(partitions: readonly SourcePartition[]): Promise<(SourceOffset | null)[]> {
    return this.store.read(this.connector, partitions);
  }
}

/**
 * The offsets of an exactly-once task: those its offsets topic held when the task started (read
 * with isolation read_committed to the end), then what the task committed since; partitions the
 * topic never had come from `fallback` (the offset store, e.g. offsets written before the
 * connector required exactly-once). A tombstone in the topic means no offset (no fallback).
 */
export class SnapshotOffsetReader implements OffsetStorageReader {
  /** Canonical partition JSON -> offset (null: reset). */
  private readonly snapshot = new Map<string, SourceOffset | null>();

  constructor(
    entries: Iterable<{ partition: SourcePartition; offset: SourceOffset | null }>,
    private readonly fallback: OffsetStorageReader,
  ) {
    this.update(entries);
  }

  /**
   * Applies entries in order (a later one for a partition wins), e.g. those of a committed
   * transaction. A partition that is not a map of primitives (written by someone else) is skipped.
   */
  update(entries: Iterable<{ partition: SourcePartition; offset: SourceOffset | null }>): void {
    for (const { partition, offset } of entries) {
      let key: string;
      try {
        key = canonicalPartition(partition);
      } catch {
        continue;
      }
      this.snapshot.set(key, offset);
    }
  }

  async offset(partition: SourcePartition): Promise<SourceOffset | null> {
    const [offset] = await this.offsets([partition]);
    return offset ?? null;
  }

  async offsets(partitions: readonly SourcePartition[]): Promise<(SourceOffset | null)[]> {
    const keys = partitions.map((partition) => canonicalPartition(partition));
    const missing = partitions.filter((_, i) => !this.snapshot.has(keys[i] as string));
    const fromFallback = missing.length === 0 ? [] : await this.fallback.offsets(missing);
    let next = 0;
    return keys.map((key) =>
      this.snapshot.has(key) ? (this.snapshot.get(key) ?? null) : (fromFallback[next++] ?? null),
    );
  }
}

export class ServerlessSourceTaskContext implements SourceTaskContext {
  constructor(
    private readonly taskConfig: Readonly<Record<string, string>>,
    private readonly reader: OffsetStorageReader,
    private readonly transactions: TransactionContext | null = null,
  ) {}

  configs(): Readonly<Record<string, string>> {
    return this.taskConfig;
  }

  offsetStorageReader(): OffsetStorageReader {
    return this.reader;
  }

  transactionContext(): TransactionContext | null {
    return this.transactions;
  }
}
