import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { systemClock } from '../../shared/api';
import { ENV, flagEnv, optionalEnv, requiredEnv } from '../../shared/env';
import { kafkaJsExactlyOnce } from '../../shared/kafka';
import { EmfMetrics } from '../../shared/observability';
import { LambdaHerderSignal } from '../../shared/platform';
import { defaultRegistry } from '../../shared/plugins';
import { newTopicSettings, PluginTaskFactory, SourceLoop } from '../../shared/runtime';
import { createDynamoDbStores } from '../../shared/stores/dynamodb';
import { configResolverFromEnv, LazyKafka, tableNamesFromEnv } from '../deps';
import { createHandler, type SourceTaskDeps } from './handler';

/**
 * The source function's dependencies from the environment. Each container is one lease owner:
 * its name carries the request-independent container id, so a warm task's lease is recognised.
 */
export function sourceTaskDepsFromEnv(): SourceTaskDeps {
  const logger = new Logger({ serviceName: 'connect-source-task' });
  const container = `${optionalEnv(ENV.functionName, 'connect-source-task')}/${crypto.randomUUID()}`;
  const clock = systemClock;
  const stores = createDynamoDbStores({ client: new DynamoDBClient({}), tables: tableNamesFromEnv(), clock });
  const kafka = new LazyKafka(container);
  const producer = kafka.lazyProducer();
  const loop = new SourceLoop({
    stores,
    plugins: new PluginTaskFactory(defaultRegistry()),
    producer: () => producer,
    resolveConfig: configResolverFromEnv(),
    herder: new LambdaHerderSignal({
      lambda: new LambdaClient({}),
      functionArn: requiredEnv(ENV.herderFunctionArn),
      logger,
    }),
    clock,
    logger,
    workerId: container,
    metrics: new EmfMetrics(),
    exactlyOnce: flagEnv(ENV.exactlyOnceSource) ? { kafka: kafkaJsExactlyOnce(() => kafka.client()) } : undefined,
    // topic.creation.* groups (KIP-158): a topic is created with its group's settings before the
    // first record to it, since MSK does not create topics on first use by default.
    ensureTopic: async (connectorConfig, topic) => {
      const settings = newTopicSettings(connectorConfig, topic);
      if (!settings) return;
      const admin = await kafka.adminClient();
      await admin.createTopic(topic, settings.partitions, settings.replicationFactor, settings.configs);
    },
  });
  return { loop, logger };
}

/** The Lambda entry (the file the stack bundles). */
export const handler = createHandler(sourceTaskDepsFromEnv());
