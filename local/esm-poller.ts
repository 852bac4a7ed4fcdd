import type { Logger } from '@aws-lambda-powertools/logger';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Clock } from '../shared/api';
import { type ConsumedRecord, encodeEsmEvent, type KafkaEsmEvent } from '../shared/kafka';

/** kafkajs's default heartbeat interval; its session timeout is 30 s. */
const HEARTBEAT_INTERVAL_MS = 3_000;

/** Invokes the sink function with an MSK-shaped event, as the event source mapping does. */
export type SinkInvoker = (event: KafkaEsmEvent, alias: string) => Promise<void>;

export interface EsmPollerOptions {
  kafka: Kafka;
  topic: string;
  groupId: string;
  /** The alias the event is delivered to; it names the connector, as in AWS. */
  alias: string;
  invoke: SinkInvoker;
  logger: Logger;
  clock: Clock;
  /** Records per invocation (the MSK ESM's default BatchSize is 100). */
  batchSize?: number;
  /** How long a fetch waits for records when there are none (the ESM's batching window). */
  batchingWindowMs?: number;
  /** Largest wait between retries of a failing batch. */
  maxRetryDelayMs?: number;
  /** Called when readiness changes: the consumer joined its group, or crashed for good. */
  onReadinessChange?: () => void;
}

/**
 * A local event source mapping: one consumer group member reading one topic from the earliest
 * offset, delivering MSK-shaped events to the sink handler in offset order per partition, and
 * committing only after the handler returned. A failing batch is retried, with backoff, until it
 * succeeds or the poller stops, and its partition does not move meanwhile: the ESM's on-demand
 * behaviour, which the sink runtime's own retry bookkeeping turns into Kafka's bounded retries.
 */
export class EsmPoller {
  private consumer: Consumer | null = null;
  private running = false;
  private joined = false;
  /** kafkajs gave up on the consumer (a crash it does not restart from): this poller is dead. */
  private crashed = false;
  /** Resolves when stop() is called, to cut a retry wait short. */
  private stopping: { promise: Promise<void>; resolve: () => void } = Promise.withResolvers<void>();

  constructor(private readonly options: EsmPollerOptions) {}

  get topic(): string {
    return this.options.topic;
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** True once the consumer joined its group and is fetching (the ESM's "Enabled"). */
  isReady(): boolean {
    return this.joined && !this.crashed;
  }

  /** False once stopped or crashed: the platform then replaces it. */
  isAlive(): boolean {
    return this.running && !this.crashed;
  }

  /** @throws when the consumer cannot connect or subscribe; the poller is stopped then. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = Promise.withResolvers<void>();
    try {
      await this.run();
    } catch (err) {
      await this.stop().catch(() => {});
      throw err;
    }
  }

  private async run(): Promise<void> {
    const { kafka, groupId, topic, batchingWindowMs = 500, logger } = this.options;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: batchingWindowMs, retry: { retries: 10 } });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      this.options.onReadinessChange?.();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return; // kafkajs restarts the consumer itself
      logger.error('sink poller crashed; it will be replaced', { topic, groupId, error: payload.error });
      this.crashed = true;
      this.options.onReadinessChange?.();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale }) => {
        const size = this.options.batchSize ?? 100;
        for (let i = 0; i < batch.messages.length; i += size) {
          if (!isRunning() || isStale() || !this.running) return;
          const chunk = batch.messages.slice(i, i + size);
          const delivered = await this.deliver(batch.topic, batch.partition, chunk, heartbeat);
          if (!delivered) return;
          const last = chunk[chunk.length - 1] as KafkaMessage;
          resolveOffset(last.offset);
          // Given offsets, kafkajs commits them now; without, it commits only under autoCommit,
          // which is off here. Kafka commits the position of the next record, hence +1.
          const next = (BigInt(last.offset) + 1n).toString();
          await commitOffsetsIfNecessary({
            topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
          });
        }
      },
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.joined = false;
    this.stopping.resolve();
    const consumer = this.consumer;
    this.consumer = null;
    if (consumer) await consumer.disconnect();
  }

  /** Invokes until the handler succeeds; false when the poller stopped first. */
  private async deliver(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const event = encodeEsmEvent(messages.map((m) => toConsumed(topic, partition, m)));
    const { clock, logger, maxRetryDelayMs = 10_000 } = this.options;
    // kafkajs heartbeats only between batches: an invocation that outlasts the session timeout
    // (a sink retrying put() inside it) would get the member evicted and its commit refused, so the
    // batch would be delivered twice. The ESM keeps its group alive meanwhile; so does this.
    const ticker = setInterval(() => {
      heartbeat().catch(() => {});
    }, HEARTBEAT_INTERVAL_MS);
    try {
      for (let attempt = 0; this.running; attempt++) {
        try {
          await this.options.invoke(event, this.options.alias);
          return true;
        } catch (err) {
          const delay = Math.min(100 * 2 ** attempt, maxRetryDelayMs);
          logger.warn('sink invocation failed; the batch will be delivered again', {
            topic,
            partition,
            firstOffset: messages[0]?.offset,
            retryInMs: delay,
            error: err as Error,
          });
          await Promise.race([clock.sleep(delay), this.stopping.promise]);
        }
      }
      return false;
    } finally {
      clearInterval(ticker);
    }
  }
}

function toConsumed(topic: string, partition: number, message: KafkaMessage): ConsumedRecord {
  const headers: { key: string; value: Uint8Array | null }[] = [];
  for (const [key, value] of Object.entries(message.headers ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined) continue;
      headers.push({ key, value: typeof one === 'string' ? Buffer.from(one) : one });
    }
  }
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    timestampType: 'CreateTime',
    key: message.key ?? null,
    value: message.value ?? null,
    headers,
  };
}
