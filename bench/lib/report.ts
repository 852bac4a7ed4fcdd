/**
 * The one way a bench script reports a figure to bench/run.ts: a `BENCH_RESULT <json>` line on
 * stdout, next to the script's own human output (which stays as it was). The runner collects the
 * lines of every script into one table, bench/results/latest.json and BENCHMARKS.md.
 *
 * ratio is always ours / floor. A target is either a bound on the ratio (`ratio >= 0.5`), on the
 * figure itself (`figure <= 256`), or absent (an informational row).
 */

export const RESULT_PREFIX = 'BENCH_RESULT ';

export interface BenchTarget {
  /** What is bounded: the figure itself, or ours / floor. */
  readonly of: 'figure' | 'ratio';
  readonly op: '>=' | '<=';
  readonly value: number;
}

export interface BenchResult {
  /** The script that measured it (file name without .ts). */
  readonly script: string;
  /** What was measured, e.g. "sink pipeline throughput". */
  readonly name: string;
  readonly figure: number;
  /** The figure's unit, e.g. "records/s", "ms", "MB", "KiB". */
  readonly unit: string;
  /** The reference measured in the same run, in the figure's unit; null when the target is absolute. */
  readonly floor: number | null;
  /** What the floor is, e.g. "base64 + JSON.parse of the values". */
  readonly floorWhat?: string;
  /** figure / floor; null without a floor. */
  readonly ratio: number | null;
  /** Null for an informational row. */
  readonly target: BenchTarget | null;
  /** Whether the target is met; null for an informational row. */
  readonly met: boolean | null;
  readonly notes?: string;
}

export interface ResultInput {
  readonly script: string;
  readonly name: string;
  readonly figure: number;
  readonly unit: string;
  readonly floor?: number | null;
  readonly floorWhat?: string;
  readonly target?: BenchTarget | null;
  readonly notes?: string;
}

/** The result with ratio and met worked out from figure, floor and target. */
export function result(input: ResultInput): BenchResult {
  const floor = input.floor ?? null;
  const ratio = floor !== null && floor !== 0 && Number.isFinite(input.figure) ? input.figure / floor : null;
  const target = input.target ?? null;
  let met: boolean | null = null;
  if (target !== null) {
    const subject = target.of === 'ratio' ? ratio : input.figure;
    met =
      subject !== null && Number.isFinite(subject)
        ? target.op === '>='
          ? subject >= target.value
          : subject <= target.value
        : false;
  }
  return {
    script: input.script,
    name: input.name,
    figure: input.figure,
    unit: input.unit,
    floor,
    ...(input.floorWhat ? { floorWhat: input.floorWhat } : {}),
    ratio,
    target,
    met,
    ...(input.notes ? { notes: input.notes } : {}),
  };
}

/** Prints the machine-readable line; returns the result. */
export function report(input: ResultInput): BenchResult {
  const out = result(input);
  console.log(`${RESULT_PREFIX}${JSON.stringify(out)}`);
  return out;
}

/** The results among a script's output lines. */
export function parseResults(output: string): BenchResult[] {
  const results: BenchResult[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith(RESULT_PREFIX)) continue;
    try {
      results.push(JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult);
    } catch {
      // A line cut by a crash: the runner reports the script's failure instead.
    }
  }
  return results;
}

/** "ratio >= 0.5", "figure <= 256 MB". */
export function targetText(target: BenchTarget | null, unit: string): string {
  if (target === null) return '—';
  const op = target.op === '>=' ? '≥' : '≤';
  return target.of === 'ratio' ? `ratio ${op} ${target.value}` : `${op} ${target.value} ${unit}`;
}
