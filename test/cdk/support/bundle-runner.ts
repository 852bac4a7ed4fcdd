import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs one Lambda bundle as the runtime does on a cold start, in a fresh `node` process of the
 * toolchain (process.execPath): import the bundle, then call its `handler` with one event and a
 * Lambda-shaped context. Also used by bench/cold-start.ts.
 */
const RUNNER = `
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const started = performance.now();
const out = { node: process.version, importMs: 0, handleMs: 0, result: null, error: null };
try {
  const mod = await import(pathToFileURL(process.env.BUNDLE_PATH).href);
  out.importMs = performance.now() - started;
  const event = JSON.parse(readFileSync(process.env.EVENT_FILE, 'utf8'));
  const meta = JSON.parse(process.env.CONTEXT_JSON);
  const deadline = Date.now() + meta.timeoutMs;
  const context = {
    functionName: meta.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: meta.invokedFunctionArn,
    memoryLimitInMB: '1024',
    awsRequestId: 'cold-start-0001',
    logGroupName: '/aws/lambda/' + meta.functionName,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done() {}, fail() {}, succeed() {},
  };
  const handling = performance.now();
  out.result = (await mod.handler(event, context)) ?? null;
  out.handleMs = performance.now() - handling;
} catch (err) {
  out.error = { name: err?.name, message: err?.message, stack: err?.stack };
}
writeFileSync(process.env.RESULT_FILE, JSON.stringify(out));
// Lambda freezes the sandbox after the answer; open Kafka or HTTP sockets must not keep this one alive.
process.exit(0);
`;

export interface BundleInvocation {
  /** The bundle's entry file (index.mjs). */
  readonly bundle: string;
  readonly event: unknown;
  /** The function's name; the invoked ARN is built from it (and the alias, when given). */
  readonly functionName: string;
  readonly alias?: string;
  /** The process environment: nothing is inherited but PATH, HOME and TMPDIR. */
  readonly env: Record<string, string>;
  readonly timeoutMs?: number;
}

export interface BundleOutcome {
  /** process.version of the process that ran the bundle. */
  readonly node: string;
  /** From process start of the runner script to the bundle's module evaluated. */
  readonly importMs: number;
  /** The first invocation of the handler. */
  readonly handleMs: number;
  /** Spawn to exit, as measured by the caller (includes Node's own start-up). */
  readonly wallMs: number;
  readonly result: unknown;
  readonly error: { name?: string; message?: string; stack?: string } | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const TEST_ACCOUNT = '123456789012';
export const TEST_REGION = 'us-east-1';

export function functionArn(functionName: string, alias?: string): string {
  const arn = `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:${functionName}`;
  return alias ? `${arn}:${alias}` : arn;
}

export async function invokeBundle(invocation: BundleInvocation): Promise<BundleOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-run-'));
  try {
    const eventFile = join(dir, 'event.json');
    const resultFile = join(dir, 'result.json');
    writeFileSync(eventFile, JSON.stringify(invocation.event));
    const timeoutMs = invocation.timeoutMs ?? 60_000;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      TMPDIR: tmpdir(),
      ...invocation.env,
      BUNDLE_PATH: invocation.bundle,
      EVENT_FILE: eventFile,
      RESULT_FILE: resultFile,
      CONTEXT_JSON: JSON.stringify({
        functionName: invocation.functionName,
        invokedFunctionArn: functionArn(invocation.functionName, invocation.alias),
        timeoutMs,
      }),
    };
    const started = performance.now();
    const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', RUNNER], { env, cwd: dir });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString();
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 10_000);
        child.on('error', reject);
        child.on('close', (exitCode) => {
          clearTimeout(timer);
          resolve({ stdout: out, stderr: err, code: exitCode });
        });
      },
    );
    const wallMs = performance.now() - started;
    let parsed: Omit<BundleOutcome, 'wallMs' | 'stdout' | 'stderr'>;
    try {
      parsed = JSON.parse(readFileSync(resultFile, 'utf8'));
    } catch {
      throw new Error(`The bundle runner exited with ${code} and no result:\n${stderr || stdout}`);
    }
    return { ...parsed, wallMs, stdout, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
