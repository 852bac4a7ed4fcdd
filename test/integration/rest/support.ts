import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalRuntime, startLocalRuntime } from '../../../local/runtime';
import { waitFor } from '../../helpers/wait-for';

/** One local runtime (dev broker, dynalite, REST API, herder) in a temporary directory. */
export interface RestFixture {
  readonly runtime: LocalRuntime;
  readonly api: RestClient;
  /** A temporary directory for the FileStream connectors' files. */
  readonly dir: string;
  stop(): Promise<void>;
}

export async function startRestFixture(): Promise<RestFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'rest-int-'));
  const runtime = await startLocalRuntime({
    dataDir: join(dir, 'data'),
    restPort: 0,
    kafkaPort: 0,
    logLevel: 'ERROR',
    // No periodic repair during the tests: convergence comes from the signals under test.
    repairIntervalMs: 3_600_000,
  });
  return {
    runtime,
    api: new RestClient(runtime.restUrl),
    dir,
    async stop() {
      await runtime.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RestResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The raw body text. */
  readonly text: string;
  /** The body parsed as JSON, or undefined when empty. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  readonly body: any;
}

export interface SendOptions {
  /** A JSON value to send; serialised with JSON.stringify. */
  json?: unknown;
  /** Exact body bytes or text, for malformed and oversized bodies. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** fetch() against the REST API, as a user's curl would call it. */
export class RestClient {
  constructor(readonly baseUrl: string) {}

  async send(method: string, path: string, options: SendOptions = {}): Promise<RestResponse> {
    const body = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers },
      body,
    });
    const text = await response.text();
    let parsed: unknown;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`${method} ${path} answered ${response.status} with a body that is not JSON: ${text}`);
      }
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }

  get(path: string) {
    return this.send('GET', path);
  }
  post(path: string, json?: unknown) {
    return this.send('POST', path, { json });
  }
  put(path: string, json?: unknown) {
    return this.send('PUT', path, { json });
  }
  patch(path: string, json?: unknown) {
    return this.send('PATCH', path, { json });
  }
  delete(path: string) {
    return this.send('DELETE', path);
  }
}

/** A connector name no other test uses: `<prefix>-<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A FileStreamSource config reading a new file in `dir` (with `lines`) into `topic`. */
interface FileConfig {
  'connector.class': string;
  'tasks.max': string;
  file: string;
  [key: string]: string;
}
export interface SourceConfig extends FileConfig {
  topic: string;
}
export interface SinkConfig extends FileConfig {
  topics: string;
}

export function sourceConfig(dir: string, name: string, lines: string[] = []): SourceConfig {
  const file = join(dir, `${name}.in`);
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return { 'connector.class': 'FileStreamSource', 'tasks.max': '1', file, topic: `${name}-topic` };
}

/** A FileStreamSink config writing `topics` to a file in `dir`. */
export function sinkConfig(dir: string, name: string, topics = `${name}-topic`): SinkConfig {
  return { 'connector.class': 'FileStreamSink', 'tasks.max': '1', file: join(dir, `${name}.out`), topics };
}

/** Kafka's error body, as every non-2xx answer carries it. */
export function errorBody(code: number, message: string) {
  return { error_code: code, message };
}

/** Polls GET status until the connector and all its tasks are in `state` (and there are `tasks` tasks). */
export async function waitForState(api: RestClient, name: string, state: string, tasks?: number) {
  return waitFor(
    async () => {
      const res = await api.get(`/connectors/${encodeURIComponent(name)}/status`);
      if (res.status !== 200) return null;
      const status = res.body as { connector: { state: string }; tasks: Array<{ state: string }> };
      const tasksReady =
        (tasks === undefined ? status.tasks.length > 0 || state === 'STOPPED' : status.tasks.length === tasks) &&
        status.tasks.every((t) => t.state === state);
      return status.connector.state === state && tasksReady ? status : null;
    },
    { what: `connector ${name} to be ${state}`, timeoutMs: 20_000 },
  );
}
