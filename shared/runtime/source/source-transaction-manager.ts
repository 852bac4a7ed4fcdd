import {
  type Clock,
  ConnectError,
  type OffsetStorageReader,
  type RecordMetadata,
  type SourceOffset,
  type SourcePartition,
  type SourceRecord,
} from '../../api';
import { TransactionBoundary } from '../../config';
import {
  type ExactlyOnceKafka,
  offsetsTopicRecord,
  ProducerFencedError,
  type ProducerRecord,
  type TransactionalProducer,
} from '../../kafka';
import type { ConnectorTaskId } from '../../stores';
import { type ExactlyOnceSettings, type TransactionRequest, WorkerTransactionContext } from './exactly-once';
import { SnapshotOffsetReader } from './source-task-context';

/** One polled record on its way to Kafka: what it converted to, or null when it was dropped. */
export interface DispatchedRecord {
  readonly record: SourceRecord;
  readonly converted: ProducerRecord | null;
}

/** What a committed transaction held, for the work that follows a commit. */
export interface CommittedTransaction {
  /** Every record since the last commit, in order; metadata null for a dropped (or aborted) record. */
  readonly records: ReadonlyArray<{ readonly record: SourceRecord; readonly metadata: RecordMetadata | null }>;
  /** The last offset of each source partition, as written to the offsets topic. */
  readonly offsets: ReadonlyArray<{ readonly partition: SourcePartition; readonly offset: SourceOffset }>;
  /** The topics records were written to. */
  readonly topics: ReadonlySet<string>;
}

/** What the source loop does around transactions. */
export interface TransactionHooks {
  /** Creates a topic before the first record to it (topic.creation.*). */
  ensureTopic(topic: string): Promise<void>;
  /**
   * After a commit, in Kafka's order: mirror the offsets to the offset store (fenced by the
   * lease), task.commitRecord() per record, then task.commit().
   */
  committed(transaction: CommittedTransaction): Promise<void>;
}

/** Records and offsets since the last commit. */
interface PendingTransaction {
  readonly records: { record: SourceRecord; metadata: RecordMetadata | null }[];
  readonly offsets: Map<string, { partition: SourcePartition; offset: SourceOffset }>;
  readonly topics: Set<string>;
}

/**
 * The transactions of one exactly-once source task (Kafka's ExactlyOnceWorkerSourceTask with its
 * TransactionBoundaryManager): the task's records and their source offsets go to Kafka in one
 * transaction per poll batch, per interval, or as the connector asks, the offsets as records of
 * the offsets topic; read_committed consumers see a transaction's records exactly when its
 * offsets are committed. The offset store only mirrors the offsets topic, after each commit.
 */
export class SourceTransactionManager {
  private pending: PendingTransaction | null = null;
  private hooks: TransactionHooks | null = null;
  /** Whether Kafka's transaction is open (records may be pending without it after an abort). */
  private transactionOpen = false;
  private lastCommitAt: number;

  private constructor(
    private readonly id: ConnectorTaskId,
    readonly settings: ExactlyOnceSettings,
    private readonly producer: TransactionalProducer,
    /** The task's OffsetStorageReader: the offsets topic as read at start, then this task's commits. */
    readonly reader: SnapshotOffsetReader,
    /** The task's TransactionContext, with transaction.boundary=connector only. */
    readonly context: WorkerTransactionContext | null,
    private readonly clock: Clock,
  ) {
    this.lastCommitAt = clock.now();
  }

  /**
   * Starts as Kafka's ExactlyOnceWorkerSourceTask does: initTransactions() first, which fences any
   * older producer of this task (a zombie invocation) and aborts the transaction it left open;
   * only then is the offsets topic read to its end, so nothing can be committed behind the read.
   * `earlier` are the transactional ids of the connector's other tasks last run by an earlier
   * config generation (or no longer in it): they are fenced too, as Kafka's herder fences a
   * previous generation's tasks before starting new ones, since their source partitions may now
   * belong to this task.
   * Offsets of partitions the topic does not have come from `fallback` (the offset store).
   */
  static async start(
    kafka: ExactlyOnceKafka,
    id: ConnectorTaskId,
    settings: ExactlyOnceSettings,
    fallback: OffsetStorageReader,
    clock: Clock,
    earlier: readonly string[] = [],
  ): Promise<SourceTransactionManager> {
    const producer = await kafka.transactionalProducer(settings.transactionalId, {
      transactionTimeoutMs: settings.transactionTimeoutMs,
    });
    try {
      await producer.initTransactions();
      for (const transactionalId of earlier) {
        const zombie = await kafka.transactionalProducer(transactionalId);
        try {
          await zombie.initTransactions();
        } finally {
          await zombie.close();
        }
      }
      await kafka.offsetsTopic.ensure(settings.offsetsTopic);
      const entries = await kafka.offsetsTopic.read(settings.offsetsTopic, id.connector);
      const context = settings.boundary === TransactionBoundary.CONNECTOR ? new WorkerTransactionContext() : null;
      return new SourceTransactionManager(
        id,
        settings,
        producer,
        new SnapshotOffsetReader(entries, fallback),
        context,
        clock,
      );
    } catch (err) {
      await producer.close().catch(() => {});
      throw err;
    }
  }

  /**
   * A new invocation enters the send loop with what it does around commits; the interval restarts
   * (Kafka's TransactionBoundaryManager#initialize).
   */
  resume(hooks: TransactionHooks): void {
    this.hooks = hooks;
    this.lastCommitAt = this.clock.now();
  }

  /**
   * Sends one poll batch within the open transaction (beginning one if needed). With connector
   * boundaries, a commit or abort the task asked for after one of the records ends the
   * transaction right after that record.
   */
  async dispatch(batch: readonly DispatchedRecord[]): Promise<void> {
    let segment: DispatchedRecord[] = [];
    for (const item of batch) {
      segment.push(item);
      const request = this.context?.requestAfter(item.record) ?? null;
      if (request) {
        await this.send(segment);
        segment = [];
        await this.end(request);
      }
    }
    await this.send(segment);
  }

  /** After each poll (with or without records): commit when the transaction boundary says so. */
  async batchDispatched(): Promise<void> {
    switch (this.settings.boundary) {
      case TransactionBoundary.POLL:
        return this.commit();
      case TransactionBoundary.INTERVAL: {
        const now = this.clock.now();
        if (now < this.lastCommitAt + this.settings.intervalMs) return;
        this.lastCommitAt = now;
        return this.commit();
      }
      default: {
        const request = this.context?.requestAfterBatch() ?? null;
        if (request) await this.end(request);
      }
    }
  }

  /**
   * The invocation ends: poll and interval boundaries commit what is pending (Kafka's final
   * commit). A connector-defined transaction is committed only when the connector asked; one it
   * left open is aborted, since a transaction cannot outlive the invocation.
   * @returns false when a transaction was aborted so: the task's position is past records that
   * were never committed, so it must restart from its committed offsets.
   */
  async finish(): Promise<boolean> {
    if (this.settings.boundary !== TransactionBoundary.CONNECTOR) {
      await this.commit();
      return true;
    }
    await this.batchDispatched();
    if (!this.pending) return true;
    await this.abort();
    this.pending = null;
    return false;
  }

  /** Aborts an open transaction (best effort: a fenced producer's is aborted by the broker) and closes the producer. */
  async close(): Promise<void> {
    try {
      if (this.transactionOpen) await this.producer.abortTransaction();
    } catch {
      // Fenced or disconnected: the broker aborts it (on the next initTransactions or its timeout).
    } finally {
      this.transactionOpen = false;
      this.pending = null;
      await this.producer.close();
    }
  }

  private async begin(): Promise<PendingTransaction> {
    if (!this.transactionOpen) {
      await this.producer.beginTransaction();
      this.transactionOpen = true;
    }
    this.pending ??= { records: [], offsets: new Map(), topics: new Set() };
    return this.pending;
  }

  private async send(items: readonly DispatchedRecord[]): Promise<void> {
    if (items.length === 0) return;
    const toProduce = items.flatMap((item) => (item.converted ? [item.converted] : []));
    const topics = new Set(toProduce.map((r) => r.topic));
    if (topics.has(this.settings.offsetsTopic)) {
      // Kafka's message: such a record would deadlock the task's next read of its offsets topic.
      throw new ConnectError(
        'Source tasks may not produce to their own offsets topics when exactly-once support is enabled',
      );
    }
    for (const topic of topics) await this.hooked().ensureTopic(topic);
    const pending = await this.begin();
    let acks: Awaited<ReturnType<TransactionalProducer['send']>> = [];
    try {
      acks = await this.producer.send(toProduce);
    } catch (err) {
      if (err instanceof ProducerFencedError) throw err;
      throw new ConnectError('Unrecoverable exception trying to send', { cause: err });
    }
    let next = 0;
    for (const { record, converted } of items) {
      const ack = converted ? acks[next++] : undefined;
      pending.records.push({
        record,
        metadata: ack ? { topic: ack.topic, partition: ack.partition, offset: ack.offset, timestamp: null } : null,
      });
      // Offsets of dropped records too, as the at-least-once path commits them.
      if (record.sourcePartition && record.sourceOffset) {
        pending.offsets.set(JSON.stringify(record.sourcePartition), {
          partition: { ...record.sourcePartition },
          offset: { ...record.sourceOffset },
        });
      }
    }
    for (const topic of topics) pending.topics.add(topic);
  }

  private async end(request: TransactionRequest): Promise<void> {
    // Kafka aborts the records but still commits the offsets, so the task does not see the same
    // records all over again.
    if (request === 'abort') await this.abort();
    await this.commit();
  }

  /** Aborts Kafka's transaction; the pending records become dropped ones, their offsets stay pending. */
  private async abort(): Promise<void> {
    if (this.transactionOpen) {
      this.transactionOpen = false;
      await this.producer.abortTransaction();
    }
    if (!this.pending) return;
    for (const entry of this.pending.records) entry.metadata = null;
    this.pending.topics.clear();
  }

  /** Writes the pending offsets into the transaction, commits it, then runs the hooks. */
  private async commit(): Promise<void> {
    if (!this.pending) return;
    const pending = await this.begin();
    const offsets = [...pending.offsets.values()];
    try {
      await this.producer.send(
        offsets.map((o) => offsetsTopicRecord(this.settings.offsetsTopic, this.id.connector, o.partition, o.offset)),
      );
      await this.producer.commitTransaction();
    } catch (err) {
      if (err instanceof ProducerFencedError) throw err;
      throw new ConnectError(`Failed to flush offsets and/or records for task ${this.id.connector}-${this.id.task}`, {
        cause: err,
      });
    }
    this.transactionOpen = false;
    this.pending = null;
    this.reader.update(offsets);
    await this.hooked().committed({ records: pending.records, offsets, topics: pending.topics });
  }

  private hooked(): TransactionHooks {
    if (!this.hooks) throw new ConnectError('SourceTransactionManager used before resume()');
    return this.hooks;
  }
}
