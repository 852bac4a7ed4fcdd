import { KafkaApiError } from '../errors';
import { ApiKey, ErrorCode } from '../protocol';
import { ConfigSource, type DescribedConfig, describeBrokerConfigs, describeTopicConfigs } from './configs';
import { errorCodeOf, errorMessageOf } from './errors';
import { defineApi } from './types';

/** DescribeConfigs resource types (org.apache.kafka.common.config.ConfigResource.Type). */
const ResourceType = { TOPIC: 2, BROKER: 4 } as const;

/**
 * DescribeConfigs: a topic's configs (overrides, broker defaults, Kafka defaults) or the broker's.
 * v0 reports `isDefault`; v1+ the config source and, on request, the synonyms; v3+ types and docs.
 */
export const describeConfigs = defineApi({
  apiKey: ApiKey.DescribeConfigs,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker, apiVersion }) {
    return {
      results: request.resources.map(({ resourceType, resourceName, configurationKeys }) => {
        try {
          let configs: DescribedConfig[];
          if (resourceType === ResourceType.TOPIC) {
            const topic = broker.logs.topic(resourceName);
            if (!topic)
              throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${resourceName} does not exist.`);
            configs = describeTopicConfigs(topic, broker);
          } else if (resourceType === ResourceType.BROKER) {
            if (resourceName !== '' && resourceName !== String(broker.config.nodeId)) {
              throw new KafkaApiError(
                ErrorCode.INVALID_REQUEST,
                `Unexpected broker id, expected ${broker.config.nodeId} or empty string, but received ${resourceName}`,
              );
            }
            configs = describeBrokerConfigs(broker);
          } else {
            throw new KafkaApiError(ErrorCode.INVALID_REQUEST, `Unsupported resource type ${resourceType}`);
          }
          const wanted =
            configurationKeys === null ? configs : configs.filter((c) => configurationKeys.includes(c.name));
          return {
            errorCode: ErrorCode.NONE,
            errorMessage: null,
            resourceType,
            resourceName,
            configs: wanted.map((config) => ({
              name: config.name,
              value: config.value,
              readOnly: config.readOnly,
              isDefault: config.source === ConfigSource.DEFAULT_CONFIG,
              configSource: config.source,
              isSensitive: false,
              synonyms: apiVersion >= 1 && request.includeSynonyms ? config.synonyms.map((s) => ({ ...s })) : [],
              configType: config.type,
              documentation: request.includeDocumentation ? config.documentation : null,
            })),
          };
        } catch (err) {
          const errorCode = errorCodeOf(err, broker.logger, { api: 'DescribeConfigs', resourceName });
          return { errorCode, errorMessage: errorMessageOf(err), resourceType, resourceName, configs: [] };
        }
      }),
    };
  },
});
