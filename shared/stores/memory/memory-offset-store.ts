import { FencedError } from '../errors';
import type { OffsetEntry, OffsetStore, OffsetWrite, OffsetWriteOptions, PrimitiveMap } from '../ports';
import { canonicalPartition, checkPrimitiveMap } from '../ports/validation';

interface Stored {
  partition: PrimitiveMap;
  /** null: a reset written with a fence, kept so the fence's epoch stays recorded. */
  offset: PrimitiveMap | null;
  epoch?: number;
}

/** OffsetStore in process memory, for unit tests. */
export class MemoryOffsetStore implements OffsetStore {
  /** connector -> canonical partition JSON -> stored offset */
  private readonly offsets = new Map<string, Map<string, Stored>>();

  async read(
    connector: string,
    partitions: ReadonlyArray<Readonly<Record<string, unknown>>>,
  ): Promise<(PrimitiveMap | null)[]> {
    const keys = partitions.map(canonicalPartition);
    const stored = this.offsets.get(connector);
    return keys.map((key) => {
      const offset = stored?.get(key)?.offset;
      return offset ? structuredClone(offset) : null;
    });
  }

  async write(connector: string, entries: ReadonlyArray<OffsetWrite>, options?: OffsetWriteOptions): Promise<void> {
    const writes = new Map<string, OffsetWrite>();
    for (const entry of entries) {
      const key = canonicalPartition(entry.partition);
      if (entry.offset !== null) checkPrimitiveMap(entry.offset, 'offset');
      writes.set(key, entry);
    }
    let stored = this.offsets.get(connector);
    if (!stored) {
      stored = new Map();
      this.offsets.set(connector, stored);
    }
    const fence = options?.fence;
    const fenced: string[] = [];
    for (const [key, entry] of writes) {
      const existing = stored.get(key);
      const offset = entry.offset === null ? null : (structuredClone(entry.offset) as PrimitiveMap);
      const partition = structuredClone(entry.partition) as PrimitiveMap;
      if (fence === undefined) {
        if (offset === null) stored.delete(key);
        else stored.set(key, { partition, offset });
      } else if (existing?.epoch !== undefined && existing.epoch > fence) {
        fenced.push(key);
      } else {
        stored.set(key, { partition, offset, epoch: fence });
      }
    }
    if (fence !== undefined && fenced.length > 0) throw new FencedError(connector, fence, fenced);
  }

  async list(connector: string): Promise<OffsetEntry[]> {
    const stored = this.offsets.get(connector);
    if (!stored) return [];
    return [...stored.entries()]
      .filter(([, value]) => value.offset !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, value]) => ({ partition: structuredClone(value.partition), offset: structuredClone(value.offset!) }));
  }

  async deleteAll(connector: string): Promise<void> {
    this.offsets.delete(connector);
  }
}
