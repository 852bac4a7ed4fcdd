import type { TopicPartitionOffset } from '../groups';
import { ApiKey, ErrorCode } from '../protocol';
import { defineApi } from './types';

/**
 * OffsetCommit: checked against the member and generation (or a simple commit from outside group
 * management into a group without members), then stored. Offsets for topics that do not exist are
 * refused with UNKNOWN_TOPIC_OR_PARTITION, as Kafka does.
 */
export const offsetCommit = defineApi({
  apiKey: ApiKey.OffsetCommit,
  minVersion: 0,
  maxVersion: 9,
  handle(request, { broker }) {
    const { groups, logs, clock } = broker;
    const groupError = groups.validateCommit({
      groupId: request.groupId,
      memberId: request.memberId,
      generationId: request.generationIdOrMemberEpoch,
      groupInstanceId: request.groupInstanceId,
    });
    const now = clock.now();
    const accepted: TopicPartitionOffset[] = [];
    const topics = request.topics.map(({ name, partitions }) => ({
      name,
      partitions: partitions.map(({ partitionIndex, committedOffset, committedLeaderEpoch, committedMetadata }) => {
        let errorCode = groupError;
        if (errorCode === ErrorCode.NONE && !logs.partition(name, partitionIndex))
          errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        if (errorCode === ErrorCode.NONE) errorCode = groups.checkMetadata(committedMetadata);
        if (errorCode === ErrorCode.NONE) {
          accepted.push({
            topic: name,
            partition: partitionIndex,
            committed: {
              offset: Number(committedOffset),
              leaderEpoch: committedLeaderEpoch,
              metadata: committedMetadata,
              commitTimestamp: now,
            },
          });
        }
        return { partitionIndex, errorCode };
      }),
    }));
    if (accepted.length > 0) groups.commitOffsets(request.groupId, accepted);
    return { topics };
  },
});
