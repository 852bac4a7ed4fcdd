import { createHash } from 'node:crypto';
import { FencedError } from '../errors';
import type { OffsetEntry, OffsetStore, OffsetWrite, OffsetWriteOptions, PrimitiveMap } from '../ports';
import { canonicalPartition, checkPrimitiveMap, utf8Length } from '../ports/validation';
import { OFFSETS, PARTITION_KEY, SORT_KEY } from './schema';
import { attributeNames, type DynamoDbStoreOptions, DynamoDbTable, forEachLimited, type Item, type Key } from './table';

/** Fenced writes are one conditional write per partition; this many run at once. */
const FENCED_CONCURRENCY = 16;

const NAMES = {
  '#pk': PARTITION_KEY,
  '#sk': SORT_KEY,
  '#partition': 'partition',
  '#offset': 'offset',
  '#epoch': 'epoch',
} as const;

interface Write {
  key: Key;
  canonical: string;
  /** JSON of the offset, or null for a delete. */
  offset: string | null;
}

/**
 * OffsetStore over the offsets table: pk = connector, sk = canonical partition JSON (hashed when
 * over 1024 bytes). Items hold `partition` (canonical JSON), `offset` (JSON; absent in a fenced
 * reset, which must keep its epoch) and `epoch` (the fence of the last fenced write).
 */
export class DynamoDbOffsetStore implements OffsetStore {
  private readonly table: DynamoDbTable;

  constructor(options: DynamoDbStoreOptions) {
    this.table = new DynamoDbTable(options);
  }

  async read(
    connector: string,
    partitions: ReadonlyArray<Readonly<Record<string, unknown>>>,
  ): Promise<(PrimitiveMap | null)[]> {
    const keys = partitions.map((partition) => offsetKey(connector, canonicalPartition(partition)));
    const distinct = [...new Map(keys.map((key) => [key.sk, key])).values()];
    const items = await this.table.batchGet(distinct, `Reading offsets of ${connector}`);
    const offsets = new Map(items.map((item) => [item[SORT_KEY] as string, item.offset as string | undefined]));
    return keys.map((key) => {
      const offset = offsets.get(key.sk);
      return offset === undefined ? null : (JSON.parse(offset) as PrimitiveMap);
    });
  }

  async write(connector: string, entries: ReadonlyArray<OffsetWrite>, options?: OffsetWriteOptions): Promise<void> {
    // Validate everything before writing anything; the last entry for a partition wins.
    const writes = new Map<string, Write>();
    for (const entry of entries) {
      const canonical = canonicalPartition(entry.partition);
      if (entry.offset !== null) checkPrimitiveMap(entry.offset, 'offset');
      const key = offsetKey(connector, canonical);
      writes.set(key.sk, { key, canonical, offset: entry.offset === null ? null : JSON.stringify(entry.offset) });
    }
    const fence = options?.fence;
    if (fence === undefined) {
      await this.table.batchWrite(
        [...writes.values()].map((write) =>
          write.offset === null
            ? { DeleteRequest: { Key: write.key } }
            : { PutRequest: { Item: { ...write.key, partition: write.canonical, offset: write.offset } } },
        ),
        `Writing offsets of ${connector}`,
      );
      return;
    }
    const fenced: string[] = [];
    let cause: Error | undefined;
    await forEachLimited([...writes.values()], FENCED_CONCURRENCY, async (write) => {
      const update =
        write.offset === null
          ? 'SET #partition = :partition, #epoch = :fence REMOVE #offset'
          : 'SET #partition = :partition, #offset = :offset, #epoch = :fence';
      const condition = 'attribute_not_exists(#epoch) OR #epoch <= :fence';
      const result = await this.table.tryUpdate(
        {
          Key: write.key,
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: attributeNames(NAMES, update, condition),
          ExpressionAttributeValues: {
            ':partition': write.canonical,
            ':fence': fence,
            ...(write.offset === null ? {} : { ':offset': write.offset }),
          },
        },
        `Writing offsets of ${connector}`,
      );
      if (!result.ok) {
        fenced.push(write.canonical);
        cause ??= result.cause;
      }
    });
    if (fenced.length > 0) throw new FencedError(connector, fence, fenced.sort(), { cause });
  }

  async list(connector: string): Promise<OffsetEntry[]> {
    const filter = 'attribute_exists(#offset)';
    const items = await this.table.query(
      {
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: filter,
        ExpressionAttributeNames: attributeNames(NAMES, '#pk', filter),
        ExpressionAttributeValues: { ':pk': connector },
      },
      `Listing offsets of ${connector}`,
    );
    return items
      .map((item: Item) => ({ canonical: item.partition as string, offset: item.offset as string }))
      .sort((a, b) => (a.canonical < b.canonical ? -1 : a.canonical > b.canonical ? 1 : 0))
      .map(({ canonical, offset }) => ({ partition: JSON.parse(canonical), offset: JSON.parse(offset) }));
  }

  async deleteAll(connector: string): Promise<void> {
    const keys = await this.table.keys(connector, undefined, `Listing offsets of ${connector}`);
    await this.table.batchDelete(keys, `Deleting offsets of ${connector}`);
  }
}

/** The sort key: the canonical JSON itself when it fits a sort key, else its SHA-256 (the JSON is kept in `partition`). */
export function offsetKey(connector: string, canonical: string): Key {
  const sk =
    utf8Length(canonical) <= OFFSETS.maxSortKeyBytes
      ? canonical
      : `${OFFSETS.hashedPrefix}${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
  return DynamoDbTable.key(connector, sk);
}
