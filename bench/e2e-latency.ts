/**
 * End-to-end latency and sustained throughput on the local runtime (`npm start`'s runtime,
 * in-process, on 127.0.0.1 and free ports):
 *
 *   latency     one record produced with kcat -> its line in a FileStreamSink's file, one record at a
 *               time; p50 / p99 / max over SAMPLES records. Each record is its own `kcat -P` run (kcat
 *               reads a pipe to its end before producing, so one long-lived kcat cannot send records
 *               one by one), so the figure includes starting kcat; kcat's own start-to-acked-exit time
 *               is reported beside it.
 *   kcat->sink  RECORDS records produced by one kcat run -> all lines in the sink's file; records/s
 *   file->file  RECORDS lines appended to a FileStreamSource's file -> all in a FileStreamSink's file
 *               (source task -> topic -> ESM poller -> sink task); records/s
 *
 * Both connectors use StringConverter, so the lines are the records' values, as written.
 * Bounded: every phase gives up after PHASE_LIMIT_MS and reports what it reached.
 *
 *   npx tsx bench/e2e-latency.ts        (writes bench/results/e2e-latency.json too)
 *   SAMPLES=500 RECORDS=200000 npx tsx bench/e2e-latency.ts
 */
import { execFile } from 'node:child_process';
import { appendFileSync, closeSync, mkdtempSync, openSync, readSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../local/runtime';

const SAMPLES = Number(process.env.SAMPLES ?? 300);
const RECORDS = Number(process.env.RECORDS ?? 100_000);
const PHASE_LIMIT_MS = 20_000;
const KCAT = process.env.KCAT ?? 'kcat';
const STRING = 'org.apache.kafka.connect.storage.StringConverter';

/**
 * Follows a file as a sink appends to it (inotify through fs.watch, so waiting costs the runtime
 * under test no CPU), counting complete lines and noting when each wanted line arrived.
 */
class FileFollower {
  lines = 0;
  private position = 0;
  private partial = '';
  private readonly waiters = new Map<string, (at: number) => void>();
  private readonly countWaiters: Array<{ count: number; resolve: (at: number) => void }> = [];
  private readonly watcher;

  constructor(private readonly path: string) {
    writeFileSync(path, '');
    this.watcher = watch(path, () => this.readNew());
  }

  /** Resolves with the time the line was seen. */
  line(text: string): Promise<number> {
    return new Promise((resolve) => this.waiters.set(text, resolve));
  }

  /** Resolves with the time the file reached `count` lines. */
  count(count: number): Promise<number> {
    return new Promise((resolve) => {
      this.countWaiters.push({ count, resolve });
      this.readNew();
    });
  }

  close(): void {
    this.watcher.close();
  }

  private readNew(): void {
    const at = performance.now();
    const fd = openSync(this.path, 'r');
    const buffer = Buffer.alloc(1 << 20);
    try {
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, this.position);
        if (read === 0) break;
        this.position += read;
        const text = this.partial + buffer.toString('utf8', 0, read);
        const parts = text.split('\n');
        this.partial = parts.pop() ?? '';
        this.lines += parts.length;
        if (this.waiters.size > 0) {
          for (const line of parts) {
            const waiter = this.waiters.get(line);
            if (waiter) {
              this.waiters.delete(line);
              waiter(at);
            }
          }
        }
      }
    } finally {
      closeSync(fd);
    }
    for (let i = this.countWaiters.length - 1; i >= 0; i--) {
      const waiter = this.countWaiters[i] as { count: number; resolve: (at: number) => void };
      if (this.lines >= waiter.count) {
        this.countWaiters.splice(i, 1);
        waiter.resolve(at);
      }
    }
  }
}

function withLimit<T>(promise: Promise<T>, what: string): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`  ${what}: gave up after ${PHASE_LIMIT_MS} ms`);
      resolve(null);
    }, PHASE_LIMIT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function rest(url: string, method: string, body?: unknown): Promise<void> {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
}

/** One record, one kcat run: resolves when kcat exits, after the broker acknowledged the record. */
function kcatProduce(bootstrap: string, topic: string, value: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      KCAT,
      ['-P', '-b', bootstrap, '-t', topic, '-X', 'linger.ms=0', '-X', 'acks=all'],
      { timeout: PHASE_LIMIT_MS },
      (err, _stdout, stderr) => (err ? reject(new Error(`kcat failed: ${stderr || err.message}`)) : resolve()),
    );
    child.stdin?.end(`${value}\n`);
  });
}

function kcatProduceFile(bootstrap: string, topic: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      KCAT,
      ['-P', '-b', bootstrap, '-t', topic, '-l', '-X', 'linger.ms=5', '-X', 'batch.num.messages=10000', file],
      { timeout: PHASE_LIMIT_MS },
      (err, _stdout, stderr) => (err ? reject(new Error(`kcat failed: ${stderr || err.message}`)) : resolve()),
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bench-e2e-'));
const runtime = await startLocalRuntime({ dataDir: join(dir, 'data'), restPort: 0, kafkaPort: 0, logLevel: 'ERROR' });
const bootstrap = runtime.bootstrapServers;
const connectors = `${runtime.restUrl}/connectors`;
const followers: FileFollower[] = [];

try {
  // --- latency: kcat -> sink file, one record at a time ----------------------------------------
  const latencyOut = join(dir, 'latency.out');
  const latency = new FileFollower(latencyOut);
  followers.push(latency);
  await rest(connectors, 'POST', {
    name: 'latency-sink',
    config: {
      'connector.class': 'FileStreamSink',
      file: latencyOut,
      topics: 'latency',
      'key.converter': STRING,
      'value.converter': STRING,
    },
  });
  // Warm-up: the first record also waits for the sink's poller to join its group.
  const warm = latency.line('warm-up');
  await kcatProduce(bootstrap, 'latency', 'warm-up');
  if ((await withLimit(warm, 'warm-up')) === null) throw new Error('the sink never wrote the warm-up record');

  const latencies: number[] = [];
  const kcatAlone: number[] = [];
  const latencyStarted = performance.now();
  for (let i = 0; i < SAMPLES && performance.now() - latencyStarted < PHASE_LIMIT_MS; i++) {
    const text = `sample-${i}`;
    const seen = latency.line(text);
    const started = performance.now();
    const exited = kcatProduce(bootstrap, 'latency', text).then(() => performance.now());
    const at = await withLimit(seen, text);
    if (at === null) break;
    latencies.push(at - started);
    kcatAlone.push((await exited) - started);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const sortedKcat = [...kcatAlone].sort((a, b) => a - b);

  // --- throughput: kcat -> sink file --------------------------------------------------------------
  const bulkOut = join(dir, 'bulk.out');
  const bulk = new FileFollower(bulkOut);
  followers.push(bulk);
  const bulkIn = join(dir, 'bulk.in');
  writeFileSync(bulkIn, Array.from({ length: RECORDS }, (_, i) => `record ${i} ${'x'.repeat(40)}\n`).join(''));
  await rest(connectors, 'POST', {
    name: 'bulk-sink',
    config: {
      'connector.class': 'FileStreamSink',
      file: bulkOut,
      topics: 'bulk',
      'key.converter': STRING,
      'value.converter': STRING,
    },
  });
  const bulkStarted = performance.now();
  const allBulk = bulk.count(RECORDS);
  await kcatProduceFile(bootstrap, 'bulk', bulkIn);
  const bulkDone = await withLimit(allBulk, 'kcat -> sink');
  const bulkMs = (bulkDone ?? performance.now()) - bulkStarted;
  const bulkRate = (bulk.lines / bulkMs) * 1000;

  // --- throughput: source file -> topic -> sink file ----------------------------------------------
  const pipeIn = join(dir, 'pipe.in');
  const pipeOut = join(dir, 'pipe.out');
  writeFileSync(pipeIn, '');
  const pipe = new FileFollower(pipeOut);
  followers.push(pipe);
  const string = { 'key.converter': STRING, 'value.converter': STRING };
  await rest(connectors, 'POST', {
    name: 'pipe-sink',
    config: { 'connector.class': 'FileStreamSink', file: pipeOut, topics: 'pipe', ...string },
  });
  await rest(connectors, 'POST', {
    name: 'pipe-source',
    config: { 'connector.class': 'FileStreamSource', file: pipeIn, topic: 'pipe', ...string },
  });
  await runtime.settle();
  const pipeStarted = performance.now();
  const allPipe = pipe.count(RECORDS);
  appendFileSync(pipeIn, Array.from({ length: RECORDS }, (_, i) => `line ${i} ${'y'.repeat(40)}\n`).join(''));
  const pipeDone = await withLimit(allPipe, 'file -> file');
  const pipeMs = (pipeDone ?? performance.now()) - pipeStarted;
  const pipeRate = (pipe.lines / pipeMs) * 1000;

  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')} records/s`;
  console.log(`e2e on the local runtime (Node ${process.version}, 127.0.0.1)`);
  console.log(
    `  latency kcat -> sink file, ${latencies.length} records one at a time: p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted[sorted.length - 1] ?? Number.NaN)}`,
  );
  console.log(
    `    (kcat alone, start to acknowledged exit: p50 ${ms(percentile(sortedKcat, 50))}, p99 ${ms(percentile(sortedKcat, 99))})`,
  );
  console.log(`  kcat -> sink file, ${bulk.lines}/${RECORDS} records in ${ms(bulkMs)}: ${rate(bulkRate)}`);
  console.log(`  source file -> sink file, ${pipe.lines}/${RECORDS} lines in ${ms(pipeMs)}: ${rate(pipeRate)}`);

  const result = {
    benchmark: 'e2e-latency',
    node: process.version,
    samples: latencies.length,
    latencyMs: {
      p50: Number(percentile(sorted, 50).toFixed(2)),
      p99: Number(percentile(sorted, 99).toFixed(2)),
      max: Number((sorted[sorted.length - 1] ?? Number.NaN).toFixed(2)),
    },
    kcatAloneMs: {
      p50: Number(percentile(sortedKcat, 50).toFixed(2)),
      p99: Number(percentile(sortedKcat, 99).toFixed(2)),
    },
    kcatToSink: { records: bulk.lines, ms: Math.round(bulkMs), recordsPerSecond: Math.round(bulkRate) },
    fileToFile: { records: pipe.lines, ms: Math.round(pipeMs), recordsPerSecond: Math.round(pipeRate) },
    at: new Date().toISOString(),
  };
  writeFileSync(join(import.meta.dirname, 'results', 'e2e-latency.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  for (const follower of followers) follower.close();
  await runtime.stop();
  rmSync(dir, { recursive: true, force: true });
}
