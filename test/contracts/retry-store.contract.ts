import { describe, expect, it } from 'vitest';
import { MAX_ERROR_LENGTH, type RetryStore } from '../../shared/stores';
import { type FakeClock, fakeClock } from './support';

/** Builds an empty store over its own tables. */
export type RetryStoreFactory = (clock: FakeClock) => Promise<RetryStore>;

const KEY = { connector: 'orders-sink', topic: 'orders', partition: 3 };

export function retryStoreContract(name: string, make: RetryStoreFactory) {
  describe(`RetryStore (${name})`, () => {
    it('records the first failure of a batch as attempt 1', async () => {
      // Prepare
      const store = await make(fakeClock());
      // Act
      const state = await store.recordFailure(KEY, { firstOffset: '100', error: 'timeout' }, 1_000);
      // Assess
      const expected = {
        firstOffset: '100',
        attempts: 1,
        firstFailureAt: 1_000,
        lastFailureAt: 1_000,
        lastError: 'timeout',
      };
      expect(state).toEqual(expected);
      expect(await store.get(KEY)).toEqual(expected);
    });

    it('counts further failures of the same batch, keeping when it first failed', async () => {
      // Prepare
      const store = await make(fakeClock());
      await store.recordFailure(KEY, { firstOffset: '100', error: 'timeout' }, 1_000);
      // Act
      await store.recordFailure(KEY, { firstOffset: '100', error: 'refused' }, 2_000);
      const third = await store.recordFailure(KEY, { firstOffset: '100' }, 3_000);
      // Assess
      expect(third).toEqual({ firstOffset: '100', attempts: 3, firstFailureAt: 1_000, lastFailureAt: 3_000 });
      expect(await store.get(KEY)).toEqual(third);
    });

    it('starts over when a batch with another first offset fails', async () => {
      // Prepare
      const store = await make(fakeClock());
      await store.recordFailure(KEY, { firstOffset: '100' }, 1_000);
      await store.recordFailure(KEY, { firstOffset: '100' }, 2_000);
      // Act
      const state = await store.recordFailure(KEY, { firstOffset: '250', error: 'bad record' }, 5_000);
      // Assess
      expect(state).toEqual({
        firstOffset: '250',
        attempts: 1,
        firstFailureAt: 5_000,
        lastFailureAt: 5_000,
        lastError: 'bad record',
      });
    });

    it('keeps int64 offsets beyond JavaScript’s safe integers exactly', async () => {
      // Prepare
      const store = await make(fakeClock());
      // Act
      await store.recordFailure(KEY, { firstOffset: '9223372036854775806' }, 1);
      // Assess
      expect((await store.get(KEY))?.firstOffset).toBe('9223372036854775806');
    });

    it('keeps partitions, topics and connectors apart, and clears one partition', async () => {
      // Prepare
      const store = await make(fakeClock());
      const keys = [KEY, { ...KEY, partition: 4 }, { ...KEY, topic: 'audit' }, { ...KEY, connector: 'other' }];
      for (const key of keys) await store.recordFailure(key, { firstOffset: '1' }, 1);
      await store.recordFailure(KEY, { firstOffset: '1' }, 2);
      // Act
      await store.clear({ ...KEY, partition: 4 });
      // Assess
      expect(await Promise.all(keys.map(async (key) => (await store.get(key))?.attempts ?? null))).toEqual([
        2,
        null,
        1,
        1,
      ]);
    });

    it('forgets every partition of a connector', async () => {
      // Prepare
      const store = await make(fakeClock());
      await store.recordFailure(KEY, { firstOffset: '1' }, 1);
      await store.recordFailure({ ...KEY, topic: 'audit' }, { firstOffset: '1' }, 1);
      await store.recordFailure({ ...KEY, connector: 'other' }, { firstOffset: '1' }, 1);
      // Act
      await store.deleteAll(KEY.connector);
      // Assess
      expect(await store.get(KEY)).toBeNull();
      expect(await store.get({ ...KEY, topic: 'audit' })).toBeNull();
      expect(await store.get({ ...KEY, connector: 'other' })).not.toBeNull();
    });

    it('loses no count when 20 invocations record a failure at once', async () => {
      // Prepare
      const store = await make(fakeClock());
      // Act
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.recordFailure(KEY, { firstOffset: '7' }, 1_000 + i)),
      );
      // Assess
      const state = await store.get(KEY);
      expect(state?.attempts).toBe(20);
      expect(state?.firstOffset).toBe('7');
    });

    it('keeps at most MAX_ERROR_LENGTH characters of the error', async () => {
      // Prepare
      const store = await make(fakeClock());
      // Act
      await store.recordFailure(KEY, { firstOffset: '1', error: 'e'.repeat(MAX_ERROR_LENGTH + 10) }, 1);
      // Assess
      expect((await store.get(KEY))?.lastError).toHaveLength(MAX_ERROR_LENGTH);
    });
  });
}
