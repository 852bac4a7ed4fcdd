import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConnectError, Schemas, Type, validateValue } from '../../../../shared/api';
import {
  DatagenTask,
  IDLE_WAIT_MS,
  MAX_BATCH_SIZE,
  MAX_POLL_WAIT_MS,
  QUICKSTARTS,
} from '../../../../shared/connectors/datagen';
import { fakeClock, offsetsByTask, plain, pollRecords, startedTask } from './support';

const BASE = { 'kafka.topic': 'topic', 'max.interval': '0', 'random.seed': '42' };

describe('DatagenTask', () => {
  describe('quickstarts', () => {
    it.each(QUICKSTARTS.map((q) => [q.name]))(
      '%s produces Structs that validate against their schema',
      async (name) => {
        // Prepare
        const task = await startedTask({ ...BASE, quickstart: name, iterations: '300' });
        // Act
        const records = await pollRecords(task, 300);
        // Assess
        expect(records).toHaveLength(300);
        for (const record of records) {
          expect(record.valueSchema?.type).toBe(Type.STRUCT);
          validateValue(record.valueSchema as never, record.value);
          validateValue(record.keySchema as never, record.key);
        }
      },
    );

    it('every quickstart validates for any seed (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...QUICKSTARTS.map((q) => q.name)),
          fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          fc.nat({ max: 7 }),
          async (quickstart, seed, taskId) => {
            const task = await startedTask({
              ...BASE,
              quickstart,
              'random.seed': String(seed),
              'task.id': String(taskId),
              iterations: '20',
            });
            for (const record of await pollRecords(task, 20)) {
              validateValue(record.valueSchema as never, record.value);
              validateValue(record.keySchema as never, record.key);
            }
          },
        ),
        { numRuns: 60 },
      );
    });

    it("users gives Confluent's fields, types and value shapes, keyed by userid", async () => {
      // Prepare
      const task = await startedTask({ ...BASE, quickstart: 'users', iterations: '200' });
      // Act
      const records = await pollRecords(task, 200);
      // Assess
      const schema = records[0]?.valueSchema;
      expect(schema?.name).toBe('ksql.users');
      expect(schema?.fields().map((f) => [f.name, f.schema.type, f.schema.optional])).toEqual([
        ['registertime', Type.INT64, false],
        ['userid', Type.STRING, false],
        ['regionid', Type.STRING, false],
        ['gender', Type.STRING, false],
      ]);
      expect(records[0]?.keySchema).toEqual(Schemas.STRING);
      for (const record of records) {
        const value = plain(record.value) as Record<string, unknown>;
        expect(value.registertime).toBeGreaterThanOrEqual(1487715775521);
        expect(value.registertime).toBeLessThan(1519273364600);
        expect(value.userid).toMatch(/^User_[1-9]$/);
        expect(value.regionid).toMatch(/^Region_[1-9]$/);
        expect(['MALE', 'FEMALE', 'OTHER']).toContain(value.gender);
        expect(record.key).toBe(value.userid);
      }
    });

    it('orders and pageviews count up their iteration fields and keep to their regexes and ranges', async () => {
      // Prepare
      const orders = await startedTask({ ...BASE, quickstart: 'orders', iterations: '50' });
      const pageviews = await startedTask({ ...BASE, quickstart: 'pageviews', iterations: '50' });
      // Act
      const orderValues = (await pollRecords(orders, 50)).map((r) => plain(r.value) as Record<string, unknown>);
      const pageviewRecords = await pollRecords(pageviews, 50);
      // Assess
      expect(orderValues.map((v) => v.orderid)).toEqual([...Array(50).keys()]);
      for (const order of orderValues) {
        // Confluent's default length bounds (8 to 15) make these regexes give their longest strings.
        expect(order.itemid).toMatch(/^Item_[1-9][0-9]{2}$/);
        expect(order.orderunits).toBeGreaterThanOrEqual(0.1);
        expect(order.orderunits).toBeLessThan(10);
        const address = order.address as Record<string, unknown>;
        expect(address.city).toMatch(/^City_[1-9]{2}$/);
        expect(address.zipcode).toBeGreaterThanOrEqual(10000);
      }
      expect(pageviewRecords.map((r) => (plain(r.value) as Record<string, number>).viewtime)).toEqual(
        [...Array(50).keys()].map((i) => 1 + 10 * i),
      );
      expect(pageviewRecords[0]?.keySchema).toEqual(Schemas.INT64);
      expect(pageviewRecords.map((r) => r.key)).toEqual([...Array(50).keys()].map((i) => 1 + 10 * i));
    });
  });

  describe('random.seed', () => {
    it('gives exactly the same records for the same seed, and other records for another seed or task', async () => {
      // Prepare
      const config = { ...BASE, quickstart: 'users', iterations: '5' };
      // Act
      const first = (await pollRecords(await startedTask(config), 5)).map((r) => plain(r.value));
      const again = (await pollRecords(await startedTask(config), 5)).map((r) => plain(r.value));
      const otherSeed = (await pollRecords(await startedTask({ ...config, 'random.seed': '43' }), 5)).map((r) =>
        plain(r.value),
      );
      const otherTask = (await pollRecords(await startedTask({ ...config, 'task.id': '1' }), 5)).map((r) =>
        plain(r.value),
      );
      // Assess
      expect(first).toEqual([
        { registertime: 1506414903596, userid: 'User_8', regionid: 'Region_1', gender: 'MALE' },
        { registertime: 1493019539026, userid: 'User_6', regionid: 'Region_3', gender: 'MALE' },
        { registertime: 1490536605147, userid: 'User_5', regionid: 'Region_3', gender: 'FEMALE' },
        expect.any(Object),
        expect.any(Object),
      ]);
      expect(again).toEqual(first);
      expect(otherSeed).not.toEqual(first);
      expect(otherTask).not.toEqual(first);
    });
  });

  describe('iterations', () => {
    it('stops after `iterations` records and then returns null on every poll, waiting a moment each time', async () => {
      // Prepare
      const clock = fakeClock();
      const task = await startedTask({ ...BASE, quickstart: 'users', iterations: '7' }, { clock });
      // Act
      const records = await task.poll();
      const after = [await task.poll(), await task.poll()];
      // Assess
      expect(records).toHaveLength(7);
      expect(after).toEqual([null, null]);
      expect(clock.sleeps).toEqual([IDLE_WAIT_MS, IDLE_WAIT_MS]);
    });

    it('is unlimited when less than 1, in batches of at most MAX_BATCH_SIZE', async () => {
      // Prepare
      const task = await startedTask({ ...BASE, quickstart: 'users', iterations: '0' });
      // Act
      const batches = [await task.poll(), await task.poll()];
      // Assess
      expect(batches.map((b) => b?.length)).toEqual([MAX_BATCH_SIZE, MAX_BATCH_SIZE]);
    });
  });

  describe('offsets', () => {
    it("gives each record Confluent's partition, next-state offset and headers", async () => {
      // Prepare
      const task = await startedTask({ ...BASE, quickstart: 'users', iterations: '2', 'task.id': '3' });
      // Act
      const records = await pollRecords(task, 2);
      // Assess
      const seed = records[0]?.sourceOffset?.['random.seed'];
      expect(Number.isSafeInteger(seed)).toBe(true);
      expect(records.map((r) => [r.sourcePartition, r.sourceOffset, r.topic, r.kafkaPartition, r.timestamp])).toEqual([
        [{ 'task.id': 3 }, { 'task.generation': 1, 'current.iteration': 1, 'random.seed': seed }, 'topic', null, null],
        [{ 'task.id': 3 }, { 'task.generation': 1, 'current.iteration': 2, 'random.seed': seed }, 'topic', null, null],
      ]);
      expect(records[1]?.headers.toArray()).toEqual([
        { key: 'task.generation', schema: Schemas.INT64, value: 0 },
        { key: 'task.id', schema: Schemas.INT64, value: 3 },
        { key: 'current.iteration', schema: Schemas.INT64, value: 1 },
      ]);
    });

    it('resumes from the stored offset exactly where an uninterrupted task would be, in the next generation', async () => {
      // Prepare
      const config = { ...BASE, quickstart: 'orders', iterations: '10' };
      const uninterrupted = await pollRecords(await startedTask(config), 10);
      const firstRun = await pollRecords(await startedTask({ ...config, iterations: '10' }), 4);
      const stored = firstRun[3]?.sourceOffset ?? {};
      const context = offsetsByTask({ 0: stored });
      const resumed = new DatagenTask({ clock: fakeClock() });
      resumed.initialize(context);
      // Act
      await resumed.start({ ...config, 'random.seed': '999' });
      const rest = await pollRecords(resumed, 10);
      // Assess
      expect(context.lookups).toEqual([{ 'task.id': 0 }]);
      expect(rest).toHaveLength(6);
      expect(rest.map((r) => plain(r.value))).toEqual(uninterrupted.slice(4).map((r) => plain(r.value)));
      expect(rest.map((r) => r.sourceOffset?.['task.generation'])).toEqual(Array(6).fill(2));
      expect(rest[0]?.headers.toArray().map((h) => [h.key, h.value])).toEqual([
        ['task.generation', 1],
        ['task.id', 0],
        ['current.iteration', 4],
      ]);
      expect(await resumed.poll()).toBeNull();
    });

    it('refuses a stored offset that is not Datagen’s', async () => {
      // Prepare
      const task = new DatagenTask({ clock: fakeClock() });
      task.initialize(offsetsByTask({ 0: { position: 42 } }));
      // Act
      const start = task.start({ ...BASE, quickstart: 'users' });
      // Assess
      await expect(start).rejects.toThrow(ConnectError);
      await expect(start).rejects.toThrow("The stored offset's 'task.generation' is not a valid long: undefined");
    });
  });

  describe('keys', () => {
    it('uses schema.keyfield with its field schema, overriding the quickstart key, and a null key without one', async () => {
      // Prepare
      const schema = JSON.stringify({
        type: 'record',
        name: 'thing',
        fields: [
          { name: 'id', type: { type: 'long', 'arg.properties': { iteration: { start: 5 } } } },
          { name: 'label', type: ['null', { type: 'string', 'arg.properties': { options: ['a', 'b'] } }] },
        ],
      });
      // Act
      const keyed = (extra: Record<string, string>, count: number) =>
        startedTask({ ...BASE, iterations: String(count), ...extra }).then((task) => pollRecords(task, count));
      const byId = await keyed({ 'schema.string': schema, 'schema.keyfield': 'id' }, 3);
      const byLabel = await keyed({ 'schema.string': schema, 'schema.keyfield': 'label' }, 30);
      const unkeyed = await keyed({ 'schema.string': schema }, 1);
      const ordersByItem = await keyed({ quickstart: 'orders', 'schema.keyfield': 'itemid' }, 1);
      // Assess
      expect(byId.map((r) => [r.keySchema, r.key])).toEqual([
        [Schemas.INT64, 5],
        [Schemas.INT64, 6],
        [Schemas.INT64, 7],
      ]);
      expect(byLabel[0]?.keySchema).toEqual(Schemas.OPTIONAL_STRING);
      expect(new Set(byLabel.map((r) => r.key))).toEqual(new Set([null, 'a', 'b']));
      expect([unkeyed[0]?.keySchema, unkeyed[0]?.key]).toEqual([Schemas.OPTIONAL_STRING, null]);
      expect(ordersByItem[0]?.key).toMatch(/^Item_/);
    });

    it('refuses to start with a key field the schema does not have', async () => {
      // Act
      const start = startedTask({ ...BASE, quickstart: 'users', 'schema.keyfield': 'nope' });
      // Assess
      await expect(start).rejects.toThrow(ConfigError);
      await expect(start).rejects.toThrow("The schema does not contain the field provided in 'schema.keyfield'");
    });
  });

  describe('max.interval', () => {
    it('pauses less than max.interval before each record through the clock, at most MAX_POLL_WAIT_MS per poll', async () => {
      // Prepare
      const clock = fakeClock();
      const task = await startedTask(
        { ...BASE, quickstart: 'users', 'max.interval': '300', iterations: '40' },
        { clock },
      );
      // Act
      const batches: number[] = [];
      const waitedPerPoll: number[] = [];
      for (let i = 0; i < 30; i++) {
        const before = clock.sleeps.length;
        batches.push((await task.poll())?.length ?? 0);
        waitedPerPoll.push(clock.sleeps.slice(before).reduce((a, b) => a + b, 0));
      }
      // Assess
      expect(batches.reduce((a, b) => a + b, 0)).toBe(40);
      for (const waited of waitedPerPoll) expect(waited).toBeLessThanOrEqual(MAX_POLL_WAIT_MS);
      for (const sleep of clock.sleeps.filter((s) => s !== IDLE_WAIT_MS)) expect(sleep).toBeLessThan(300);
      expect(Math.max(...batches)).toBeLessThan(40);
    });

    it('carries a pause longer than a poll may wait over to the next polls', async () => {
      // Prepare
      const clock = fakeClock();
      const task = await startedTask(
        { ...BASE, quickstart: 'users', 'max.interval': '100000', iterations: '1' },
        { clock },
      );
      // Act
      const polls: (number | null)[] = [];
      while (polls.length < 200 && polls.at(-1) !== 1) polls.push((await task.poll())?.length ?? null);
      // Assess
      expect(polls.at(-1)).toBe(1);
      expect(polls.slice(0, -1).every((p) => p === null)).toBe(true);
      expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(MAX_POLL_WAIT_MS);
      expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(100000);
    });

    it('does not pause at all with max.interval 0', async () => {
      // Prepare
      const clock = fakeClock();
      const task = await startedTask({ ...BASE, quickstart: 'users', iterations: '10' }, { clock });
      // Act
      await task.poll();
      // Assess
      expect(clock.sleeps).toEqual([]);
    });
  });

  it('returns null once stopped, without waiting', async () => {
    // Prepare
    const clock = fakeClock();
    const task = await startedTask({ ...BASE, quickstart: 'users' }, { clock });
    // Act
    task.stop();
    const polled = await task.poll();
    // Assess
    expect(polled).toBeNull();
    expect(clock.sleeps).toEqual([]);
  });
});
