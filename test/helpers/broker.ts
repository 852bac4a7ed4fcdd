import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BrokerOptions,
  consoleLogger,
  LogLevel,
  type RunningBroker,
  silentLogger,
  startBroker,
} from '../../local/broker';

export interface TestBroker {
  /** `host:port`, for a client's bootstrap servers. */
  readonly bootstrap: string;
  readonly port: number;
  readonly dataDir: string;
  readonly broker: RunningBroker;
  /** Stops the broker and deletes its data directory, unless `keepData` (to restart on it). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts a dev broker for a test: port 0, a fresh temporary data directory (or `dataDir` to restart
 * on an old one), quiet unless BROKER_LOG is set to a log level.
 */
export async function startTestBroker(options: Partial<BrokerOptions> = {}): Promise<TestBroker> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kafka-dev-broker-'));
  const level = process.env.BROKER_LOG as LogLevel | undefined;
  const broker = await startBroker({
    port: 0,
    logger: level ? consoleLogger(level ?? LogLevel.INFO) : silentLogger,
    ...options,
    dataDir,
  });
  return {
    bootstrap: broker.bootstrap,
    port: broker.port,
    dataDir,
    broker,
    async stop({ keepData = false } = {}) {
      await broker.stop();
      if (ownsDir && !keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
