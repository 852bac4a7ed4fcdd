import type { BrokerState } from '../broker-state';
import { ApiKey, ErrorCode } from '../protocol';
import { defineApi } from './types';

type Topics = ReadonlyArray<{ name: string; partitionIndexes: number[] }> | null;

/** OffsetFetch v8 asks for several groups at once (KIP-709); before, for one. */
const FIRST_VERSION_WITH_GROUPS = 8;

/**
 * OffsetFetch: committed offsets, -1 where there are none. A null topic list (v2+) means every
 * partition the group committed. With requireStable (v7+), a partition with a transactional commit
 * still pending answers UNSTABLE_OFFSET_COMMIT, so the consumer waits for the transaction to end.
 */
export const offsetFetch = defineApi({
  apiKey: ApiKey.OffsetFetch,
  minVersion: 0,
  maxVersion: 9,
  handle(request, { broker, apiVersion }) {
    if (apiVersion >= FIRST_VERSION_WITH_GROUPS) {
      return {
        topics: [],
        groups: request.groups.map(({ groupId, topics }) => ({
          groupId,
          topics: fetchOffsets(broker, groupId, topics, request.requireStable),
          errorCode: ErrorCode.NONE,
        })),
      };
    }
    return {
      topics: fetchOffsets(broker, request.groupId, request.topics, request.requireStable),
      errorCode: ErrorCode.NONE,
    };
  },
});

function fetchOffsets(broker: BrokerState, groupId: string, topics: Topics, requireStable: boolean) {
  const { groups } = broker;
  const wanted: ReadonlyArray<{ name: string; partitionIndexes: number[] }> =
    topics ?? groupByTopic(groups.committedOffsets(groupId).map(({ topic, partition }) => ({ topic, partition })));
  return wanted.map(({ name, partitionIndexes }) => ({
    name,
    partitions: partitionIndexes.map((partitionIndex) => {
      if (requireStable && groups.hasPendingTxnOffset(groupId, name, partitionIndex)) {
        return {
          partitionIndex,
          committedOffset: -1,
          committedLeaderEpoch: -1,
          metadata: null,
          errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT,
        };
      }
      const committed = groups.committedOffset(groupId, name, partitionIndex);
      return {
        partitionIndex,
        committedOffset: committed?.offset ?? -1,
        committedLeaderEpoch: committed?.leaderEpoch ?? -1,
        metadata: committed ? committed.metadata : '',
        errorCode: ErrorCode.NONE,
      };
    }),
  }));
}

function groupByTopic(partitions: ReadonlyArray<{ topic: string; partition: number }>) {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of partitions) byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
  return [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes }));
}
