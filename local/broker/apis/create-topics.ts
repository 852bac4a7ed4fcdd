import type { BrokerState } from '../broker-state';
import { KafkaApiError } from '../errors';
import { ApiKey, type CreateTopicsRequest, type CreateTopicsResponse, ErrorCode } from '../protocol';
import { describeTopicConfigs } from './configs';
import { errorCodeOf, errorMessageOf } from './errors';
import { defineApi } from './types';

type TopicResult = CreateTopicsResponse['topics'][number];

/**
 * CreateTopics: with one broker every replication factor but 1 (or -1, the default) is refused, and
 * manual assignments may only name this broker. Config names are Kafka's topic configs
 * (../log/topic-config.ts). v5+ answers with the created topic's partitions and configs.
 */
export const createTopics = defineApi({
  apiKey: ApiKey.CreateTopics,
  minVersion: 0,
  maxVersion: 7,
  handle(request, { broker }) {
    const counts = new Map<string, number>();
    for (const { name } of request.topics) counts.set(name, (counts.get(name) ?? 0) + 1);
    return {
      topics: request.topics.map((topic): TopicResult => {
        try {
          if (counts.get(topic.name)! > 1) {
            throw new KafkaApiError(
              ErrorCode.INVALID_REQUEST,
              'Create topics request from client contains multiple topics with the same name',
            );
          }
          return create(topic, request.validateOnly, broker);
        } catch (err) {
          const errorCode = errorCodeOf(err, broker.logger, { api: 'CreateTopics', topic: topic.name });
          return {
            name: topic.name,
            errorCode,
            errorMessage: errorMessageOf(err),
            numPartitions: -1,
            replicationFactor: -1,
            configs: null,
          };
        }
      }),
    };
  },
});

function create(topic: CreateTopicsRequest['topics'][number], validateOnly: boolean, broker: BrokerState): TopicResult {
  const { config, logs } = broker;
  if (topic.assignments.length > 0 && (topic.numPartitions !== -1 || topic.replicationFactor !== -1)) {
    throw new KafkaApiError(
      ErrorCode.INVALID_REQUEST,
      'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.',
    );
  }
  for (const { brokerIds } of topic.assignments) {
    if (brokerIds.length !== 1 || brokerIds[0] !== config.nodeId) {
      throw new KafkaApiError(
        ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        `Replica assignment must name broker ${config.nodeId} only.`,
      );
    }
  }
  const replicationFactor = topic.replicationFactor === -1 ? 1 : topic.replicationFactor;
  if (replicationFactor !== 1) {
    throw new KafkaApiError(
      ErrorCode.INVALID_REPLICATION_FACTOR,
      replicationFactor < 1
        ? 'Replication factor must be larger than 0, or -1 to use the default value.'
        : `Unable to replicate the partition ${replicationFactor} time(s): The target replication factor of ${replicationFactor} cannot be reached because only 1 broker(s) are registered.`,
    );
  }
  const partitions =
    topic.assignments.length > 0
      ? topic.assignments.length
      : topic.numPartitions === -1
        ? config.defaultPartitions
        : topic.numPartitions;
  const configs = Object.fromEntries(topic.configs.map(({ name, value }) => [name, value]));
  if (validateOnly) {
    logs.validateNewTopic(topic.name, partitions, configs);
    return {
      name: topic.name,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      numPartitions: partitions,
      replicationFactor,
      configs: [],
    };
  }
  const created = logs.createTopic(topic.name, partitions, configs);
  return {
    name: topic.name,
    topicId: created.topicId,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    numPartitions: partitions,
    replicationFactor,
    configs: describeTopicConfigs(created, broker).map((c) => ({
      name: c.name,
      value: c.value,
      readOnly: c.readOnly,
      configSource: c.source,
      isSensitive: false,
    })),
  };
}
