import { KafkaApiError } from '../errors';
import { ApiKey, ErrorCode } from '../protocol';
import { errorCodeOf, errorMessageOf } from './errors';
import { defineApi } from './types';

const ZERO_UUID = Buffer.alloc(16).toString('base64url');

/**
 * DeleteTopics: by name (v0-5) or by name or id (v6). The topic's files go, and so do the committed
 * offsets of every group for it, as Kafka's group coordinator drops them on deletion.
 */
export const deleteTopics = defineApi({
  apiKey: ApiKey.DeleteTopics,
  minVersion: 0,
  maxVersion: 6,
  handle(request, { broker, apiVersion }) {
    const wanted =
      apiVersion >= 6
        ? request.topics.map(({ name, topicId }) => ({ name, topicId }))
        : request.topicNames.map((name) => ({ name, topicId: ZERO_UUID }));
    return {
      responses: wanted.map(({ name, topicId }) => {
        try {
          const topic = name !== null ? broker.logs.topic(name) : broker.logs.topicById(topicId);
          if (!topic) {
            throw new KafkaApiError(
              name !== null ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID,
              'This server does not host this topic.',
            );
          }
          broker.logs.deleteTopic(topic.name);
          broker.groups.onTopicDeleted(topic.name);
          return { name: topic.name, topicId: topic.topicId, errorCode: ErrorCode.NONE, errorMessage: null };
        } catch (err) {
          const errorCode = errorCodeOf(err, broker.logger, { api: 'DeleteTopics', topic: name });
          return { name, topicId, errorCode, errorMessage: errorMessageOf(err) };
        }
      }),
    };
  },
});
