import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectFunction } from '../../cdk/lib/connect-function';
import { ENV } from '../../shared/env';
import { type ConsumedRecord, encodeEsmEvent, kafkaJsConfig } from '../../shared/kafka';
import { sinkAliasName } from '../../shared/platform';
import { defaultRegistry } from '../../shared/plugins';
import { Herder, type Platform, pluginCatalog } from '../../shared/runtime';
import { InstanceState, type Stores } from '../../shared/stores';
import { createDynamoDbStores, type TableNames } from '../../shared/stores/dynamodb';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { type RunningDynalite, startDynalite } from '../helpers/dynalite';
import { functionArn, invokeBundle, TEST_ACCOUNT, TEST_REGION } from './support/bundle-runner';
import { type FakeLambda, startFakeLambda } from './support/fake-lambda';
import { bundleDirOf, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth';

/**
 * The bundles NodejsFunction builds for the stack (the deployed artifacts), run on the toolchain's
 * Node in fresh processes against dynalite, the dev broker and a fake Lambda control plane, with
 * the environment the stack sets (its literal values, and local stand-ins for its references).
 */
const CONNECTOR = 'orders-to-file';
const TOPIC = 'orders';
const DLQ_TOPIC = 'orders-dlq';

let synth: Synthesized;
let dynamo: RunningDynalite;
let broker: TestBroker;
let lambda: FakeLambda;
let tables: TableNames;
let stores: Stores;
let outDir: string;
let prefix: string;

const silent = new Logger({ serviceName: 'bundles-test', logLevel: 'SILENT' });

/** A platform that only accepts: the herder of the test computes task configs, nothing runs on AWS. */
const acceptingPlatform: Platform = {
  apply: async () => ({ ready: true }),
  remove: async () => {},
  listTopics: async () => [TOPIC],
};

beforeAll(async () => {
  synth = synthesize({ kafkaMode: 'self-managed', kafkaBootstrapServers: 'localhost:9092' });
  prefix = synth.stack.resourcePrefix;
  dynamo = await startDynalite();
  tables = await dynamo.createTables('bundles');
  stores = createDynamoDbStores({ client: dynamo.client, tables });
  broker = await startTestBroker();
  outDir = mkdtempSync(join(tmpdir(), 'bundles-'));
  lambda = await startFakeLambda([
    { functionName: `${prefix}-sink-task`, name: sinkAliasName(prefix, CONNECTOR), description: CONNECTOR },
  ]);
  // The connector the sink event is for, with task configs computed by a real herder.
  const resolveConfig = async (config: Readonly<Record<string, string>>) => ({ ...config });
  const herder = new Herder({
    stores,
    plugins: pluginCatalog(defaultRegistry(), { resolveConfig }),
    platform: acceptingPlatform,
    resolveConfig,
    workerId: 'bundles-test',
    logger: silent,
  });
  await stores.configs.create(CONNECTOR, {
    name: CONNECTOR,
    'connector.class': 'FileStreamSink',
    'tasks.max': '1',
    topics: TOPIC,
    file: join(outDir, 'orders.txt'),
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'false',
    'errors.tolerance': 'all',
    'errors.deadletterqueue.topic.name': DLQ_TOPIC,
    'errors.deadletterqueue.topic.replication.factor': '1',
  });
  await herder.reconcile(CONNECTOR);
}, SYNTH_TIMEOUT_MS);

afterAll(async () => {
  await lambda?.stop();
  await broker?.stop();
  await dynamo?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/**
 * The variables the stack sets on a function, with local stand-ins for every reference (table
 * names, function and role ARNs) and the dev broker as Kafka. Every variable the stack sets is
 * passed: a new one the test cannot stand in for fails it.
 */
function environmentOf(fn: ConnectFunction, overrides: Record<string, string> = {}): Record<string, string> {
  const resource = synth.template.toJSON().Resources[synth.stack.getLogicalId(fn.function.node.defaultChild as never)];
  const variables = resource.Properties.Environment.Variables as Record<string, unknown>;
  const standIns: Record<string, string> = {
    [ENV.configsTable]: tables.configs,
    [ENV.offsetsTable]: tables.offsets,
    [ENV.statusesTable]: tables.statuses,
    [ENV.leasesTable]: tables.leases,
    [ENV.bootstrapServers]: broker.bootstrap,
    [ENV.herderFunctionArn]: functionArn(`${prefix}-herder`),
    [ENV.sinkFunctionArn]: functionArn(`${prefix}-sink-task`),
    [ENV.sourceFunctionArn]: functionArn(`${prefix}-source-task`),
    [ENV.schedulerRoleArn]: `arn:aws:iam::${TEST_ACCOUNT}:role/${prefix}-scheduler`,
  };
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    const local = standIns[name] ?? (typeof value === 'string' ? value : undefined);
    if (local === undefined) throw new Error(`No local stand-in for ${name}`);
    env[name] = local;
  }
  return {
    ...env,
    // What Lambda itself sets, and where the AWS SDK finds the local services.
    [ENV.awsRegion]: TEST_REGION,
    [ENV.functionName]: resource.Properties.FunctionName as string,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
    ...overrides,
  };
}

function bundleOf(fn: ConnectFunction): string {
  const file = join(bundleDirOf(fn), 'index.mjs');
  expect(existsSync(file)).toBe(true);
  expect(existsSync(`${file}.map`)).toBe(true);
  return file;
}

function getRoot(): APIGatewayProxyEvent {
  return {
    resource: '/',
    path: '/',
    httpMethod: 'GET',
    headers: { Host: 'abc123.execute-api.us-east-1.amazonaws.com', Accept: 'application/json' },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      stage: 'connect',
      path: '/connect/',
      httpMethod: 'GET',
    } as APIGatewayProxyEvent['requestContext'],
    body: null,
    isBase64Encoded: false,
  };
}

function consumed(offset: number, value: string): ConsumedRecord {
  return {
    topic: TOPIC,
    partition: 0,
    offset,
    timestamp: 1_732_000_000_000 + offset,
    timestampType: 'CreateTime',
    key: Buffer.from(`order-${offset}`),
    value: Buffer.from(value),
    headers: [],
  } as ConsumedRecord;
}

describe('bundled functions on the toolchain Node', () => {
  it('runs the bundles on the Node major of the toolchain, that of the nodejs24.x runtime', async () => {
    // Prepare
    const fn = synth.stack.workers.source;
    // Act
    const outcome = await invokeBundle({
      bundle: bundleOf(fn),
      event: { connector: 'no-such-connector', task: 0, generation: 1 },
      functionName: `${prefix}-source-task`,
      env: environmentOf(fn),
    });
    // Assess
    expect(outcome.error).toBeNull();
    expect(outcome.node).toMatch(/^v24\./);
    expect(outcome.result).toBe('not-running');
  });

  it('answers GET / from the rest bundle with the Kafka Connect version and the cluster id', async () => {
    // Prepare
    const fn = synth.stack.restApi.handler;
    // Act
    const outcome = await invokeBundle({
      bundle: bundleOf(fn),
      event: getRoot(),
      functionName: `${prefix}-rest`,
      env: environmentOf(fn),
    });
    // Assess
    expect(outcome.error).toBeNull();
    const response = outcome.result as APIGatewayProxyResult;
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      version: expect.any(String),
      commit: 'unknown',
      kafka_cluster_id: expect.any(String),
    });
  });

  it('delivers an MSK event through the sink bundle: the good record to the file, the bad one to the dead letter queue', async () => {
    // Prepare
    const fn = synth.stack.workers.sink;
    const event = encodeEsmEvent([consumed(0, '{"id":1}'), consumed(1, 'not json')], {
      eventSource: 'aws:kafka',
      eventSourceArn: `arn:aws:kafka:${TEST_REGION}:${TEST_ACCOUNT}:cluster/local/0b1c2d3e`,
      bootstrapServers: broker.bootstrap,
    });
    // Act
    const outcome = await invokeBundle({
      bundle: bundleOf(fn),
      event,
      functionName: `${prefix}-sink-task`,
      alias: sinkAliasName(prefix, CONNECTOR),
      env: environmentOf(fn),
    });
    // Assess
    expect(outcome.error).toBeNull();
    expect(readFileSync(join(outDir, 'orders.txt'), 'utf8')).toBe('{id=1}\n');
    const kafka = new Kafka({
      ...kafkaJsConfig({ bootstrapServers: [broker.bootstrap], clientId: 'bundles-test' }),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(DLQ_TOPIC);
      expect(offsets.map((o) => Number(o.high) - Number(o.low)).reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      await admin.disconnect();
    }
    expect((await stores.statuses.getTask(CONNECTOR, 0))?.state).toBe(InstanceState.RUNNING);
  });

  it('answers the periodic repair from the herder bundle', async () => {
    // Prepare
    const fn = synth.stack.workers.herder;
    const empty = await dynamo.createTables('herder');
    // Act
    const outcome = await invokeBundle({
      bundle: bundleOf(fn),
      event: { repair: true },
      functionName: `${prefix}-herder`,
      env: environmentOf(fn, {
        [ENV.configsTable]: empty.configs,
        [ENV.offsetsTable]: empty.offsets,
        [ENV.statusesTable]: empty.statuses,
        [ENV.leasesTable]: empty.leases,
      }),
    });
    // Assess
    expect(outcome.error).toBeNull();
    expect(outcome.result).toEqual({ trigger: 'repair', connectors: [] });
  });

  it("answers CloudFormation's Create from the cleanup bundle through the response URL", async () => {
    // Prepare
    const fn = synth.stack.cleanup.handler;
    const received: { method?: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        received.push({ method: req.method, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response`;
    // Act
    const outcome = await invokeBundle({
      bundle: bundleOf(fn),
      event: {
        RequestType: 'Create',
        ServiceToken: functionArn(`${prefix}-cleanup`),
        ResponseURL: url,
        StackId: `arn:aws:cloudformation:${TEST_REGION}:${TEST_ACCOUNT}:stack/KafkaConnect/guid`,
        RequestId: 'request-1',
        LogicalResourceId: 'Cleanup',
        ResourceType: 'Custom::KafkaConnectCleanup',
        ResourceProperties: { ServiceToken: 'arn', ResourcePrefix: prefix },
      },
      functionName: `${prefix}-cleanup`,
      env: environmentOf(fn),
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // Assess
    expect(outcome.error).toBeNull();
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe('PUT');
    expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({ Status: 'SUCCESS', RequestId: 'request-1' });
  });
});
