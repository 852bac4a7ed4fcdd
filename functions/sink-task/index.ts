import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { ConnectError, systemClock } from '../../shared/api';
import { ENV, optionalEnv, requiredEnv } from '../../shared/env';
import { KafkaJsAdmin } from '../../shared/kafka';
import { EmfMetrics } from '../../shared/observability';
import { LambdaHerderSignal, SinkAliasResolver } from '../../shared/platform';
import { defaultRegistry } from '../../shared/plugins';
import { PluginTaskFactory, SinkPipeline } from '../../shared/runtime';
import { createDynamoDbStores } from '../../shared/stores/dynamodb';
import { configResolverFromEnv, LazyKafka, tableNamesFromEnv } from '../deps';
import { createHandler, type SinkTaskDeps } from './handler';

/**
 * The sink function's dependencies from the environment. The pipeline keeps started tasks,
 * converters and the DLQ producer across warm invocations; the alias resolver remembers which
 * connector each alias serves.
 */
export function sinkTaskDepsFromEnv(): SinkTaskDeps {
  const logger = new Logger({ serviceName: 'connect-sink-task' });
  const workerId = optionalEnv(ENV.functionName, 'connect-sink-task');
  const clock = systemClock;
  const stores = createDynamoDbStores({ client: new DynamoDBClient({}), tables: tableNamesFromEnv(), clock });
  const lambda = new LambdaClient({});
  const kafka = new LazyKafka(workerId);
  const producer = kafka.lazyProducer();
  const pipeline = new SinkPipeline({
    stores,
    plugins: new PluginTaskFactory(defaultRegistry()),
    producer: () => producer,
    resolveConfig: configResolverFromEnv(),
    herder: new LambdaHerderSignal({ lambda, functionArn: requiredEnv(ENV.herderFunctionArn), logger }),
    clock,
    logger,
    workerId,
    metrics: new EmfMetrics(),
    // As Kafka's DeadLetterQueueReporter: the DLQ topic (1 partition) exists before the task
    // starts, since MSK does not create topics on first use by default.
    createDlqTopic: async (topic, replicationFactor) => {
      const admin = await kafka.adminClient();
      if (!(admin instanceof KafkaJsAdmin)) throw new ConnectError('The Kafka admin client cannot create topics');
      await admin.createTopic(topic, 1, replicationFactor);
    },
  });
  const aliases = new SinkAliasResolver({ lambda, listConnectors: () => stores.configs.list() });
  return { pipeline, connectorOf: (arn) => aliases.connectorOfAlias(arn), logger };
}

/** The Lambda entry (the file the stack bundles). */
export const handler = createHandler(sinkTaskDepsFromEnv());
