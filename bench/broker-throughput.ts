/**
 * Dev broker throughput with a real client: kcat (librdkafka) produces N records of 100 bytes and of
 * 1 KiB through the broker, then consumes them back; a plain file write (and read) of the same payload
 * bytes on the same disk gives the ceiling to compare with.
 *
 *   npx tsx bench/broker-throughput.ts [records of 100 B] [records of 1 KiB]
 *
 * Prints a table and writes bench/results/broker-throughput.json. Not a timed test: numbers depend
 * on the machine, and kcat's process start-up is counted in each run.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { silentLogger, startBroker } from '../local/broker';

interface Figure {
  readonly what: string;
  readonly recordBytes: number;
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
  readonly megabytesPerSecond: number;
}

const SIZES: Array<[recordBytes: number, records: number]> = [
  [100, Number(process.argv[2] ?? 1_000_000)],
  [1024, Number(process.argv[3] ?? 200_000)],
];

function figure(what: string, recordBytes: number, records: number, seconds: number): Figure {
  return {
    what,
    recordBytes,
    records,
    seconds: Number(seconds.toFixed(3)),
    recordsPerSecond: Math.round(records / seconds),
    megabytesPerSecond: Number(((records * recordBytes) / seconds / 1e6).toFixed(1)),
  };
}

/** Runs kcat to completion; stdin from a file, stdout counted and dropped. */
function kcat(args: string[], stdinFile?: string): Promise<{ seconds: number; stdoutBytes: number }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn('kcat', args, { stdio: [stdinFile ? 'pipe' : 'ignore', 'pipe', 'inherit'] });
    let stdoutBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
    });
    if (stdinFile && child.stdin) createReadStream(stdinFile).pipe(child.stdin);
    child.once('error', fail);
    child.once('close', (code) => {
      if (code !== 0) fail(new Error(`kcat ${args.join(' ')} exited with ${code}`));
      else done({ seconds: (performance.now() - started) / 1000, stdoutBytes });
    });
  });
}

/** N lines of `recordBytes` bytes (kcat sends each line, without its newline, as one record). */
function writeInput(path: string, recordBytes: number, records: number): void {
  const line = Buffer.alloc(recordBytes + 1, 'x');
  line[recordBytes] = 0x0a;
  const perChunk = Math.max(1, Math.floor((1 << 20) / line.length));
  const chunk = Buffer.concat(Array.from({ length: perChunk }, () => line));
  const fd = openSync(path, 'w');
  for (let written = 0; written < records; written += perChunk) {
    const lines = Math.min(perChunk, records - written);
    writeSync(fd, chunk, 0, lines * line.length);
  }
  closeSync(fd);
}

/** The disk's own limit: the same payload written in 1 MiB writes and flushed, then read back. */
function plainFile(path: string, recordBytes: number, records: number): Figure[] {
  const total = recordBytes * records;
  const block = Buffer.alloc(1 << 20, 'x');
  let started = performance.now();
  const fd = openSync(path, 'w');
  for (let written = 0; written < total; written += block.length)
    writeSync(fd, block, 0, Math.min(block.length, total - written));
  fsyncSync(fd);
  closeSync(fd);
  const write = figure('file write + fsync', recordBytes, records, (performance.now() - started) / 1000);
  started = performance.now();
  const reader = openSync(path, 'r');
  while (readSync(reader, block, 0, block.length, null) > 0) {
    // Reading is the point.
  }
  closeSync(reader);
  const read = figure('file read', recordBytes, records, (performance.now() - started) / 1000);
  return [write, read];
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'broker-bench-'));
  const broker = await startBroker({ dataDir: join(work, 'data'), port: 0, logger: silentLogger });
  const figures: Figure[] = [];
  try {
    for (const [recordBytes, records] of SIZES) {
      const topic = `bench-${recordBytes}`;
      const input = join(work, `input-${recordBytes}.txt`);
      writeInput(input, recordBytes, records);
      const produced = await kcat(
        ['-P', '-b', broker.bootstrap, '-t', topic, '-X', 'linger.ms=5', '-X', 'queue.buffering.max.messages=1000000'],
        input,
      );
      figures.push(figure('kcat produce (acks=all)', recordBytes, records, produced.seconds));
      const consumed = await kcat([
        '-C',
        '-b',
        broker.bootstrap,
        '-t',
        topic,
        '-o',
        'beginning',
        '-e',
        '-q',
        '-c',
        String(records),
      ]);
      if (consumed.stdoutBytes !== records * (recordBytes + 1)) {
        throw new Error(`consumed ${consumed.stdoutBytes} bytes, expected ${records * (recordBytes + 1)}`);
      }
      figures.push(figure('kcat consume', recordBytes, records, consumed.seconds));
      figures.push(...plainFile(join(work, `plain-${recordBytes}.bin`), recordBytes, records));
      rmSync(input);
    }
  } finally {
    await broker.stop();
    rmSync(work, { recursive: true, force: true });
  }
  console.table(figures);
  const results = resolve(import.meta.dirname, 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, 'broker-throughput.json'),
    `${JSON.stringify({ at: new Date().toISOString(), figures }, null, 2)}\n`,
  );
}

await main();
