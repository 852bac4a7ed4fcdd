import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Replaces a small state file so that a crash of the process leaves the old or the new content, never
 * a mix: write a temporary file, rename it over the old one. Like Kafka's logs by default, it leaves
 * flushing to the operating system (no fsync).
 */
export function writeFileAtomic(path: string, content: string): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

export function readFileIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
