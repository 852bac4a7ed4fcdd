import { ConfigError } from '../../shared/api';
import { ENV, optionalEnv, requiredEnv } from '../../shared/env';
import type { KafkaConnectionSettings } from '../../shared/kafka';
import type { EventSourceAuth, KafkaEventSource, SinkOptions, SourceOptions } from '../../shared/platform';
import type { TableNames } from '../../shared/stores/dynamodb';

/**
 * The functions' settings, read from the environment the stack sets (shared/env.ts names).
 * A missing required variable fails the cold start with its name.
 */

/** Kafka client authentication mechanisms, as the KAFKA_AUTH variable names them. */
const KAFKA_AUTH = ['none', 'aws-msk-iam', 'scram-sha-256', 'scram-sha-512', 'plain'] as const;
type KafkaAuth = (typeof KAFKA_AUTH)[number];

/** The secret types event source mappings authenticate with, per client mechanism. */
const ESM_AUTH_TYPE = {
  'scram-sha-256': 'SASL_SCRAM_256_AUTH',
  'scram-sha-512': 'SASL_SCRAM_512_AUTH',
  plain: 'BASIC_AUTH',
} as const satisfies Partial<Record<KafkaAuth, EventSourceAuth['type']>>;

/**
 * Config providers when CONNECT_CONFIG_PROVIDERS is unset: Secrets Manager and SSM. Not `env`: a
 * function's environment holds its AWS credentials, which no connector config should be able to read.
 */
export const DEFAULT_CONFIG_PROVIDERS: Readonly<Record<string, string>> = {
  'config.providers': 'secretsmanager,ssm',
  'config.providers.secretsmanager.class': 'SecretsManagerConfigProvider',
  'config.providers.ssm.class': 'SsmConfigProvider',
};

export function tableNamesFromEnv(): TableNames {
  return {
    configs: requiredEnv(ENV.configsTable),
    offsets: requiredEnv(ENV.offsetsTable),
    statuses: requiredEnv(ENV.statusesTable),
    leases: requiredEnv(ENV.leasesTable),
  };
}

export function kafkaAuthFromEnv(): KafkaAuth {
  const value = optionalEnv(ENV.kafkaAuth, 'none');
  if (!(KAFKA_AUTH as readonly string[]).includes(value)) {
    throw new ConfigError(`${ENV.kafkaAuth} must be one of ${KAFKA_AUTH.join(', ')}; found '${value}'`);
  }
  return value as KafkaAuth;
}

/**
 * How the herder's Kafka client (topic listing for topics.regex) connects. SCRAM and PLAIN
 * credentials come from the KAFKA_SECRET_ARN secret, read with `readSecret`.
 */
export async function kafkaSettingsFromEnv(
  clientId: string,
  readSecret: (secretArn: string) => Promise<{ username: string; password: string }>,
): Promise<KafkaConnectionSettings> {
  const bootstrapServers = commaList(requiredEnv(ENV.bootstrapServers));
  const tls = optionalEnv(ENV.kafkaTls, '').toLowerCase() === 'true' ? { tls: true } : {};
  const auth = kafkaAuthFromEnv();
  switch (auth) {
    case 'none':
      return { bootstrapServers, clientId, ...tls };
    case 'aws-msk-iam':
      return { bootstrapServers, clientId, auth: { mechanism: auth, region: requiredEnv(ENV.awsRegion) } };
    default: {
      const { username, password } = await readSecret(requiredEnv(ENV.kafkaSecretArn));
      return { bootstrapServers, clientId, auth: { mechanism: auth, username, password } };
    }
  }
}

/** The cluster the sink event source mappings consume: MSK when KAFKA_MSK_CLUSTER_ARN is set. */
export function kafkaEventSourceFromEnv(): KafkaEventSource {
  const mechanism = kafkaAuthFromEnv();
  const type = mechanism in ESM_AUTH_TYPE ? ESM_AUTH_TYPE[mechanism as keyof typeof ESM_AUTH_TYPE] : null;
  const auth = type ? { auth: { type, secretArn: requiredEnv(ENV.kafkaSecretArn) } } : {};
  const clusterArn = optionalEnv(ENV.mskClusterArn, '');
  if (clusterArn) return { kind: 'msk', clusterArn, ...auth };
  const subnetIds = commaList(optionalEnv(ENV.kafkaSubnetIds, ''));
  const securityGroupIds = commaList(optionalEnv(ENV.kafkaSecurityGroupIds, ''));
  const rootCaSecretArn = optionalEnv(ENV.kafkaRootCaSecretArn, '');
  return {
    kind: 'self-managed',
    bootstrapServers: commaList(requiredEnv(ENV.bootstrapServers)),
    ...auth,
    ...(subnetIds.length > 0 || securityGroupIds.length > 0 ? { vpc: { subnetIds, securityGroupIds } } : {}),
    ...(rootCaSecretArn ? { rootCaSecretArn } : {}),
  };
}

export function sinkOptionsFromEnv(): SinkOptions {
  const batchSize = optionalInteger(ENV.esmBatchSize);
  const window = optionalInteger(ENV.esmBatchingWindowSeconds);
  return {
    functionArn: requiredEnv(ENV.sinkFunctionArn),
    functionVersion: optionalEnv(ENV.sinkFunctionVersion, '$LATEST'),
    eventSource: kafkaEventSourceFromEnv(),
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(window !== undefined ? { maximumBatchingWindowInSeconds: window } : {}),
  };
}

export function sourceOptionsFromEnv(): SourceOptions {
  return {
    functionArn: requiredEnv(ENV.sourceFunctionArn),
    schedulerRoleArn: requiredEnv(ENV.schedulerRoleArn),
  };
}

/** Worker-style config provider settings (CONNECT_CONFIG_PROVIDERS, a JSON object of strings). */
export function configProvidersFromEnv(): Readonly<Record<string, string>> {
  const text = optionalEnv(ENV.configProviders, '');
  if (!text) return DEFAULT_CONFIG_PROVIDERS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${ENV.configProviders} must be a JSON object of strings`, { cause: err });
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((v) => typeof v !== 'string')
  ) {
    throw new ConfigError(`${ENV.configProviders} must be a JSON object of strings`);
  }
  return parsed as Record<string, string>;
}

function optionalInteger(name: typeof ENV.esmBatchSize | typeof ENV.esmBatchingWindowSeconds): number | undefined {
  const text = optionalEnv(name, '');
  if (!text) return undefined;
  if (!/^\d+$/.test(text)) throw new ConfigError(`${name} must be a whole number; found '${text}'`);
  return Number(text);
}

function commaList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
