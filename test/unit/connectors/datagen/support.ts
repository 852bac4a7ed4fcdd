import {
  type SourceOffset,
  type SourcePartition,
  type SourceRecord,
  type SourceTaskContext,
  Struct,
} from '../../../../shared/api';
import { DatagenTask } from '../../../../shared/connectors/datagen';
import { type FakeClock, fakeClock } from '../../../helpers/fake-clock';

export { type FakeClock, fakeClock };

/** Offsets held by task.id, as the runtime's offset store gives them back, recording each lookup. */
export function offsetsByTask(stored: Record<number, SourceOffset> = {}): SourceTaskContext & {
  lookups: SourcePartition[];
} {
  const lookups: SourcePartition[] = [];
  const find = (partition: SourcePartition) => stored[Number(partition['task.id'])] ?? null;
  const reader = {
    offset: async (partition: SourcePartition) => {
      lookups.push(partition);
      return find(partition);
    },
    offsets: async (partitions: readonly SourcePartition[]) => partitions.map(find),
  };
  return { lookups, configs: () => ({}), offsetStorageReader: () => reader, transactionContext: () => null };
}

/** A started task with a fake clock; `stored` are offsets by task.id. */
export async function startedTask(
  config: Record<string, string>,
  options: { clock?: FakeClock; stored?: Record<number, SourceOffset> } = {},
): Promise<DatagenTask> {
  const task = new DatagenTask({ clock: options.clock ?? fakeClock() });
  task.initialize(offsetsByTask(options.stored));
  await task.start(config);
  return task;
}

/** Polls until `count` records came back (or a poll returns null), so batch sizes do not matter. */
export async function pollRecords(task: DatagenTask, count: number): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  while (records.length < count) {
    const batch = await task.poll();
    if (batch === null) break;
    records.push(...batch);
  }
  return records;
}

/** A record's value as a plain object, Structs and Maps included, for exact comparisons. */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date || value instanceof Uint8Array) return value;
  if (value instanceof Struct) {
    return Object.fromEntries(value.schema.fields().map((f) => [f.name, plain(value.get(f.name))]));
  }
  return value;
}
