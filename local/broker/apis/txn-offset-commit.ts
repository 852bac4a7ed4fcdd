import type { TopicPartitionOffset } from '../groups';
import { ApiKey, ErrorCode } from '../protocol';
import { forVersion } from './errors';
import { defineApi } from './types';

/**
 * TxnOffsetCommit: offsets staged in the group until the transaction ends; the group's member and
 * generation are checked too from v3 (KIP-447), so a zombie of an old generation cannot commit.
 */
export const txnOffsetCommit = defineApi({
  apiKey: ApiKey.TxnOffsetCommit,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker, apiVersion }) {
    const { groups, transactions, logs, clock } = broker;
    let requestError = forVersion(
      transactions.checkTxnOffsetCommit(
        request.transactionalId,
        Number(request.producerId),
        request.producerEpoch,
        request.groupId,
      ),
      apiVersion,
      3,
    );
    if (requestError === ErrorCode.NONE && apiVersion >= 3 && (request.generationId >= 0 || request.memberId !== '')) {
      requestError = groups.validateCommit({
        groupId: request.groupId,
        memberId: request.memberId,
        generationId: request.generationId,
        groupInstanceId: request.groupInstanceId,
      });
    }
    const now = clock.now();
    const staged: TopicPartitionOffset[] = [];
    const topics = request.topics.map(({ name, partitions }) => ({
      name,
      partitions: partitions.map(({ partitionIndex, committedOffset, committedLeaderEpoch, committedMetadata }) => {
        let errorCode = requestError;
        if (errorCode === ErrorCode.NONE && !logs.partition(name, partitionIndex))
          errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        if (errorCode === ErrorCode.NONE) errorCode = groups.checkMetadata(committedMetadata);
        if (errorCode === ErrorCode.NONE) {
          staged.push({
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
    if (staged.length > 0) groups.stageTxnOffsets(request.groupId, Number(request.producerId), staged);
    return { topics };
  },
});
