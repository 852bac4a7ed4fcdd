/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time and
 * the most inclusive (self + callees) time, as percentages of the sampled time.
 *
 *   npx tsx bench/lib/profile-summary.ts <file.cpuprofile> [rows, default 25] [filter substring]
 *
 * A filter keeps only the samples whose stack passes through a frame matching it (e.g. a function
 * name), so one phase of a benchmark can be read without the set-up around it.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  readonly name: string;
  readonly selfPercent: number;
  readonly totalPercent: number;
}

const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${basename(n.callFrame.url || '')}:${n.callFrame.lineNumber + 1}`;

/** Self and inclusive time per function (by name, file and line), highest first. */
export function summarize(profile: Profile, filter?: string): { self: ProfileRow[]; total: ProfileRow[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) stack.push(label(node));
    }
    if (filter && !stack.some((s) => s.includes(filter))) return;
    all += dt;
    const top = stack[0] ?? '(unknown)';
    self.set(top, (self.get(top) ?? 0) + dt);
    for (const name of new Set(stack)) total.set(name, (total.get(name) ?? 0) + dt);
  });
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .map(([name]) => ({
        name,
        selfPercent: Math.round(((self.get(name) ?? 0) / all) * 1000) / 10,
        totalPercent: Math.round(((total.get(name) ?? 0) / all) * 1000) / 10,
      }));
  return { self: rows(self), total: rows(total) };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [file, rowsArg, filter] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [rows] [filter]');
  const rows = Number(rowsArg ?? 25);
  const { self, total } = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, filter);
  console.log('self time');
  console.table(self.slice(0, rows));
  console.log('inclusive time');
  console.table(total.slice(0, rows));
}
