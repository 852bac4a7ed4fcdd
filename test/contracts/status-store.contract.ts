import { describe, expect, it } from 'vitest';
import { MAX_TRACE_LENGTH, type StatusStore } from '../../shared/stores';
import { type FakeClock, fakeClock } from './support';

/** Builds an empty store over its own tables, reading time from `clock`. */
export type StatusStoreFactory = (clock: FakeClock) => Promise<StatusStore>;

const RUNNING = { state: 'RUNNING', workerId: 'sink-task:1', generation: 3 } as const;

export function statusStoreContract(name: string, make: StatusStoreFactory) {
  describe(`StatusStore (${name})`, () => {
    it('reads back a connector status with the time it was written', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      // Act
      const written = await store.putConnector('orders-sink', RUNNING);
      // Assess
      expect(written).toBe(true);
      expect(await store.getConnector('orders-sink')).toEqual({
        connector: 'orders-sink',
        ...RUNNING,
        updatedAt: clock.now(),
      });
    });

    it('keeps a failure’s trace and omits an empty one', async () => {
      // Prepare
      const store = await make(fakeClock());
      const trace = 'org.apache.kafka.connect.errors.ConnectException: boom\n\tat Task.put(task.ts:1)\n';
      // Act
      await store.putConnector('c', { ...RUNNING, state: 'FAILED', trace });
      await store.putTask('c', 0, { ...RUNNING, trace: '' });
      // Assess
      expect((await store.getConnector('c'))?.trace).toBe(trace);
      expect(await store.getTask('c', 0)).not.toHaveProperty('trace');
    });

    it('cuts a huge trace to MAX_TRACE_LENGTH characters', async () => {
      // Prepare
      const store = await make(fakeClock());
      // Act
      await store.putTask('c', 0, { ...RUNNING, state: 'FAILED', trace: 'x'.repeat(MAX_TRACE_LENGTH * 3) });
      // Assess
      expect((await store.getTask('c', 0))?.trace).toHaveLength(MAX_TRACE_LENGTH);
    });

    it('lists the connector status with its task statuses sorted by task id', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      for (const task of [10, 2, 0, 1]) await store.putTask('c', task, { ...RUNNING, workerId: `w-${task}` });
      await store.putConnector('c', RUNNING);
      await store.recordTopic('c', 'orders', clock.now());
      // Act
      const statuses = await store.list('c');
      // Assess
      expect(statuses.connector).toEqual({ connector: 'c', ...RUNNING, updatedAt: clock.now() });
      expect(statuses.tasks.map((t) => [t.task, t.workerId])).toEqual([
        [0, 'w-0'],
        [1, 'w-1'],
        [2, 'w-2'],
        [10, 'w-10'],
      ]);
      expect(statuses.tasks[0]).toEqual({
        connector: 'c',
        task: 0,
        ...RUNNING,
        workerId: 'w-0',
        updatedAt: clock.now(),
      });
    });

    it('lists nothing for a connector without statuses', async () => {
      // Prepare
      const store = await make(fakeClock());
      // Act / Assess
      expect(await store.list('ghost')).toEqual({ connector: null, tasks: [] });
      expect(await store.getConnector('ghost')).toBeNull();
      expect(await store.getTask('ghost', 0)).toBeNull();
    });

    it('drops a status carrying an older generation than the stored one', async () => {
      // Prepare
      const store = await make(fakeClock());
      await store.putConnector('c', { ...RUNNING, generation: 5 });
      await store.putTask('c', 0, { ...RUNNING, generation: 5 });
      // Act
      const connectorWritten = await store.putConnector('c', {
        state: 'FAILED',
        workerId: 'old',
        generation: 4,
        trace: 't',
      });
      const taskWritten = await store.putTask('c', 0, { state: 'UNASSIGNED', workerId: 'old', generation: 4 });
      // Assess
      expect([connectorWritten, taskWritten]).toEqual([false, false]);
      expect(await store.getConnector('c')).toMatchObject({ state: 'RUNNING', generation: 5 });
      expect(await store.getTask('c', 0)).toMatchObject({ state: 'RUNNING', generation: 5 });
    });

    it('overwrites a status with one of the same or a newer generation', async () => {
      // Prepare
      const store = await make(fakeClock());
      await store.putTask('c', 0, { ...RUNNING, state: 'FAILED', trace: 'boom', generation: 5 });
      // Act
      const same = await store.putTask('c', 0, { ...RUNNING, state: 'RESTARTING', generation: 5 });
      const newer = await store.putTask('c', 0, { ...RUNNING, state: 'RUNNING', generation: 6 });
      // Assess
      expect([same, newer]).toEqual([true, true]);
      const stored = await store.getTask('c', 0);
      expect(stored).toMatchObject({ state: 'RUNNING', generation: 6 });
      expect(stored).not.toHaveProperty('trace');
    });

    it('deletes one task status, then everything of the connector', async () => {
      // Prepare
      const clock = fakeClock();
      const store = await make(clock);
      await store.putConnector('c', RUNNING);
      for (const task of [0, 1, 2]) await store.putTask('c', task, RUNNING);
      await store.recordTopic('c', 'orders', clock.now());
      await store.putConnector('other', RUNNING);
      // Act
      await store.deleteTask('c', 1);
      const afterTask = await store.list('c');
      await store.deleteAll('c');
      // Assess
      expect(afterTask.tasks.map((t) => t.task)).toEqual([0, 2]);
      expect(await store.list('c')).toEqual({ connector: null, tasks: [] });
      expect(await store.listTopics('c')).toEqual([]);
      expect(await store.getConnector('other')).not.toBeNull();
    });

    describe('active topics', () => {
      it('records a topic once, keeping when it was first discovered', async () => {
        // Prepare
        const store = await make(fakeClock());
        // Act
        await store.recordTopic('c', 'orders', 1_000);
        await store.recordTopic('c', 'orders', 2_000);
        await store.recordTopic('c', 'audit', 3_000);
        await store.recordTopic('other', 'orders', 4_000);
        // Assess
        expect(await store.listTopics('c')).toEqual([
          { connector: 'c', topic: 'audit', discoverTimestamp: 3_000 },
          { connector: 'c', topic: 'orders', discoverTimestamp: 1_000 },
        ]);
      });

      it('forgets topics on reset and records them anew afterwards', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.recordTopic('c', 'orders', 1_000);
        await store.putConnector('c', RUNNING);
        // Act
        await store.resetTopics('c');
        const afterReset = await store.listTopics('c');
        await store.recordTopic('c', 'orders', 5_000);
        // Assess
        expect(afterReset).toEqual([]);
        expect(await store.listTopics('c')).toEqual([{ connector: 'c', topic: 'orders', discoverTimestamp: 5_000 }]);
        expect(await store.getConnector('c')).not.toBeNull();
      });
    });
  });
}
