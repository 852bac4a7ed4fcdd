import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type Clock,
  ConnectError,
  type Header,
  type RecordMetadata,
  RetriableError,
  type SourceRecord,
  type SourceTask,
} from '../../api';
import { type KafkaProducer, ProducerFencedError, type ProducerRecord, type RecordAck } from '../../kafka';
import { ConnectMetric, type EmfMetrics } from '../../observability';
import {
  type ConnectorTaskId,
  FencedError,
  InstanceState,
  type Lease,
  LeaseHeldError,
  LeaseLostError,
  StaleGenerationError,
  type Stores,
  TargetState,
} from '../../stores';
import {
  type ErrorHandlingConfig,
  type ErrorReporter,
  errorHandlingConfig,
  LogReporter,
  MetricsReporter,
  RetryWithToleranceOperator,
  SKIPPED,
  Stage,
  ToleranceExceededError,
} from '../error-handling';
import type { HerderSignal } from '../herder/ports';
import { traceOf } from '../status-trace';
import {
  closeTaskPlugins,
  type Named,
  type RecordTransformer,
  type TaskConverters,
  type TaskPlugins,
} from '../task-plugins';
import { type ExactlyOnceSourceOptions, exactlyOnceSettings, transactionalId } from './exactly-once';
import { ServerlessSourceTaskContext, StoreOffsetReader } from './source-task-context';
import { type DispatchedRecord, SourceTransactionManager, type TransactionHooks } from './source-transaction-manager';

/** What a Scheduler schedule (or the local timer) invokes a source task with. */
export interface SourceTaskPayload {
  readonly connector: string;
  readonly task: number;
  /** The connector config generation the schedule was written for; older ones exit at once. */
  readonly generation: number;
}

export interface SourceLoopDeps {
  stores: Stores;
  plugins: TaskPlugins;
  producer: () => KafkaProducer;
  /** Creates a topic per the connector's topic.creation.* rules before the first record to it; absent = broker auto-creation. */
  ensureTopic?: (connectorConfig: Readonly<Record<string, string>>, topic: string) => Promise<void>;
  /** Task metrics in EMF, flushed at the end of every invocation; absent: none are written. */
  metrics?: EmfMetrics;
  resolveConfig(config: Readonly<Record<string, string>>): Promise<Record<string, string>>;
  herder: HerderSignal;
  clock: Clock;
  logger: Logger;
  /** This container's identity, the lease owner (function name + container id). */
  workerId: string;
  /** How long a lease lasts before another invocation may take it (renewed while running). */
  leaseTtlMs?: number;
  /** Stop polling when less than this is left of the invocation, to flush, commit and return. */
  stopMarginMs?: number;
  /** Sleep between empty polls. */
  idleMs?: number;
  statusIntervalMs?: number;
  /**
   * Exactly-once source support, where the platform enables it (Kafka's worker
   * exactly.once.source.support=enabled): tasks of connectors with exactly.once.support=required
   * then write each transaction's records and source offsets in one Kafka transaction. Absent,
   * every task is at-least-once.
   */
  exactlyOnce?: ExactlyOnceSourceOptions;
}

/** How far above the current task count an exactly-once task looks for task ids of a larger earlier generation. */
const MAX_RETIRED_TASKS = 256;

/** Why an invocation ended, for logs and tests. */
export type SourceRunOutcome = 'completed' | 'not-running' | 'lease-held' | 'stale' | 'fenced' | 'failed';

/** A started source task kept warm between invocations of the same lease holder. */
interface RunningSourceTask {
  readonly connector: string;
  readonly id: number;
  readonly generation: number;
  readonly task: Named<SourceTask>;
  readonly converters: TaskConverters;
  readonly transformer: RecordTransformer<SourceRecord>;
  readonly errors: ErrorHandlingConfig;
  readonly connectorConfig: Readonly<Record<string, string>>;
  /** The stored task config it was started with: a refresh that changes it (new tables) restarts the task. */
  readonly rawTaskConfig: string;
  /** The task's transactions when it runs exactly-once; null when at-least-once. */
  readonly transactions: SourceTransactionManager | null;
  epoch: number;
  lastStatusAt: number;
}

/**
 * One invocation of a source task: take the task's lease, then poll -> transform -> convert ->
 * produce -> commit offsets of acknowledged records, in a loop until the invocation's time is
 * nearly spent, then release the lease. A crash between produce and offset commit can duplicate
 * records on the next run but never lose one (at-least-once, as Kafka's WorkerSourceTask).
 * The lease epoch fences offset commits, so an invocation that lost its lease cannot commit.
 *
 * Exactly-once tasks (see SourceLoopDeps.exactlyOnce) write records and offsets in Kafka
 * transactions instead (Kafka's ExactlyOnceWorkerSourceTask): a crash before a commit leaves
 * nothing visible to read_committed consumers, and the next invocation, whose transactional
 * producer fences this one, resumes from the offsets committed in Kafka.
 */
export class SourceLoop {
  private readonly warm = new Map<string, RunningSourceTask>();
  private readonly createdTopics = new Set<string>();

  constructor(private readonly deps: SourceLoopDeps) {}

  async runOnce(payload: SourceTaskPayload, remaining: () => number): Promise<SourceRunOutcome> {
    try {
      return await this.invoke(payload, remaining);
    } finally {
      this.deps.metrics?.flush();
    }
  }

  private async invoke(payload: SourceTaskPayload, remaining: () => number): Promise<SourceRunOutcome> {
    const { connector, task: taskId } = payload;
    const { configs, leases } = this.deps.stores;
    const record = await configs.get(connector);
    if (!record || record.targetState !== TargetState.STARTED) return 'not-running';
    if (payload.generation < record.generation) return 'stale';
    const taskConfigs = await configs.getTaskConfigs(connector);
    const rawTaskConfig = taskConfigs?.configs[taskId];
    if (!taskConfigs || taskConfigs.generation !== record.generation || !rawTaskConfig) return 'stale';

    const ttl = this.deps.leaseTtlMs ?? 60_000;
    let lease: Lease;
    try {
      lease = await leases.acquire(
        { connector, task: taskId },
        this.deps.workerId,
        record.generation,
        ttl,
        this.deps.clock.now(),
      );
    } catch (err) {
      if (err instanceof LeaseHeldError) return 'lease-held';
      if (err instanceof StaleGenerationError) return 'stale';
      throw err;
    }

    let running: RunningSourceTask | null = null;
    try {
      // A FAILED task stays off until restarted; it is not even started.
      if ((await this.deps.stores.statuses.getTask(connector, taskId))?.state === InstanceState.FAILED) {
        return 'not-running';
      }
      running = await this.taskFor(connector, taskId, record.generation, lease, rawTaskConfig, record.config, {
        taskCount: taskConfigs.configs.length,
      });
      return await this.loop(running, lease, remaining);
    } catch (err) {
      // Another invocation took the lease over (this one stalled past its expiry): it owns the task
      // now, so this one exits quietly, as a stale generation or a live lease does.
      if (err instanceof FencedError || err instanceof LeaseLostError || err instanceof ProducerFencedError) {
        if (err instanceof ProducerFencedError) {
          this.deps.logger.warn(
            'source task producer fenced: another invocation runs the task now, or a transaction outlived transaction.timeout.ms',
            { connector, task: taskId, error: err },
          );
        }
        // An exactly-once task's producer is fenced (or soon will be): it is not kept warm.
        if (running?.transactions) await this.discard(running);
        return 'fenced';
      }
      if (running) await this.fail(running, err);
      else await this.failUnstarted(connector, taskId, record.generation, err);
      return 'failed';
    } finally {
      await leases
        .release(lease)
        .catch((err: unknown) =>
          this.deps.logger.warn('lease release failed', { connector, task: taskId, error: err as Error }),
        );
    }
  }

  /** Stops every warm task (container shutdown, local runtime stop). */
  async close(): Promise<void> {
    for (const running of this.warm.values()) await this.stopTask(running);
    this.warm.clear();
  }

  private async loop(running: RunningSourceTask, lease: Lease, remaining: () => number): Promise<SourceRunOutcome> {
    const { clock } = this.deps;
    const stopMargin = this.deps.stopMarginMs ?? 15_000;
    const ttl = this.deps.leaseTtlMs ?? 60_000;
    let held = lease;
    const operator = this.operator(running);
    const { transactions } = running;
    transactions?.resume(this.transactionHooks(running, lease.epoch));
    while (remaining() > stopMargin) {
      const records = await this.poll(running);
      if (records && records.length > 0) {
        this.deps.metrics?.count(
          ConnectMetric.SOURCE_RECORDS_POLLED,
          { connector: running.connector, task: running.id },
          records.length,
        );
      }
      if (!records || records.length === 0) {
        await clock.sleep(Math.min(this.deps.idleMs ?? 100, Math.max(0, remaining() - stopMargin)));
      } else {
        if (transactions) await this.dispatch(running, transactions, records, operator);
        else await this.send(running, records, operator, held.epoch);
        await this.reportRunning(running);
      }
      await transactions?.batchDispatched();
      if (held.expiresAt - clock.now() < ttl / 2) held = await this.deps.stores.leases.renew(held, ttl, clock.now());
    }
    if (transactions && !(await transactions.finish())) {
      // A connector-defined transaction was left open and aborted: the task restarts from its committed offsets.
      await this.discard(running);
    }
    return 'completed';
  }

  /** Transforms and converts one poll batch, then sends it within the task's transaction. */
  private async dispatch(
    running: RunningSourceTask,
    transactions: SourceTransactionManager,
    records: readonly SourceRecord[],
    operator: RetryWithToleranceOperator<SourceRecord | null>,
  ): Promise<void> {
    const batch: DispatchedRecord[] = [];
    for (const record of records) {
      const transformed = await this.transform(running, operator, record);
      const converted = transformed === null ? null : await this.convert(running, operator, transformed);
      batch.push({ record, converted });
    }
    await transactions.dispatch(batch);
  }

  /**
   * After an exactly-once task's commit: the offsets are mirrored to the offset store, fenced by
   * the lease as at-least-once offsets are, then the task hears of its records and the commit.
   */
  private transactionHooks(running: RunningSourceTask, epoch: number): TransactionHooks {
    return {
      ensureTopic: (topic) => this.ensureTopic(running, topic),
      committed: async ({ records, offsets, topics }) => {
        this.deps.metrics?.count(
          ConnectMetric.SOURCE_RECORDS_WRITTEN,
          { connector: running.connector, task: running.id },
          records.filter((r) => r.metadata !== null).length,
        );
        if (offsets.length > 0) await this.deps.stores.offsets.write(running.connector, offsets, { fence: epoch });
        for (const { record, metadata } of records) await this.commitRecord(running, record, metadata);
        await this.commitTask(running);
        await this.recordTopics(running, topics);
      },
    };
  }

  /**
   * SourceTask.poll() as Kafka's AbstractWorkerSourceTask#poll calls it: a RetriableError means
   * "nothing now, poll again"; any other error fails the task (it is not a tolerable stage).
   */
  private async poll(running: RunningSourceTask): Promise<SourceRecord[] | null> {
    try {
      return await running.task.instance.poll();
    } catch (err) {
      if (!(err instanceof RetriableError)) throw err;
      this.deps.logger.warn('source task failed to poll records; will retry', {
        connector: running.connector,
        task: running.id,
        error: err,
      });
      return null;
    }
  }

  /** Transforms, converts and produces one poll batch, then commits its offsets fenced by the lease. */
  private async send(
    running: RunningSourceTask,
    records: readonly SourceRecord[],
    operator: RetryWithToleranceOperator<SourceRecord | null>,
    epoch: number,
  ): Promise<void> {
    const toProduce: ProducerRecord[] = [];
    const produced: SourceRecord[] = [];
    for (const record of records) {
      const transformed = await this.transform(running, operator, record);
      const converted = transformed === null ? null : await this.convert(running, operator, transformed);
      if (converted === null) {
        // Kafka commits a filtered or skipped record at once (AbstractWorkerSourceTask#recordDropped).
        await this.commitRecord(running, record, null);
        continue;
      }
      toProduce.push(converted);
      produced.push(record);
    }
    for (const topic of new Set(toProduce.map((r) => r.topic))) await this.ensureTopic(running, topic);
    const acks = toProduce.length === 0 ? [] : await this.produce(running, operator, toProduce, produced[0] ?? null);
    this.deps.metrics?.count(
      ConnectMetric.SOURCE_RECORDS_WRITTEN,
      { connector: running.connector, task: running.id },
      acks.length,
    );
    // Then each produced record once acknowledged, with where it landed (the pre-transform record, as Kafka).
    for (const [i, record] of produced.entries()) await this.commitRecord(running, record, metadataOf(acks[i]));

    // Offsets of every polled record, produced or dropped, once all produced ones are acknowledged
    // (Kafka commits filtered and skipped records' offsets too).
    const latest = new Map<string, { partition: Record<string, unknown>; offset: Record<string, unknown> }>();
    for (const record of records) {
      if (!record.sourcePartition || !record.sourceOffset) continue;
      latest.set(JSON.stringify(record.sourcePartition), {
        partition: { ...record.sourcePartition },
        offset: { ...record.sourceOffset },
      });
    }
    if (latest.size > 0)
      await this.deps.stores.offsets.write(running.connector, [...latest.values()], { fence: epoch });
    await this.commitTask(running);
    await this.recordTopics(running, new Set(toProduce.map((r) => r.topic)));
  }

  /** task.commit(); Kafka logs what it throws and carries on (WorkerSourceTask#commitSourceTask). */
  private async commitTask(running: RunningSourceTask): Promise<void> {
    try {
      await running.task.instance.commit();
    } catch (err) {
      this.deps.logger.error('Exception thrown while calling task.commit()', {
        connector: running.connector,
        task: running.id,
        error: err as Error,
      });
    }
  }

  private async recordTopics(running: RunningSourceTask, topics: ReadonlySet<string>): Promise<void> {
    const now = this.deps.clock.now();
    try {
      for (const topic of topics) await this.deps.stores.statuses.recordTopic(running.connector, topic, now);
    } catch (err) {
      // Bookkeeping only: the records and their offsets are committed, so the task carries on.
      this.deps.logger.warn('could not record the active topics', {
        connector: running.connector,
        error: err as Error,
      });
    }
  }

  /** task.commitRecord(); Kafka logs what it throws and carries on (AbstractWorkerSourceTask#commitTaskRecord). */
  private async commitRecord(
    running: RunningSourceTask,
    record: SourceRecord,
    metadata: RecordMetadata | null,
  ): Promise<void> {
    try {
      await running.task.instance.commitRecord(record, metadata);
    } catch (err) {
      this.deps.logger.error('Exception thrown while calling task.commitRecord()', {
        connector: running.connector,
        task: running.id,
        error: err as Error,
      });
    }
  }

  private async transform(
    running: RunningSourceTask,
    operator: RetryWithToleranceOperator<SourceRecord | null>,
    record: SourceRecord,
  ): Promise<SourceRecord | null> {
    return operator.transform(running.transformer, record, record);
  }

  private async convert(
    running: RunningSourceTask,
    operator: RetryWithToleranceOperator<SourceRecord | null>,
    record: SourceRecord,
  ): Promise<ProducerRecord | null> {
    const { key, value, header } = running.converters;
    const headers: { key: string; value: Uint8Array | null }[] = [];
    for (const h of record.headers as Iterable<Header>) {
      const bytes = await operator.attemptOrRecover(
        () => header.instance.fromConnectHeader(record.topic, h.key, h.schema, h.value),
        Stage.HEADER_CONVERTER,
        header.className,
        record,
      );
      if (bytes === SKIPPED) return null;
      headers.push({ key: h.key, value: bytes });
    }
    const keyBytes = await operator.attemptOrRecover(
      () => key.instance.fromConnectData(record.topic, record.keySchema, record.key, record.headers),
      Stage.KEY_CONVERTER,
      key.className,
      record,
    );
    if (keyBytes === SKIPPED) return null;
    const valueBytes = await operator.attemptOrRecover(
      () => value.instance.fromConnectData(record.topic, record.valueSchema, record.value, record.headers),
      Stage.VALUE_CONVERTER,
      value.className,
      record,
    );
    if (valueBytes === SKIPPED) return null;
    return {
      topic: record.topic,
      partition: record.kafkaPartition,
      key: keyBytes,
      value: valueBytes,
      headers,
      timestamp: record.timestamp,
    };
  }

  private async produce(
    running: RunningSourceTask,
    operator: RetryWithToleranceOperator<SourceRecord | null>,
    records: ProducerRecord[],
    first: SourceRecord | null,
  ): Promise<RecordAck[]> {
    const producer = this.deps.producer();
    const acks = await operator.execute(
      () => producer.send(records),
      Stage.KAFKA_PRODUCE,
      'org.apache.kafka.clients.producer.KafkaProducer',
      first,
    );
    // A produce failure is never skipped: the offsets must not move past unwritten records.
    if (acks === SKIPPED)
      throw new ConnectError(`Task ${running.connector}-${running.id} could not produce its records`);
    return acks;
  }

  private async ensureTopic(running: RunningSourceTask, topic: string): Promise<void> {
    if (!this.deps.ensureTopic || this.createdTopics.has(topic)) return;
    await this.deps.ensureTopic(running.connectorConfig, topic);
    this.createdTopics.add(topic);
  }

  private operator(running: RunningSourceTask): RetryWithToleranceOperator<SourceRecord | null> {
    const reporters: ErrorReporter<SourceRecord | null>[] = [];
    if (this.deps.metrics) {
      reporters.push(new MetricsReporter(this.deps.metrics, { connector: running.connector, task: running.id }, false));
    }
    if (running.errors.logEnable) {
      reporters.push(
        new LogReporter<SourceRecord | null>(
          this.deps.logger,
          `${running.connector}-${running.id}`,
          running.errors.logIncludeMessages,
          (record) =>
            record ? `source record is {topic='${record.topic}', partition=${record.kafkaPartition}}` : 'no record',
        ),
      );
    }
    return new RetryWithToleranceOperator({
      retryTimeoutMs: running.errors.retryTimeoutMs,
      maxDelayMs: running.errors.retryDelayMaxMs,
      tolerance: running.errors.tolerance,
      reporters,
      clock: this.deps.clock,
    });
  }

  /**
   * The task instance for this lease: a warm one is reused only when nobody else held the lease
   * since (its epoch is the previous one), because its in-memory position is then still the truth.
   */
  private async taskFor(
    connector: string,
    id: number,
    generation: number,
    lease: Lease,
    rawTaskConfig: Readonly<Record<string, string>>,
    rawConnectorConfig: Readonly<Record<string, string>>,
    { taskCount }: { taskCount: number },
  ): Promise<RunningSourceTask> {
    const key = `${connector}\u0000${id}`;
    const cached = this.warm.get(key);
    const sameConfig = cached?.rawTaskConfig === JSON.stringify(rawTaskConfig);
    if (cached && sameConfig && cached.generation === generation && cached.epoch === lease.epoch - 1) {
      cached.epoch = lease.epoch;
      return cached;
    }
    if (cached) {
      this.warm.delete(key);
      await this.stopTask(cached);
    }
    const taskConfig = await this.deps.resolveConfig(rawTaskConfig);
    const connectorConfig = await this.deps.resolveConfig(rawConnectorConfig);
    const storeReader = new StoreOffsetReader(this.deps.stores.offsets, connector);
    const transactions = await this.startTransactions(
      { connector, task: id },
      { generation, taskCount },
      connectorConfig,
      storeReader,
    );
    try {
      const task = this.deps.plugins.sourceTask(connectorConfig, taskConfig);
      task.instance.initialize(
        new ServerlessSourceTaskContext(taskConfig, transactions?.reader ?? storeReader, transactions?.context ?? null),
      );
      const running: RunningSourceTask = {
        connector,
        id,
        generation,
        task,
        converters: this.deps.plugins.converters(connectorConfig),
        transformer: this.deps.plugins.transformer<SourceRecord>(connectorConfig),
        errors: errorHandlingConfig(connectorConfig),
        connectorConfig,
        rawTaskConfig: JSON.stringify(rawTaskConfig),
        transactions,
        epoch: lease.epoch,
        lastStatusAt: 0,
      };
      await task.instance.start(taskConfig);
      this.warm.set(key, running);
      return running;
    } catch (err) {
      await transactions?.close().catch(() => {});
      throw err;
    }
  }

  /**
   * The transactions of an exactly-once task, or null for an at-least-once one. Starting them
   * fences the task's zombies and reads its offsets from the offsets topic, before the task starts.
   */
  private async startTransactions(
    id: ConnectorTaskId,
    current: { generation: number; taskCount: number },
    connectorConfig: Readonly<Record<string, string>>,
    fallback: StoreOffsetReader,
  ): Promise<SourceTransactionManager | null> {
    const options = this.deps.exactlyOnce;
    const settings = exactlyOnceSettings(options, id.connector, id.task, connectorConfig);
    if (!settings || !options) return null;
    const earlier = (await this.earlierGenerationTasks(id, current)).map((task) =>
      transactionalId(options, id.connector, task),
    );
    return SourceTransactionManager.start(options.kafka, id, settings, fallback, this.deps.clock, earlier);
  }

  /**
   * The connector's other task ids whose lease an earlier config generation took last (lease rows
   * are never deleted): an invocation of that generation may still be running, and commit for
   * source partitions the current generation assigns to another task. Task ids at and above the
   * current count are looked at until one that never ran. Usually none, after a few reads.
   */
  private async earlierGenerationTasks(
    id: ConnectorTaskId,
    { generation, taskCount }: { generation: number; taskCount: number },
  ): Promise<number[]> {
    const { leases } = this.deps.stores;
    const siblings = Array.from({ length: taskCount }, (_, task) => task).filter((task) => task !== id.task);
    const held = await Promise.all(siblings.map((task) => leases.get({ connector: id.connector, task })));
    const earlier = siblings.filter((_, i) => (held[i]?.configGeneration ?? generation) < generation);
    // Bounded, so a corrupt store cannot keep a task from starting.
    for (let task = taskCount; task < taskCount + MAX_RETIRED_TASKS; task++) {
      const lease = await leases.get({ connector: id.connector, task });
      if (!lease) break;
      if (lease.configGeneration < generation) earlier.push(task);
    }
    return earlier;
  }

  /** RUNNING once per status interval; a status store that fails here is logged, the task carries on. */
  private async reportRunning(running: RunningSourceTask): Promise<void> {
    const now = this.deps.clock.now();
    if (now - running.lastStatusAt < (this.deps.statusIntervalMs ?? 60_000)) return;
    try {
      await this.deps.stores.statuses.putTask(running.connector, running.id, {
        state: InstanceState.RUNNING,
        workerId: this.deps.workerId,
        generation: running.generation,
      });
      running.lastStatusAt = now;
    } catch (err) {
      this.deps.logger.warn('could not record the source task status', {
        connector: running.connector,
        task: running.id,
        error: err as Error,
      });
    }
  }

  private async fail(running: RunningSourceTask, err: unknown): Promise<void> {
    await this.discard(running);
    await this.failUnstarted(running.connector, running.id, running.generation, err);
  }

  /** Stops a task and forgets it, so the next invocation starts it afresh. */
  private async discard(running: RunningSourceTask): Promise<void> {
    this.warm.delete(`${running.connector}\u0000${running.id}`);
    await this.stopTask(running);
  }

  private async failUnstarted(connector: string, task: number, generation: number, err: unknown): Promise<void> {
    if (err instanceof RetriableError && !(err instanceof ToleranceExceededError)) {
      // Temporary: the next scheduled invocation tries again; the task is not failed.
      this.deps.logger.warn('source task invocation ended on a retriable error', { connector, task, error: err });
      return;
    }
    this.deps.logger.error('source task failed', { connector, task, error: err as Error });
    this.deps.metrics?.count(ConnectMetric.TASK_FAILURES, { connector, task });
    await this.deps.stores.statuses.putTask(connector, task, {
      state: InstanceState.FAILED,
      trace: traceOf(err),
      workerId: this.deps.workerId,
      generation,
    });
    // A herder that cannot be told now converges on its periodic repair.
    await this.deps.herder
      .connectorChanged(connector)
      .catch((signalErr: unknown) =>
        this.deps.logger.warn('could not signal the herder', { connector, error: signalErr as Error }),
      );
  }

  private async stopTask(running: RunningSourceTask): Promise<void> {
    try {
      await running.task.instance.stop();
    } catch (err) {
      this.deps.logger.warn('source task stop failed', { connector: running.connector, error: err as Error });
    }
    closeTaskPlugins(running.converters, running.transformer, (what, err) =>
      this.deps.logger.warn(`closing the ${what} failed`, { connector: running.connector, error: err as Error }),
    );
    try {
      // Aborts a transaction left open (the task failed, or the container stops) and closes the producer.
      await running.transactions?.close();
    } catch (err) {
      this.deps.logger.warn('closing the transactional producer failed', {
        connector: running.connector,
        error: err as Error,
      });
    }
  }
}

function metadataOf(ack: RecordAck | undefined): RecordMetadata | null {
  return ack ? { topic: ack.topic, partition: ack.partition, offset: ack.offset, timestamp: null } : null;
}
