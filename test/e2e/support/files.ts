import { existsSync, readFileSync } from 'node:fs';

/** The file's text, or '' while it does not exist (a sink creates its file on its first batch). */
export function readText(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/**
 * Why `actual` is not `expected`, in a few lines a person can read when the texts are thousands of
 * lines long: line counts, the first line that differs, and lines that appear more often than expected
 * (duplicates) or less (losses). Null when they are equal byte for byte.
 */
export function textDifference(actual: string, expected: string): string | null {
  if (actual === expected) return null;
  const got = actual.split('\n');
  const want = expected.split('\n');
  let first = 0;
  while (first < got.length && first < want.length && got[first] === want[first]) first++;
  const counts = new Map<string, number>();
  for (const line of want) counts.set(line, (counts.get(line) ?? 0) + 1);
  for (const line of got) counts.set(line, (counts.get(line) ?? 0) - 1);
  const extra = [...counts].filter(([, n]) => n < 0).map(([line]) => line);
  const missing = [...counts].filter(([, n]) => n > 0).map(([line]) => line);
  return [
    `${got.length - 1} lines, expected ${want.length - 1}; first difference at line ${first + 1}:`,
    `  got      ${JSON.stringify(got[first])}`,
    `  expected ${JSON.stringify(want[first])}`,
    `  ${extra.length} extra (duplicated or unexpected) lines, e.g. ${JSON.stringify(extra.slice(0, 3))}`,
    `  ${missing.length} missing lines, e.g. ${JSON.stringify(missing.slice(0, 3))}`,
  ].join('\n');
}
