import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { ENV, flagEnv, optionalEnv, requiredEnv } from '../../shared/env';
import { AwsPlatform } from '../../shared/platform';
import { defaultRegistry } from '../../shared/plugins';
import { Herder, pluginCatalog } from '../../shared/runtime';
import { createDynamoDbStores } from '../../shared/stores/dynamodb';
import { configResolverFromEnv, LazyKafka, sinkOptionsFromEnv, sourceOptionsFromEnv, tableNamesFromEnv } from '../deps';
import { createHandler, type HerderFunctionDeps } from './handler';

/**
 * The herder function's dependencies from the environment: DynamoDB stores, AwsPlatform over
 * Lambda and Scheduler, the plugin catalog and config providers. Clients are created once per
 * container; the Kafka connection (only topics.regex sinks need it) and the config providers on
 * first use.
 */
export function herderDepsFromEnv(): HerderFunctionDeps {
  const logger = new Logger({ serviceName: 'connect-herder' });
  const workerId = optionalEnv(ENV.functionName, 'connect-herder');
  const stores = createDynamoDbStores({ client: new DynamoDBClient({}), tables: tableNamesFromEnv() });
  const kafka = new LazyKafka(workerId);
  const platform = new AwsPlatform({
    lambda: new LambdaClient({}),
    scheduler: new SchedulerClient({}),
    topics: kafka.lazyAdmin(),
    resourcePrefix: requiredEnv(ENV.resourcePrefix),
    sink: sinkOptionsFromEnv(),
    source: sourceOptionsFromEnv(),
    logger,
  });
  const resolveConfig = configResolverFromEnv();
  const plugins = pluginCatalog(defaultRegistry(), {
    resolveConfig,
    exactlyOnceSourceEnabled: flagEnv(ENV.exactlyOnceSource),
  });
  const herder = new Herder({ stores, plugins, platform, resolveConfig, workerId, logger });
  return { herder, logger };
}

/** The Lambda entry (the file the stack bundles). */
export const handler = createHandler(herderDepsFromEnv());
