import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const outDir = mkdtempSync(join(tmpdir(), 'cdk-synth-'));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The environment of a machine without AWS credentials or configuration. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('AWS_') && !name.startsWith('CDK_')) env[name] = value;
  }
  return { ...env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', NODE_ENV: 'production' };
}

describe('npx cdk synth (the CLI, as CI and users run it)', () => {
  it('synthesizes the app of cdk.json offline, with cdk-nag AwsSolutions reporting nothing', () => {
    // Prepare
    const args = ['cdk', 'synth', '--quiet', '--no-notices', '--output', outDir];
    // Act
    const run = spawnSync('npx', args, { cwd: ROOT, env: offlineEnv(), encoding: 'utf8', timeout: 110_000 });
    // Assess
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).not.toMatch(/AwsSolutions/);
    expect(output).not.toMatch(/^(ERROR|WARNING) /m);
    const template = JSON.parse(readFileSync(join(outDir, 'KafkaConnect.template.json'), 'utf8'));
    expect(Object.keys(template.Resources).length).toBeGreaterThan(50);
    expect(existsSync(join(outDir, 'manifest.json'))).toBe(true);
  });
});
