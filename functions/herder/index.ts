import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Kafka, logLevel } from 'kafkajs';
import { ConfigError } from '../../shared/api';
import { ConfigTransformer, configProvidersFromWorkerConfig } from '../../shared/config-providers';
import { ENV, optionalEnv, requiredEnv } from '../../shared/env';
import { type KafkaAdmin, KafkaJsAdmin, kafkaJsConfig } from '../../shared/kafka';
import { AwsPlatform, type TopicLister } from '../../shared/platform';
import { defaultRegistry } from '../../shared/plugins';
import { Herder, pluginCatalog } from '../../shared/runtime';
import { createDynamoDbStores } from '../../shared/stores/dynamodb';
import { createHandler, type HerderFunctionDeps } from './handler';
import {
  configProvidersFromEnv,
  kafkaSettingsFromEnv,
  sinkOptionsFromEnv,
  sourceOptionsFromEnv,
  tableNamesFromEnv,
} from './settings';

type ResolveConfig = (config: Readonly<Record<string, string>>) => Promise<Record<string, string>>;

/**
 * The herder function's dependencies from the environment: DynamoDB stores, AwsPlatform over
 * Lambda and Scheduler, the plugin catalog and config providers. Clients are created once per
 * container; the Kafka connection and the config providers on first use.
 */
export function herderDepsFromEnv(): HerderFunctionDeps {
  const logger = new Logger({ serviceName: 'connect-herder' });
  const workerId = optionalEnv(ENV.functionName, 'connect-herder');
  const stores = createDynamoDbStores({ client: new DynamoDBClient({}), tables: tableNamesFromEnv() });
  const lambda = new LambdaClient({});
  const platform = new AwsPlatform({
    lambda,
    scheduler: new SchedulerClient({}),
    topics: lazyKafkaAdmin(workerId),
    resourcePrefix: requiredEnv(ENV.resourcePrefix),
    sink: sinkOptionsFromEnv(),
    source: sourceOptionsFromEnv(),
    logger,
  });
  const resolveConfig = configResolver(configProvidersFromEnv());
  const plugins = pluginCatalog(defaultRegistry(), { resolveConfig });
  const herder = new Herder({ stores, plugins, platform, resolveConfig, workerId, logger });
  return { herder, logger };
}

/** Placeholders resolved by the worker-style providers, built on first use (they may call AWS). */
function configResolver(workerConfig: Readonly<Record<string, string>>): ResolveConfig {
  let transformer: Promise<ConfigTransformer> | null = null;
  return async (config) => {
    transformer ??= configProvidersFromWorkerConfig(workerConfig)
      .then((providers) => new ConfigTransformer(providers))
      .catch((err) => {
        transformer = null;
        throw err;
      });
    return (await transformer).transform(config).then((result) => result.data);
  };
}

/**
 * The cluster's topics over kafkajs, connected on first use: only sinks with topics.regex need
 * them, and a container that never sees one never connects.
 */
function lazyKafkaAdmin(clientId: string): TopicLister {
  let admin: Promise<KafkaAdmin> | null = null;
  const connect = async (): Promise<KafkaAdmin> => {
    const secrets = new SecretsManagerClient({});
    try {
      const settings = await kafkaSettingsFromEnv(clientId, (secretArn) => readCredentials(secrets, secretArn));
      const client = new Kafka({ ...kafkaJsConfig(settings), logLevel: logLevel.ERROR }).admin();
      await client.connect();
      return new KafkaJsAdmin(client);
    } finally {
      secrets.destroy();
    }
  };
  return {
    async listTopics() {
      admin ??= connect().catch((err) => {
        admin = null;
        throw err;
      });
      return (await admin).listTopics();
    },
  };
}

/** SCRAM / PLAIN credentials from a secret in MSK's format: {"username": …, "password": …}. */
async function readCredentials(
  secrets: SecretsManagerClient,
  secretArn: string,
): Promise<{ username: string; password: string }> {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  let parsed: { username?: unknown; password?: unknown } = {};
  try {
    parsed = JSON.parse(SecretString ?? '{}');
  } catch {
    // The parse error quotes the secret's text: it is not kept.
  }
  if (typeof parsed.username !== 'string' || typeof parsed.password !== 'string') {
    throw new ConfigError(`Secret ${secretArn} (${ENV.kafkaSecretArn}) must be JSON with string username and password`);
  }
  return { username: parsed.username, password: parsed.password };
}

/** The Lambda entry (the file the stack bundles). */
export const handler = createHandler(herderDepsFromEnv());
