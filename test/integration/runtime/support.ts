import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { aliasOf, createHandler as createSinkHandler } from '../../../functions/sink-task/handler';
import { createHandler as createSourceHandler } from '../../../functions/source-task/handler';
import type { PluginClass, SinkConnector, SourceConnector } from '../../../shared/api';
import {
  type ConsumedRecord,
  encodeEsmEvent,
  KafkaJsProducer,
  type KafkaProducer,
  kafkaJsConfig,
  type ProducerRecord,
  type RecordAck,
} from '../../../shared/kafka';
import { LoggerRegistry } from '../../../shared/observability';
import { builtInPlugins, PluginRegistry } from '../../../shared/plugins';
import {
  type DesiredConnector,
  Herder,
  type Platform,
  PluginTaskFactory,
  pluginCatalog,
  SinkPipeline,
  SourceLoop,
  type SourceRunOutcome,
  type SourceTaskPayload,
} from '../../../shared/runtime';
import type { ConnectorRecord, Stores } from '../../../shared/stores';
import { createDynamoDbStores } from '../../../shared/stores/dynamodb';
import { startTestBroker, type TestBroker } from '../../helpers/broker';
import { type RunningDynalite, startDynalite } from '../../helpers/dynalite';
import { type FakeClock, fakeClock } from '../../helpers/fake-clock';

/** The real parts a runtime test runs against: dynalite and the dev broker, one of each per test file. */
export interface Parts {
  readonly dynamo: RunningDynalite;
  readonly broker: TestBroker;
  readonly kafka: Kafka;
  stop(): Promise<void>;
}

export async function startParts(brokerOptions: { autoCreateTopics?: boolean } = {}): Promise<Parts> {
  const dynamo = await startDynalite();
  const broker = await startTestBroker(brokerOptions);
  const kafka = new Kafka({
    ...kafkaJsConfig({ bootstrapServers: [broker.bootstrap], clientId: 'runtime-test' }),
    logLevel: logLevel.NOTHING,
  });
  return {
    dynamo,
    broker,
    kafka,
    async stop() {
      await broker.stop();
      await dynamo.stop();
    },
  };
}

/** A registry of the built-in plugins plus test connectors (failure injection). */
export function registryWith(...connectors: PluginClass<SinkConnector | SourceConnector>[]): PluginRegistry {
  const builtIn = builtInPlugins();
  return new PluginRegistry({
    connectors: [...(builtIn.connectors ?? []), ...connectors],
    converters: builtIn.converters,
    headerConverters: builtIn.headerConverters,
    transformations: builtIn.transformations,
    predicates: builtIn.predicates,
  });
}

/** A platform that only records what the herder asked for (the AWS control plane is the one thing mocked). */
export class RecordingPlatform implements Platform {
  readonly applied: DesiredConnector[] = [];

  async apply(desired: DesiredConnector): Promise<{ ready: boolean }> {
    this.applied.push(desired);
    return { ready: true };
  }

  async remove(): Promise<void> {}

  async listTopics(): Promise<string[]> {
    return [];
  }

  /** The last desired state of a connector. */
  last(name: string): DesiredConnector | undefined {
    return this.applied.filter((d) => d.name === name).at(-1);
  }
}

export interface ContainerOptions {
  /** Wraps the real producer of the container (failure injection, counting). */
  producer?: (real: KafkaProducer) => KafkaProducer;
  statusIntervalMs?: number;
  leaseTtlMs?: number;
  stopMarginMs?: number;
  createDlqTopic?: (topic: string, replicationFactor: number) => Promise<void>;
}

/** One Lambda container: its own SinkPipeline, SourceLoop and handlers, wired as local/runtime.ts wires them. */
export interface Container {
  readonly pipeline: SinkPipeline;
  readonly loop: SourceLoop;
  /** Every producer record that was acknowledged, in order (DLQ and source records). */
  readonly acked: ProducerRecord[];
  /** Invokes the sink function through the alias of `connector` with a remaining-time budget on the fake clock. */
  invokeSink(connector: string, event: unknown, budgetMs?: number): Promise<void>;
  /** Invokes the source function; `remaining` is the invocation's time left. */
  invokeSource(payload: SourceTaskPayload, remaining: () => number): Promise<SourceRunOutcome>;
  close(): Promise<void>;
}

/** The control plane of one test: stores on fresh tables, the real herder, the fake clock. */
export interface Runtime {
  readonly stores: Stores;
  readonly clock: FakeClock;
  readonly registry: PluginRegistry;
  readonly herder: Herder;
  readonly platform: RecordingPlatform;
  /** Names passed to HerderSignal.connectorChanged, in order. */
  readonly signals: string[];
  readonly logger: Logger;
  container(options?: ContainerOptions): Container;
  /** Creates a connector and lets the herder compute its task configs and statuses. */
  createConnector(name: string, config: Record<string, string>): Promise<ConnectorRecord>;
  close(): Promise<void>;
}

export async function startRuntime(parts: Parts, registry: PluginRegistry = registryWith()): Promise<Runtime> {
  const clock = fakeClock();
  const tables = await parts.dynamo.createTables('runtime');
  const stores = createDynamoDbStores({ client: parts.dynamo.client, tables, clock });
  const loggers = new LoggerRegistry('connect-test', 'OFF');
  const logger = loggers.get('connect.test');
  const resolveConfig = async (config: Readonly<Record<string, string>>) => ({ ...config });
  const platform = new RecordingPlatform();
  const herder = new Herder({
    stores,
    plugins: pluginCatalog(registry, { resolveConfig }),
    platform,
    resolveConfig,
    workerId: 'herder:8083',
    logger,
  });
  const signals: string[] = [];
  const signal = {
    connectorChanged: async (name: string) => {
      signals.push(name);
      await herder.reconcile(name);
    },
  };
  const taskPlugins = new PluginTaskFactory(registry);
  const containers: Container[] = [];
  let containerCount = 0;

  const container = (options: ContainerOptions = {}): Container => {
    const workerId = `connect-task:container-${++containerCount}`;
    const acked: ProducerRecord[] = [];
    let producer: KafkaProducer | null = null;
    const sharedProducer = () => {
      if (!producer) {
        const real = new KafkaJsProducer(parts.kafka);
        const counting: KafkaProducer = {
          send: async (records) => {
            const acks = await real.send(records);
            acked.push(...records);
            return acks;
          },
          close: () => real.close(),
        };
        producer = options.producer ? options.producer(counting) : counting;
      }
      return producer;
    };
    const pipeline = new SinkPipeline({
      stores,
      plugins: taskPlugins,
      producer: sharedProducer,
      resolveConfig,
      herder: signal,
      clock,
      logger,
      workerId,
      statusIntervalMs: options.statusIntervalMs,
      createDlqTopic: options.createDlqTopic,
    });
    const loop = new SourceLoop({
      stores,
      plugins: taskPlugins,
      producer: sharedProducer,
      resolveConfig,
      herder: signal,
      clock,
      logger,
      workerId,
      leaseTtlMs: options.leaseTtlMs,
      stopMarginMs: options.stopMarginMs ?? 1_000,
      statusIntervalMs: options.statusIntervalMs,
    });
    const sinkHandler = createSinkHandler({
      pipeline,
      connectorOf: async (arn) => decodeURIComponent(aliasOf(arn)),
      logger,
    });
    const sourceHandler = createSourceHandler({ loop, logger });
    const created: Container = {
      pipeline,
      loop,
      acked,
      invokeSink: async (connector, event, budgetMs = 14 * 60_000) => {
        const deadline = clock.now() + budgetMs;
        await sinkHandler(
          event as never,
          lambdaContext('connect-sink-task', encodeURIComponent(connector), () => deadline - clock.now()),
        );
      },
      invokeSource: (payload, remaining) =>
        sourceHandler(payload, lambdaContext('connect-source-task', null, remaining)),
      close: async () => {
        await loop.close();
        await pipeline.close();
        await producer?.close();
      },
    };
    containers.push(created);
    return created;
  };

  return {
    stores,
    clock,
    registry,
    herder,
    platform,
    signals,
    logger,
    container,
    async createConnector(name, config) {
      const record = await stores.configs.create(name, { name, ...config });
      await herder.reconcile(name);
      return record;
    },
    async close() {
      for (const c of containers) await c.close();
    },
  };
}

/** A Lambda context as the service passes it: the invoked ARN (with the alias) and the time left. */
export function lambdaContext(functionName: string, alias: string | null, remaining: () => number): Context {
  const arn = `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: alias === null ? arn : `${arn}:${alias}`,
    memoryLimitInMB: '1024',
    awsRequestId: 'test-request',
    logGroupName: 'test',
    logStreamName: 'test',
    getRemainingTimeInMillis: remaining,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

let counter = 0;
/** A name no other test of the run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;
}

export function tempDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), `${prefix}-`)));
}

/** The lines of a file (without the last terminator); [] when it does not exist or is empty. */
export function linesOf(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** Produces records with a plain kafkajs producer (the test's own writer, not the runtime's). */
export async function produce(
  kafka: Kafka,
  topic: string,
  messages: { key?: string | null; value: string | Buffer | null; headers?: Record<string, string> }[],
): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 500) {
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * Every record of a topic, partition by partition in offset order, read with a kafkajs consumer up
 * to the high watermark seen when called. [] when the topic does not exist.
 */
export async function readTopic(kafka: Kafka, topic: string): Promise<ConsumedRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, number>;
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return [];
  const records = new Map<number, ConsumedRecord[]>();
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 20 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out reading ${topic}`)), 15_000);
      const remaining = new Set(ends.keys());
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const list = records.get(partition) ?? [];
            records.set(partition, list);
            list.push(consumedRecord(topic, partition, message));
            if (Number(message.offset) + 1 >= (ends.get(partition) ?? 0)) remaining.delete(partition);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return [...records.keys()].sort((a, b) => a - b).flatMap((p) => records.get(p) ?? []);
}

/** A kafkajs message as the ESM delivers it: raw key, value and headers (repeated keys kept in order). */
export function consumedRecord(topic: string, partition: number, message: KafkaMessage): ConsumedRecord {
  const headers: { key: string; value: Uint8Array | null }[] = [];
  for (const [key, value] of Object.entries(message.headers ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined) continue;
      headers.push({ key, value: typeof one === 'string' ? Buffer.from(one) : one });
    }
  }
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    timestampType: 'CreateTime',
    key: message.key ?? null,
    value: message.value ?? null,
    headers,
  };
}

/** MSK-shaped events of at most `size` records each (the ESM's BatchSize), per partition in offset order. */
export function esmEvents(records: readonly ConsumedRecord[], size = 100) {
  const events = [];
  for (let i = 0; i < records.length; i += size) events.push(encodeEsmEvent(records.slice(i, i + size)));
  return events;
}

/** A header's value as text, or undefined when absent. */
export function headerText(record: ConsumedRecord, key: string): string | undefined {
  const header = record.headers.find((h) => h.key === key);
  return header?.value ? Buffer.from(header.value).toString('utf8') : undefined;
}

export function text(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : Buffer.from(bytes).toString('utf8');
}

/** A producer that counts acknowledged records, so a source invocation can end when all are out. */
export function countingProducer(real: KafkaProducer, onAck: (acks: RecordAck[]) => void): KafkaProducer {
  return {
    send: async (records) => {
      const acks = await real.send(records);
      onAck(acks);
      return acks;
    },
    close: () => real.close(),
  };
}

/** Polls `check` until it holds (real time: for work running in the background of a test). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('Timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
