import { describe, expect, it } from 'vitest';
import { ConflictError, DataError } from '../../shared/api';
import { FencedError, type OffsetStore } from '../../shared/stores';
import { caught, type FakeClock, fakeClock } from './support';

/** Builds an empty store over its own tables. */
export type OffsetStoreFactory = (clock: FakeClock) => Promise<OffsetStore>;

export function offsetStoreContract(name: string, make: OffsetStoreFactory) {
  describe(`OffsetStore (${name})`, () => {
    it('reads back the offset written for the same connector and partition', async () => {
      // Prepare
      const store = await make(fakeClock());
      // Act
      await store.write('orders-src', [{ partition: { file: 'a.txt' }, offset: { position: 42 } }]);
      // Assess
      expect(await store.read('orders-src', [{ file: 'a.txt' }])).toEqual([{ position: 42 }]);
    });

    it('answers null for partitions without an offset, in the order they were asked for', async () => {
      // Prepare
      const store = await make(fakeClock());
      await store.write('orders-src', [{ partition: { file: 'b.txt' }, offset: { position: 7 } }]);
      // Act
      const read = await store.read('orders-src', [
        { file: 'a.txt' },
        { file: 'b.txt' },
        { file: 'c.txt' },
        { file: 'b.txt' },
      ]);
      // Assess
      expect(read).toEqual([null, { position: 7 }, null, { position: 7 }]);
      expect(await store.read('orders-src', [])).toEqual([]);
    });

    it('keeps the offsets of different connectors apart', async () => {
      // Prepare
      const store = await make(fakeClock());
      await store.write('one', [{ partition: { file: 'a.txt' }, offset: { position: 1 } }]);
      await store.write('two', [{ partition: { file: 'a.txt' }, offset: { position: 2 } }]);
      // Act
      const [one, two] = [await store.read('one', [{ file: 'a.txt' }]), await store.read('two', [{ file: 'a.txt' }])];
      // Assess
      expect(one).toEqual([{ position: 1 }]);
      expect(two).toEqual([{ position: 2 }]);
    });

    it('treats partition maps with the same entries in another key order as the same partition', async () => {
      // Prepare
      const store = await make(fakeClock());
      await store.write('db-src', [
        { partition: { table: 'orders', schema: 'public', '10': 'x', '2': 'y' }, offset: { id: 1 } },
      ]);
      // Act
      await store.write('db-src', [
        { partition: { '2': 'y', schema: 'public', '10': 'x', table: 'orders' }, offset: { id: 2 } },
      ]);
      // Assess
      expect(await store.read('db-src', [{ schema: 'public', table: 'orders', '2': 'y', '10': 'x' }])).toEqual([
        { id: 2 },
      ]);
      expect(await store.list('db-src')).toEqual([
        { partition: { '10': 'x', '2': 'y', schema: 'public', table: 'orders' }, offset: { id: 2 } },
      ]);
    });

    it('round-trips every primitive type exactly', async () => {
      // Prepare
      const store = await make(fakeClock());
      const partition = { s: 'ünïcode 😀', n: -1.5, big: 9_007_199_254_740_991, t: true, f: false, z: null, e: '' };
      const offset = { position: 0, lsn: '0/16B6C50', ratio: 0.1, done: false, none: null };
      // Act
      await store.write('types', [{ partition, offset }]);
      // Assess
      expect(await store.read('types', [partition])).toEqual([offset]);
      expect(await store.list('types')).toEqual([{ partition, offset }]);
    });

    it('identifies partitions whose JSON is longer than a DynamoDB sort key may be', async () => {
      // Prepare
      const store = await make(fakeClock());
      const long = { query: `SELECT * FROM t WHERE ${'x = 1 AND '.repeat(200)}y = 2`, table: 't' };
      const other = { ...long, table: 'u' };
      // Act
      await store.write('jdbc', [
        { partition: long, offset: { id: 1 } },
        { partition: other, offset: { id: 2 } },
      ]);
      // Assess
      expect(await store.read('jdbc', [{ table: 't', query: long.query }, other])).toEqual([{ id: 1 }, { id: 2 }]);
      expect((await store.list('jdbc')).map((e) => e.partition)).toEqual([long, other]);
    });

    it('deletes an offset written as null (a reset)', async () => {
      // Prepare
      const store = await make(fakeClock());
      await store.write('orders-src', [
        { partition: { file: 'a.txt' }, offset: { position: 42 } },
        { partition: { file: 'b.txt' }, offset: { position: 43 } },
      ]);
      // Act
      await store.write('orders-src', [{ partition: { file: 'a.txt' }, offset: null }]);
      // Assess
      expect(await store.read('orders-src', [{ file: 'a.txt' }])).toEqual([null]);
      expect(await store.list('orders-src')).toEqual([{ partition: { file: 'b.txt' }, offset: { position: 43 } }]);
    });

    it('keeps the last of several entries for the same partition in one write', async () => {
      // Prepare
      const store = await make(fakeClock());
      // Act
      await store.write('orders-src', [
        { partition: { file: 'a.txt' }, offset: { position: 1 } },
        { partition: { file: 'a.txt' }, offset: { position: 2 } },
        { partition: { file: 'b.txt' }, offset: { position: 1 } },
        { partition: { file: 'b.txt' }, offset: null },
      ]);
      // Assess
      expect(await store.read('orders-src', [{ file: 'a.txt' }, { file: 'b.txt' }])).toEqual([{ position: 2 }, null]);
    });

    it('rejects non-primitive values with Kafka’s message and writes nothing of the batch', async () => {
      // Prepare
      const store = await make(fakeClock());
      // Act
      const nested = caught(
        store.write('bad', [
          { partition: { file: 'ok.txt' }, offset: { position: 1 } },
          { partition: { file: 'a.txt' }, offset: { position: { line: 1 } } },
        ]),
      );
      const listed = caught(store.write('bad', [{ partition: { files: ['a', 'b'] }, offset: { position: 1 } }]));
      const undefinedValue = caught(
        store.write('bad', [{ partition: { file: 'u' }, offset: { position: undefined } }]),
      );
      const notAMap = caught(
        store.write('bad', [{ partition: null as unknown as Record<string, unknown>, offset: {} }]),
      );
      // Assess
      expect(await nested).toBeInstanceOf(DataError);
      expect((await nested).message).toContain(
        'Offsets may only contain primitive types as values, but field position contains MAP',
      );
      expect((await listed).message).toContain(
        'Offsets may only contain primitive types as values, but field files contains ARRAY',
      );
      expect((await undefinedValue).message).toContain('but field position contains undefined');
      expect(await notAMap).toBeInstanceOf(DataError);
      await expect(store.read('bad', [{ files: ['a'] }])).rejects.toThrow(DataError);
      expect(await store.list('bad')).toEqual([]);
    });

    describe('fencing', () => {
      it('rejects a write fenced with an older lease epoch than the one that last wrote the partition', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.write('src', [{ partition: { p: 0 }, offset: { o: 10 } }], { fence: 2 });
        // Act
        const stale = caught(store.write('src', [{ partition: { p: 0 }, offset: { o: 5 } }], { fence: 1 }));
        // Assess
        expect(await stale).toBeInstanceOf(FencedError);
        expect(await stale).toBeInstanceOf(ConflictError);
        expect(await stale).toMatchObject({ connector: 'src', fence: 1, partitions: ['{"p":0}'] });
        expect(await store.read('src', [{ p: 0 }])).toEqual([{ o: 10 }]);
      });

      it('accepts writes fenced with the same or a newer epoch, which then fences older ones', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.write('src', [{ partition: { p: 0 }, offset: { o: 1 } }], { fence: 2 });
        // Act
        await store.write('src', [{ partition: { p: 0 }, offset: { o: 2 } }], { fence: 2 });
        await store.write('src', [{ partition: { p: 0 }, offset: { o: 3 } }], { fence: 3 });
        const older = caught(store.write('src', [{ partition: { p: 0 }, offset: { o: 4 } }], { fence: 2 }));
        // Assess
        expect(await older).toBeInstanceOf(FencedError);
        expect(await store.read('src', [{ p: 0 }])).toEqual([{ o: 3 }]);
      });

      it('names only the fenced partitions and writes the others of the batch', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.write('src', [{ partition: { p: 1 }, offset: { o: 100 } }], { fence: 5 });
        // Act
        const attempt = caught(
          store.write(
            'src',
            [
              { partition: { p: 0 }, offset: { o: 1 } },
              { partition: { p: 1 }, offset: { o: 1 } },
            ],
            { fence: 4 },
          ),
        );
        // Assess
        expect(await attempt).toMatchObject({ partitions: ['{"p":1}'] });
        expect(await store.read('src', [{ p: 0 }, { p: 1 }])).toEqual([{ o: 1 }, { o: 100 }]);
      });

      it('keeps the epoch of a fenced reset, so a stale writer cannot bring the offset back', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.write('src', [{ partition: { p: 0 }, offset: { o: 10 } }], { fence: 7 });
        // Act
        await store.write('src', [{ partition: { p: 0 }, offset: null }], { fence: 7 });
        const stale = caught(store.write('src', [{ partition: { p: 0 }, offset: { o: 9 } }], { fence: 6 }));
        // Assess
        expect(await stale).toBeInstanceOf(FencedError);
        expect(await store.read('src', [{ p: 0 }])).toEqual([null]);
        expect(await store.list('src')).toEqual([]);
      });

      it('never fences an unfenced write (the REST offsets API on a stopped connector)', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.write('src', [{ partition: { p: 0 }, offset: { o: 10 } }], { fence: 9 });
        // Act
        await store.write('src', [{ partition: { p: 0 }, offset: { o: 0 } }]);
        // Assess
        expect(await store.read('src', [{ p: 0 }])).toEqual([{ o: 0 }]);
      });
    });

    it('lists a connector’s offsets sorted by partition, and deletes them all', async () => {
      // Prepare
      const store = await make(fakeClock());
      await store.write('src', [
        { partition: { file: 'b' }, offset: { position: 2 } },
        { partition: { file: 'a' }, offset: { position: 1 } },
      ]);
      await store.write('other', [{ partition: { file: 'a' }, offset: { position: 9 } }]);
      // Act
      const listed = await store.list('src');
      await store.deleteAll('src');
      // Assess
      expect(listed).toEqual([
        { partition: { file: 'a' }, offset: { position: 1 } },
        { partition: { file: 'b' }, offset: { position: 2 } },
      ]);
      expect(await store.list('src')).toEqual([]);
      expect(await store.list('other')).toHaveLength(1);
    });

    it('writes and reads back hundreds of partitions at once, fenced or not', async () => {
      // Prepare
      const store = await make(fakeClock());
      const partitions = Array.from({ length: 260 }, (_, i) => ({ shard: `shard-${String(i).padStart(4, '0')}` }));
      // Act
      await store.write(
        'many',
        partitions.slice(0, 130).map((partition, i) => ({ partition, offset: { seq: i } })),
      );
      await store.write(
        'many',
        partitions.slice(130).map((partition, i) => ({ partition, offset: { seq: 130 + i } })),
        { fence: 1 },
      );
      // Assess
      expect(await store.read('many', partitions)).toEqual(partitions.map((_, i) => ({ seq: i })));
      expect(await store.list('many')).toHaveLength(260);
    });

    it('lists every offset even when they fill more than one 1 MB query page', async () => {
      // Prepare
      const store = await make(fakeClock());
      const blob = 'o'.repeat(4_000);
      const entries = Array.from({ length: 300 }, (_, i) => ({
        partition: { n: String(i).padStart(3, '0') },
        offset: { blob, i },
      }));
      await store.write('wide', entries);
      // Act
      const listed = await store.list('wide');
      // Assess
      expect(listed).toHaveLength(300);
      expect(listed[299]).toEqual({ partition: { n: '299' }, offset: { blob, i: 299 } });
    });
  });
}
