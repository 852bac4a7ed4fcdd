/**
 * Peak memory of the sink function for one 6 MB MSK event (Lambda's invocation payload limit):
 * the records of bench/sink-pipeline.ts (JsonConverter with schemas + InsertField, ReplaceField,
 * Cast + a discarding sink) until the event's JSON reaches 6 MiB. The handler
 * (functions/sink-task/handler.ts with SinkPipeline and memory stores) runs in a fresh process,
 * bundled with esbuild and run on plain node as Lambda runs a bundle; its peak RSS (the kernel's
 * high-water mark, what Lambda reports as Max Memory Used) is the figure. Next to it, the same
 * process that only parses the event and base64-decodes + JSON.parses each value (the floor), and
 * one that only loads the code (idle). Median of RUNS fresh processes each.
 *
 *   npx tsx bench/sink-memory.ts [runs, default 3]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { EXTERNAL_MODULES } from '../cdk/lib/connect-function';
import { type ConsumedRecord, encodeEsmEvent } from '../shared/kafka';
import { orderRecord } from './lib/discard-sink';
import { report } from './lib/report';

const RUNS = Number(process.argv[2] ?? 3);
const EVENT_LIMIT = 6 * 1024 * 1024;
const TARGET_MB = 256;

/** As many records as fit in a 6 MiB event (its JSON, as Lambda receives it). */
function sixMegabyteEvent(): { json: string; records: number } {
  const records: ConsumedRecord[] = [];
  // Each record takes ~1 KiB in the event; add in steps, then trim to fit.
  let json = '';
  for (let step = 1024; step >= 1; step = Math.floor(step / 2)) {
    for (;;) {
      const more = Array.from({ length: step }, (_, i) => orderRecord(records.length + i));
      const candidate = JSON.stringify(encodeEsmEvent([...records, ...more], { eventSource: 'aws:kafka' }));
      if (candidate.length > EVENT_LIMIT) break;
      records.push(...more);
      json = candidate;
    }
  }
  return { json, records: records.length };
}

interface ChildResult {
  readonly mode: string;
  readonly records: number;
  readonly peakRssMb: number;
  readonly loadedRssMb: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const work = mkdtempSync(join(tmpdir(), 'sink-memory-'));
try {
  const event = sixMegabyteEvent();
  const eventFile = join(work, 'event.json');
  writeFileSync(eventFile, event.json);
  const child = join(work, 'child.mjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, 'lib/sink-memory-child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    mainFields: ['module', 'main'],
    external: EXTERNAL_MODULES,
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const run = (mode: string): ChildResult =>
    JSON.parse(execFileSync(process.execPath, [child, eventFile, mode], { encoding: 'utf8' }).trim()) as ChildResult;
  const results: Record<string, ChildResult[]> = { idle: [], floor: [], handler: [] };
  for (let i = 0; i < RUNS; i++) for (const mode of Object.keys(results)) results[mode]?.push(run(mode));
  const peak = (mode: string) => median((results[mode] ?? []).map((r) => r.peakRssMb));
  const handled = results.handler?.[0]?.records ?? 0;
  if (handled !== event.records) throw new Error(`the sink saw ${handled} of ${event.records} records`);

  const mb = (n: number) => `${n.toFixed(1)} MB`;
  console.log(
    `sink function memory, one ${(event.json.length / 2 ** 20).toFixed(2)} MiB MSK event of ${event.records} records, peak RSS, median of ${RUNS} (${process.version})`,
  );
  console.log(
    `  handler (middy, decodeEsmEvent, SinkPipeline, JsonConverter, 3 SMTs, discard): ${mb(peak('handler'))}`,
  );
  console.log(`  floor (JSON.parse of the event, base64 + JSON.parse of each value):           ${mb(peak('floor'))}`);
  console.log(`  idle (the same code loaded, no event):                                        ${mb(peak('idle'))}`);
  report({
    script: 'sink-memory',
    name: `sink handler peak RSS, one 6 MiB MSK event (${event.records.toLocaleString('en-US')} records)`,
    figure: Number(peak('handler').toFixed(1)),
    unit: 'MB',
    floor: Number(peak('floor').toFixed(1)),
    floorWhat: 'the same process parsing the event and each value, keeping nothing',
    target: { of: 'figure', op: '<=', value: TARGET_MB },
    notes: `idle process with the code loaded: ${mb(peak('idle'))}`,
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
