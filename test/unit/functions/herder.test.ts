import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  configProvidersFromEnv,
  kafkaEventSourceFromEnv,
  kafkaSettingsFromEnv,
  sinkOptionsFromEnv,
} from '../../../functions/deps';
import { createHandler, type HerderEvent, type HerderHandler } from '../../../functions/herder/handler';
import { ConnectError, RetriableError } from '../../../shared/api';
import { defaultRegistry } from '../../../shared/plugins';
import { type DesiredConnector, Herder, type Platform, pluginCatalog } from '../../../shared/runtime';
import { createMemoryStores, InstanceState, type Stores, TargetState } from '../../../shared/stores';

const STREAM_EVENT = JSON.parse(
  readFileSync(new URL('../../fixtures/dynamodb-stream-configs-keys-only.json', import.meta.url), 'utf8'),
) as DynamoDBStreamEvent;

const CONTEXT: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'connect-herder',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:connect-herder',
  memoryLimitInMB: '512',
  awsRequestId: '8f5f1c36-0d3a-4c4e-9a55-7f0d2c1b9e11',
  logGroupName: '/aws/lambda/connect-herder',
  logStreamName: '2024/11/21/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 60_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

/** A Platform that records what it was asked to run; it fails for the connectors the test names. */
class RecordingPlatform implements Platform {
  applied: DesiredConnector[] = [];
  removed: string[] = [];
  failFor = new Set<string>();
  async apply(desired: DesiredConnector) {
    if (this.failFor.has(desired.name)) throw new RetriableError(`Rate exceeded while applying ${desired.name}`);
    this.applied.push(desired);
    return { ready: true };
  }
  async remove(name: string) {
    this.removed.push(name);
  }
  async listTopics() {
    return ['orders'];
  }
}

describe('herder function', () => {
  let stores: Stores;
  let platform: RecordingPlatform;
  let logger: Logger;
  let handler: HerderHandler;

  beforeEach(async () => {
    stores = createMemoryStores();
    platform = new RecordingPlatform();
    logger = new Logger({ serviceName: 'connect-herder', logLevel: 'SILENT' });
    const resolveConfig = async (config: Readonly<Record<string, string>>) => ({ ...config });
    const herder = new Herder({
      stores,
      plugins: pluginCatalog(defaultRegistry(), { resolveConfig }),
      platform,
      resolveConfig,
      workerId: 'connect-herder',
      logger,
    });
    handler = createHandler({ herder, logger });
    await stores.configs.create('orders-sink', {
      name: 'orders-sink',
      'connector.class': 'FileStreamSink',
      'tasks.max': '1',
      topics: 'orders',
      file: '/tmp/orders.txt',
    });
    await stores.configs.create('files-source', {
      name: 'files-source',
      'connector.class': 'FileStreamSource',
      'tasks.max': '1',
      topic: 'files',
      file: '/tmp/files.txt',
    });
  });

  it('reconciles each connector a configs stream batch names once, skipping task-config records', async () => {
    // Prepare
    await stores.configs.requestRestart({ connector: 'files-source', includeTasks: false, onlyFailed: false });
    // Act
    const outcome = await handler(STREAM_EVENT, CONTEXT);
    // Assess
    expect(outcome).toEqual({ trigger: 'stream', connectors: ['orders-sink', 'files-source', 'old-sink'] });
    expect(platform.applied.map((d) => [d.name, d.type, d.tasks, d.topics])).toEqual([
      ['orders-sink', 'sink', 1, ['orders']],
      ['files-source', 'source', 1, []],
    ]);
    expect(platform.removed).toEqual(['old-sink']);
    expect(await stores.configs.getRestartRequest('files-source')).toBeNull();
    expect((await stores.statuses.list('orders-sink')).tasks.map((t) => t.state)).toEqual([InstanceState.RUNNING]);
  });

  it('reconciles only the connector an asynchronous signal names', async () => {
    // Act
    const outcome = await handler({ connector: 'files-source' }, CONTEXT);
    // Assess
    expect(outcome).toEqual({ trigger: 'connector', connectors: ['files-source'] });
    expect(platform.applied.map((d) => d.name)).toEqual(['files-source']);
  });

  it('repairs every connector on the periodic schedule, re-running their task configs', async () => {
    // Prepare
    await handler({ connector: 'orders-sink' }, CONTEXT);
    await stores.configs.setTargetState('files-source', TargetState.PAUSED);
    platform.applied = [];
    // Act
    const repair = await handler({ repair: true }, CONTEXT);
    const ruleEvent = { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} } as unknown as HerderEvent;
    const scheduled = await handler(ruleEvent, CONTEXT);
    // Assess
    expect(repair).toEqual({ trigger: 'repair', connectors: [] });
    expect(scheduled).toEqual({ trigger: 'repair', connectors: [] });
    expect(platform.applied.map((d) => [d.name, d.targetState])).toEqual([
      ['files-source', TargetState.PAUSED],
      ['orders-sink', TargetState.STARTED],
      ['files-source', TargetState.PAUSED],
      ['orders-sink', TargetState.STARTED],
    ]);
  });

  it('tries every connector of a stream batch, then fails the batch so the stream retries it', async () => {
    // Prepare
    platform.failFor.add('orders-sink');
    // Act
    const handling = handler(STREAM_EVENT, CONTEXT);
    // Assess
    await expect(handling).rejects.toBeInstanceOf(RetriableError);
    await expect(handling).rejects.toThrow('Reconciling 1 of 3 connectors failed: orders-sink');
    expect(platform.applied.map((d) => d.name)).toEqual(['files-source']);
    expect(platform.removed).toEqual(['old-sink']);
  });

  it('refuses an event it does not know, naming only its keys, and never logs an event', async () => {
    // Prepare
    const logged: unknown[] = [];
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      vi.spyOn(logger, level).mockImplementation((...args: unknown[]) => {
        logged.push(args);
      });
    }
    const withImage = structuredClone(STREAM_EVENT);
    withImage.Records[0]!.dynamodb!.NewImage = { config: { S: '{"connection.password":"hunter2"}' } };
    const unknown = { password: 'hunter2', action: 'reset' } as unknown as HerderEvent;
    // Act
    await handler(withImage, CONTEXT);
    const refusing = handler(unknown, CONTEXT);
    // Assess
    await expect(refusing).rejects.toBeInstanceOf(ConnectError);
    await expect(refusing).rejects.toThrow('The herder cannot handle an event with keys [password, action]');
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toContain('hunter2');
  });
});

describe('herder function settings', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  function stubEnv(values: Record<string, string>): void {
    for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
  }

  it('builds an MSK event source with the SCRAM secret and the sink function from the environment', () => {
    // Prepare
    stubEnv({
      CONNECT_SINK_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:123456789012:function:connect-sink-task',
      KAFKA_MSK_CLUSTER_ARN: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/6f1c2d3e-4b5a-1',
      KAFKA_AUTH: 'scram-sha-512',
      KAFKA_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_connect',
      CONNECT_ESM_BATCH_SIZE: '500',
    });
    // Act
    const options = sinkOptionsFromEnv();
    // Assess
    expect(options).toEqual({
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:connect-sink-task',
      functionVersion: '$LATEST',
      eventSource: {
        kind: 'msk',
        clusterArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/6f1c2d3e-4b5a-1',
        auth: {
          type: 'SASL_SCRAM_512_AUTH',
          secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_connect',
        },
      },
      batchSize: 500,
    });
  });

  it('builds a self-managed event source with its VPC and root CA when no MSK cluster is named', () => {
    // Prepare
    stubEnv({
      CONNECT_SINK_FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:123456789012:function:connect-sink-task',
      KAFKA_BOOTSTRAP_SERVERS: 'b-1.kafka.internal:9092, b-2.kafka.internal:9092',
      KAFKA_VPC_SUBNET_IDS: 'subnet-0a,subnet-0b',
      KAFKA_VPC_SECURITY_GROUP_IDS: 'sg-0c',
      KAFKA_ROOT_CA_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka-ca',
    });
    // Act
    const source = kafkaEventSourceFromEnv();
    // Assess
    expect(source).toEqual({
      kind: 'self-managed',
      bootstrapServers: ['b-1.kafka.internal:9092', 'b-2.kafka.internal:9092'],
      vpc: { subnetIds: ['subnet-0a', 'subnet-0b'], securityGroupIds: ['sg-0c'] },
      rootCaSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka-ca',
    });
  });

  it('fails fast on a missing or malformed setting, naming the variable', () => {
    // Prepare
    stubEnv({ KAFKA_AUTH: 'kerberos', CONNECT_CONFIG_PROVIDERS: '{"config.providers": 1}' });
    // Act
    const sink = () => sinkOptionsFromEnv();
    const auth = () => kafkaEventSourceFromEnv();
    const providers = () => configProvidersFromEnv();
    // Assess
    expect(sink).toThrow('Missing environment variable CONNECT_SINK_FUNCTION_ARN');
    expect(auth).toThrow(
      "KAFKA_AUTH must be one of none, aws-msk-iam, scram-sha-256, scram-sha-512, plain; found 'kerberos'",
    );
    expect(providers).toThrow('CONNECT_CONFIG_PROVIDERS must be a JSON object of strings');
  });

  it('uses Secrets Manager and SSM config providers unless told otherwise, never the environment', () => {
    // Act
    const defaults = configProvidersFromEnv();
    vi.stubEnv(
      'CONNECT_CONFIG_PROVIDERS',
      '{"config.providers":"file","config.providers.file.class":"FileConfigProvider"}',
    );
    const configured = configProvidersFromEnv();
    // Assess
    expect(defaults).toEqual({
      'config.providers': 'secretsmanager,ssm',
      'config.providers.secretsmanager.class': 'SecretsManagerConfigProvider',
      'config.providers.ssm.class': 'SsmConfigProvider',
    });
    expect(configured).toEqual({ 'config.providers': 'file', 'config.providers.file.class': 'FileConfigProvider' });
  });

  it('connects the Kafka admin with MSK IAM, or with SCRAM credentials read from the secret', async () => {
    // Prepare
    stubEnv({ KAFKA_BOOTSTRAP_SERVERS: 'b-1.msk:9098', KAFKA_AUTH: 'aws-msk-iam', AWS_REGION: 'eu-west-1' });
    const readSecret = vi.fn(async () => ({ username: 'connect', password: 'pw' }));
    // Act
    const iam = await kafkaSettingsFromEnv('connect-herder', readSecret);
    vi.stubEnv('KAFKA_AUTH', 'scram-sha-512');
    vi.stubEnv('KAFKA_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_connect');
    const scram = await kafkaSettingsFromEnv('connect-herder', readSecret);
    // Assess
    expect(iam).toEqual({
      bootstrapServers: ['b-1.msk:9098'],
      clientId: 'connect-herder',
      auth: { mechanism: 'aws-msk-iam', region: 'eu-west-1' },
    });
    expect(scram).toEqual({
      bootstrapServers: ['b-1.msk:9098'],
      clientId: 'connect-herder',
      auth: { mechanism: 'scram-sha-512', username: 'connect', password: 'pw' },
    });
    expect(readSecret).toHaveBeenCalledWith('arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_connect');
  });
});
