import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { API_HANDLERS } from './apis';
import type { BrokerConfig, BrokerState } from './broker-state';
import { type Clock, systemClock } from './clock';
import { StorageError } from './errors';
import { readFileIfExists, writeFileAtomic } from './files';
import { GroupCoordinator } from './groups';
import { LogManager } from './log';
import { type BrokerLogger, consoleLogger, type LogLevel } from './logger';
import { KafkaServer } from './server';
import { TransactionCoordinator } from './transactions';

export interface BrokerOptions {
  /** Where topics, committed offsets and transaction state live; created if missing. */
  readonly dataDir: string;
  /** The address to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** The port to listen on (default 9092); 0 picks a free one, see RunningBroker.port. */
  readonly port?: number;
  /** The host advertised to clients in Metadata; by default the address each client connected to. */
  readonly advertisedHost?: string;
  /** node.id (default 1); it must stay the same for a data directory. */
  readonly nodeId?: number;
  /** auto.create.topics.enable (default true). */
  readonly autoCreateTopics?: boolean;
  /** num.partitions for auto-created topics and CreateTopics with -1 (default 1). */
  readonly defaultPartitions?: number;
  /** Broker-wide defaults of topic configs, by topic config name (e.g. `{ 'retention.ms': '3600000' }`). */
  readonly topicDefaults?: Readonly<Record<string, string>>;
  /** log.retention.check.interval.ms (default 300000). */
  readonly retentionCheckIntervalMs?: number;
  /**
   * group.initial.rebalance.delay.ms (default 0, as in the server.properties Kafka ships for
   * development; Kafka's own default is 3000).
   */
  readonly groupInitialRebalanceDelayMs?: number;
  /** group.min.session.timeout.ms (default 6000). */
  readonly groupMinSessionTimeoutMs?: number;
  /** group.max.session.timeout.ms (default 1800000). */
  readonly groupMaxSessionTimeoutMs?: number;
  /** transaction.max.timeout.ms (default 900000). */
  readonly transactionMaxTimeoutMs?: number;
  /** How often open transactions are checked for their timeout (default 10000). */
  readonly transactionAbortCheckIntervalMs?: number;
  /** Log lines below this level are dropped (default info); ignored when `logger` is given. */
  readonly logLevel?: LogLevel;
  readonly logger?: BrokerLogger;
  /** Injected time, for tests (default the system clock). */
  readonly clock?: Clock;
}

export interface RunningBroker {
  readonly host: string;
  readonly port: number;
  /** `host:port`, for a client's bootstrap servers. */
  readonly bootstrap: string;
  readonly nodeId: number;
  readonly clusterId: string;
  readonly dataDir: string;
  /** Applies retention now rather than at the next check. */
  enforceRetention(): void;
  /** Closes every connection, ends pending requests and closes the files. Safe to call twice. */
  stop(): Promise<void>;
}

/** Data directories held by brokers of this process (the lock file covers other processes). */
const HELD = new Set<string>();

/**
 * Starts the dev broker: opens (or creates) the data directory, recovers its logs, and listens.
 * It is fast to start and stop, so tests start many, each on port 0 in a temporary directory.
 */
export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const dataDir = resolve(options.dataDir);
  const logger = options.logger ?? consoleLogger(options.logLevel);
  const clock = options.clock ?? systemClock;
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  const opened: Array<{ close(): void }> = [];
  try {
    const meta = readMetaProperties(dataDir, options.nodeId);
    const config: BrokerConfig = {
      nodeId: meta.nodeId,
      clusterId: meta.clusterId,
      autoCreateTopics: options.autoCreateTopics ?? true,
      defaultPartitions: options.defaultPartitions ?? 1,
    };
    const logs = LogManager.open({ dataDir, clock, logger, topicDefaults: options.topicDefaults });
    opened.push(logs);
    const groups = new GroupCoordinator({
      dataDir,
      clock,
      logger,
      initialRebalanceDelayMs: options.groupInitialRebalanceDelayMs ?? 0,
      minSessionTimeoutMs: options.groupMinSessionTimeoutMs,
      maxSessionTimeoutMs: options.groupMaxSessionTimeoutMs,
    });
    opened.push(groups);
    const transactions = new TransactionCoordinator({
      dataDir,
      clock,
      logger,
      logs,
      groups,
      maxTimeoutMs: options.transactionMaxTimeoutMs,
      abortCheckIntervalMs: options.transactionAbortCheckIntervalMs,
    });
    opened.push(transactions);
    const state: BrokerState = { config, clock, logger, logs, groups, transactions };
    const host = options.host ?? '127.0.0.1';
    const server = new KafkaServer({
      host,
      port: options.port ?? 9092,
      advertisedHost: options.advertisedHost,
      broker: state,
      handlers: API_HANDLERS,
    });
    const port = await server.listen();

    let stopped: Promise<void> | undefined;
    let cancelRetention = () => {};
    const retentionInterval = options.retentionCheckIntervalMs ?? 300_000;
    const checkRetention = () => {
      cancelRetention = clock.schedule(retentionInterval, () => {
        logs.enforceRetention();
        checkRetention();
      });
    };
    checkRetention();
    logger.info('broker started', { host, port, dataDir, nodeId: config.nodeId, clusterId: config.clusterId });

    return {
      host,
      port,
      bootstrap: `${host}:${port}`,
      nodeId: config.nodeId,
      clusterId: config.clusterId,
      dataDir,
      enforceRetention: () => logs.enforceRetention(),
      stop() {
        stopped ??= (async () => {
          cancelRetention();
          await server.close();
          for (const part of opened.reverse()) part.close();
          unlock();
          logger.info('broker stopped', { port });
        })();
        return stopped;
      },
    };
  } catch (err) {
    for (const part of opened.reverse()) part.close();
    unlock();
    throw err;
  }
}

/**
 * Kafka keeps the cluster and node ids of a data directory in `meta.properties`; so do we, in the same
 * format, so a restart keeps the cluster id clients may have cached.
 */
function readMetaProperties(dataDir: string, nodeId: number | undefined): { clusterId: string; nodeId: number } {
  const path = join(dataDir, 'meta.properties');
  const text = readFileIfExists(path);
  if (text !== undefined) {
    const props = Object.fromEntries(
      text
        .split('\n')
        .filter((line) => line.includes('=') && !line.startsWith('#'))
        .map((line) => [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1).trim()]),
    );
    const saved = { clusterId: props['cluster.id'] ?? '', nodeId: Number(props['node.id']) };
    if (!saved.clusterId || !Number.isInteger(saved.nodeId))
      throw new StorageError(`${path} lacks cluster.id or node.id`);
    if (nodeId !== undefined && nodeId !== saved.nodeId) {
      throw new StorageError(`${dataDir} belongs to node ${saved.nodeId}, not node ${nodeId}`);
    }
    return saved;
  }
  const created = { clusterId: randomBytes(16).toString('base64url'), nodeId: nodeId ?? 1 };
  writeFileAtomic(path, `#Kafka dev broker\nversion=1\ncluster.id=${created.clusterId}\nnode.id=${created.nodeId}\n`);
  return created;
}

/**
 * One broker per data directory: a `.lock` file holds the owner's process id, and a lock left by a
 * process that no longer runs is taken over (Kafka holds a file lock for the same reason).
 */
function lockDataDir(dataDir: string): () => void {
  if (HELD.has(dataDir)) throw new StorageError(`${dataDir} is in use by another broker of this process`);
  const path = join(dataDir, '.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const owner = Number(readFileSync(path, 'utf8'));
      if (owner !== process.pid && isRunning(owner)) throw new StorageError(`${dataDir} is in use by process ${owner}`);
      rmSync(path, { force: true });
    }
  }
  HELD.add(dataDir);
  return () => {
    if (!HELD.delete(dataDir)) return;
    rmSync(path, { force: true });
  };
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
