import type { TopicPartitionOffset } from '../api';

/** A consumer offset to set, or `offset: null` to delete (reset) it. */
export interface ConsumerOffsetChange {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number | null;
}

/**
 * The Kafka admin operations the control plane needs: the cluster's identity and topics, and sink
 * connectors' consumer group offsets (Kafka keeps sink offsets in the group `connect-<name>`).
 */
export interface KafkaAdmin {
  clusterId(): Promise<string>;
  listTopics(): Promise<string[]>;
  /** Committed offsets of a group; empty when the group has none. */
  groupOffsets(groupId: string): Promise<TopicPartitionOffset[]>;
  /** Sets or deletes committed offsets. Fails when the group has active members (Kafka's rule). */
  alterGroupOffsets(groupId: string, changes: readonly ConsumerOffsetChange[]): Promise<void>;
  /** Deletes every committed offset of the group. */
  deleteGroupOffsets(groupId: string): Promise<void>;
  /**
   * Creates a topic unless it exists (-1 partitions or replication factor: the broker's default),
   * with `configs` as its topic configs. @returns whether this call created it.
   */
  createTopic(
    topic: string,
    partitions: number,
    replicationFactor: number,
    configs?: Readonly<Record<string, string>>,
  ): Promise<boolean>;
}
