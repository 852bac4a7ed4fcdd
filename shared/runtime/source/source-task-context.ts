import type {
  OffsetStorageReader,
  SourceOffset,
  SourcePartition,
  SourceTaskContext,
  TransactionContext,
} from '../../api';
import type { OffsetStore } from '../../stores';

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
