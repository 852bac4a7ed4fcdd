import type { Logger } from '@aws-lambda-powertools/logger';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Clock } from '../shared/api';
import { type ConsumedRecord, encodeEsmEvent, type KafkaEsmEvent } from '../shared/kafka';

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
  /** Called when the consumer has joined its group (the poller became ready). */
  onJoin?: () => void;
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
    return this.joined;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const { kafka, groupId, topic, batchingWindowMs = 500 } = this.options;
    this.running = true;
    this.stopping = Promise.withResolvers<void>();
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: batchingWindowMs, retry: { retries: 10 } });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      this.options.onJoin?.();
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
        await heartbeat().catch(() => {});
        await Promise.race([clock.sleep(delay), this.stopping.promise]);
      }
    }
    return false;
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
