import { KafkaApiError } from '../errors';
import { IsolationLevel, LEADER_EPOCH, type PartitionLog } from '../log';
import { ApiKey, ErrorCode, type ListOffsetsResponse } from '../protocol';
import { errorCodeOf } from './errors';
import { defineApi } from './types';

type PartitionResponse = ListOffsetsResponse['topics'][number]['partitions'][number];

/** The special timestamps of ListOffsets (ListOffsetsRequest.*_TIMESTAMP). */
const Timestamp = {
  LATEST: -1,
  EARLIEST: -2,
  /** v7+, KIP-734: the offset of the record with the largest timestamp. */
  MAX: -3,
  /** v8+, KIP-405: the first offset kept locally, which without tiered storage is the earliest. */
  EARLIEST_LOCAL: -4,
  /** v9+, KIP-1005: the last offset copied to tiered storage; there is none. */
  LATEST_TIERED: -5,
} as const;

/**
 * ListOffsets: the earliest offset, the latest (the high watermark, or for read_committed the last
 * stable offset), or the first offset whose record timestamp is at least the one asked for.
 */
export const listOffsets = defineApi({
  apiKey: ApiKey.ListOffsets,
  minVersion: 0,
  maxVersion: 10,
  handle(request, { broker }) {
    const committed = request.isolationLevel === IsolationLevel.READ_COMMITTED;
    return {
      topics: request.topics.map(({ name, partitions }) => ({
        name,
        partitions: partitions.map(({ partitionIndex, timestamp, currentLeaderEpoch }): PartitionResponse => {
          try {
            const log = broker.logs.partition(name, partitionIndex);
            if (!log) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
            if (currentLeaderEpoch >= 0 && currentLeaderEpoch !== LEADER_EPOCH) {
              throw new KafkaApiError(
                currentLeaderEpoch < LEADER_EPOCH ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH,
              );
            }
            const found = lookup(log, Number(timestamp), committed);
            return {
              partitionIndex,
              errorCode: ErrorCode.NONE,
              oldStyleOffsets: found.offset >= 0 ? [found.offset] : [],
              timestamp: found.timestamp,
              offset: found.offset,
              leaderEpoch: found.offset >= 0 ? LEADER_EPOCH : -1,
            };
          } catch (err) {
            const errorCode = errorCodeOf(err, broker.logger, { api: 'ListOffsets', topic: name, partitionIndex });
            return { partitionIndex, errorCode, oldStyleOffsets: [], timestamp: -1, offset: -1, leaderEpoch: -1 };
          }
        }),
      })),
    };
  },
});

function lookup(log: PartitionLog, timestamp: number, committed: boolean): { offset: number; timestamp: number } {
  switch (timestamp) {
    case Timestamp.LATEST:
      return { offset: committed ? log.lastStableOffset : log.logEndOffset, timestamp: -1 };
    case Timestamp.EARLIEST:
    case Timestamp.EARLIEST_LOCAL:
      return { offset: log.logStartOffset, timestamp: -1 };
    case Timestamp.MAX:
      return log.maxTimestamp() ?? { offset: -1, timestamp: -1 };
    case Timestamp.LATEST_TIERED:
      return { offset: -1, timestamp: -1 };
    default: {
      const found = log.offsetForTimestamp(timestamp);
      // A read_committed client must not learn of offsets past the LSO (Kafka's fetchOffsetByTimestamp).
      if (!found || (committed && found.offset >= log.lastStableOffset)) return { offset: -1, timestamp: -1 };
      return found;
    }
  }
}
