import { KafkaApiError } from '../errors';
import { ApiKey, ErrorCode } from '../protocol';
import { errorCodeOf } from './errors';
import { defineApi } from './types';

/** DeleteRecords: moves each partition's log start offset; offset -1 means the high watermark. */
export const deleteRecords = defineApi({
  apiKey: ApiKey.DeleteRecords,
  minVersion: 0,
  maxVersion: 2,
  handle(request, { broker }) {
    return {
      topics: request.topics.map(({ name, partitions }) => ({
        name,
        partitions: partitions.map(({ partitionIndex, offset }) => {
          try {
            const log = broker.logs.partition(name, partitionIndex);
            if (!log) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
            const target = offset === -1n ? log.logEndOffset : Number(offset);
            return { partitionIndex, lowWatermark: log.deleteRecordsBefore(target), errorCode: ErrorCode.NONE };
          } catch (err) {
            const errorCode = errorCodeOf(err, broker.logger, { api: 'DeleteRecords', topic: name, partitionIndex });
            return { partitionIndex, lowWatermark: -1, errorCode };
          }
        }),
      })),
    };
  },
});
