/**
 * The consumer group of a sink connector's subscription to one topic. Kafka Connect uses one group,
 * `connect-<name>` (SinkUtils.consumerGroupId), for all of a sink's topics; an event source
 * mapping takes exactly one topic and its group must be unique among the account's Kafka ESMs, so
 * a sink of several topics gets one group per topic: `connect-<name>-<topic>`. A single-topic sink
 * keeps Kafka's group, so Kafka tooling sees what it expects. `consumer.override.group.id` wins
 * for a single topic, and prefixes the per-topic groups otherwise.
 */
export function sinkConsumerGroup(
  connector: string,
  connectorConfig: Readonly<Record<string, string>>,
  topic: string,
  topicCount: number,
): string {
  const base = connectorConfig['consumer.override.group.id']?.trim() || `connect-${connector}`;
  return topicCount <= 1 ? base : `${base}-${topic}`;
}
