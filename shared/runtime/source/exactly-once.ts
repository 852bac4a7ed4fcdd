import { ConfigType, ConnectError, parseType, type SourceRecord, type TransactionContext } from '../../api';
import {
  EXACTLY_ONCE_SUPPORT_CONFIG,
  ExactlyOnceSupportLevel,
  exactlyOnceSupportLevelOf,
  OFFSETS_TOPIC_CONFIG,
  TRANSACTION_BOUNDARY_CONFIG,
  TRANSACTION_BOUNDARY_DEFAULT,
  TRANSACTION_BOUNDARY_INTERVAL_CONFIG,
  TransactionBoundary,
  transactionBoundaryOf,
} from '../../config';
import type { ExactlyOnceKafka } from '../../kafka';

/**
 * The platform's exactly-once source support (Kafka's worker exactly.once.source.support=enabled,
 * with the worker settings it brings along). Given to SourceLoop only where it is enabled.
 */
export interface ExactlyOnceSourceOptions {
  readonly kafka: ExactlyOnceKafka;
  /** The offsets topic of connectors without offsets.storage.topic (Kafka's worker offset.storage.topic). */
  readonly offsetsTopic?: string;
  /** The transaction.boundary.interval.ms default (Kafka's worker offset.flush.interval.ms: 60000). */
  readonly offsetFlushIntervalMs?: number;
  /** What transactional ids start with (Kafka's worker group.id): `<prefix>-<connector>-<task>`. */
  readonly transactionalIdPrefix?: string;
}

export const DEFAULT_OFFSETS_TOPIC = 'connect-offsets';
const DEFAULT_OFFSET_FLUSH_INTERVAL_MS = 60_000;
const DEFAULT_TRANSACTIONAL_ID_PREFIX = 'connect';
/** Kafka's producer default transaction.timeout.ms. */
const MIN_TRANSACTION_TIMEOUT_MS = 60_000;
/** Kafka's broker default transaction.max.timeout.ms. */
const MAX_TRANSACTION_TIMEOUT_MS = 900_000;

/** How one exactly-once task writes its transactions. */
export interface ExactlyOnceSettings {
  readonly transactionalId: string;
  readonly offsetsTopic: string;
  readonly boundary: TransactionBoundary;
  /** For TransactionBoundary.INTERVAL: commit when this long has passed since the last commit. */
  readonly intervalMs: number;
  /** Long enough for an interval's transaction; the broker aborts one left open longer. */
  readonly transactionTimeoutMs: number;
}

/**
 * The exactly-once settings of a task, or null when it runs at-least-once: when the platform does
 * not enable exactly-once support, or the connector does not require it. Kafka runs every source
 * task of an enabled worker transactionally, `requested` (the default) included; here only
 * `exactly.once.support=required` opts in, so enabling the platform switch changes nothing for
 * existing connectors (and `required` is the level whose preflight check proved the connector
 * can do it).
 * @throws ConfigError for invalid values (validation rejects them before a connector is stored).
 */
export function exactlyOnceSettings(
  options: ExactlyOnceSourceOptions | undefined,
  connector: string,
  task: number,
  config: Readonly<Record<string, string>>,
): ExactlyOnceSettings | null {
  if (!options) return null;
  const level = exactlyOnceSupportLevelOf(config[EXACTLY_ONCE_SUPPORT_CONFIG] ?? ExactlyOnceSupportLevel.REQUESTED);
  if (level !== ExactlyOnceSupportLevel.REQUIRED) return null;
  const boundary = transactionBoundaryOf(config[TRANSACTION_BOUNDARY_CONFIG] ?? TRANSACTION_BOUNDARY_DEFAULT);
  const interval = parseType(
    TRANSACTION_BOUNDARY_INTERVAL_CONFIG,
    config[TRANSACTION_BOUNDARY_INTERVAL_CONFIG],
    ConfigType.LONG,
  );
  const intervalMs =
    interval === null ? (options.offsetFlushIntervalMs ?? DEFAULT_OFFSET_FLUSH_INTERVAL_MS) : Number(interval);
  const topic = (config[OFFSETS_TOPIC_CONFIG] ?? '').trim();
  return {
    transactionalId: transactionalId(options, connector, task),
    offsetsTopic: topic === '' ? (options.offsetsTopic ?? DEFAULT_OFFSETS_TOPIC) : topic,
    boundary,
    intervalMs,
    transactionTimeoutMs:
      boundary === TransactionBoundary.INTERVAL
        ? Math.min(MAX_TRANSACTION_TIMEOUT_MS, Math.max(MIN_TRANSACTION_TIMEOUT_MS, 2 * intervalMs))
        : MIN_TRANSACTION_TIMEOUT_MS,
  };
}

/** The transactional id of a task (Kafka's Worker.taskTransactionalId: `${groupId}-${connector}-${task}`). */
export function transactionalId(options: ExactlyOnceSourceOptions, connector: string, task: number): string {
  return `${options.transactionalIdPrefix ?? DEFAULT_TRANSACTIONAL_ID_PREFIX}-${connector}-${task}`;
}

/** What a connector asked for: end the transaction with a commit or an abort. */
export type TransactionRequest = 'commit' | 'abort';

/**
 * The TransactionContext of a task with transaction.boundary=connector (Kafka's
 * WorkerTransactionContext): the task asks for a commit or an abort after its current batch, or
 * right after one of its records (that record is then the last one of the transaction). Records
 * are matched by identity: the very objects poll() returned.
 */
export class WorkerTransactionContext implements TransactionContext {
  private commitBatch = false;
  private abortBatch = false;
  private readonly commitOn = new Set<SourceRecord>();
  private readonly abortOn = new Set<SourceRecord>();

  commitTransaction(record?: SourceRecord): void {
    if (record === undefined) this.commitBatch = true;
    else this.commitOn.add(record);
  }

  abortTransaction(record?: SourceRecord): void {
    if (record === undefined) this.abortBatch = true;
    else this.abortOn.add(record);
  }

  /** The request for right after `record`, consumed. @throws ConnectError when both were asked (Kafka's message). */
  requestAfter(record: SourceRecord): TransactionRequest | null {
    const commit = this.commitOn.delete(record);
    const abort = this.abortOn.delete(record);
    if (commit && abort) throw new ConnectError('Connector requested both commit and abort of same record');
    return commit ? 'commit' : abort ? 'abort' : null;
  }

  /** The request for the end of the batch, consumed. @throws ConnectError when both were asked (Kafka's message). */
  requestAfterBatch(): TransactionRequest | null {
    const { commitBatch: commit, abortBatch: abort } = this;
    this.commitBatch = false;
    this.abortBatch = false;
    if (commit && abort) throw new ConnectError('Connector requested both commit and abort of same transaction');
    return commit ? 'commit' : abort ? 'abort' : null;
  }

  /** Forgets requests about records of a batch that has been dealt with (they can no longer apply). */
  clearRecordRequests(): void {
    this.commitOn.clear();
    this.abortOn.clear();
  }
}
