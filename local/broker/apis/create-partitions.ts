import { KafkaApiError } from '../errors';
import { ApiKey, ErrorCode } from '../protocol';
import { errorCodeOf, errorMessageOf } from './errors';
import { defineApi } from './types';

/** CreatePartitions: raises a topic's partition count; assignments may only name this broker. */
export const createPartitions = defineApi({
  apiKey: ApiKey.CreatePartitions,
  minVersion: 0,
  maxVersion: 3,
  handle(request, { broker }) {
    return {
      results: request.topics.map(({ name, count, assignments }) => {
        try {
          for (const { brokerIds } of assignments ?? []) {
            if (brokerIds.some((id) => id !== broker.config.nodeId)) {
              throw new KafkaApiError(
                ErrorCode.INVALID_REPLICA_ASSIGNMENT,
                `Unknown broker in assignment: ${brokerIds.join(',')}`,
              );
            }
          }
          broker.logs.createPartitions(name, count, request.validateOnly);
          return { name, errorCode: ErrorCode.NONE, errorMessage: null };
        } catch (err) {
          const errorCode = errorCodeOf(err, broker.logger, { api: 'CreatePartitions', topic: name });
          return { name, errorCode, errorMessage: errorMessageOf(err) };
        }
      }),
    };
  },
});
