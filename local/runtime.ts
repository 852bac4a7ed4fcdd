import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import { Kafka, logLevel } from 'kafkajs';
import { createHandler as createRestHandler } from '../functions/rest/handler';
import { aliasOf, createHandler as createSinkHandler } from '../functions/sink-task/handler';
import { createHandler as createSourceHandler } from '../functions/source-task/handler';
import { type Clock, systemClock } from '../shared/api';
import { ConfigTransformer, configProvidersFromWorkerConfig } from '../shared/config-providers';
import { KafkaJsAdmin, KafkaJsProducer, type KafkaProducer, kafkaJsConfig, kafkaJsExactlyOnce } from '../shared/kafka';
import { LoggerRegistry, type LogLevelName } from '../shared/observability';
import { defaultRegistry } from '../shared/plugins';
import {
  Herder,
  HerderConnectService,
  newTopicSettings,
  PluginTaskFactory,
  pluginCatalog,
  SinkPipeline,
  SourceLoop,
} from '../shared/runtime';
import type { Stores } from '../shared/stores';
import { createDynamoDbStores, createTables } from '../shared/stores/dynamodb';
import { type ApiServer, startApiServer } from './api-server';
import { LogLevel, startBroker } from './broker';
import { startLocalDynamoDb } from './dynamodb';
import { HerderQueue } from './herder-queue';
import { localLambdaContext } from './lambda-context';
import { connectorOfLocalAlias, LocalPlatform } from './local-platform';

export interface LocalRuntimeOptions {
  /** Where the broker's logs and dynalite's tables live (CONNECT_DATA_DIR, default ./.data). */
  dataDir: string;
  /** REST API port (CONNECT_REST_PORT, default 8083); 0 picks a free one. */
  restPort?: number;
  /** Dev broker port (KAFKA_PORT, default 9092); 0 picks a free one. */
  kafkaPort?: number;
  /** Use this Kafka instead of starting the dev broker (KAFKA_BOOTSTRAP_SERVERS). */
  bootstrapServers?: string;
  /** Use this DynamoDB instead of dynalite (AWS_ENDPOINT_URL_DYNAMODB, e.g. LocalStack). */
  dynamoDbEndpoint?: string;
  /** Worker-style config provider settings; file, directory and env are on by default. */
  configProviders?: Record<string, string>;
  logLevel?: LogLevelName;
  /** How often every connector is re-converged (task configs refreshed, topics.regex re-resolved). */
  repairIntervalMs?: number;
  /** Each local source invocation's budget (a Lambda timeout). */
  sourceBudgetMs?: number;
  clock?: Clock;
}

export interface LocalRuntime {
  readonly restUrl: string;
  readonly bootstrapServers: string;
  readonly stores: Stores;
  /** Waits until every queued reconcile has run (tests). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** The version whose REST behaviour we match, reported by GET /. */
export const KAFKA_CONNECT_VERSION = '3.9.0';

const DEFAULT_PROVIDERS = {
  'config.providers': 'file,directory,env',
  'config.providers.file.class': 'org.apache.kafka.common.config.provider.FileConfigProvider',
  'config.providers.directory.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
  'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
};

const TABLE_NAMES = {
  configs: 'connect-configs',
  offsets: 'connect-offsets',
  statuses: 'connect-statuses',
  leases: 'connect-leases',
};

/**
 * Kafka Connect on one machine: the dev broker, dynalite, the REST API, the herder and the very
 * same sink, source and REST handlers the Lambda functions run, with pollers and timers standing
 * in for event source mappings and schedules. Everything stops cleanly with stop().
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const clock = options.clock ?? systemClock;
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const loggers = new LoggerRegistry('connect', options.logLevel ?? 'INFO');
  const logger = loggers.get('connect.local');
  const stops: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        logger.warn('stopping a part of the local runtime failed', { error: err as Error });
      }
    }
  };

  try {
    let bootstrapServers = options.bootstrapServers;
    let clusterStarted = false;
    if (!bootstrapServers) {
      const broker = await startBroker({
        dataDir: join(dataDir, 'kafka'),
        port: options.kafkaPort ?? 9092,
        logLevel: LogLevel.WARN,
      });
      stops.push(() => broker.stop());
      bootstrapServers = broker.bootstrap;
      clusterStarted = true;
    }

    const dynamo = await startLocalDynamoDb({ path: join(dataDir, 'dynamodb'), endpoint: options.dynamoDbEndpoint });
    stops.push(() => dynamo.stop());
    await createTables(dynamo.client, TABLE_NAMES);
    const stores = createDynamoDbStores({ client: dynamo.client, tables: TABLE_NAMES, clock });
    // One runtime at a time serves a data directory (LevelDB locks dynalite's files), so a live
    // lease in our own dynalite was left by a previous run that did not stop cleanly (killed, or
    // crashed): free it, so its source tasks resume now rather than when it expires, as Kafka
    // restarts a dead worker's tasks at once. A DynamoDB given by endpoint may be shared: left alone.
    if (!options.dynamoDbEndpoint) await releaseLeftoverLeases(stores, clock, logger);

    const providers = await configProvidersFromWorkerConfig(options.configProviders ?? DEFAULT_PROVIDERS);
    const transformer = new ConfigTransformer(providers);
    stops.push(async () => transformer.close());
    const resolveConfig = async (config: Readonly<Record<string, string>>) =>
      (await transformer.transform(config)).data;

    const kafka = new Kafka({
      ...kafkaJsConfig({ bootstrapServers: bootstrapServers.split(','), clientId: 'connect-local' }),
      logLevel: logLevel.NOTHING,
    });
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    stops.push(() => kafkaAdmin.disconnect());
    const admin = new KafkaJsAdmin(kafkaAdmin);
    let producer: KafkaProducer | null = null;
    const sharedProducer = () => {
      producer ??= new KafkaJsProducer(kafka);
      return producer;
    };
    stops.push(async () => producer?.close());

    const registry = defaultRegistry();
    // Kafka (the dev broker too) has transactions: sources may require exactly-once (exactly.once.source.support=enabled).
    const catalog = pluginCatalog(registry, { resolveConfig, exactlyOnceSourceEnabled: true });
    const taskPlugins = new PluginTaskFactory(registry);
    const workerId = `${hostname()}:${options.restPort ?? 8083}`;

    let herder: Herder | null = null;
    const queue = new HerderQueue(
      async (name, reconcileOptions) => herder?.reconcile(name, reconcileOptions),
      loggers.get('connect.herder'),
    );

    const pipeline = new SinkPipeline({
      stores,
      plugins: taskPlugins,
      producer: sharedProducer,
      resolveConfig,
      herder: queue,
      clock,
      logger: loggers.get('connect.sink'),
      workerId,
      // As Kafka's DeadLetterQueueReporter: create the DLQ topic (1 partition) before the task
      // starts, so it also works on a cluster that does not auto-create topics (MSK's default).
      createDlqTopic: async (topic, replicationFactor) => {
        await admin.createTopic(topic, 1, replicationFactor);
      },
    });
    const loop = new SourceLoop({
      stores,
      plugins: taskPlugins,
      producer: sharedProducer,
      resolveConfig,
      herder: queue,
      clock,
      logger: loggers.get('connect.source'),
      workerId,
      stopMarginMs: 1_000,
      exactlyOnce: { kafka: kafkaJsExactlyOnce(async () => kafka) },
      ensureTopic: async (connectorConfig, topic) => {
        const settings = newTopicSettings(connectorConfig, topic);
        if (settings) await admin.createTopic(topic, settings.partitions, settings.replicationFactor, settings.configs);
      },
    });
    const sinkHandler = createSinkHandler({
      pipeline,
      connectorOf: async (arn) => connectorOfLocalAlias(aliasOf(arn)),
      logger: loggers.get('connect.sink'),
    });
    const sourceHandler = createSourceHandler({ loop, logger: loggers.get('connect.source') });
    const sinkBudgetMs = 14 * 60_000;

    const platform = new LocalPlatform({
      kafka,
      admin,
      clock,
      logger: loggers.get('connect.platform'),
      invokeSink: async (event, alias) => {
        const deadline = clock.now() + sinkBudgetMs;
        await sinkHandler(
          event,
          localLambdaContext('connect-sink-task', alias, () => deadline - clock.now()),
        );
      },
      invokeSource: (payload, remaining) =>
        sourceHandler(payload, localLambdaContext('connect-source-task', null, remaining)),
      onReadinessChange: (name) => void queue.enqueue(name),
    });
    stops.push(async () => {
      await platform.close();
      await loop.close();
      await pipeline.close();
    });
    // Before the platform closes: no reconcile may start pollers or timers while it does.
    stops.push(() => queue.close());
    herder = new Herder({
      stores,
      plugins: catalog,
      platform,
      resolveConfig,
      workerId,
      logger: loggers.get('connect.herder'),
    });

    const service = new HerderConnectService({
      stores,
      plugins: catalog,
      herder: queue,
      kafka: admin,
      loggers,
      clock,
      workerId,
      version: KAFKA_CONNECT_VERSION,
      commit: process.env.CONNECT_COMMIT ?? 'local',
    });
    const restHandler = createRestHandler({ service, logger: loggers.get('connect.rest') });
    const api: ApiServer = await startApiServer({
      handler: restHandler,
      logger: loggers.get('connect.rest'),
      port: options.restPort ?? 8083,
    });

    // Resume every connector in its target state, then re-converge periodically (the AWS repair
    // schedule). Repairs go through the queue too, so they never run beside another reconcile of
    // the same connector; they also visit connectors that are gone but still run something here.
    let repairing = false;
    const repairAll = async () => {
      const names = new Set([...(await stores.configs.list()), ...platform.connectors()]);
      await Promise.all([...names].map((name) => queue.enqueue(name, { refreshTasks: true })));
    };
    const repair = setInterval(() => {
      if (repairing) return;
      repairing = true;
      repairAll()
        .catch((err: unknown) => logger.error('repair failed', { error: err as Error }))
        .finally(() => {
          repairing = false;
        });
    }, options.repairIntervalMs ?? 30_000);
    stops.push(async () => clearInterval(repair));
    // Runs first on stop: no new REST requests while the rest shuts down.
    stops.push(() => api.close());
    for (const name of await stores.configs.list()) void queue.enqueue(name);

    logger.debug('local runtime started', { clusterStarted });
    return {
      restUrl: api.url,
      bootstrapServers,
      stores,
      settle: () => queue.idle(),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function releaseLeftoverLeases(stores: Stores, clock: Clock, logger: Logger): Promise<void> {
  for (const connector of await stores.configs.list()) {
    const tasks = (await stores.configs.getTaskConfigs(connector))?.configs.length ?? 0;
    for (let task = 0; task < tasks; task++) {
      const lease = await stores.leases.get({ connector, task });
      if (!lease || lease.expiresAt <= clock.now()) continue;
      logger.info('releasing a source task lease left by the previous run', { connector, task, owner: lease.owner });
      await stores.leases.release(lease);
    }
  }
}
