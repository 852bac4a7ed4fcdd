import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, kcat } from './support';

let child: ChildProcess | undefined;
let dataDir: string | undefined;

/** Signals npm and everything it started, as a terminal's Ctrl-C does (npm does not forward signals). */
function signalGroup(signal: NodeJS.Signals): void {
  try {
    if (child?.pid) process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

afterEach(() => {
  signalGroup('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run broker', () => {
  it('serves kcat on KAFKA_PORT with data under CONNECT_DATA_DIR and stops cleanly on SIGTERM', async () => {
    // Prepare
    dataDir = mkdtempSync(join(tmpdir(), 'npm-run-broker-'));
    let output = '';
    child = spawn('npm', ['run', '--silent', 'broker'], {
      env: { ...process.env, KAFKA_PORT: '0', CONNECT_DATA_DIR: dataDir, KAFKA_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const bootstrap: string = await eventually(
      () => /Kafka dev broker on (\S+)/.exec(output)?.[1] ?? '',
      30_000,
      'the broker to start',
    );

    // Act
    const produced = await kcat(['-P', '-b', bootstrap, '-t', 'from-npm', '-K', ':'], 'a:1\nb:2\n');
    const consumed = await kcat([
      '-C',
      '-b',
      bootstrap,
      '-t',
      'from-npm',
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%k=%s\n',
    ]);
    signalGroup('SIGTERM');
    await eventually(() => output.includes('broker stopped'), 10_000, 'the broker to stop');

    // Assess
    expect(produced.code).toBe(0);
    expect(consumed.stdout).toBe('a=1\nb=2\n');
    expect(existsSync(join(dataDir, 'kafka', 'topics', 'from-npm', 'topic.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'kafka', '.lock'))).toBe(false);
  });
});
