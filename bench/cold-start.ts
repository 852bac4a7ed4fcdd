/**
 * Cold start of each Lambda bundle: its size, and the time to import it in a fresh `node` process
 * and handle a first event, next to an empty handler bundled the same way in the same run.
 *
 *   npx tsx bench/cold-start.ts [runs]
 *
 * Builds the bundles with scripts/bundle.ts (`npm run build`: dist/functions/<name>/index.mjs) and
 * the empty handler with the same esbuild settings, starts dynalite, the dev broker and a fake
 * Lambda control plane, then runs every bundle `runs` times (default 5) in fresh processes of the
 * toolchain's Node, with and without NODE_OPTIONS=--enable-source-maps (the stack sets it).
 * First events: rest GET /, herder {"repair": true} on empty tables, sink an MSK event of 10
 * records for a FileStreamSink connector, source a payload for a stopped connector, cleanup
 * CloudFormation's Create. Prints medians and writes bench/results/cold-start.json. Not a timed
 * test: Lambda's sandboxes, CPU shares (memory size) and file system differ from this machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { build } from 'esbuild';
import { ENV } from '../shared/env';
import { type ConsumedRecord, encodeEsmEvent } from '../shared/kafka';
import { sinkAliasName } from '../shared/platform';
import { defaultRegistry } from '../shared/plugins';
import { Herder, pluginCatalog } from '../shared/runtime';
import { createDynamoDbStores, type TableNames } from '../shared/stores/dynamodb';
import {
  type BundleOutcome,
  functionArn,
  invokeBundle,
  TEST_ACCOUNT,
  TEST_REGION,
} from '../test/cdk/support/bundle-runner';
import { startFakeLambda } from '../test/cdk/support/fake-lambda';
import { startTestBroker } from '../test/helpers/broker';
import { startDynalite } from '../test/helpers/dynalite';
import { report } from './lib/report';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.argv[2] ?? 5);
const PREFIX = 'kc-bench-0000';
const CONNECTOR = 'bench-file-sink';
const TOPIC = 'bench';

interface Row {
  readonly bundle: string;
  readonly event: string;
  readonly sourceMaps: boolean;
  readonly bundleKiB: number;
  readonly mapKiB: number;
  /** Medians, ms. */
  readonly importMs: number;
  readonly firstEventMs: number;
  /** importMs + firstEventMs */
  readonly coldMs: number;
  /** Process spawn to exit, Node's own start-up included. */
  readonly processMs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (ms: number) => Math.round(ms * 10) / 10;
const kib = (file: string) => Math.round((statSync(file).size / 1024) * 10) / 10;

/** The empty handler, bundled with scripts/bundle.ts's esbuild options. */
async function emptyBundle(dir: string): Promise<string> {
  const entry = join(dir, 'empty.ts');
  writeFileSync(entry, 'export const handler = async (_event: unknown) => ({ ok: true });\n');
  const outfile = join(dir, 'empty', 'index.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    sourcemap: true,
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

function record(offset: number): ConsumedRecord {
  return {
    topic: TOPIC,
    partition: 0,
    offset,
    timestamp: 1_732_000_000_000 + offset,
    timestampType: 'CreateTime',
    key: Buffer.from(`key-${offset}`),
    value: Buffer.from(`value ${offset}`),
    headers: [],
  } as ConsumedRecord;
}

async function main(): Promise<void> {
  console.log('building the bundles (scripts/bundle.ts)…');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/bundle.ts')], {
    stdio: 'inherit',
  });
  const work = mkdtempSync(join(tmpdir(), 'cold-start-'));
  const dynamo = await startDynalite();
  const broker = await startTestBroker();
  const lambda = await startFakeLambda([
    { functionName: `${PREFIX}-sink-task`, name: sinkAliasName(PREFIX, CONNECTOR), description: CONNECTOR },
  ]);
  const serverOfCloudFormation = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((ready) => serverOfCloudFormation.listen(0, '127.0.0.1', ready));
  try {
    const tables = await dynamo.createTables('bench');
    const emptyTables = await dynamo.createTables('bench-empty');
    const stores = createDynamoDbStores({ client: dynamo.client, tables });
    const resolveConfig = async (config: Readonly<Record<string, string>>) => ({ ...config });
    await stores.configs.create(CONNECTOR, {
      name: CONNECTOR,
      'connector.class': 'FileStreamSink',
      'tasks.max': '1',
      topics: TOPIC,
      file: join(work, 'sink.txt'),
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    });
    await new Herder({
      stores,
      plugins: pluginCatalog(defaultRegistry(), { resolveConfig }),
      platform: { apply: async () => ({ ready: true }), remove: async () => {}, listTopics: async () => [TOPIC] },
      resolveConfig,
      workerId: 'bench',
      logger: new Logger({ serviceName: 'bench', logLevel: 'SILENT' }),
    }).reconcile(CONNECTOR);

    const env = (t: TableNames): Record<string, string> => ({
      [ENV.configsTable]: t.configs,
      [ENV.offsetsTable]: t.offsets,
      [ENV.statusesTable]: t.statuses,
      [ENV.leasesTable]: t.leases,
      [ENV.bootstrapServers]: broker.bootstrap,
      [ENV.kafkaAuth]: 'none',
      [ENV.herderFunctionArn]: functionArn(`${PREFIX}-herder`),
      [ENV.resourcePrefix]: PREFIX,
      [ENV.sinkFunctionArn]: functionArn(`${PREFIX}-sink-task`),
      [ENV.sourceFunctionArn]: functionArn(`${PREFIX}-source-task`),
      [ENV.schedulerRoleArn]: `arn:aws:iam::${TEST_ACCOUNT}:role/${PREFIX}-scheduler`,
      [ENV.awsRegion]: TEST_REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
    });
    const dist = (name: string) => join(ROOT, 'dist/functions', name, 'index.mjs');
    let sinkOffset = 0;
    const cases: {
      bundle: string;
      file: string;
      event: string;
      make: () => unknown;
      /** What a correct first answer looks like: a run that answers otherwise stops the bench. */
      expect: (result: unknown) => boolean;
      alias?: string;
      tables: TableNames;
    }[] = [
      {
        bundle: 'empty',
        file: await emptyBundle(work),
        event: '{}',
        make: () => ({}),
        expect: (r) => (r as { ok?: boolean }).ok === true,
        tables,
      },
      {
        bundle: 'rest',
        file: dist('rest'),
        event: 'GET /',
        make: () => ({
          httpMethod: 'GET',
          path: '/',
          resource: '/',
          headers: {},
          requestContext: { stage: 'connect' },
        }),
        expect: (r) => (r as { statusCode?: number }).statusCode === 200,
        tables,
      },
      {
        bundle: 'herder',
        file: dist('herder'),
        event: '{"repair": true}',
        make: () => ({ repair: true }),
        expect: (r) => (r as { trigger?: string }).trigger === 'repair',
        tables: emptyTables,
      },
      {
        bundle: 'sink-task',
        file: dist('sink-task'),
        event: 'MSK event, 10 records',
        alias: sinkAliasName(PREFIX, CONNECTOR),
        make: () => encodeEsmEvent(Array.from({ length: 10 }, () => record(sinkOffset++))),
        expect: (r) => r === null,
        tables,
      },
      {
        bundle: 'source-task',
        file: dist('source-task'),
        event: 'payload of a stopped connector',
        make: () => ({ connector: 'absent', task: 0, generation: 1 }),
        expect: (r) => r === 'not-running',
        tables,
      },
      {
        bundle: 'cleanup',
        file: dist('cleanup'),
        event: 'CloudFormation Create',
        make: () => ({
          RequestType: 'Create',
          ResponseURL: `http://127.0.0.1:${(serverOfCloudFormation.address() as AddressInfo).port}/`,
          StackId: 'stack',
          RequestId: 'request',
          LogicalResourceId: 'Cleanup',
          ResourceType: 'Custom::KafkaConnectCleanup',
          ResourceProperties: { ServiceToken: 'arn' },
        }),
        expect: (r) => r === null,
        tables,
      },
    ];

    const rows: Row[] = [];
    for (const sourceMaps of [true, false]) {
      for (const c of cases) {
        const outcomes: BundleOutcome[] = [];
        for (let run = 0; run < RUNS; run++) {
          const outcome = await invokeBundle({
            bundle: c.file,
            event: c.make(),
            functionName: `${PREFIX}-${c.bundle}`,
            ...(c.alias ? { alias: c.alias } : {}),
            env: { ...env(c.tables), ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}) },
          });
          if (outcome.error) throw new Error(`${c.bundle}: ${outcome.error.stack ?? outcome.error.message}`);
          if (!c.expect(outcome.result)) throw new Error(`${c.bundle} answered ${JSON.stringify(outcome.result)}`);
          outcomes.push(outcome);
        }
        const importMs = median(outcomes.map((o) => o.importMs));
        const firstEventMs = median(outcomes.map((o) => o.handleMs));
        rows.push({
          bundle: c.bundle,
          event: c.event,
          sourceMaps,
          bundleKiB: kib(c.file),
          mapKiB: kib(`${c.file}.map`),
          importMs: round(importMs),
          firstEventMs: round(firstEventMs),
          coldMs: round(median(outcomes.map((o) => o.importMs + o.handleMs))),
          processMs: round(median(outcomes.map((o) => o.wallMs))),
        });
      }
    }

    const node = (await invokeBundle({ bundle: cases[0]?.file as string, event: {}, functionName: 'x', env: {} })).node;
    console.log(`\nNode ${node}, ${RUNS} runs per row (medians, ms)\n`);
    console.table(
      rows.map((r) => ({
        bundle: r.bundle,
        'source maps': r.sourceMaps ? 'on' : 'off',
        'KiB (map)': `${r.bundleKiB} (${r.mapKiB})`,
        import: r.importMs,
        'first event': r.firstEventMs,
        cold: r.coldMs,
        'vs empty': round(
          r.coldMs - (rows.find((e) => e.bundle === 'empty' && e.sourceMaps === r.sourceMaps)?.coldMs ?? 0),
        ),
        process: r.processMs,
        event: r.event,
      })),
    );
    const out = join(ROOT, 'bench/results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'cold-start.json'),
      `${JSON.stringify({ node, runs: RUNS, date: new Date().toISOString(), rows }, null, 2)}\n`,
    );
    console.log('\nwritten to bench/results/cold-start.json');
    // The deployed configuration runs with NODE_OPTIONS=--enable-source-maps (cdk/lib/connect-function.ts).
    const row = (bundle: string) => rows.find((r) => r.bundle === bundle && r.sourceMaps);
    const sink = row('sink-task');
    const empty = row('empty');
    if (sink && empty) {
      report({
        script: 'cold-start',
        name: 'sink function bundle (index.mjs, minified)',
        figure: sink.bundleKiB,
        unit: 'KiB',
        target: { of: 'figure', op: '<=', value: 1024 },
        notes: `others: ${rows
          .filter((r) => r.sourceMaps && r.bundle !== 'empty' && r.bundle !== 'sink-task')
          .map((r) => `${r.bundle} ${r.bundleKiB} KiB`)
          .join(', ')}`,
      });
      report({
        script: 'cold-start',
        name: 'sink cold start: node start + import + first event (10-record MSK event)',
        figure: sink.processMs,
        unit: 'ms',
        floor: empty.processMs,
        floorWhat: 'an empty handler bundled the same way, same measure',
        target: { of: 'ratio', op: '<=', value: 3 },
        notes: `import ${sink.importMs} ms + first event ${sink.firstEventMs} ms (empty: ${empty.importMs} + ${empty.firstEventMs} ms); median of ${RUNS}, source maps on`,
      });
    }
  } finally {
    serverOfCloudFormation.close();
    await lambda.stop();
    await broker.stop();
    await dynamo.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
