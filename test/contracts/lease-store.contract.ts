import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/api';
import { LeaseHeldError, LeaseLostError, type LeaseStore, StaleGenerationError } from '../../shared/stores';
import { caught, type FakeClock, fakeClock } from './support';

/** Builds an empty store over its own tables. */
export type LeaseStoreFactory = (clock: FakeClock) => Promise<LeaseStore>;

const TASK = { connector: 'files-src', task: 0 };
const TTL = 60_000;

export function leaseStoreContract(name: string, make: LeaseStoreFactory) {
  describe(`LeaseStore (${name})`, () => {
    it('grants a free lease with epoch 1 until now + ttl', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      // Act
      const lease = await store.acquire(TASK, 'invocation-a', 1, TTL, clock.now());
      // Assess
      const expected = { ...TASK, owner: 'invocation-a', epoch: 1, configGeneration: 1, expiresAt: clock.now() + TTL };
      expect(lease).toEqual(expected);
      expect(await store.get(TASK)).toEqual(expected);
    });

    it('refuses a live lease to anyone, its owner included', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      await store.acquire(TASK, 'invocation-a', 1, TTL, clock.now());
      clock.advance(TTL - 1);
      // Act
      const other = caught(store.acquire(TASK, 'invocation-b', 1, TTL, clock.now()));
      const same = caught(store.acquire(TASK, 'invocation-a', 1, TTL, clock.now()));
      // Assess
      expect(await other).toBeInstanceOf(LeaseHeldError);
      expect(await other).toBeInstanceOf(ConflictError);
      expect(await other).toMatchObject({ owner: 'invocation-a' });
      expect(await same).toBeInstanceOf(LeaseHeldError);
      expect((await store.get(TASK))?.epoch).toBe(1);
    });

    it('hands an expired lease to the next invocation with the next epoch', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      await store.acquire(TASK, 'invocation-a', 1, TTL, clock.now());
      clock.advance(TTL);
      // Act
      const lease = await store.acquire(TASK, 'invocation-b', 1, TTL, clock.now());
      // Assess
      expect(lease).toMatchObject({ owner: 'invocation-b', epoch: 2, expiresAt: clock.now() + TTL });
    });

    it('hands a released lease on at once, and keeps counting epochs', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      const first = await store.acquire(TASK, 'invocation-a', 1, TTL, clock.now());
      // Act
      await store.release(first);
      const second = await store.acquire(TASK, 'invocation-b', 1, TTL, clock.now());
      await store.release(second);
      const third = await store.acquire(TASK, 'invocation-c', 1, TTL, clock.now());
      // Assess
      expect([first.epoch, second.epoch, third.epoch]).toEqual([1, 2, 3]);
    });

    it('keeps leases of different tasks and connectors apart', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      // Act
      const a = await store.acquire(TASK, 'x', 1, TTL, clock.now());
      const b = await store.acquire({ ...TASK, task: 1 }, 'x', 1, TTL, clock.now());
      const c = await store.acquire({ connector: 'other', task: 0 }, 'x', 1, TTL, clock.now());
      // Assess
      expect([a.epoch, b.epoch, c.epoch]).toEqual([1, 1, 1]);
      expect(await store.get({ ...TASK, task: 7 })).toBeNull();
    });

    it('ignores a release by an invocation that lost the lease', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      const stale = await store.acquire(TASK, 'invocation-a', 1, TTL, clock.now());
      clock.advance(TTL);
      const current = await store.acquire(TASK, 'invocation-b', 1, TTL, clock.now());
      // Act
      await store.release(stale);
      // Assess
      expect(await store.get(TASK)).toEqual(current);
      await expect(store.acquire(TASK, 'invocation-c', 1, TTL, clock.now())).rejects.toThrow(LeaseHeldError);
    });

    it('renews a held lease from now', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      const lease = await store.acquire(TASK, 'invocation-a', 1, TTL, clock.now());
      clock.advance(30_000);
      // Act
      const renewed = await store.renew(lease, TTL, clock.now());
      // Assess
      expect(renewed).toEqual({ ...lease, expiresAt: clock.now() + TTL });
      expect(await store.get(TASK)).toEqual(renewed);
    });

    it('renews an expired lease nobody took since', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      const lease = await store.acquire(TASK, 'invocation-a', 1, TTL, clock.now());
      clock.advance(TTL * 2);
      // Act
      const renewed = await store.renew(lease, TTL, clock.now());
      // Assess
      expect(renewed).toMatchObject({ epoch: 1, expiresAt: clock.now() + TTL });
    });

    it('refuses to renew a lease someone else took, or that was released', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      const stale = await store.acquire(TASK, 'invocation-a', 1, TTL, clock.now());
      clock.advance(TTL);
      const current = await store.acquire(TASK, 'invocation-b', 1, TTL, clock.now());
      // Act
      const lost = caught(store.renew(stale, TTL, clock.now()));
      await store.release(current);
      const released = caught(store.renew(current, TTL, clock.now()));
      // Assess
      expect(await lost).toBeInstanceOf(LeaseLostError);
      expect(await lost).toBeInstanceOf(ConflictError);
      expect(await released).toBeInstanceOf(LeaseLostError);
    });

    it('refuses the lease to an invocation with an older config generation than the last holder, even once free', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      const lease = await store.acquire(TASK, 'new-config', 4, TTL, clock.now());
      await store.release(lease);
      // Act
      const stale = caught(store.acquire(TASK, 'old-config', 3, TTL, clock.now()));
      // Assess
      expect(await stale).toBeInstanceOf(StaleGenerationError);
      expect(await stale).toMatchObject({ configGeneration: 3, storedGeneration: 4 });
      expect(await store.acquire(TASK, 'same-config', 4, TTL, clock.now())).toMatchObject({ epoch: 2 });
    });

    it('makes a newer config generation wait for a live lease but take a free one', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      await store.acquire(TASK, 'gen-1', 1, TTL, clock.now());
      // Act
      const whileLive = caught(store.acquire(TASK, 'gen-2', 2, TTL, clock.now()));
      clock.advance(TTL);
      const once = await store.acquire(TASK, 'gen-2', 2, TTL, clock.now());
      // Assess
      expect(await whileLive).toBeInstanceOf(LeaseHeldError);
      expect(once).toMatchObject({ owner: 'gen-2', configGeneration: 2, epoch: 2 });
    });

    it('grants the lease to exactly one of 10 concurrent invocations', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      // Act
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => store.acquire(TASK, `invocation-${i}`, 1, TTL, clock.now())),
      );
      // Assess
      const granted = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected');
      expect(granted).toHaveLength(1);
      expect(refused.every((r) => r.reason instanceof LeaseHeldError)).toBe(true);
      expect((await store.get(TASK))?.epoch).toBe(1);
    });
  });
}
