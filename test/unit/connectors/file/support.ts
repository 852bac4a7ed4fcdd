import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Clock,
  OffsetStorageReader,
  SourceOffset,
  SourcePartition,
  SourceTaskContext,
} from '../../../../shared/api';

export function tempDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), `${prefix}-`)));
}

/** A clock the test moves by hand; sleep() records the wait and advances at once. */
export function fakeClock(start = 1_700_000_000_000): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** An offset reader holding the given offsets by filename, recording each lookup. */
export function fakeOffsetReader(stored: Record<string, SourceOffset | null> = {}): OffsetStorageReader & {
  lookups: SourcePartition[];
} {
  const lookups: SourcePartition[] = [];
  const find = (partition: SourcePartition) => stored[String(partition.filename)] ?? null;
  return {
    lookups,
    offset: async (partition) => {
      lookups.push(partition);
      return find(partition);
    },
    offsets: async (partitions) =>
      partitions.map((partition) => {
        lookups.push(partition);
        return find(partition);
      }),
  };
}

export function sourceTaskContext(reader: OffsetStorageReader, props: Record<string, string> = {}): SourceTaskContext {
  return { configs: () => props, offsetStorageReader: () => reader, transactionContext: () => null };
}
