/**
 * The consumer group of a sink connector's subscription to one topic. Kafka Connect uses one group,
 * `connect-<name>` (SinkUtils.consumerGroupId), for all of a sink's topics; an event source
 * mapping takes exactly one topic and its group must be unique among the account's Kafka ESMs, so
 * a sink of several topics gets one group per topic: `connect-<name>-<topic>`. A single-topic sink
 * keeps Kafka's group, so Kafka tooling sees what it expects. A topics.regex sink always uses
 * per-topic groups, even while it matches one topic: an ESM's group is fixed at creation, so the
 * group of its first topic must not change when a second topic starts to match.
 * `consumer.override.group.id` replaces `connect-<name>` in both forms.
 */
export function sinkConsumerGroup(
  connector: string,
  connectorConfig: Readonly<Record<string, string>>,
  topic: string,
  topicCount: number,
): string {
  const base = connectorConfig['consumer.override.group.id']?.trim() || `connect-${connector}`;
  const perTopic = topicCount > 1 || Boolean(connectorConfig['topics.regex']?.trim());
  return perTopic ? `${base}-${topic}` : base;
}
