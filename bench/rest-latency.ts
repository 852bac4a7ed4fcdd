/**
 * REST latency through the local API adapter on dynalite: GET /connectors/{name}/status, and POST
 * /connectors followed by DELETE of the same connector, each with 32 concurrent clients; next to a
 * bare dynalite GetItem loop with the same concurrency in the same run, which is the store's own
 * floor (a GET status costs one Query and one GetItem, a POST one GetItem and one conditional
 * PutItem plus validation, a DELETE a few writes).
 *
 *   npx tsx bench/rest-latency.ts [seconds per scenario, default 6] [clients, default 32]
 *
 * Everything runs in this process on 127.0.0.1: the dev broker, dynalite (on disk, as `npm start`
 * runs it), the REST handler behind the local API adapter, the herder. The created connectors are
 * FileStreamSource connectors with initial_state STOPPED, so the herder records them (task configs,
 * status) but starts no task during the run. Not a timed test: the figures depend on the machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, GetItemCommand, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { startLocalDynamoDb } from '../local/dynamodb';
import { startLocalRuntime } from '../local/runtime';
import { report } from './lib/report';

const SECONDS = Number(process.argv[2] ?? 6);
const CLIENTS = Number(process.argv[3] ?? 32);
const WARMUP_MS = 1_000;

interface Figure {
  readonly what: string;
  readonly operations: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly perSecond: number;
  readonly errors: number;
}

/** The p-quantile of sorted latencies. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function figure(what: string, latencies: number[], seconds: number, errors: number): Figure {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    what,
    operations: sorted.length,
    seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    perSecond: sorted.length / seconds,
    errors,
  };
}

/**
 * Runs `operation` in a loop on `clients` concurrent clients for SECONDS (after a warm-up whose
 * results are dropped) and summarises the latencies of the operations that succeeded. An operation
 * may return the latencies of its steps (e.g. { POST: 3.1, DELETE: 2.4 }); each gets a row too.
 */
async function measure(
  what: string,
  operation: (client: number, i: number) => Promise<Record<string, number> | undefined>,
  clients = CLIENTS,
): Promise<Figure[]> {
  const latencies: number[] = [];
  const steps = new Map<string, number[]>();
  let errors = 0;
  let firstError: unknown;
  const warmupEnd = performance.now() + WARMUP_MS;
  const end = warmupEnd + SECONDS * 1000;
  const loop = async (client: number) => {
    for (let i = 0; performance.now() < end; i++) {
      const started = performance.now();
      try {
        const parts = await operation(client, i);
        if (started < warmupEnd) continue;
        latencies.push(performance.now() - started);
        for (const [step, ms] of Object.entries(parts ?? {})) steps.set(step, [...(steps.get(step) ?? []), ms]);
      } catch (err) {
        errors++;
        firstError ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, client) => loop(client)));
  if (firstError) console.error(`${what}: ${errors} failed operations; the first:`, firstError);
  // Operations that started before the end may finish after it; they count over the time they took.
  const seconds = (Math.max(performance.now(), end) - warmupEnd) / 1000;
  return [
    figure(what, latencies, seconds, errors),
    ...[...steps].map(([step, ms]) => figure(`  of which ${step}`, ms, seconds, errors)),
  ];
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${text}`);
}

function table(figures: readonly Figure[]): string {
  const rows = [
    ['operation', 'ops', 'p50 ms', 'p99 ms', 'max ms', 'ops/s', 'errors'],
    ...figures.map((f) => [
      f.what,
      String(f.operations),
      f.p50.toFixed(2),
      f.p99.toFixed(2),
      f.max.toFixed(2),
      f.perSecond.toFixed(0),
      String(f.errors),
    ]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '))
    .join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'rest-latency-'));
const runtime = await startLocalRuntime({
  dataDir: join(dir, 'data'),
  restPort: 0,
  kafkaPort: 0,
  // Quiet: failed REST operations are counted in the table. (The herder logs an error when a
  // connector is deleted while its reconcile runs; see the REST issue's report.)
  logLevel: 'OFF',
  repairIntervalMs: 3_600_000,
});
const floorDb = await startLocalDynamoDb({ path: join(dir, 'floor') });
try {
  const base = runtime.restUrl;
  const file = join(dir, 'in.txt');
  writeFileSync(file, '');
  const sourceConfig = { 'connector.class': 'FileStreamSource', 'tasks.max': '1', file, topic: 'bench' };
  const json = { 'Content-Type': 'application/json' };

  // GET status: one running source connector.
  await expectStatus(
    await fetch(`${base}/connectors`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'bench-status', config: sourceConfig }),
    }),
    201,
    'create bench-status',
  );
  await runtime.settle();
  for (let tries = 0; ; tries++) {
    const res = await fetch(`${base}/connectors/bench-status/status`);
    const body = (await res.json()) as { connector?: { state: string } };
    if (body.connector?.state === 'RUNNING') break;
    if (tries > 200) throw new Error(`bench-status did not start: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }

  // The floor: one item in a table of a second on-disk dynalite in this process.
  await floorDb.client.send(
    new CreateTableCommand({
      TableName: 'floor',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // dynalite answers CreateTable while the table is still CREATING; a PutItem then fails.
  await waitUntilTableExists(
    { client: floorDb.client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
    { TableName: 'floor' },
  );
  const key = { pk: { S: 'connectors' }, sk: { S: 'bench-status' } };
  await floorDb.client.send(
    new PutItemCommand({
      TableName: 'floor',
      Item: { ...key, config: { S: JSON.stringify(sourceConfig) }, generation: { N: '1' } },
    }),
  );

  const figures: Figure[] = [];
  figures.push(
    ...(await measure('dynalite GetItem (floor)', async () => {
      const out = await floorDb.client.send(new GetItemCommand({ TableName: 'floor', Key: key, ConsistentRead: true }));
      if (!out.Item) throw new Error('the floor item is missing');
      return undefined;
    })),
  );
  figures.push(
    ...(await measure('GET /connectors/{name}/status', async () => {
      await expectStatus(await fetch(`${base}/connectors/bench-status/status`), 200, 'GET status');
      return undefined;
    })),
  );
  figures.push(
    ...(await measure('POST + DELETE /connectors', async (client, i) => {
      const name = `bench-${client}-${i}`;
      const started = performance.now();
      await expectStatus(
        await fetch(`${base}/connectors`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ name, config: sourceConfig, initial_state: 'STOPPED' }),
        }),
        201,
        `POST ${name}`,
      );
      const created = performance.now();
      await expectStatus(await fetch(`${base}/connectors/${name}`, { method: 'DELETE' }), 204, `DELETE ${name}`);
      return { POST: created - started, DELETE: performance.now() - created };
    })),
  );

  console.log(`\nREST latency, ${CLIENTS} concurrent clients, ${SECONDS} s per row after ${WARMUP_MS} ms warm-up`);
  console.log(
    '(local API adapter -> REST handler -> HerderConnectService -> DynamoDB stores on dynalite; 127.0.0.1)\n',
  );
  console.log(table(figures));
  const row = (what: string) => figures.find((f) => f.what === what);
  const floor = row('dynalite GetItem (floor)');
  const status = row('GET /connectors/{name}/status');
  const create = row('POST + DELETE /connectors');
  if (floor && status) {
    report({
      script: 'rest-latency',
      name: `REST GET status p99, ${CLIENTS} clients`,
      figure: Number(status.p99.toFixed(2)),
      unit: 'ms',
      floor: Number(floor.p99.toFixed(2)),
      floorWhat: `bare dynalite GetItem p99, ${CLIENTS} clients`,
      target: { of: 'ratio', op: '<=', value: 2 },
      notes: `p50 ${status.p50.toFixed(2)} ms vs ${floor.p50.toFixed(2)} ms; ${status.errors} errors`,
    });
  }
  if (floor && create) {
    report({
      script: 'rest-latency',
      name: `REST POST + DELETE connector p99, ${CLIENTS} clients`,
      figure: Number(create.p99.toFixed(2)),
      unit: 'ms',
      floor: Number(floor.p99.toFixed(2)),
      floorWhat: `bare dynalite GetItem p99, ${CLIENTS} clients`,
      notes: `${create.errors} errors`,
    });
  }
  await runtime.settle();
} finally {
  await floorDb.stop();
  await runtime.stop();
  rmSync(dir, { recursive: true, force: true });
}
