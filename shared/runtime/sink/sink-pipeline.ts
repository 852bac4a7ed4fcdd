import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type Clock,
  ConnectError,
  Headers,
  NotFoundError,
  RetriableError,
  SinkRecord,
  type SinkTask,
  type TopicPartitionOffset,
} from '../../api';
import type { ConsumedRecord, KafkaProducer, PartitionBatch } from '../../kafka';
import { ConnectMetric, type EmfMetrics } from '../../observability';
import { InstanceState, type Stores, TargetState } from '../../stores';
import {
  DeadLetterQueueReporter,
  describeConsumed,
  type ErrorHandlingConfig,
  type ErrorReporter,
  errorHandlingConfig,
  LogReporter,
  MetricsReporter,
  RETRIES_DELAY_MIN_MS,
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
import { ServerlessSinkTaskContext } from './sink-task-context';

export interface SinkPipelineDeps {
  stores: Stores;
  plugins: TaskPlugins;
  /** Produces dead-letter records; created lazily, reused across warm invocations. */
  producer: () => KafkaProducer;
  /** Resolves config-provider placeholders of a task config. */
  resolveConfig(config: Readonly<Record<string, string>>): Promise<Record<string, string>>;
  /** Told when a task fails, so the herder turns its event source mapping off. */
  herder: HerderSignal;
  clock: Clock;
  logger: Logger;
  /** Who runs the tasks, for statuses (the function's name and container). */
  workerId: string;
  /** How often a healthy task re-asserts RUNNING; statuses are not written per batch. */
  statusIntervalMs?: number;
  /**
   * Creates a dead letter queue topic with one partition and the given replication factor when it
   * does not exist (Kafka's DeadLetterQueueReporter#createAndSetup), before a task using it starts.
   * Absent: the broker must auto-create it, which MSK does not do by default.
   */
  createDlqTopic?: (topic: string, replicationFactor: number) => Promise<void>;
  /** Task metrics in EMF, flushed at the end of every invocation; absent: none are written. */
  metrics?: EmfMetrics;
}

/** The time left in this invocation, in ms (Lambda's context.getRemainingTimeInMillis). */
export type RemainingTime = () => number;

/** Keep this much of an invocation free for flushing and returning, never retrying into it. */
const SAFETY_MARGIN_MS = 10_000;

/** A sink task as it lives in a warm container: started once per config generation. */
interface RunningSinkTask {
  readonly id: number;
  readonly generation: number;
  readonly task: Named<SinkTask>;
  readonly converters: TaskConverters;
  readonly transformer: RecordTransformer<SinkRecord>;
  readonly errors: ErrorHandlingConfig;
  readonly context: ServerlessSinkTaskContext;
  lastStatusAt: number;
}

/**
 * Runs a sink connector's batch from an event source mapping: convert -> transform -> put ->
 * preCommit, per partition in offset order, with Kafka's error handling. It returns only when
 * every record is durably written (or dead-lettered), so the ESM's commit after a normal return
 * never loses data; any throw makes the ESM deliver the same batch again.
 *
 * Records of partition p go to task p mod N (N = the connector's task count), so each task sees a
 * stable set of partitions, as after a Kafka rebalance.
 */
export class SinkPipeline {
  private readonly tasks = new Map<string, RunningSinkTask>();
  /** Partitions whose failing batch this container recorded in the retry store, to clear on success. */
  private readonly retrying = new Set<string>();
  /** DLQ topics this container made sure exist. */
  private readonly dlqTopics = new Set<string>();

  constructor(private readonly deps: SinkPipelineDeps) {}

  async run(connector: string, batches: readonly PartitionBatch[], remaining: RemainingTime): Promise<void> {
    try {
      await this.runBatches(connector, batches, remaining);
    } finally {
      this.deps.metrics?.flush();
    }
  }

  private async runBatches(connector: string, batches: readonly PartitionBatch[], remaining: RemainingTime) {
    const { configs } = this.deps.stores;
    const record = await configs.get(connector);
    if (!record) throw new NotFoundError(`Connector ${connector} not found`);
    if (record.targetState !== TargetState.STARTED) {
      throw new RetriableError(`Connector ${connector} is ${record.targetState}; the batch waits until it resumes`);
    }
    const taskConfigs = await configs.getTaskConfigs(connector);
    if (!taskConfigs || taskConfigs.configs.length === 0 || taskConfigs.generation !== record.generation) {
      throw new RetriableError(`Connector ${connector} has no current task configs yet; the herder is assigning them`);
    }
    const taskCount = taskConfigs.configs.length;
    for (const batch of batches) {
      if (batch.records.length === 0) continue;
      const taskId = batch.partition % taskCount;
      const task = await this.taskFor(
        connector,
        taskId,
        record.generation,
        taskConfigs.configs[taskId] ?? {},
        record.config,
      );
      this.deps.metrics?.count(ConnectMetric.SINK_RECORDS_READ, { connector, task: taskId }, batch.records.length);
      try {
        await this.deliver(connector, task, batch, remaining);
      } catch (err) {
        if (!(err instanceof RetriableError)) await this.fail(connector, task, err);
        throw err;
      }
      await this.reportRunning(connector, task, batch.topic);
    }
  }

  /** Stops every task of this container (Lambda shutdown, local runtime stop). */
  async close(): Promise<void> {
    for (const task of this.tasks.values()) await this.stopTask(task);
    this.tasks.clear();
  }

  private async deliver(
    connector: string,
    task: RunningSinkTask,
    batch: PartitionBatch,
    remaining: RemainingTime,
  ): Promise<void> {
    const reporters = this.reporters(connector, task);
    const operator = new RetryWithToleranceOperator<ConsumedRecord>({
      retryTimeoutMs: task.errors.retryTimeoutMs,
      maxDelayMs: task.errors.retryDelayMaxMs,
      tolerance: task.errors.tolerance,
      reporters,
      clock: this.deps.clock,
    });
    const originals = new Originals();
    const sinkRecords: SinkRecord[] = [];
    try {
      for (const consumed of batch.records) {
        let converted = convertAndTransformFast(task, consumed);
        if (converted === FAILED) converted = await this.convertAndTransform(task, operator, consumed);
        if (converted === null) continue;
        originals.add(consumed);
        sinkRecords.push(converted);
      }
      // Kafka gives a task an ErrantRecordReporter when a DLQ or error logging is configured
      // (SinkConnectorConfig#enableErrantRecordReporter).
      const errant = task.errors.dlqTopic !== '' || task.errors.logEnable;
      task.context.bind(
        [{ topic: batch.topic, partition: batch.partition }],
        errant ? errantReporter(operator, originals, task) : null,
      );
      if (sinkRecords.length > 0) await this.put(connector, task, batch, sinkRecords, originals, operator, remaining);
    } catch (err) {
      // The record that exceeded the tolerance still goes to the DLQ before the task fails (Kafka
      // reports in a finally block); a DLQ that cannot take it does not hide the task's own error.
      if (err instanceof ToleranceExceededError) {
        await operator.flush().catch((flushErr: unknown) =>
          this.deps.logger.error('could not produce to the dead letter queue', {
            connector,
            task: task.id,
            error: asError(flushErr),
          }),
        );
      }
      throw err;
    }
    await flushReports(operator, connector, task.id);

    const last = batch.records[batch.records.length - 1] as ConsumedRecord;
    // Kafka commits the position of the next record, hence +1 (WorkerSinkTask#commitOffsets).
    const consumed: TopicPartitionOffset = { topic: batch.topic, partition: batch.partition, offset: last.offset + 1 };
    const committed = await task.task.instance.preCommit([consumed]);
    const safe = committed.find((o) => o.topic === batch.topic && o.partition === batch.partition);
    if (!safe || safe.offset < consumed.offset) {
      // The ESM commits the whole batch on return; a task that has not made it durable yet must
      // see it again rather than lose it.
      throw new RetriableError(
        `Task ${connector}-${task.id} has not flushed ${batch.topic}-${batch.partition} up to offset ${consumed.offset}`,
      );
    }
  }

  /**
   * One record through the converters and the transformation chain with Kafka's error handling;
   * null when skipped or dropped. The slow path, for records convertAndTransformFast could not do.
   */
  private async convertAndTransform(
    task: RunningSinkTask,
    operator: RetryWithToleranceOperator<ConsumedRecord>,
    consumed: ConsumedRecord,
  ): Promise<SinkRecord | null> {
    const { key: keyConverter, value: valueConverter, header: headerConverter } = task.converters;
    const headers = new Headers();
    for (const header of consumed.headers) {
      const converted = await operator.attemptOrRecover(
        () => headerConverter.instance.toConnectHeader(consumed.topic, header.key, header.value),
        Stage.HEADER_CONVERTER,
        headerConverter.className,
        consumed,
      );
      if (converted === SKIPPED) return null;
      headers.add(header.key, converted.value, converted.schema);
    }
    const key = await operator.attemptOrRecover(
      () => keyConverter.instance.toConnectData(consumed.topic, consumed.key, headers),
      Stage.KEY_CONVERTER,
      keyConverter.className,
      consumed,
    );
    if (key === SKIPPED) return null;
    const value = await operator.attemptOrRecover(
      () => valueConverter.instance.toConnectData(consumed.topic, consumed.value, headers),
      Stage.VALUE_CONVERTER,
      valueConverter.className,
      consumed,
    );
    if (value === SKIPPED) return null;
    const record = new SinkRecord({
      topic: consumed.topic,
      kafkaPartition: consumed.partition,
      keySchema: key.schema,
      key: key.value,
      valueSchema: value.schema,
      value: value.value,
      kafkaOffset: consumed.offset,
      timestamp: consumed.timestamp,
      timestampType: consumed.timestampType,
      headers,
    });
    return operator.transform(task.transformer, record, consumed);
  }

  /**
   * put() with Kafka's retry rules, made to outlive one invocation: a RetriableError is retried
   * here while time allows, and across redeliveries while errors.retry.timeout allows (the
   * failing batch's first offset, attempts and first failure time are kept in the retry store).
   * 0, Kafka's default, retries a put forever, as WorkerSinkTask does. When the budget is spent,
   * tolerance decides: dead-letter the records that reached put() and move on, or fail the task.
   * Any other error fails the task, as in Kafka, whose put() errors never go to the DLQ.
   */
  private async put(
    connector: string,
    task: RunningSinkTask,
    batch: PartitionBatch,
    records: SinkRecord[],
    originals: Originals,
    operator: RetryWithToleranceOperator<ConsumedRecord>,
    remaining: RemainingTime,
  ): Promise<void> {
    const key = { connector, topic: batch.topic, partition: batch.partition };
    const retryKey = `${connector}\u0000${batch.topic}\u0000${batch.partition}`;
    const firstOffset = String(batch.records[0]?.offset ?? 0);
    const { retryTimeoutMs, retryDelayMaxMs } = task.errors;
    for (;;) {
      try {
        await task.task.instance.put(records);
        this.deps.metrics?.count(ConnectMetric.SINK_RECORDS_PUT, { connector, task: task.id }, records.length);
        // Clearing costs a write, so only a container that recorded failures does it. One that
        // did not leaves a stale entry, which the next failing batch (another first offset) replaces.
        if (this.retrying.delete(retryKey)) await this.deps.stores.retries.clear(key);
        return;
      } catch (err) {
        // Raised by the task's ErrantRecordReporter under errors.tolerance=none.
        if (err instanceof ToleranceExceededError) throw err;
        if (!(err instanceof RetriableError)) {
          throw new ConnectError('Exiting WorkerSinkTask due to unrecoverable exception.', { cause: err });
        }
        const now = this.deps.clock.now();
        const state = await this.deps.stores.retries.recordFailure(key, { firstOffset, error: err.message }, now);
        this.retrying.add(retryKey);
        const forever = retryTimeoutMs <= 0;
        if (forever || now - state.firstFailureAt < retryTimeoutMs) {
          // The backoff grows with the batch's attempts across redeliveries, not only this invocation's.
          const delay = Math.min(
            task.context.requestedTimeoutMs ?? RETRIES_DELAY_MIN_MS * 2 ** Math.min(state.attempts - 1, 10),
            retryDelayMaxMs,
          );
          if (remaining() - delay < SAFETY_MARGIN_MS) throw err; // the ESM redelivers; the retry store keeps the count
          await this.deps.clock.sleep(delay);
          continue;
        }
        // Retries are spent: a restarted task gets a fresh budget, and every record that reached
        // put() is a failed record for the tolerance rules (the first one under none).
        await this.deps.stores.retries.clear(key);
        this.retrying.delete(retryKey);
        for (const consumed of originals.byOffset().values()) {
          operator.fail({ stage: Stage.TASK_PUT, executingClass: task.task.className, error: err, original: consumed });
        }
        return;
      }
    }
  }

  private reporters(connector: string, task: RunningSinkTask): ErrorReporter<ConsumedRecord>[] {
    const reporters: ErrorReporter<ConsumedRecord>[] = [];
    if (this.deps.metrics) {
      reporters.push(
        new MetricsReporter(this.deps.metrics, { connector, task: task.id }, Boolean(task.errors.dlqTopic)),
      );
    }
    if (task.errors.logEnable) {
      reporters.push(
        new LogReporter(this.deps.logger, `${connector}-${task.id}`, task.errors.logIncludeMessages, describeConsumed),
      );
    }
    if (task.errors.dlqTopic) {
      reporters.push(
        new DeadLetterQueueReporter({
          topic: task.errors.dlqTopic,
          producer: this.deps.producer(),
          contextHeaders: task.errors.dlqContextHeaders,
          connectorName: connector,
          taskId: task.id,
        }),
      );
    }
    return reporters;
  }

  /**
   * The started task of this container, or a new one. A FAILED task is not kept: until it is
   * restarted (its status is no longer FAILED) every batch for it throws, so the ESM never moves
   * past the failed batch; after a restart a fresh instance starts, as Kafka restarts a task.
   */
  private async taskFor(
    connector: string,
    id: number,
    generation: number,
    rawTaskConfig: Readonly<Record<string, string>>,
    rawConnectorConfig: Readonly<Record<string, string>>,
  ): Promise<RunningSinkTask> {
    const cacheKey = `${connector}\u0000${id}`;
    const cached = this.tasks.get(cacheKey);
    if (cached && cached.generation === generation) return cached;
    if (cached) {
      this.tasks.delete(cacheKey);
      await this.stopTask(cached);
    }
    if ((await this.deps.stores.statuses.getTask(connector, id))?.state === InstanceState.FAILED) {
      throw new ConnectError(`Task ${connector}-${id} is FAILED; restart it to resume consumption`);
    }
    let task: Named<SinkTask> | null = null;
    try {
      const taskConfig = await this.deps.resolveConfig(rawTaskConfig);
      const connectorConfig = await this.deps.resolveConfig(rawConnectorConfig);
      const { plugins } = this.deps;
      task = plugins.sinkTask(connectorConfig, taskConfig);
      const context = new ServerlessSinkTaskContext(taskConfig, (message) => this.deps.logger.warn(message));
      const running: RunningSinkTask = {
        id,
        generation,
        task,
        converters: plugins.converters(connectorConfig),
        transformer: plugins.transformer<SinkRecord>(connectorConfig),
        errors: errorHandlingConfig(connectorConfig),
        context,
        lastStatusAt: 0,
      };
      await this.ensureDlqTopic(running.errors);
      task.instance.initialize(context);
      await task.instance.start(taskConfig);
      this.tasks.set(cacheKey, running);
      return running;
    } catch (err) {
      // A task that cannot start is FAILED (Kafka's WorkerTask); a temporary cause (a throttled
      // secrets lookup) only makes the ESM deliver the batch again.
      if (!(err instanceof RetriableError)) {
        if (task) await this.stopInstance(task, id);
        await this.writeFailed(connector, id, generation, err);
      }
      throw err;
    }
  }

  /** Kafka creates the DLQ topic when it builds the task; failing to is a task failure ("Could not initialize…"). */
  private async ensureDlqTopic(errors: ErrorHandlingConfig): Promise<void> {
    const { createDlqTopic } = this.deps;
    if (!createDlqTopic || errors.dlqTopic === '' || this.dlqTopics.has(errors.dlqTopic)) return;
    try {
      await createDlqTopic(errors.dlqTopic, errors.dlqReplicationFactor);
    } catch (err) {
      throw new ConnectError(`Could not initialize dead letter queue with topic=${errors.dlqTopic}`, { cause: err });
    }
    this.dlqTopics.add(errors.dlqTopic);
  }

  /**
   * The active topic and, once per status interval, RUNNING. The batch is durable by now, so a
   * status store that fails here is logged, not thrown: a throw would only make the ESM deliver
   * the batch again.
   */
  private async reportRunning(connector: string, task: RunningSinkTask, topic: string): Promise<void> {
    const now = this.deps.clock.now();
    try {
      await this.deps.stores.statuses.recordTopic(connector, topic, now);
      if (now - task.lastStatusAt < (this.deps.statusIntervalMs ?? 60_000)) return;
      await this.deps.stores.statuses.putTask(connector, task.id, {
        state: InstanceState.RUNNING,
        workerId: this.deps.workerId,
        generation: task.generation,
      });
      task.lastStatusAt = now;
    } catch (err) {
      this.deps.logger.warn('could not record the sink task status', { connector, task: task.id, error: asError(err) });
    }
  }

  /** FAILED with the full trace; the task is stopped, and the herder turns the ESM off, so no offset moves. */
  private async fail(connector: string, task: RunningSinkTask, err: unknown): Promise<void> {
    this.tasks.delete(`${connector}\u0000${task.id}`);
    await this.stopTask(task);
    await this.writeFailed(connector, task.id, task.generation, err);
  }

  private async writeFailed(connector: string, id: number, generation: number, err: unknown): Promise<void> {
    this.deps.logger.error('sink task failed', { connector, task: id, error: asError(err) });
    this.deps.metrics?.count(ConnectMetric.TASK_FAILURES, { connector, task: id });
    await this.deps.stores.statuses.putTask(connector, id, {
      state: InstanceState.FAILED,
      trace: traceOf(err),
      workerId: this.deps.workerId,
      generation,
    });
    // The status is the record of the failure; a herder that cannot be told now converges on its
    // periodic repair, so its error must not replace the task's.
    await this.deps.herder
      .connectorChanged(connector)
      .catch((err: unknown) =>
        this.deps.logger.warn('could not signal the herder', { connector, error: asError(err) }),
      );
  }

  private async stopTask(task: RunningSinkTask): Promise<void> {
    await this.stopInstance(task.task, task.id);
    closeTaskPlugins(task.converters, task.transformer, (what, err) =>
      this.deps.logger.warn(`closing the ${what} failed`, { task: task.id, error: asError(err) }),
    );
  }

  private async stopInstance(task: Named<SinkTask>, id: number): Promise<void> {
    try {
      await task.instance.stop();
    } catch (err) {
      this.deps.logger.warn('sink task stop failed', { task: id, error: asError(err) });
    }
  }
}

/**
 * Makes the batch's reports durable before its offsets move. A DLQ that cannot take them now is a
 * temporary failure: the batch is delivered again (at least once), never committed without them.
 */
async function flushReports(
  operator: RetryWithToleranceOperator<ConsumedRecord>,
  connector: string,
  taskId: number,
): Promise<void> {
  try {
    await operator.flush();
  } catch (err) {
    throw new RetriableError(`Task ${connector}-${taskId} could not produce to its dead letter queue`, { cause: err });
  }
}

/**
 * The consumed records of a batch that reached put(), by offset. Only a failing put or a report to
 * the errant record reporter looks them up, so the map is built then, not a set per record.
 */
class Originals {
  private readonly list: ConsumedRecord[] = [];
  private map: Map<number, ConsumedRecord> | null = null;

  add(consumed: ConsumedRecord): void {
    this.list.push(consumed);
    this.map?.set(consumed.offset, consumed);
  }

  byOffset(): ReadonlyMap<number, ConsumedRecord> {
    this.map ??= new Map(this.list.map((consumed) => [consumed.offset, consumed]));
    return this.map;
  }
}

/** convertAndTransformFast's answer when any stage threw. */
const FAILED: unique symbol = Symbol('failed');

/**
 * The hot path: one record through the converters and the transformation chain with no await
 * and no closure, as long as nothing throws. On the first error the record is handed, whole, to
 * convertAndTransform, which runs it again through the retry-and-tolerance operator; converters
 * and transformations are functions of the record, so running them again only costs time, and
 * only for failing records.
 */
function convertAndTransformFast(task: RunningSinkTask, consumed: ConsumedRecord): SinkRecord | null | typeof FAILED {
  const { key: keyConverter, value: valueConverter, header: headerConverter } = task.converters;
  try {
    const headers = new Headers();
    for (const header of consumed.headers) {
      const converted = headerConverter.instance.toConnectHeader(consumed.topic, header.key, header.value);
      headers.add(header.key, converted.value, converted.schema);
    }
    const key = keyConverter.instance.toConnectData(consumed.topic, consumed.key, headers);
    const value = valueConverter.instance.toConnectData(consumed.topic, consumed.value, headers);
    return task.transformer.apply(
      new SinkRecord({
        topic: consumed.topic,
        kafkaPartition: consumed.partition,
        keySchema: key.schema,
        key: key.value,
        valueSchema: value.schema,
        value: value.value,
        kafkaOffset: consumed.offset,
        timestamp: consumed.timestamp,
        timestampType: consumed.timestampType,
        headers,
      }),
    );
  } catch {
    return FAILED;
  }
}

/**
 * The task's own ErrantRecordReporter (Kafka's WorkerErrantRecordReporter): the consumed original
 * of a sink record goes through the operator, so it is logged and dead-lettered as configured, and
 * under errors.tolerance=none the report fails the task. Resolves once the DLQ holds it.
 */
function errantReporter(
  operator: RetryWithToleranceOperator<ConsumedRecord>,
  originals: Originals,
  task: RunningSinkTask,
) {
  return {
    report: async (record: SinkRecord, error: Error) => {
      const original = originals.byOffset().get(record.originalKafkaOffset);
      if (!original) throw new ConnectError(`No consumed record for offset ${record.originalKafkaOffset}`);
      operator.failed({ stage: Stage.TASK_PUT, executingClass: task.task.className, error, original });
      await operator.flush();
    },
  };
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
