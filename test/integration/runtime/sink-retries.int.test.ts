import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RetriableError } from '../../../shared/api';
import { ToleranceExceededError } from '../../../shared/runtime';
import {
  esmEvents,
  headerText,
  linesOf,
  type Parts,
  produce,
  type Runtime,
  readTopic,
  registryWith,
  startParts,
  startRuntime,
  tempDir,
  text,
  uniqueName,
} from './support';
import { FlakyFileSinkConnector, ReportingFileSinkConnector, sinkOutages } from './test-plugins';

let parts: Parts;
let runtime: Runtime;

beforeAll(async () => {
  parts = await startParts();
  runtime = await startRuntime(parts, registryWith(FlakyFileSinkConnector, ReportingFileSinkConnector));
});

afterAll(async () => {
  await runtime?.close();
  await parts?.stop();
});

/** A sink of `connectorClass` over a fresh topic holding `values` as plain strings. */
async function stringSink(connectorClass: string, values: string[], config: Record<string, string> = {}) {
  const topic = uniqueName('payments');
  const output = join(tempDir('sink-retries'), 'out.txt');
  await produce(
    parts.kafka,
    topic,
    values.map((value) => ({ value })),
  );
  const consumed = await readTopic(parts.kafka, topic);
  const name = uniqueName('retry-sink');
  const record = await runtime.createConnector(name, {
    'connector.class': connectorClass,
    'tasks.max': '1',
    topics: topic,
    file: output,
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    ...config,
  });
  return { name, topic, output, consumed, record };
}

const values = (n: number, prefix = 'payment') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('sink put failing with RetriableError', () => {
  it('retries put with backoff inside the invocation, then writes every record once and forgets the failures', async () => {
    // Prepare
    const { name, topic, output, consumed } = await stringSink(FlakyFileSinkConnector.className, values(20));
    sinkOutages.set(output, { failures: 3, error: 'retriable', puts: 0 });
    const container = runtime.container();
    const sleepsBefore = runtime.clock.sleeps.length;

    // Act
    for (const event of esmEvents(consumed)) await container.invokeSink(name, event);

    // Assess
    expect(linesOf(output)).toEqual(values(20));
    expect(sinkOutages.get(output)?.puts).toBe(4);
    expect(runtime.clock.sleeps.slice(sleepsBefore)).toEqual([300, 600, 1200]);
    expect(await runtime.stores.retries.get({ connector: name, topic, partition: 0 })).toBeNull();
    expect((await runtime.stores.statuses.getTask(name, 0))?.state).toBe('RUNNING');
  });

  it('keeps retrying across redeliveries when the invocation runs out of time, with no duplicates once put succeeds', async () => {
    // Prepare
    const { name, topic, output, consumed } = await stringSink(FlakyFileSinkConnector.className, values(30));
    sinkOutages.set(output, { failures: 5, error: 'retriable', puts: 0 });
    const [event] = esmEvents(consumed);
    const container = runtime.container();
    const outcomes: unknown[] = [];

    // Act: the ESM delivers the same batch again after every failed invocation (11 s budgets)
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await container.invokeSink(name, event, 11_000);
        outcomes.push('ok');
        break;
      } catch (err) {
        outcomes.push(err);
        const state = await runtime.stores.retries.get({ connector: name, topic, partition: 0 });
        expect(state?.firstOffset).toBe('0');
      }
    }

    // Assess
    expect(outcomes.at(-1)).toBe('ok');
    expect(outcomes.slice(0, -1).every((err) => err instanceof RetriableError)).toBe(true);
    expect(outcomes.length).toBeGreaterThan(1);
    expect(linesOf(output)).toEqual(values(30));
    expect(await runtime.stores.retries.get({ connector: name, topic, partition: 0 })).toBeNull();
    expect((await runtime.stores.statuses.getTask(name, 0))?.state).toBe('RUNNING');
    expect(runtime.signals).not.toContain(name);
  });

  it('fails the task once errors.retry.timeout is spent under errors.tolerance=none, and a restarted task starts a fresh budget', async () => {
    // Prepare
    const dlq = uniqueName('payments-dlq');
    const { name, topic, output, consumed } = await stringSink(FlakyFileSinkConnector.className, values(10), {
      'errors.retry.timeout': '5000',
      'errors.deadletterqueue.topic.name': dlq,
      'errors.deadletterqueue.context.headers.enable': 'true',
    });
    sinkOutages.set(output, { failures: 1_000, error: 'retriable', puts: 0 });
    const [event] = esmEvents(consumed);
    const container = runtime.container();
    let failure: unknown = null;

    // Act: the ESM redelivers a second after each failed invocation, until the first failure is 5 s old
    for (let attempt = 0; attempt < 20 && failure === null; attempt++) {
      await container.invokeSink(name, event, 11_000).catch((err: unknown) => {
        if (!(err instanceof RetriableError)) failure = err;
      });
      runtime.clock.advance(1_000);
    }

    // Assess
    expect(failure).toBeInstanceOf(ToleranceExceededError);
    const status = await runtime.stores.statuses.getTask(name, 0);
    expect(status?.state).toBe('FAILED');
    expect(status?.trace).toContain('Caused by: RetriableError: The sink system is unavailable');
    expect(runtime.signals).toContain(name);
    expect(runtime.platform.last(name)?.failedTasks).toEqual(new Set([0]));
    const dead = await readTopic(parts.kafka, dlq);
    expect(dead.map((r) => [text(r.value), headerText(r, '__connect.errors.stage')])).toEqual([
      ['payment-0', 'TASK_PUT'],
    ]);
    expect(await runtime.stores.retries.get({ connector: name, topic, partition: 0 })).toBeNull();
    expect(linesOf(output)).toEqual([]);

    // Act: the outage ends and the task is restarted (POST /connectors/<name>/restart?includeTasks=true)
    sinkOutages.set(output, { failures: 0, error: 'retriable', puts: 0 });
    await runtime.stores.configs.requestRestart({ connector: name, includeTasks: true, onlyFailed: true });
    await runtime.herder.reconcile(name);
    await container.invokeSink(name, event);

    // Assess
    expect(linesOf(output)).toEqual(values(10));
    expect((await runtime.stores.statuses.getTask(name, 0))?.state).toBe('RUNNING');
  });

  it('dead-letters the records of a batch whose retries are spent under errors.tolerance=all, and moves on', async () => {
    // Prepare
    const dlq = uniqueName('payments-dlq');
    const { name, output, consumed } = await stringSink(FlakyFileSinkConnector.className, values(4), {
      'errors.retry.timeout': '1000',
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': dlq,
    });
    sinkOutages.set(output, { failures: 1_000, error: 'retriable', puts: 0 });
    const container = runtime.container();

    // Act
    for (const event of esmEvents(consumed)) await container.invokeSink(name, event);

    // Assess
    expect((await readTopic(parts.kafka, dlq)).map((r) => text(r.value))).toEqual(values(4));
    expect(linesOf(output)).toEqual([]);
    expect((await runtime.stores.statuses.getTask(name, 0))?.state).toBe('RUNNING');
  });

  it('fails the task on a put error that is not retriable, without dead-lettering any record', async () => {
    // Prepare
    const dlq = uniqueName('payments-dlq');
    const { name, output, consumed } = await stringSink(FlakyFileSinkConnector.className, values(3), {
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': dlq,
    });
    sinkOutages.set(output, { failures: 1, error: 'fatal', puts: 0 });
    const container = runtime.container();

    // Act
    const invocation = container.invokeSink(name, esmEvents(consumed)[0]);

    // Assess
    await expect(invocation).rejects.toThrow('Exiting WorkerSinkTask due to unrecoverable exception.');
    const status = await runtime.stores.statuses.getTask(name, 0);
    expect(status?.state).toBe('FAILED');
    expect(status?.trace).toContain('Caused by: ConnectError: The sink system rejected the batch');
    expect(await readTopic(parts.kafka, dlq)).toEqual([]);
  });
});

describe('sink task errant record reporter', () => {
  it('dead-letters the records the task reports, in offset order, and writes the rest under errors.tolerance=all', async () => {
    // Prepare
    const dlq = uniqueName('reported-dlq');
    const { name, output, consumed } = await stringSink(
      ReportingFileSinkConnector.className,
      ['good-0', 'bad-1', 'good-2', 'bad-3'],
      { 'errors.tolerance': 'all', 'errors.deadletterqueue.topic.name': dlq },
    );
    const container = runtime.container();

    // Act
    for (const event of esmEvents(consumed)) await container.invokeSink(name, event);

    // Assess
    expect(linesOf(output)).toEqual(['good-0', 'good-2']);
    expect((await readTopic(parts.kafka, dlq)).map((r) => text(r.value))).toEqual(['bad-1', 'bad-3']);
  });

  it('fails the task at the first reported record under errors.tolerance=none, after dead-lettering it', async () => {
    // Prepare
    const dlq = uniqueName('reported-dlq');
    const { name, consumed } = await stringSink(ReportingFileSinkConnector.className, ['good-0', 'bad-1', 'bad-2'], {
      'errors.deadletterqueue.topic.name': dlq,
    });
    const container = runtime.container();

    // Act
    const invocation = container.invokeSink(name, esmEvents(consumed)[0]);

    // Assess
    await expect(invocation).rejects.toThrow(ToleranceExceededError);
    expect((await readTopic(parts.kafka, dlq)).map((r) => text(r.value))).toEqual(['bad-1']);
    expect((await runtime.stores.statuses.getTask(name, 0))?.state).toBe('FAILED');
  });
});

describe('sink task statuses', () => {
  it('writes RUNNING at most once per status interval, not per batch', async () => {
    // Prepare
    const { name, output, consumed } = await stringSink(FlakyFileSinkConnector.className, values(50));
    const container = runtime.container({ statusIntervalMs: 60_000 });
    const puts = vi.spyOn(runtime.stores.statuses, 'putTask');

    // Act
    for (const event of esmEvents(consumed, 5)) await container.invokeSink(name, event);
    runtime.clock.advance(60_000);
    await container.invokeSink(name, esmEvents(consumed, 5)[0]);

    // Assess
    const running = puts.mock.calls.filter(([connector, , status]) => connector === name && status.state === 'RUNNING');
    expect(running).toHaveLength(2);
    expect(running[0]?.[2]).toMatchObject({ workerId: expect.stringMatching(/^connect-task:container-/) });
    expect(linesOf(output)).toHaveLength(55);
    puts.mockRestore();
  });
});
