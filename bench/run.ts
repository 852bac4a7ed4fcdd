/**
 * `npm run bench`: runs every bench script, one after another, each in its own process of the
 * project's Node (process.execPath with tsx's loader), with the bounded sizes below so the whole
 * run takes a few minutes on 2 cores. Shows progress while it runs, then prints one table and
 * writes bench/results/latest.json (gitignored: every result and each script's output) and the
 * generated sections of BENCHMARKS.md (the results table and the cost table; the prose around
 * them is kept as written).
 *
 *   npm run bench                          every script
 *   npm run bench -- sink-pipeline rest    only the scripts whose names contain one of the words
 *   npm run bench -- --verbose             also stream each script's own output
 *   npm run bench -- --no-write            do not touch BENCHMARKS.md
 *
 * A script reports with bench/lib/report.ts (`BENCH_RESULT <json>` lines). A script that prints
 * none has an adapter here that reads its own results file (bench/e2e-latency.ts, another
 * engineer's script, runs as committed). A script that fails or runs past its time limit becomes a
 * failed row; the others still run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { costModel, costModelMarkdown, DEFAULT_ASSUMPTIONS } from './cost-model';
import { type BenchResult, parseResults, result, targetText } from './lib/report';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench/results');
/** tsx's loader (its package's main export), so each script runs on this very Node binary. */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

interface Script {
  readonly name: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Why the sizes differ from the script's defaults, when they do. */
  readonly sizes?: string;
  readonly limitSeconds: number;
  /** Results for a script that prints no BENCH_RESULT lines, from its own results file. */
  readonly adapt?: () => BenchResult[];
}

const SCRIPTS: readonly Script[] = [
  {
    name: 'sink-pipeline',
    // 21 rounds (default 9): the median then moves less with what else the machine is running.
    env: { BENCH_ROUNDS: '21' },
    sizes: 'median of 21 rounds (default 9)',
    limitSeconds: 180,
  },
  {
    name: 'sink-memory',
    limitSeconds: 180,
  },
  {
    name: 'transforms-chain',
    limitSeconds: 180,
  },
  {
    name: 'source-pipeline',
    limitSeconds: 240,
  },
  {
    name: 'broker-throughput',
    // 300,000 records of 100 B (default 1,000,000; the 1 KiB size the target is on keeps its default 200,000).
    args: ['300000', '200000', '3'],
    sizes: '300,000 x 100 B (default 1,000,000) and 200,000 x 1 KiB records, median of 3',
    limitSeconds: 240,
  },
  {
    name: 'rest-latency',
    limitSeconds: 180,
  },
  {
    name: 'e2e-latency',
    limitSeconds: 240,
    adapt: adaptE2eLatency,
  },
  {
    name: 'jdbc-sink',
    limitSeconds: 240,
  },
  {
    name: 'cold-start',
    limitSeconds: 300,
  },
];

interface ScriptRun {
  readonly script: string;
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly sizes?: string;
  readonly results: BenchResult[];
  readonly output: string;
}

const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');
const write = !argv.includes('--no-write');
const only = argv.filter((a) => !a.startsWith('--'));
const selected = only.length === 0 ? SCRIPTS : SCRIPTS.filter((s) => only.some((word) => s.name.includes(word)));

function formatSeconds(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** Runs one script to its end (or its time limit), showing a ticking progress line meanwhile. */
function runScript(script: Script, index: number, total: number): Promise<ScriptRun> {
  return new Promise((done) => {
    const started = performance.now();
    const file = join(ROOT, 'bench', `${script.name}.ts`);
    const child = spawn(process.execPath, ['--import', TSX_LOADER, file, ...(script.args ?? [])], {
      cwd: ROOT,
      env: { ...process.env, ...script.env, BENCH_RUNNER: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    let lastLine = '';
    const take = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      const text = chunk.toString('utf8');
      output += text;
      const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('BENCH_RESULT'));
      if (lines.length > 0) lastLine = (lines[lines.length - 1] as string).trim();
      if (verbose) stream.write(text.replace(/^/gm, '    '));
    };
    child.stdout.on('data', (chunk: Buffer) => take(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => take(chunk, process.stderr));
    const label = `[${index + 1}/${total}] ${script.name}`;
    const interactive = process.stderr.isTTY && !verbose;
    const tick = () => {
      const elapsed = (performance.now() - started) / 1000;
      if (interactive) {
        const tail = lastLine.slice(0, Math.max(0, (process.stderr.columns ?? 100) - label.length - 20));
        process.stderr.write(`\r\x1b[K${label} ${formatSeconds(elapsed)}  ${tail}`);
      } else {
        process.stderr.write(`${label} still running (${formatSeconds(elapsed)})\n`);
      }
    };
    process.stderr.write(`${label} …${interactive ? '' : '\n'}`);
    const ticker = setInterval(tick, interactive ? 1000 : 30_000);
    let timedOut = false;
    const limit = setTimeout(() => {
      timedOut = true;
      // The whole process group: a script's own children (kcat, PostgreSQL) go with it.
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, script.limitSeconds * 1000);
    child.once('close', (code) => {
      clearInterval(ticker);
      clearTimeout(limit);
      const seconds = (performance.now() - started) / 1000;
      let results = parseResults(output);
      if (results.length === 0 && script.adapt && code === 0) {
        try {
          results = script.adapt();
        } catch (err) {
          output += `\nadapter failed: ${(err as Error).message}\n`;
        }
      }
      const status = timedOut ? `stopped after ${script.limitSeconds} s` : code === 0 ? 'done' : `exit code ${code}`;
      process.stderr.write(
        `${interactive ? '\r\x1b[K' : ''}${label} ${status} in ${formatSeconds(seconds)}, ${results.length} figure(s)\n`,
      );
      done({
        script: script.name,
        seconds,
        exitCode: code,
        timedOut,
        ...(script.sizes ? { sizes: script.sizes } : {}),
        results,
        output,
      });
    });
  });
}

/** bench/e2e-latency.ts prints no BENCH_RESULT lines (yet): its results file has the figures. */
function adaptE2eLatency(): BenchResult[] {
  const file = join(RESULTS, 'e2e-latency.json');
  if (!existsSync(file) || Date.now() - statSync(file).mtimeMs > 10 * 60_000) {
    throw new Error('bench/results/e2e-latency.json was not written by this run');
  }
  const e2e = JSON.parse(readFileSync(file, 'utf8')) as {
    samples: number;
    latencyMs: { p50: number; p99: number; max: number };
    kcatAloneMs: { p50: number; p99: number };
    kcatToSink: { records: number; recordsPerSecond: number };
    fileToFile: { records: number; recordsPerSecond: number };
  };
  const floorWhat = 'kcat alone, start to acknowledged exit';
  return [
    result({
      script: 'e2e-latency',
      name: `local e2e latency p50, kcat produce -> sink file line (${e2e.samples} records)`,
      figure: e2e.latencyMs.p50,
      unit: 'ms',
      floor: e2e.kcatAloneMs.p50,
      floorWhat,
      target: { of: 'figure', op: '<=', value: 50 },
    }),
    result({
      script: 'e2e-latency',
      name: `local e2e latency p99, kcat produce -> sink file line (${e2e.samples} records)`,
      figure: e2e.latencyMs.p99,
      unit: 'ms',
      floor: e2e.kcatAloneMs.p99,
      floorWhat,
      target: { of: 'figure', op: '<=', value: 250 },
      notes: `max ${e2e.latencyMs.max} ms`,
    }),
    result({
      script: 'e2e-latency',
      name: `local e2e throughput, kcat -> sink file (${e2e.kcatToSink.records} records)`,
      figure: e2e.kcatToSink.recordsPerSecond,
      unit: 'records/s',
    }),
    result({
      script: 'e2e-latency',
      name: `local e2e throughput, source file -> sink file (${e2e.fileToFile.records} records)`,
      figure: e2e.fileToFile.recordsPerSecond,
      unit: 'records/s',
    }),
  ];
}

/** A number as the table shows it: 3 significant digits, thousands separated. */
function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function metText(met: boolean | null): string {
  return met === null ? '—' : met ? 'yes' : 'NO';
}

interface Row {
  readonly name: string;
  readonly figure: string;
  readonly floor: string;
  readonly ratio: string;
  readonly target: string;
  readonly met: string;
}

function rowsOf(runs: readonly ScriptRun[]): Row[] {
  const rows: Row[] = [];
  for (const run of runs) {
    if (run.results.length === 0 || run.exitCode !== 0 || run.timedOut) {
      rows.push({
        name: `${run.script}: ${run.timedOut ? 'stopped at its time limit' : `failed (exit code ${run.exitCode})`}`,
        figure: '—',
        floor: '—',
        ratio: '—',
        target: '—',
        met: run.results.some((r) => r.met === false) || run.results.length === 0 ? 'NO' : '—',
      });
    }
    for (const r of run.results) {
      rows.push({
        name: r.name,
        figure: `${num(r.figure)} ${r.unit}`,
        floor: r.floor === null ? '—' : `${num(r.floor)} ${r.unit}`,
        ratio: r.ratio === null ? '—' : r.ratio >= 0.1 ? r.ratio.toFixed(2) : r.ratio.toPrecision(2),
        target: targetText(r.target, r.unit),
        met: metText(r.met),
      });
    }
  }
  return rows;
}

function textTable(rows: readonly Row[]): string {
  const header: Row = {
    name: 'benchmark',
    figure: 'figure',
    floor: 'floor',
    ratio: 'ratio',
    target: 'target',
    met: 'met',
  };
  const all = [header, ...rows];
  const keys = ['name', 'figure', 'floor', 'ratio', 'target', 'met'] as const;
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  return all
    .map((r) => keys.map((k, i) => (i === 0 ? r[k].padEnd(widths[i] ?? 0) : r[k].padStart(widths[i] ?? 0))).join('  '))
    .join('\n');
}

function markdownTable(rows: readonly Row[]): string {
  const escapeCell = (text: string) => text.replaceAll('|', '\\|');
  return [
    '| benchmark | figure | floor | ratio (ours / floor) | target | met? |',
    '|---|--:|--:|--:|---|:-:|',
    ...rows
      .map((r) => [r.name, r.figure, r.floor, r.ratio, r.target, r.met].map((cell) => escapeCell(cell)).join(' | '))
      .map((line) => `| ${line} |`),
  ].join('\n');
}

/** Replaces the text between `<!-- bench:<name>:start -->` and its end marker; appends the section when absent. */
function replaceSection(document: string, name: string, body: string): string {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  const section = `${start}\n${body}\n${end}`;
  if (from < 0 || to < from) return `${document.trimEnd()}\n\n${section}\n`;
  return document.slice(0, from) + section + document.slice(to + end.length);
}

const runStarted = performance.now();
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
process.stderr.write(`bench: ${selected.length} scripts on ${machine}\n`);
const runs: ScriptRun[] = [];
for (const [i, script] of selected.entries()) runs.push(await runScript(script, i, selected.length));
const totalSeconds = (performance.now() - runStarted) / 1000;

const rows = rowsOf(runs);
const results = runs.flatMap((r) => r.results);
const cpuPerRecord = results.find((r) => r.script === 'sink-pipeline' && r.unit === 'µs');
const cost = costModel({
  ...DEFAULT_ASSUMPTIONS,
  ...(cpuPerRecord ? { cpuMicrosPerRecord: cpuPerRecord.figure, cpuMeasured: true } : {}),
});

console.log(`\nbench results (${formatSeconds(totalSeconds)}; ${machine})\n`);
console.log(textTable(rows));
const missed = results.filter((r) => r.met === false).length + runs.filter((r) => r.results.length === 0).length;
console.log(`\n${results.filter((r) => r.met === true).length} target(s) met, ${missed} missed or not measured.`);

mkdirSync(RESULTS, { recursive: true });
const latest = {
  at: new Date().toISOString(),
  machine,
  seconds: Math.round(totalSeconds),
  results,
  cost,
  scripts: runs.map((r) => ({
    script: r.script,
    seconds: Number(r.seconds.toFixed(1)),
    exitCode: r.exitCode,
    timedOut: r.timedOut,
    sizes: r.sizes ?? 'the script defaults',
    output: r.output,
  })),
};
writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
console.log('written: bench/results/latest.json');

if (write && only.length === 0) {
  const file = join(ROOT, 'BENCHMARKS.md');
  let document = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const sizes = runs
    .filter((r) => r.sizes)
    .map((r) => `- ${r.script}: ${r.sizes}`)
    .join('\n');
  const resultsBody = [
    `Measured by \`npm run bench\` on ${latest.at.slice(0, 10)} (${machine}; the whole run took ${formatSeconds(totalSeconds)}).`,
    '',
    markdownTable(rows),
    '',
    'Sizes the runner uses to stay within a few minutes:',
    '',
    sizes,
  ].join('\n');
  document = replaceSection(document, 'results', resultsBody);
  document = replaceSection(document, 'cost', costModelMarkdown(cost));
  writeFileSync(file, document);
  console.log('written: BENCHMARKS.md');
} else if (write) {
  console.log('BENCHMARKS.md left as it is (only some scripts ran).');
}
