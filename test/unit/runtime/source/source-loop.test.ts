import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectError, RetriableError } from '../../../../shared/api';
import { line, type SourceWorld, scriptOf, sourceWorld, untilScriptDone } from './support';

let world: SourceWorld;

beforeEach(() => {
  world = sourceWorld();
});

const values = () => world.producer.sent.map((r) => Buffer.from(r.value ?? []).toString());

describe('SourceLoop offsets and commits', () => {
  it('calls commitRecord as Kafka does: dropped records at once, produced ones after their acks, then commit', async () => {
    // Prepare
    const payload = await world.create('commits', {
      transforms: 'drop',
      'transforms.drop.type': 'org.apache.kafka.connect.transforms.Filter',
      'transforms.drop.predicate': 'isB',
      predicates: 'isB',
      'predicates.isB.type': 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey',
      'predicates.isB.name': 'drop-me',
    });
    const b = line('b', 2);
    b.headers.add('drop-me', 'yes');
    scriptOf('commits').polls.push([line('a', 1), b, line('c', 3)]);
    world.producer.onAck = () => {
      scriptOf('commits').calls.push('acked');
    };

    // Act
    const outcome = await world.loop.runOnce(payload, untilScriptDone('commits'));

    // Assess
    expect(outcome).toBe('completed');
    expect(values()).toEqual(['a', 'c']);
    expect(scriptOf('commits').calls).toEqual([
      'start',
      'poll',
      'commitRecord b null',
      'acked',
      'commitRecord a 0',
      'commitRecord c 1',
      'commit',
    ]);
    expect(await world.stores.offsets.read('commits', [{ file: 'f' }])).toEqual([{ pos: 3 }]);
  });

  it('stores the offsets before it calls commit()', async () => {
    // Prepare
    const payload = await world.create('order');
    scriptOf('order').polls.push([line('a', 1)]);
    const seen: unknown[] = [];
    const original = world.stores.offsets.write.bind(world.stores.offsets);
    vi.spyOn(world.stores.offsets, 'write').mockImplementation(async (...args) => {
      seen.push([...scriptOf('order').calls]);
      return original(...args);
    });

    // Act
    await world.loop.runOnce(payload, untilScriptDone('order'));

    // Assess
    expect(seen).toEqual([['start', 'poll', 'commitRecord a 0']]);
    expect(scriptOf('order').calls.at(-1)).toBe('commit');
  });

  it('never stores offsets of records the producer did not acknowledge, and fails the task under errors.tolerance=none', async () => {
    // Prepare
    const payload = await world.create('noack');
    scriptOf('noack').polls.push([line('a', 1), line('b', 2)]);
    world.producer.failures.push(new ConnectError('broker unavailable'));

    // Act
    const outcome = await world.loop.runOnce(payload, untilScriptDone('noack'));

    // Assess
    expect(outcome).toBe('failed');
    expect(await world.stores.offsets.list('noack')).toEqual([]);
    expect(scriptOf('noack').calls).toEqual(['start', 'poll', 'stop']);
    const status = await world.stores.statuses.getTask('noack', 0);
    expect(status?.state).toBe('FAILED');
    expect(status?.trace).toContain('Caused by: ConnectError: broker unavailable');
    expect(world.signals).toEqual(['noack']);
  });

  it('fails the task on a produce error that is not retriable even under errors.tolerance=all, as an unhandled exception', async () => {
    // Prepare
    const payload = await world.create('unhandled', { 'errors.tolerance': 'all' });
    scriptOf('unhandled').polls.push([line('a', 1)]);
    world.producer.failures.push(new ConnectError('record too large'));

    // Act
    const outcome = await world.loop.runOnce(payload, untilScriptDone('unhandled'));

    // Assess
    expect(outcome).toBe('failed');
    expect((await world.stores.statuses.getTask('unhandled', 0))?.trace).toMatch(
      /^ToleranceExceededError: Unhandled exception in error handler\n[\s\S]*Caused by: ConnectError: record too large/,
    );
    expect(await world.stores.offsets.list('unhandled')).toEqual([]);
  });

  it('retries a retriable produce error with backoff within errors.retry.timeout, then stores the offsets', async () => {
    // Prepare
    const payload = await world.create('retry', { 'errors.retry.timeout': '10000' });
    scriptOf('retry').polls.push([line('a', 1)]);
    world.producer.failures.push(new RetriableError('not leader'), new RetriableError('not leader'));

    // Act
    const outcome = await world.loop.runOnce(payload, untilScriptDone('retry'));

    // Assess
    expect(outcome).toBe('completed');
    expect(world.clock.sleeps.slice(0, 2)).toEqual([300, 600]);
    expect(values()).toEqual(['a']);
    expect(await world.stores.offsets.read('retry', [{ file: 'f' }])).toEqual([{ pos: 1 }]);
  });

  it('skips a record that cannot be converted under errors.tolerance=all and still commits its offset', async () => {
    // Prepare
    const payload = await world.create('skip', {
      'errors.tolerance': 'all',
      'value.converter': 'org.apache.kafka.connect.converters.IntegerConverter',
    });
    scriptOf('skip').polls.push([line('not a number', 1)]);

    // Act
    await world.loop.runOnce(payload, untilScriptDone('skip'));

    // Assess
    expect(world.producer.sent).toEqual([]);
    expect(scriptOf('skip').calls).toContain('commitRecord not a number null');
    expect(await world.stores.offsets.read('skip', [{ file: 'f' }])).toEqual([{ pos: 1 }]);
  });

  it('logs and carries on when commitRecord throws, as Kafka does', async () => {
    // Prepare
    const payload = await world.create('throws');
    scriptOf('throws').polls.push([line('a', 1)]);
    scriptOf('throws').commitRecordError = new Error('bookkeeping broke');
    const error = vi.spyOn(world.logger, 'error');

    // Act
    const outcome = await world.loop.runOnce(payload, untilScriptDone('throws'));

    // Assess
    expect(outcome).toBe('completed');
    expect(error).toHaveBeenCalledWith('Exception thrown while calling task.commitRecord()', expect.anything());
    expect(await world.stores.offsets.read('throws', [{ file: 'f' }])).toEqual([{ pos: 1 }]);
  });
});

describe('SourceLoop poll errors', () => {
  it('polls again after a RetriableError from poll(), as Kafka does, whatever errors.tolerance is', async () => {
    // Prepare
    const payload = await world.create('flaky');
    scriptOf('flaky').polls.push(new RetriableError('source busy'), [line('a', 1)]);

    // Act
    const outcome = await world.loop.runOnce(payload, untilScriptDone('flaky'));

    // Assess
    expect(outcome).toBe('completed');
    expect(values()).toEqual(['a']);
    expect((await world.stores.statuses.getTask('flaky', 0))?.state).toBe('RUNNING');
  });

  it('fails the task with the poll error itself as the trace', async () => {
    // Prepare
    const payload = await world.create('broken');
    scriptOf('broken').polls.push(new ConnectError('source is gone'));

    // Act
    const outcome = await world.loop.runOnce(payload, untilScriptDone('broken'));
    const next = await world.loop.runOnce(payload, () => 60_000);

    // Assess
    expect(outcome).toBe('failed');
    expect(next).toBe('not-running');
    expect((await world.stores.statuses.getTask('broken', 0))?.trace).toMatch(/^ConnectError: source is gone\n/);
    expect(scriptOf('broken').instances).toBe(1);
  });
});

describe('SourceLoop leases', () => {
  it('exits quietly as fenced, without failing the task, when another invocation took the lease over meanwhile', async () => {
    // Prepare: the poll stalls past the lease's expiry and another container takes the lease
    const payload = await world.create('stall');
    const loop = world.newContainer({ leaseTtlMs: 10_000 });
    scriptOf('stall').polls.push(async () => {
      world.clock.advance(20_000);
      await world.stores.leases.acquire(
        { connector: 'stall', task: 0 },
        'other',
        payload.generation,
        10_000,
        world.clock.now(),
      );
      return [line('a', 1)];
    }, [line('b', 2)]);

    // Act
    const outcome = await loop.runOnce(payload, () => 60_000);

    // Assess
    expect(outcome).toBe('fenced');
    expect((await world.stores.statuses.getTask('stall', 0))?.state).toBe('RUNNING');
    expect(world.signals).toEqual([]);
    expect(values()).toEqual(['a']);
  });

  it('exits as fenced without committing when a newer lease epoch already committed the same partition', async () => {
    // Prepare
    const payload = await world.create('fence');
    scriptOf('fence').polls.push(async () => {
      world.clock.advance(120_000);
      const other = await world.stores.leases.acquire(
        { connector: 'fence', task: 0 },
        'other',
        1,
        60_000,
        world.clock.now(),
      );
      await world.stores.offsets.write('fence', [{ partition: { file: 'f' }, offset: { pos: 99 } }], {
        fence: other.epoch,
      });
      return [line('a', 1)];
    });

    // Act
    const outcome = await world.loop.runOnce(payload, () => 60_000);

    // Assess
    expect(outcome).toBe('fenced');
    expect(await world.stores.offsets.read('fence', [{ file: 'f' }])).toEqual([{ pos: 99 }]);
    expect((await world.stores.statuses.getTask('fence', 0))?.state).toBe('RUNNING');
  });

  it('exits quietly when the lease was taken with a newer connector generation', async () => {
    // Prepare
    const payload = await world.create('newer');
    const lease = await world.stores.leases.acquire(
      { connector: 'newer', task: 0 },
      'other',
      payload.generation + 1,
      1_000,
      world.clock.now(),
    );
    await world.stores.leases.release(lease);

    // Act
    const outcome = await world.loop.runOnce(payload, () => 60_000);

    // Assess
    expect(outcome).toBe('stale');
    expect(scriptOf('newer').calls).toEqual([]);
  });

  it('keeps a warm task between its own invocations, and starts afresh when another container held the lease in between', async () => {
    // Prepare
    const payload = await world.create('warm');
    const other = world.newContainer();

    // Act
    scriptOf('warm').polls.push([line('a', 1)]);
    await world.loop.runOnce(payload, untilScriptDone('warm'));
    scriptOf('warm').polls.push([line('b', 2)]);
    await world.loop.runOnce(payload, untilScriptDone('warm'));
    const warmInstances = scriptOf('warm').instances;
    scriptOf('warm').polls.push([line('c', 3)]);
    await other.runOnce(payload, untilScriptDone('warm'));
    scriptOf('warm').polls.push([line('d', 4)]);
    await world.loop.runOnce(payload, untilScriptDone('warm'));

    // Assess
    expect(warmInstances).toBe(1);
    expect(scriptOf('warm').instances).toBe(3);
    expect(values()).toEqual(['a', 'b', 'c', 'd']);
    expect(await world.stores.offsets.read('warm', [{ file: 'f' }])).toEqual([{ pos: 4 }]);
  });

  it('restarts a warm task whose task config was refreshed without a new generation (e.g. new tables)', async () => {
    // Prepare
    const payload = await world.create('refreshed');
    scriptOf('refreshed').polls.push([line('a', 1)]);
    await world.loop.runOnce(payload, untilScriptDone('refreshed'));
    const published = await world.stores.configs.getTaskConfigs('refreshed');
    await world.stores.configs.putTaskConfigs('refreshed', payload.generation, [
      { ...(published?.configs[0] ?? {}), 'extra.tables': 'b' },
    ]);

    // Act
    scriptOf('refreshed').polls.push([line('b', 2)]);
    await world.loop.runOnce(payload, untilScriptDone('refreshed'));

    // Assess
    expect(scriptOf('refreshed').instances).toBe(2);
    expect(values()).toEqual(['a', 'b']);
  });

  it('exits at once when the invocation has no time left for a poll, releasing the lease', async () => {
    // Prepare
    const payload = await world.create('late');

    // Act
    const outcome = await world.loop.runOnce(payload, () => 500);

    // Assess
    expect(outcome).toBe('completed');
    expect(scriptOf('late').calls).toEqual(['start']);
    expect((await world.stores.leases.get({ connector: 'late', task: 0 }))?.expiresAt).toBe(0);
  });
});

describe('SourceLoop statuses', () => {
  it('carries on when the status store fails after the offsets are committed', async () => {
    // Prepare
    const payload = await world.create('statusdown');
    scriptOf('statusdown').polls.push([line('a', 1)], [line('b', 2)]);
    vi.spyOn(world.stores.statuses, 'recordTopic').mockRejectedValue(new Error('throttled'));
    const putTask = vi.spyOn(world.stores.statuses, 'putTask').mockRejectedValue(new Error('throttled'));

    // Act
    const outcome = await world.loop.runOnce(payload, untilScriptDone('statusdown'));

    // Assess
    expect(outcome).toBe('completed');
    expect(values()).toEqual(['a', 'b']);
    expect(await world.stores.offsets.read('statusdown', [{ file: 'f' }])).toEqual([{ pos: 2 }]);
    expect(putTask).toHaveBeenCalledTimes(2);
  });

  it('writes RUNNING once per status interval rather than per batch', async () => {
    // Prepare
    const payload = await world.create('status');
    const puts = vi.spyOn(world.stores.statuses, 'putTask');
    scriptOf('status').polls.push(...Array.from({ length: 10 }, (_, i) => [line(`v${i}`, i)]));

    // Act
    await world.loop.runOnce(payload, untilScriptDone('status'));

    // Assess
    expect(puts.mock.calls.filter(([, , s]) => s.state === 'RUNNING')).toHaveLength(1);
    expect(values()).toHaveLength(10);
  });
});
