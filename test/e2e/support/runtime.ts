import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalRuntime, startLocalRuntime } from '../../../local/runtime';
import type { LogLevelName } from '../../../shared/observability';
import { ConnectClient } from './rest';

export interface E2eRuntime {
  readonly runtime: LocalRuntime;
  readonly rest: ConnectClient;
  /** The dev broker's bootstrap address, for kcat. */
  readonly bootstrap: string;
  readonly dataDir: string;
}

/** A fresh directory for a test's data and files, removed by `removeDir`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `connect-e2e-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts the local runtime in-process as `npm start` does, on free ports, with a short repair
 * interval so topics.regex and other periodic convergence show up within a test. Quiet unless
 * E2E_LOG names a level (E2E_LOG=INFO shows every REST call and task event).
 */
export async function startRuntime(dataDir: string): Promise<E2eRuntime> {
  const runtime = await startLocalRuntime({
    dataDir,
    restPort: 0,
    kafkaPort: 0,
    repairIntervalMs: 500,
    logLevel: (process.env.E2E_LOG as LogLevelName | undefined) ?? 'ERROR',
  });
  return { runtime, rest: new ConnectClient(runtime.restUrl), bootstrap: runtime.bootstrapServers, dataDir };
}
