import type { BrokerState } from '../broker-state';
import { GroupState } from '../groups';
import {
  ApiKey,
  type ConsumerProtocolSubscription,
  ConsumerProtocolSubscriptionSpec,
  decode,
  ErrorCode,
  Reader,
} from '../protocol';
import { defineApi } from './types';

/** The highest ConsumerProtocolSubscription version we know; newer ones are read as it (forward compatible). */
const SUBSCRIPTION_MAX_VERSION = 3;

/**
 * OffsetDelete: removes committed offsets of a group, except for topics its members are subscribed
 * to (GROUP_SUBSCRIBED_TO_TOPIC), read from their consumer-protocol subscriptions.
 */
export const offsetDelete = defineApi({
  apiKey: ApiKey.OffsetDelete,
  minVersion: 0,
  maxVersion: 0,
  handle(request, { broker }) {
    const group = broker.groups.group(request.groupId);
    if (!group) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, topics: [] };
    if (group.protocolType !== null && group.protocolType !== 'consumer' && !group.is(GroupState.EMPTY)) {
      return { errorCode: ErrorCode.NON_EMPTY_GROUP, topics: [] };
    }
    const subscribed = subscribedTopics(broker, request.groupId);
    return {
      errorCode: ErrorCode.NONE,
      topics: request.topics.map(({ name, partitions }) => ({
        name,
        partitions: partitions.map(({ partitionIndex }) => {
          if (subscribed.has(name)) return { partitionIndex, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC };
          if (!broker.logs.partition(name, partitionIndex))
            return { partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          broker.groups.deleteOffset(request.groupId, name, partitionIndex);
          return { partitionIndex, errorCode: ErrorCode.NONE };
        }),
      })),
    };
  },
});

function subscribedTopics(broker: BrokerState, groupId: string): Set<string> {
  const topics = new Set<string>();
  const group = broker.groups.group(groupId);
  if (group?.protocolType !== 'consumer') return topics;
  for (const member of group.members.values()) {
    for (const protocol of member.protocols) {
      try {
        const reader = new Reader(protocol.metadata);
        const version = Math.min(reader.int16(), SUBSCRIPTION_MAX_VERSION);
        const subscription = decode<ConsumerProtocolSubscription>(ConsumerProtocolSubscriptionSpec, version, reader);
        for (const topic of subscription.topics) topics.add(topic);
      } catch {
        // Metadata in a format we cannot read subscribes to nothing we can name.
      }
    }
  }
  return topics;
}
