import type { Admin } from 'kafkajs';
import { ConnectError, type TopicPartitionOffset } from '../api';
import type { ConsumerOffsetChange, KafkaAdmin } from './admin';

/**
 * KafkaAdmin over a connected kafkajs admin client. kafkajs has no OffsetDelete API, so deleting
 * one partition's committed offset sets it to the partition's earliest offset instead: the sink
 * then re-reads from the start, which is what a deleted offset means for a group that starts
 * at the earliest offset (ours do).
 */
export class KafkaJsAdmin implements KafkaAdmin {
  constructor(private readonly admin: Admin) {}

  async clusterId(): Promise<string> {
    return (await this.admin.describeCluster()).clusterId;
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async groupOffsets(groupId: string): Promise<TopicPartitionOffset[]> {
    const topics = await this.admin.fetchOffsets({ groupId });
    const offsets: TopicPartitionOffset[] = [];
    for (const { topic, partitions } of topics) {
      for (const { partition, offset } of partitions) {
        // "-1" means no committed offset for this partition.
        if (Number(offset) >= 0) offsets.push({ topic, partition, offset: Number(offset) });
      }
    }
    return offsets.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  async alterGroupOffsets(groupId: string, changes: readonly ConsumerOffsetChange[]): Promise<void> {
    const byTopic = new Map<string, ConsumerOffsetChange[]>();
    for (const change of changes) byTopic.set(change.topic, [...(byTopic.get(change.topic) ?? []), change]);
    for (const [topic, topicChanges] of byTopic) {
      const earliest = topicChanges.some((c) => c.offset === null) ? await this.earliestOffsets(topic) : new Map();
      await this.admin.setOffsets({
        groupId,
        topic,
        partitions: topicChanges.map((c) => ({
          partition: c.partition,
          offset: String(c.offset ?? earliest.get(c.partition) ?? 0),
        })),
      });
    }
  }

  async deleteGroupOffsets(groupId: string): Promise<void> {
    const groups = await this.admin.listGroups();
    if (!groups.groups.some((g) => g.groupId === groupId)) return;
    await this.admin.deleteGroups([groupId]);
  }

  /**
   * Creates a topic unless it exists (Kafka's DeadLetterQueueReporter#createAndSetup does the
   * same for a DLQ), with `configs` as its topic configs (e.g. cleanup.policy). @returns whether
   * this call created it.
   * @throws the broker's error, e.g. a replication factor the cluster cannot reach.
   */
  async createTopic(
    topic: string,
    partitions: number,
    replicationFactor: number,
    configs: Readonly<Record<string, string>> = {},
  ): Promise<boolean> {
    if ((await this.admin.listTopics()).includes(topic)) return false;
    const configEntries = Object.entries(configs).map(([name, value]) => ({ name, value }));
    try {
      return await this.admin.createTopics({
        topics: [{ topic, numPartitions: partitions, replicationFactor, configEntries }],
        waitForLeaders: true,
      });
    } catch (err) {
      // kafkajs wraps the per-topic errors in one "Topic creation errors"; name them.
      const inner = (err as { errors?: unknown }).errors;
      if (!Array.isArray(inner) || inner.length === 0) throw err;
      const reasons = inner.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
      throw new ConnectError(
        `Could not create topic ${topic} (${partitions} partitions, replication factor ${replicationFactor}): ${reasons}`,
        { cause: err },
      );
    }
  }

  private async earliestOffsets(topic: string): Promise<Map<number, number>> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, Number(o.low)]));
  }
}
