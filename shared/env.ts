/**
 * Environment-variable names shared by the CDK stack (which sets them) and the Lambda entry points
 * and local runtime (which read them). A leaf module: it imports nothing.
 */
export const ENV = {
  configsTable: 'CONNECT_CONFIGS_TABLE',
  offsetsTable: 'CONNECT_OFFSETS_TABLE',
  statusesTable: 'CONNECT_STATUSES_TABLE',
  leasesTable: 'CONNECT_LEASES_TABLE',
  bootstrapServers: 'KAFKA_BOOTSTRAP_SERVERS',
  dataDir: 'CONNECT_DATA_DIR',
  restPort: 'CONNECT_REST_PORT',
  kafkaPort: 'KAFKA_PORT',
  /** The AWS region the function runs in (set by Lambda itself); MSK IAM tokens are signed for it. */
  awsRegion: 'AWS_REGION',
  /** The running function's name (set by Lambda itself); statuses name it as the worker. */
  functionName: 'AWS_LAMBDA_FUNCTION_NAME',
  /**
   * Worker-style config provider settings as a JSON object of strings (Kafka's `config.providers`,
   * `config.providers.<name>.class`, `config.providers.<name>.param.*`); Secrets Manager and SSM
   * Parameter Store by default.
   */
  configProviders: 'CONNECT_CONFIG_PROVIDERS',
  /** Kafka client authentication: none | aws-msk-iam | scram-sha-256 | scram-sha-512 | plain. */
  kafkaAuth: 'KAFKA_AUTH',
  /** Secrets Manager secret ({"username","password"}) for SCRAM / PLAIN; event source mappings use it too. */
  kafkaSecretArn: 'KAFKA_SECRET_ARN',
  /** 'true' to speak TLS to the brokers (implied by every authenticated mechanism). */
  kafkaTls: 'KAFKA_TLS',
  /** The MSK cluster ARN; when absent, event source mappings are self-managed Kafka ones. */
  mskClusterArn: 'KAFKA_MSK_CLUSTER_ARN',
  /** Self-managed Kafka: Secrets Manager secret with the brokers' root CA certificate. */
  kafkaRootCaSecretArn: 'KAFKA_ROOT_CA_SECRET_ARN',
  /** Self-managed Kafka in a VPC: comma-separated subnet ids the event source mappings poll from. */
  kafkaSubnetIds: 'KAFKA_VPC_SUBNET_IDS',
  /** Self-managed Kafka in a VPC: comma-separated security group ids of the event source mappings. */
  kafkaSecurityGroupIds: 'KAFKA_VPC_SECURITY_GROUP_IDS',
  /** ARN of the herder function, invoked asynchronously with {"connector": name} when a connector changes. */
  herderFunctionArn: 'CONNECT_HERDER_FUNCTION_ARN',
  /** Unqualified ARN of the one sink-task function; each sink connector gets an alias of it. */
  sinkFunctionArn: 'CONNECT_SINK_FUNCTION_ARN',
  /** The version the sink aliases point at ($LATEST when unset). */
  sinkFunctionVersion: 'CONNECT_SINK_FUNCTION_VERSION',
  /** ARN of the source-task function that Scheduler schedules invoke. */
  sourceFunctionArn: 'CONNECT_SOURCE_FUNCTION_ARN',
  /** Role EventBridge Scheduler assumes to invoke the source-task function. */
  schedulerRoleArn: 'CONNECT_SCHEDULER_ROLE_ARN',
  /**
   * Prefix of the aliases and schedule groups the herder creates ([a-zA-Z][a-zA-Z0-9_-]{0,19});
   * unique per deployment in an account, since schedule group names are account-wide.
   */
  resourcePrefix: 'CONNECT_RESOURCE_PREFIX',
  /** Sink event source mappings: records per batch (Lambda's default, 100, when unset). */
  esmBatchSize: 'CONNECT_ESM_BATCH_SIZE',
  /** Sink event source mappings: seconds to gather a batch (Lambda's default when unset). */
  esmBatchingWindowSeconds: 'CONNECT_ESM_BATCHING_WINDOW_SECONDS',
  /** The commit the deployed bundle was built from (GET / reports its first 16 hex digits). */
  buildCommit: 'CONNECT_BUILD_COMMIT',
  /**
   * 'true' to run source connectors with exactly.once.support=required in Kafka transactions
   * (Kafka's worker exactly.once.source.support=enabled); validation rejects `required` otherwise.
   * The REST, herder and source-task functions must agree.
   */
  exactlyOnceSource: 'CONNECT_EXACTLY_ONCE_SOURCE',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Reads a variable that must be set; the error names it so a misdeployment is obvious. */
export function requiredEnv(name: EnvName): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export function optionalEnv(name: EnvName, fallback: string): string {
  return process.env[name] || fallback;
}

/** A switch: true only when the variable is 'true'. */
export function flagEnv(name: EnvName): boolean {
  return process.env[name] === 'true';
}
