import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { KafkaApiError, StorageError } from '../errors';
import { readFileIfExists, writeFileAtomic } from '../files';
import type { GroupCoordinator } from '../groups';
import type { LogManager } from '../log';
import type { BrokerLogger } from '../logger';
import { ControlType, ErrorCode } from '../protocol';
import { ProducerIdManager } from './producer-ids';

/** Kafka's transaction states; the Prepare* states pass within one call here, since markers are written at once. */
export const TransactionState = {
  EMPTY: 'Empty',
  ONGOING: 'Ongoing',
  COMPLETE_COMMIT: 'CompleteCommit',
  COMPLETE_ABORT: 'CompleteAbort',
} as const;
export type TransactionState = (typeof TransactionState)[keyof typeof TransactionState];

interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

interface TransactionMetadata {
  readonly transactionalId: string;
  producerId: number;
  producerEpoch: number;
  timeoutMs: number;
  state: TransactionState;
  partitions: TopicPartition[];
  groups: string[];
  startedAt: number;
}

export interface TransactionCoordinatorOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logger: BrokerLogger;
  readonly logs: LogManager;
  readonly groups: GroupCoordinator;
  /** transaction.max.timeout.ms (Kafka: 900000). */
  readonly maxTimeoutMs?: number;
  /** transaction.abort.timed.out.transaction.cleanup.interval.ms (Kafka: 10000). */
  readonly abortCheckIntervalMs?: number;
}

export interface ProducerIdAndEpoch {
  readonly errorCode: number;
  readonly producerId: number;
  readonly producerEpoch: number;
}

/** Beyond this epoch a producer gets a new id instead of a bumped epoch (Kafka: Short.MaxValue - 1). */
const MAX_EPOCH = 32766;

/**
 * The transaction coordinator (Kafka's TransactionCoordinator), for one broker that is also the leader
 * of every partition: EndTxn writes the COMMIT or ABORT markers into the partitions at once and
 * commits or drops the transaction's staged group offsets. Producer ids and the state of every
 * transactional id persist (`transactions.json`); a transaction left open by a restart is aborted at
 * start-up with a bumped epoch, so its producer is fenced rather than committing half of it. Open
 * transactions past their timeout are aborted the same way.
 *
 * Errors for a stale epoch are PRODUCER_FENCED; handlers turn that into INVALID_PRODUCER_EPOCH for the
 * request versions that predate it (KIP-588).
 */
export class TransactionCoordinator {
  private readonly transactions = new Map<string, TransactionMetadata>();
  private readonly byProducerId = new Map<number, TransactionMetadata>();
  private readonly producerIds: ProducerIdManager;
  private readonly statePath: string;
  private readonly maxTimeoutMs: number;
  private readonly clock: Clock;
  private readonly logger: BrokerLogger;
  private cancelCheck: () => void = () => {};
  private closed = false;

  constructor(private readonly options: TransactionCoordinatorOptions) {
    this.clock = options.clock;
    this.logger = options.logger;
    this.maxTimeoutMs = options.maxTimeoutMs ?? 900_000;
    const dir = join(options.dataDir, 'transactions');
    mkdirSync(dir, { recursive: true });
    this.statePath = join(dir, 'transactions.json');
    this.producerIds = new ProducerIdManager(join(dir, 'producer-ids.json'));
    this.load();
    this.scheduleCheck(options.abortCheckIntervalMs ?? 10_000);
  }

  private load(): void {
    const text = readFileIfExists(this.statePath);
    if (text === undefined) return;
    let saved: TransactionMetadata[];
    try {
      saved = JSON.parse(text) as TransactionMetadata[];
    } catch (err) {
      throw new StorageError(`Cannot read ${this.statePath}`, { cause: err });
    }
    for (const txn of saved) this.track(txn);
    for (const txn of this.transactions.values()) {
      if (txn.state === TransactionState.ONGOING) this.abortAndFence(txn, 'open when the broker stopped');
    }
  }

  private track(txn: TransactionMetadata): void {
    this.transactions.set(txn.transactionalId, txn);
    this.byProducerId.set(txn.producerId, txn);
  }

  private save(): void {
    writeFileAtomic(this.statePath, JSON.stringify([...this.transactions.values()]));
  }

  private scheduleCheck(intervalMs: number): void {
    this.cancelCheck = this.clock.schedule(intervalMs, () => {
      if (this.closed) return;
      this.abortTimedOut();
      this.scheduleCheck(intervalMs);
    });
  }

  /** Aborts every open transaction older than its timeout; public so tests can run it on a manual clock. */
  abortTimedOut(): void {
    const now = this.clock.now();
    for (const txn of this.transactions.values()) {
      if (txn.state === TransactionState.ONGOING && now - txn.startedAt > txn.timeoutMs) {
        this.abortAndFence(txn, `timed out after ${txn.timeoutMs} ms`);
      }
    }
  }

  /** Aborts with a bumped epoch, so that the producer that opened the transaction is fenced. */
  private abortAndFence(txn: TransactionMetadata, reason: string): void {
    if (txn.producerEpoch < MAX_EPOCH) txn.producerEpoch++;
    this.logger.warn('aborting transaction', { transactionalId: txn.transactionalId, reason });
    this.complete(txn, false);
  }

  /**
   * InitProducerId. Without a transactional id: a new producer id (idempotence only). With one: the
   * id's producer id and a bumped epoch, which fences older producers of that transactional id, after
   * aborting whatever transaction they left open. v3+ may name the producer id and epoch the caller
   * had, to resume after an error (KIP-360); anything else is fenced.
   */
  initProducerId(
    transactionalId: string | null,
    timeoutMs: number,
    producerId: number,
    producerEpoch: number,
  ): ProducerIdAndEpoch {
    if (transactionalId === null || transactionalId === '') {
      return { errorCode: ErrorCode.NONE, producerId: this.producerIds.allocate(), producerEpoch: 0 };
    }
    if (timeoutMs <= 0 || timeoutMs > this.maxTimeoutMs) {
      return { errorCode: ErrorCode.INVALID_TRANSACTION_TIMEOUT, producerId: -1, producerEpoch: -1 };
    }
    let txn = this.transactions.get(transactionalId);
    if (!txn) {
      txn = {
        transactionalId,
        producerId: this.producerIds.allocate(),
        producerEpoch: 0,
        timeoutMs,
        state: TransactionState.EMPTY,
        partitions: [],
        groups: [],
        startedAt: -1,
      };
      this.track(txn);
      this.save();
      return { errorCode: ErrorCode.NONE, producerId: txn.producerId, producerEpoch: txn.producerEpoch };
    }
    if (producerId >= 0 && (producerId !== txn.producerId || producerEpoch !== txn.producerEpoch)) {
      return { errorCode: ErrorCode.PRODUCER_FENCED, producerId: -1, producerEpoch: -1 };
    }
    if (txn.state === TransactionState.ONGOING) {
      // The abort's epoch bump is the new producer's epoch: the markers it writes fence the old one.
      this.abortAndFence(txn, 'a new producer initialized the transactional id');
    } else if (txn.producerEpoch < MAX_EPOCH) {
      txn.producerEpoch++;
    } else {
      this.byProducerId.delete(txn.producerId);
      txn.producerId = this.producerIds.allocate();
      txn.producerEpoch = 0;
      this.byProducerId.set(txn.producerId, txn);
    }
    txn.timeoutMs = timeoutMs;
    txn.state = TransactionState.EMPTY;
    this.save();
    return { errorCode: ErrorCode.NONE, producerId: txn.producerId, producerEpoch: txn.producerEpoch };
  }

  /** The checks every transactional call starts with; returns an error code or the transaction. */
  private resolve(transactionalId: string, producerId: number, producerEpoch: number): TransactionMetadata | number {
    const txn = this.transactions.get(transactionalId);
    if (!txn || txn.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (txn.producerEpoch !== producerEpoch) return ErrorCode.PRODUCER_FENCED;
    return txn;
  }

  private begin(txn: TransactionMetadata): void {
    if (txn.state === TransactionState.ONGOING) return;
    txn.state = TransactionState.ONGOING;
    txn.startedAt = this.clock.now();
    txn.partitions = [];
    txn.groups = [];
  }

  /**
   * AddPartitionsToTxn: partitions that do not exist fail with UNKNOWN_TOPIC_OR_PARTITION and the
   * others, untouched, with OPERATION_NOT_ATTEMPTED.
   */
  addPartitions(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    partitions: readonly TopicPartition[],
  ): Map<TopicPartition, number> {
    const results = new Map<TopicPartition, number>();
    const txn = this.resolve(transactionalId, producerId, producerEpoch);
    const unknown = partitions.filter((tp) => !this.options.logs.partition(tp.topic, tp.partition));
    for (const tp of partitions) {
      if (typeof txn === 'number') results.set(tp, txn);
      else if (unknown.length > 0) {
        results.set(
          tp,
          unknown.includes(tp) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.OPERATION_NOT_ATTEMPTED,
        );
      } else results.set(tp, ErrorCode.NONE);
    }
    if (typeof txn === 'number' || unknown.length > 0) return results;
    this.begin(txn);
    for (const tp of partitions) {
      if (!txn.partitions.some((p) => p.topic === tp.topic && p.partition === tp.partition)) {
        txn.partitions.push({ topic: tp.topic, partition: tp.partition });
      }
    }
    this.save();
    return results;
  }

  /** AddOffsetsToTxn: the group's offsets will be committed by this transaction. */
  addOffsets(transactionalId: string, producerId: number, producerEpoch: number, groupId: string): number {
    const txn = this.resolve(transactionalId, producerId, producerEpoch);
    if (typeof txn === 'number') return txn;
    if (groupId === '') return ErrorCode.INVALID_GROUP_ID;
    this.begin(txn);
    if (!txn.groups.includes(groupId)) txn.groups.push(groupId);
    this.save();
    return ErrorCode.NONE;
  }

  /** TxnOffsetCommit may only stage offsets for a group added to the producer's open transaction. */
  checkTxnOffsetCommit(transactionalId: string, producerId: number, producerEpoch: number, groupId: string): number {
    const txn = this.resolve(transactionalId, producerId, producerEpoch);
    if (typeof txn === 'number') return txn;
    if (txn.state !== TransactionState.ONGOING || !txn.groups.includes(groupId)) return ErrorCode.INVALID_TXN_STATE;
    return ErrorCode.NONE;
  }

  /**
   * EndTxn. Repeating the call that completed the transaction succeeds again (a client retrying after
   * a lost response); any other call on a transaction that is not open is INVALID_TXN_STATE.
   */
  endTxn(transactionalId: string, producerId: number, producerEpoch: number, commit: boolean): number {
    const txn = this.resolve(transactionalId, producerId, producerEpoch);
    if (typeof txn === 'number') return txn;
    switch (txn.state) {
      case TransactionState.ONGOING:
        this.complete(txn, commit);
        return ErrorCode.NONE;
      case TransactionState.COMPLETE_COMMIT:
        return commit ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
      case TransactionState.COMPLETE_ABORT:
        return commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.NONE;
      default:
        return ErrorCode.INVALID_TXN_STATE;
    }
  }

  private complete(txn: TransactionMetadata, commit: boolean): void {
    const type = commit ? ControlType.COMMIT : ControlType.ABORT;
    for (const { topic, partition } of txn.partitions) {
      const log = this.options.logs.partition(topic, partition);
      try {
        log?.appendMarker(txn.producerId, txn.producerEpoch, type);
      } catch (err) {
        this.logger.error('could not write a transaction marker', { topic, partition, error: err });
      }
    }
    for (const groupId of txn.groups) this.options.groups.completeTxnOffsets(groupId, txn.producerId, commit);
    txn.state = commit ? TransactionState.COMPLETE_COMMIT : TransactionState.COMPLETE_ABORT;
    txn.partitions = [];
    txn.groups = [];
    this.save();
    this.logger.debug(commit ? 'committed transaction' : 'aborted transaction', {
      transactionalId: txn.transactionalId,
    });
  }

  /**
   * Produce of a transactional batch: the producer must hold the current epoch of its transactional id
   * and have added the partition to its open transaction (the check KIP-890 added to Kafka's brokers).
   */
  verifyTransactionalWrite(producerId: number, producerEpoch: number, topic: string, partition: number): void {
    const txn = this.byProducerId.get(producerId);
    if (txn && producerEpoch < txn.producerEpoch) {
      throw new KafkaApiError(
        ErrorCode.INVALID_PRODUCER_EPOCH,
        `Producer epoch ${producerEpoch} is fenced by ${txn.producerEpoch}`,
      );
    }
    const added =
      txn?.state === TransactionState.ONGOING &&
      txn.partitions.some((p) => p.topic === topic && p.partition === partition);
    if (!added) {
      throw new KafkaApiError(
        ErrorCode.INVALID_TXN_STATE,
        `Partition ${topic}-${partition} is not part of an open transaction of producer ${producerId}`,
      );
    }
  }

  close(): void {
    this.closed = true;
    this.cancelCheck();
  }
}
