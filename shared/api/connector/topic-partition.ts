/** A topic partition (Kafka's TopicPartition). */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** A consumer offset of a partition: the offset of the next record to read (Kafka's OffsetAndMetadata). */
export interface TopicPartitionOffset extends TopicPartition {
  readonly offset: number;
  readonly metadata?: string;
}
