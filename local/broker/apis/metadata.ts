import { KafkaApiError } from '../errors';
import { LEADER_EPOCH, type Topic } from '../log';
import { ApiKey, ErrorCode, type MetadataResponse } from '../protocol';
import { errorCodeOf } from './errors';
import { defineApi, type RequestContext } from './types';

/** "Not requested" in the authorized-operations bitfields (Integer.MIN_VALUE). */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;
/**
 * With no authorizer every operation on a topic is allowed: READ (3), WRITE (4), CREATE (5),
 * DELETE (6), ALTER (7), DESCRIBE (8), DESCRIBE_CONFIGS (10), ALTER_CONFIGS (11), one bit each.
 */
const ALL_TOPIC_OPERATIONS = [3, 4, 5, 6, 7, 8, 10, 11].reduce((bits, op) => bits | (1 << op), 0);
const ZERO_UUID = Buffer.alloc(16).toString('base64url');

type MetadataTopic = MetadataResponse['topics'][number];

/**
 * Metadata: the one broker (which is also the controller, so clients that need a controller id, like
 * kafkajs's admin and idempotent producer, find a real one) and the requested topics. An unknown topic
 * is created when auto.create.topics.enable is on and the client allows it (v4+), as Kafka does.
 */
export const metadata = defineApi({
  apiKey: ApiKey.Metadata,
  minVersion: 0,
  maxVersion: 12,
  handle(request, context) {
    const { broker, listener, apiVersion } = context;
    const { logs, config } = broker;
    const all = request.topics === null || (apiVersion === 0 && request.topics.length === 0);
    const operations = request.includeTopicAuthorizedOperations ? ALL_TOPIC_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED;
    const topics: MetadataTopic[] = all
      ? logs.topics().map((topic) => describeTopic(topic, context, operations))
      : (request.topics ?? []).map(({ name, topicId }) => {
          if (name === null) {
            const topic = logs.topicById(topicId);
            return topic
              ? describeTopic(topic, context, operations)
              : missingTopic(null, topicId, ErrorCode.UNKNOWN_TOPIC_ID);
          }
          const topic = logs.topic(name);
          if (topic) return describeTopic(topic, context, operations);
          const allowed = config.autoCreateTopics && (apiVersion < 4 || request.allowAutoTopicCreation);
          if (!allowed) return missingTopic(name, ZERO_UUID, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
          try {
            const created = logs.createTopic(name, config.defaultPartitions);
            return describeTopic(created, context, operations);
          } catch (err) {
            // A name that is not a legal topic name (or a topic created meanwhile) ends up here.
            if (err instanceof KafkaApiError && err.errorCode === ErrorCode.TOPIC_ALREADY_EXISTS) {
              return describeTopic(logs.topic(name)!, context, operations);
            }
            return missingTopic(name, ZERO_UUID, errorCodeOf(err, broker.logger, { topic: name }));
          }
        });
    return {
      brokers: [{ nodeId: config.nodeId, host: listener.host, port: listener.port, rack: null }],
      clusterId: config.clusterId,
      controllerId: config.nodeId,
      topics,
      clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    };
  },
});

function describeTopic(topic: Topic, { broker }: RequestContext, operations: number): MetadataTopic {
  const node = broker.config.nodeId;
  return {
    errorCode: ErrorCode.NONE,
    name: topic.name,
    topicId: topic.topicId,
    isInternal: false,
    partitions: topic.partitions.map((_, partitionIndex) => ({
      errorCode: ErrorCode.NONE,
      partitionIndex,
      leaderId: node,
      leaderEpoch: LEADER_EPOCH,
      replicaNodes: [node],
      isrNodes: [node],
      offlineReplicas: [],
    })),
    topicAuthorizedOperations: operations,
  };
}

function missingTopic(name: string | null, topicId: string, errorCode: number): MetadataTopic {
  return {
    errorCode,
    name,
    topicId,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
  };
}
