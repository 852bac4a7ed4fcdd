import { describe, expect, it } from 'vitest';
import { AlreadyExistsError, BadRequestError, ConflictError, NotFoundError } from '../../shared/api';
import { ConcurrentUpdateError, type ConfigStore, MAX_CONFIG_BYTES, type TaskConfigs } from '../../shared/stores';
import { caught, type FakeClock, fakeClock } from './support';

/** Builds an empty store over its own tables, reading time from `clock`. */
export type ConfigStoreFactory = (clock: FakeClock) => Promise<ConfigStore>;

const CONFIG = {
  'connector.class': 'FileStreamSink',
  'tasks.max': '1',
  topics: 'orders',
  file: '/tmp/orders.txt',
  'db.password': '${secretsmanager:prod/db:password}',
};

/** About `bytes` of UTF-8 in one value, with 2-, 3- and 4-byte characters (a surrogate pair) throughout. */
function bigPayload(bytes: number, marker: string): string {
  const unit = `${marker}-é-漢-😀-`; // 14 UTF-8 bytes for a one-character marker
  return unit.repeat(Math.ceil(bytes / 14));
}

function bigConfig(bytes: number, marker: string): Record<string, string> {
  return { ...CONFIG, marker, payload: bigPayload(bytes, marker) };
}

export function configStoreContract(name: string, make: ConfigStoreFactory) {
  describe(`ConfigStore (${name})`, () => {
    describe('connector records', () => {
      it('creates a connector at generation 1, target state STARTED, with its config stored exactly as given', async () => {
        // Prepare
        const clock = fakeClock();
        const store = await make(clock);
        const config = { z: '1', a: '2', '10': 'numeric-looking key', ...CONFIG, empty: '' };
        // Act
        const created = await store.create('orders-sink', config);
        const read = await store.get('orders-sink');
        // Assess
        const expected = {
          name: 'orders-sink',
          config,
          targetState: 'STARTED',
          generation: 1,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        };
        expect(created).toEqual(expected);
        expect(read).toEqual(expected);
        expect(Object.keys(read!.config)).toEqual(Object.keys(config));
        expect(read!.config['db.password']).toBe(CONFIG['db.password']);
      });

      it('creates a connector in the initial state it is given', async () => {
        // Prepare
        const store = await make(fakeClock());
        // Act
        await store.create('paused', CONFIG, { targetState: 'PAUSED' });
        await store.create('stopped', CONFIG, { targetState: 'STOPPED' });
        // Assess
        expect((await store.get('paused'))?.targetState).toBe('PAUSED');
        expect((await store.get('stopped'))?.targetState).toBe('STOPPED');
      });

      it('refuses to create a connector that already exists and keeps the existing one', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        // Act
        const attempt = caught(store.create('orders-sink', { other: 'config' }));
        // Assess
        expect(await attempt).toBeInstanceOf(AlreadyExistsError);
        expect((await attempt).message).toContain('Connector orders-sink already exists');
        expect((await store.get('orders-sink'))?.config).toEqual(CONFIG);
      });

      it('returns null for a connector that does not exist', async () => {
        // Prepare
        const store = await make(fakeClock());
        // Act / Assess
        expect(await store.get('nope')).toBeNull();
      });

      it('replaces the config on update, bumping the generation and updatedAt but not the target state', async () => {
        // Prepare
        const clock = fakeClock();
        const store = await make(clock);
        const created = await store.create('orders-sink', CONFIG, { targetState: 'PAUSED' });
        clock.advance(1000);
        // Act
        const updated = await store.update('orders-sink', { ...CONFIG, 'tasks.max': '3' });
        // Assess
        expect(updated).toEqual({
          ...created,
          config: { ...CONFIG, 'tasks.max': '3' },
          generation: 2,
          updatedAt: created.createdAt + 1000,
        });
        expect(await store.get('orders-sink')).toEqual(updated);
      });

      it('hands an update function the current record', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        // Act
        const updated = await store.update('orders-sink', (current) => ({
          ...current.config,
          'tasks.max': String(Number(current.config['tasks.max']) + 1),
        }));
        // Assess
        expect(updated.config['tasks.max']).toBe('2');
        expect(updated.generation).toBe(2);
      });

      it('rejects an update carrying a stale expected generation and changes nothing', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        await store.setTargetState('orders-sink', 'PAUSED');
        // Act
        const errors = [
          await caught(store.update('orders-sink', { a: 'b' }, { expectedGeneration: 1 })),
          await caught(store.update('orders-sink', (c) => ({ ...c.config, a: 'b' }), { expectedGeneration: 1 })),
          await caught(store.setTargetState('orders-sink', 'STOPPED', { expectedGeneration: 1 })),
        ];
        // Assess
        for (const error of errors) {
          expect(error).toBeInstanceOf(ConcurrentUpdateError);
          expect(error).toBeInstanceOf(ConflictError);
          expect(error).toMatchObject({ expectedGeneration: 1, actualGeneration: 2 });
        }
        expect(await store.get('orders-sink')).toMatchObject({ config: CONFIG, targetState: 'PAUSED', generation: 2 });
      });

      it('applies an update carrying the current generation', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        // Act
        const updated = await store.update('orders-sink', { a: 'b' }, { expectedGeneration: 1 });
        const paused = await store.setTargetState('orders-sink', 'PAUSED', { expectedGeneration: 2 });
        // Assess
        expect(updated.generation).toBe(2);
        expect(paused).toMatchObject({ config: { a: 'b' }, targetState: 'PAUSED', generation: 3 });
      });

      it('reports NotFoundError when updating, pausing or deleting a connector that does not exist', async () => {
        // Prepare
        const store = await make(fakeClock());
        // Act
        const errors = await Promise.all([
          caught(store.update('ghost', CONFIG)),
          caught(store.update('ghost', (c) => c.config)),
          caught(store.setTargetState('ghost', 'PAUSED')),
          caught(store.delete('ghost')),
          caught(store.update('ghost', CONFIG, { expectedGeneration: 1 })),
          caught(store.putTaskConfigs('ghost', 1, [])),
        ]);
        // Assess
        for (const error of errors) expect(error).toBeInstanceOf(NotFoundError);
        expect(errors[0]?.message).toBe('Connector ghost not found');
      });

      it('sets the target state, bumping the generation and keeping the config', async () => {
        // Prepare
        const clock = fakeClock();
        const store = await make(clock);
        await store.create('orders-sink', CONFIG);
        clock.advance(5);
        // Act
        const paused = await store.setTargetState('orders-sink', 'PAUSED');
        const pausedAgain = await store.setTargetState('orders-sink', 'PAUSED');
        const stopped = await store.setTargetState('orders-sink', 'STOPPED');
        // Assess
        expect(paused).toMatchObject({ targetState: 'PAUSED', generation: 2, config: CONFIG });
        expect(paused.updatedAt).toBe(paused.createdAt + 5);
        expect(pausedAgain.generation).toBe(3);
        expect(stopped).toMatchObject({ targetState: 'STOPPED', generation: 4, config: CONFIG });
      });

      it('loses no update when 20 writers each add a key at the same time', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('busy', { base: 'x' });
        // Act
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.update('busy', (current) => ({ ...current.config, [`k${i}`]: `v${i}` })),
          ),
        );
        // Assess
        const record = await store.get('busy');
        expect(record?.generation).toBe(21);
        expect(Object.keys(record!.config).sort()).toEqual(
          ['base', ...Array.from({ length: 20 }, (_, i) => `k${i}`)].sort(),
        );
      });

      it('loses neither config keys nor target-state changes when both are written concurrently', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('busy', { base: 'x' });
        // Act
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            i % 2 === 0
              ? store.update('busy', (current) => ({ ...current.config, [`k${i}`]: 'v' }))
              : store.setTargetState('busy', i % 4 === 1 ? 'PAUSED' : 'STOPPED'),
          ),
        );
        // Assess
        const record = await store.get('busy');
        expect(record?.generation).toBe(21);
        expect(Object.keys(record!.config)).toHaveLength(11);
        expect(['PAUSED', 'STOPPED']).toContain(record?.targetState);
      });

      it('counts every generation when 20 plain replacements race', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('busy', { base: 'x' });
        // Act
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.update('busy', { only: `${i}` })));
        // Assess
        expect(results.map((r) => r.generation).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 20 }, (_, i) => i + 2),
        );
        expect((await store.get('busy'))?.generation).toBe(21);
      });

      it('deletes a connector so that get, list and a second delete no longer find it', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        await store.create('other', CONFIG);
        // Act
        await store.delete('orders-sink');
        // Assess
        expect(await store.get('orders-sink')).toBeNull();
        expect(await store.list()).toEqual(['other']);
        await expect(store.delete('orders-sink')).rejects.toThrow(NotFoundError);
        await expect(store.update('orders-sink', CONFIG)).rejects.toThrow(NotFoundError);
      });

      it('refuses a delete carrying a stale expected generation', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        await store.update('orders-sink', CONFIG);
        // Act
        const attempt = caught(store.delete('orders-sink', { expectedGeneration: 1 }));
        // Assess
        expect(await attempt).toBeInstanceOf(ConcurrentUpdateError);
        expect(await store.get('orders-sink')).not.toBeNull();
      });

      it('continues the generation of a deleted connector when it is created again', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('phoenix', CONFIG);
        await store.setTargetState('phoenix', 'PAUSED');
        await store.delete('phoenix');
        // Act
        const reborn = await store.create('phoenix', { fresh: 'config' });
        // Assess
        expect(reborn.generation).toBeGreaterThan(2);
        expect(reborn).toMatchObject({ targetState: 'STARTED', config: { fresh: 'config' } });
        expect(await store.getTaskConfigs('phoenix')).toBeNull();
      });

      it('lists connector names sorted', async () => {
        // Prepare
        const store = await make(fakeClock());
        for (const name of ['b-sink', 'a-source', 'C-upper', 'a-sink']) await store.create(name, CONFIG);
        // Act
        const names = await store.list();
        // Assess
        expect(names).toEqual(['C-upper', 'a-sink', 'a-source', 'b-sink']);
      });

      it('lists every connector even when their configs fill more than one 1 MB query page', async () => {
        // Prepare
        const store = await make(fakeClock());
        const names = ['big-a', 'big-b', 'big-c', 'big-d', 'big-e'];
        for (const name of names) await store.create(name, { payload: 'x'.repeat(300_000) });
        // Act
        const listed = await store.list();
        // Assess
        expect(listed).toEqual(names);
      });

      it('stores a config just under the size limit and rejects one over it', async () => {
        // Prepare
        const store = await make(fakeClock());
        const fits = { payload: 'x'.repeat(MAX_CONFIG_BYTES - 20) };
        const tooBig = { payload: 'x'.repeat(MAX_CONFIG_BYTES) };
        // Act
        await store.create('fits', fits);
        const attempt = caught(store.create('too-big', tooBig));
        // Assess
        expect((await store.get('fits'))?.config).toEqual(fits);
        expect(await attempt).toBeInstanceOf(BadRequestError);
        expect(await store.get('too-big')).toBeNull();
      });

      it('rejects config values that are not strings', async () => {
        // Prepare
        const store = await make(fakeClock());
        // Act
        const error = await caught(store.create('typed', { 'tasks.max': 1 } as unknown as Record<string, string>));
        // Assess
        expect(error).toBeInstanceOf(BadRequestError);
        expect(error.message).toContain("but 'tasks.max' is 1 (number)");
        expect(await store.get('typed')).toBeNull();
      });

      it('returns copies: changing a returned record does not change the store', async () => {
        // Prepare
        const store = await make(fakeClock());
        const config = { ...CONFIG };
        const created = await store.create('orders-sink', config);
        // Act
        config.topics = 'mutated';
        (created.config as Record<string, string>).file = 'mutated';
        // Assess
        expect((await store.get('orders-sink'))?.config).toEqual(CONFIG);
      });
    });

    describe('task configs', () => {
      it('publishes task configs tagged with the generation they were computed from', async () => {
        // Prepare
        const clock = fakeClock();
        const store = await make(clock);
        await store.create('orders-sink', CONFIG);
        clock.advance(10);
        const tasks = [
          { ...CONFIG, 'task.id': '0' },
          { ...CONFIG, 'task.id': '1' },
        ];
        // Act
        const published = await store.putTaskConfigs('orders-sink', 1, tasks);
        const read = await store.getTaskConfigs('orders-sink');
        // Assess
        const expected = { connector: 'orders-sink', generation: 1, configs: tasks, updatedAt: clock.now() };
        expect(published).toEqual(expected);
        expect(read).toEqual(expected);
        expect((await store.get('orders-sink'))?.generation).toBe(1);
      });

      it('returns null task configs before any are published', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        // Act / Assess
        expect(await store.getTaskConfigs('orders-sink')).toBeNull();
        expect(await store.getTaskConfigs('ghost')).toBeNull();
      });

      it('replaces the previous set, down to an empty set for a stopped connector', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        await store.putTaskConfigs('orders-sink', 1, [{ a: '1' }, { a: '2' }, { a: '3' }]);
        await store.setTargetState('orders-sink', 'STOPPED');
        // Act
        await store.putTaskConfigs('orders-sink', 2, []);
        // Assess
        expect(await store.getTaskConfigs('orders-sink')).toMatchObject({ generation: 2, configs: [] });
      });

      it('refuses task configs computed from a stale generation and keeps the published ones', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        await store.putTaskConfigs('orders-sink', 1, [{ v: 'from-1' }]);
        await store.update('orders-sink', { ...CONFIG, 'tasks.max': '2' });
        // Act
        const attempt = caught(store.putTaskConfigs('orders-sink', 1, [{ v: 'stale' }]));
        // Assess
        expect(await attempt).toBeInstanceOf(ConcurrentUpdateError);
        expect(await attempt).toMatchObject({ expectedGeneration: 1, actualGeneration: 2 });
        expect(await store.getTaskConfigs('orders-sink')).toMatchObject({ generation: 1, configs: [{ v: 'from-1' }] });
      });

      it('refuses task configs for a connector that does not exist', async () => {
        // Prepare
        const store = await make(fakeClock());
        // Act / Assess
        await expect(store.putTaskConfigs('ghost', 1, [{}])).rejects.toThrow(NotFoundError);
      });

      it('stores task configs far larger than one 400 KB item, multi-byte characters included', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('wide', CONFIG);
        const tasks = Array.from({ length: 8 }, (_, i) => bigConfig(150_000, String.fromCharCode(65 + i)));
        // Act
        await store.putTaskConfigs('wide', 1, tasks);
        const read = await store.getTaskConfigs('wide');
        // Assess
        expect(read?.configs).toHaveLength(8);
        expect(read?.configs).toEqual(tasks);
      });

      it('never shows a mix of two sets while sets are replaced concurrently', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('racy', CONFIG);
        const set = (marker: string, n: number) =>
          Array.from({ length: n }, (_, task) => bigPayload(120_000, marker + String(task))).map((payload) => ({
            marker,
            payload,
          }));
        await store.putTaskConfigs('racy', 1, set('A', 3));
        // Act
        const reads: Promise<TaskConfigs | null>[] = [];
        const writes: Promise<unknown>[] = [];
        for (const [i, marker] of ['B', 'C', 'D', 'E'].entries()) {
          writes.push(store.putTaskConfigs('racy', 1, set(marker, 2 + i)));
          reads.push(store.getTaskConfigs('racy'), store.getTaskConfigs('racy'));
        }
        await Promise.all(writes);
        const seen = await Promise.all(reads);
        // Assess
        for (const taskConfigs of seen) {
          const markers = new Set(taskConfigs!.configs.map((config) => config.marker));
          expect(markers.size).toBe(1);
          const marker = [...markers][0]!;
          expect(taskConfigs!.configs).toHaveLength({ A: 3, B: 2, C: 3, D: 4, E: 5 }[marker]!);
        }
      });

      it('deletes task configs with the connector', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        await store.putTaskConfigs('orders-sink', 1, [bigConfig(500_000, 'Z')]);
        // Act
        await store.delete('orders-sink');
        // Assess
        expect(await store.getTaskConfigs('orders-sink')).toBeNull();
      });

      it('rejects task configs whose values are not strings', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        // Act
        const error = await caught(
          store.putTaskConfigs('orders-sink', 1, [{ n: 1 } as unknown as Record<string, string>]),
        );
        // Assess
        expect(error).toBeInstanceOf(BadRequestError);
        expect(await store.getTaskConfigs('orders-sink')).toBeNull();
      });
    });

    describe('restart requests', () => {
      it('keeps a restart request until the herder completes it', async () => {
        // Prepare
        const clock = fakeClock();
        const store = await make(clock);
        // Act
        const request = await store.requestRestart({ connector: 'orders-sink', includeTasks: true, onlyFailed: false });
        // Assess
        expect(request).toEqual({
          connector: 'orders-sink',
          includeTasks: true,
          onlyFailed: false,
          requestedAt: clock.now(),
        });
        expect(await store.getRestartRequest('orders-sink')).toEqual(request);
        expect(await store.completeRestart(request)).toBe(true);
        expect(await store.getRestartRequest('orders-sink')).toBeNull();
        expect(await store.completeRestart(request)).toBe(false);
      });

      it('lists pending restart requests sorted by connector', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.requestRestart({ connector: 'b', includeTasks: false, onlyFailed: false });
        await store.requestRestart({ connector: 'a', includeTasks: true, onlyFailed: true });
        // Act
        const pending = await store.listRestartRequests();
        // Assess
        expect(pending.map((r) => [r.connector, r.includeTasks, r.onlyFailed])).toEqual([
          ['a', true, true],
          ['b', false, false],
        ]);
      });

      it('keeps a newer restart request when an older one is completed', async () => {
        // Prepare
        const clock = fakeClock();
        const store = await make(clock);
        const older = await store.requestRestart({ connector: 'c', includeTasks: false, onlyFailed: false });
        clock.advance(1);
        const newer = await store.requestRestart({ connector: 'c', includeTasks: true, onlyFailed: true });
        // Act
        const completed = await store.completeRestart(older);
        // Assess
        expect(completed).toBe(false);
        expect(await store.getRestartRequest('c')).toEqual(newer);
      });

      it('drops the pending restart request when the connector is deleted', async () => {
        // Prepare
        const store = await make(fakeClock());
        await store.create('orders-sink', CONFIG);
        await store.requestRestart({ connector: 'orders-sink', includeTasks: false, onlyFailed: false });
        // Act
        await store.delete('orders-sink');
        // Assess
        expect(await store.listRestartRequests()).toEqual([]);
      });
    });
  });
}
