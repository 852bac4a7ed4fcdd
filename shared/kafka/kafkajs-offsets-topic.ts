import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { RetriableError } from '../api';
import { KafkaJsAdmin } from './kafkajs-admin';
import { type OffsetsTopic, type OffsetsTopicEntry, parseOffsetsTopicRecord } from './offsets-topic';

export interface KafkaJsOffsetsTopicOptions {
  /** Partitions of a topic ensure() creates (Kafka's offset.storage.partitions: 25). */
  readonly partitions?: number;
  /** Replication factor of a topic ensure() creates; default min(3, brokers) (Kafka's offset.storage.replication.factor: 3). */
  readonly replicationFactor?: number;
  /** How long read() may take to reach the end of the topic (default 60000). */
  readonly readTimeoutMs?: number;
  /** Prefix of the throwaway consumer group of each read (default connect-offsets-reader). */
  readonly groupIdPrefix?: string;
}

/** Where one partition of the topic stands during a read. */
interface PartitionProgress {
  /** The next offset to read. */
  position: number;
  /** Read at least up to here: the last stable offset (LSO) when last asked. */
  target: number;
  /** The high watermark the first fetch of the partition reported. */
  firstHighWatermark: number | null;
}

/**
 * OffsetsTopic over kafkajs. kafkajs has no manual partition assignment, so read() subscribes a
 * consumer of a throwaway group (no offsets committed, so the group is removed once empty; on a
 * cluster with Kafka's default group.initial.rebalance.delay.ms the join takes about 3 s), with
 * isolation read_committed, from the earliest offset to the end.
 *
 * "The end" is the last stable offset as the read starts, which is what Kafka's KafkaBasedLog
 * reads to, and then further: while a partition's high watermark was above it (another producer's
 * transaction open across it, say another task's, in the shared offsets topic), the read waits for
 * that transaction to end and reads what it covered. So a task's offsets committed after another
 * producer opened a transaction are not missed. One case is left as Kafka leaves it: a partition
 * whose very first records are in a transaction still open gives a read_committed consumer
 * nothing, so no high watermark either, and is read to its last stable offset only.
 */
export class KafkaJsOffsetsTopic implements OffsetsTopic {
  private readonly ensured = new Set<string>();

  constructor(
    private readonly client: () => Promise<Kafka>,
    private readonly options: KafkaJsOffsetsTopicOptions = {},
  ) {}

  async ensure(topic: string): Promise<void> {
    if (this.ensured.has(topic)) return;
    await this.withAdmin(async (admin) => {
      if ((await admin.listTopics()).includes(topic)) return;
      const replicationFactor =
        this.options.replicationFactor ?? Math.min(3, (await admin.describeCluster()).brokers.length);
      await new KafkaJsAdmin(admin).createTopic(topic, this.options.partitions ?? 25, replicationFactor, {
        'cleanup.policy': 'compact',
      });
    });
    this.ensured.add(topic);
  }

  read(topic: string, connector: string): Promise<OffsetsTopicEntry[]> {
    return this.withAdmin(async (admin) => {
      const progress = new Map<number, PartitionProgress>();
      for (const { partition, low, lso } of await stableOffsets(admin, topic)) {
        progress.set(partition, { position: low, target: lso, firstHighWatermark: null });
      }
      if ([...progress.values()].every((p) => p.position >= p.target)) return [];
      return this.consume(admin, topic, connector, progress);
    });
  }

  private async consume(
    admin: Admin,
    topic: string,
    connector: string,
    progress: Map<number, PartitionProgress>,
  ): Promise<OffsetsTopicEntry[]> {
    const byPartition = new Map<number, OffsetsTopicEntry[]>();
    const consumer = (await this.client()).consumer({
      groupId: `${this.options.groupIdPrefix ?? 'connect-offsets-reader'}-${randomUUID()}`,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
    let wake: () => void = () => {};
    let failure: unknown = null;
    // Emitted after each fetched batch, also one of only control records or aborted records, with
    // the last offset it held: the position moves past commit markers too.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const p = progress.get(payload.partition);
      if (!p) return;
      p.position = Math.max(p.position, Number(payload.lastOffset) + 1);
      p.firstHighWatermark ??= Number(payload.highWatermark);
      wake();
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const entry = parseOffsetsTopicRecord(connector, message.key, message.value);
            if (!entry) return;
            const list = byPartition.get(partition) ?? [];
            byPartition.set(partition, list);
            list.push(entry);
          },
        })
        .catch((err: unknown) => {
          failure = err;
          wake();
        });
      const deadline = Date.now() + (this.options.readTimeoutMs ?? 60_000);
      for (;;) {
        if (failure) throw failure;
        const parts = [...progress.values()];
        if (parts.every((p) => p.position >= p.target)) {
          const open = parts.filter((p) => p.firstHighWatermark !== null && p.target < p.firstHighWatermark);
          if (open.length === 0) break;
          // A transaction of another producer is open below the high watermark: wait for it to end.
          await sleep(50);
          for (const { partition, lso } of await stableOffsets(admin, topic)) {
            const p = progress.get(partition);
            if (p) p.target = Math.max(p.target, lso);
          }
        } else {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 50);
          });
        }
        if (Date.now() > deadline) {
          throw new RetriableError(
            `Timed out reading the offsets topic ${topic} to its end; a transaction of another producer may be open in it`,
          );
        }
      }
    } finally {
      await consumer.disconnect();
    }
    return [...byPartition.keys()].sort((a, b) => a - b).flatMap((partition) => byPartition.get(partition) ?? []);
  }

  private async withAdmin<T>(op: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = (await this.client()).admin();
    await admin.connect();
    try {
      return await op(admin);
    } finally {
      await admin.disconnect();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Each partition's log start and last stable offset (kafkajs lists offsets with isolation read_committed). */
async function stableOffsets(admin: Admin, topic: string): Promise<{ partition: number; low: number; lso: number }[]> {
  return (await admin.fetchTopicOffsets(topic)).map((o) => ({
    partition: o.partition,
    low: Number(o.low),
    lso: Number(o.high),
  }));
}
