import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { systemClock } from '../../shared/api';
import { ENV, flagEnv, optionalEnv, requiredEnv } from '../../shared/env';
import { LoggerRegistry } from '../../shared/observability';
import { LambdaHerderSignal } from '../../shared/platform';
import { defaultRegistry } from '../../shared/plugins';
import { HerderConnectService, pluginCatalog } from '../../shared/runtime';
import { createDynamoDbStores } from '../../shared/stores/dynamodb';
import { configResolverFromEnv, LazyKafka, tableNamesFromEnv } from '../deps';
import { createHandler, type RestDeps } from './handler';

/** The Kafka Connect version whose REST behaviour we match (GET /). */
const KAFKA_CONNECT_VERSION = '3.9.0';

/**
 * The REST function's dependencies from the environment. Desired-state changes are written to
 * DynamoDB and signalled to the herder function asynchronously (the configs table stream is the
 * backup trigger); Kafka is reached only for the cluster id and sink offsets.
 */
export function restDepsFromEnv(): RestDeps {
  const loggers = new LoggerRegistry('connect-rest');
  const logger = loggers.get('connect.rest');
  const clock = systemClock;
  const stores = createDynamoDbStores({ client: new DynamoDBClient({}), tables: tableNamesFromEnv(), clock });
  const workerId = optionalEnv(ENV.functionName, 'connect-rest');
  const service = new HerderConnectService({
    stores,
    plugins: pluginCatalog(defaultRegistry(), {
      resolveConfig: configResolverFromEnv(),
      exactlyOnceSourceEnabled: flagEnv(ENV.exactlyOnceSource),
    }),
    herder: new LambdaHerderSignal({
      lambda: new LambdaClient({}),
      functionArn: requiredEnv(ENV.herderFunctionArn),
      logger,
    }),
    kafka: new LazyKafka(workerId).lazyAdmin(),
    loggers,
    clock,
    workerId,
    version: KAFKA_CONNECT_VERSION,
    commit: optionalEnv(ENV.buildCommit, 'unknown'),
  });
  return { service, logger };
}

/** The Lambda entry (the file the stack bundles). */
export const handler = createHandler(restDepsFromEnv());
