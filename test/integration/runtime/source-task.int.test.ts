import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KafkaProducer } from '../../../shared/kafka';
import {
  type Parts,
  type Runtime,
  readTopic,
  startParts,
  startRuntime,
  tempDir,
  text,
  uniqueName,
  waitFor,
} from './support';

let parts: Parts;
let runtime: Runtime;

beforeAll(async () => {
  parts = await startParts();
  runtime = await startRuntime(parts);
});

afterAll(async () => {
  await runtime?.close();
  await parts?.stop();
});

/** A FileStream source over a file of `lines`, with the StringConverter so the topic holds the lines as they are. */
async function fileSource(lines: readonly string[], config: Record<string, string> = {}) {
  const input = join(tempDir('source-task'), 'input.txt');
  writeFileSync(input, lines.map((line) => `${line}\n`).join(''));
  const topic = uniqueName('events');
  const name = uniqueName('file-source');
  const record = await runtime.createConnector(name, {
    'connector.class': 'FileStreamSource',
    file: input,
    topic,
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    ...config,
  });
  return { name, input, topic, payload: { connector: name, task: 0, generation: record.generation } };
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `event-${i}`);

describe('source task invocations', () => {
  it('lets only one of two overlapping invocations of a task run: the other exits quietly on the live lease', async () => {
    // Prepare
    const { name, topic, payload } = await fileSource(lines(25));
    const first = runtime.container();
    const second = runtime.container();
    let firstMayStop = false;
    const running = first.invokeSource(payload, () => (firstMayStop ? 0 : 60_000));
    await waitFor(() => first.acked.length >= 25);

    // Act
    const overlapping = await second.invokeSource(payload, () => 60_000);
    firstMayStop = true;
    const outcome = await running;
    let checks = 0;
    const later = await second.invokeSource(payload, () => (checks++ === 0 ? 60_000 : 0));

    // Assess
    expect(overlapping).toBe('lease-held');
    expect(outcome).toBe('completed');
    expect(later).toBe('completed');
    expect(second.acked).toEqual([]);
    expect((await readTopic(parts.kafka, topic)).map((r) => text(r.value))).toEqual(lines(25));
    const lease = await runtime.stores.leases.get({ connector: name, task: 0 });
    expect(lease).toMatchObject({ epoch: 2, expiresAt: 0 });
  });

  it('never loses records when an invocation dies between produce and offset commit: the next one sends them again', async () => {
    // Prepare: the container dies right after its second batch is acknowledged, before the offsets are written
    const { name, input, topic, payload } = await fileSource(lines(30), { 'batch.size': '10' });
    let sends = 0;
    let died = false;
    const dying = runtime.container({
      leaseTtlMs: 30_000,
      producer: (real): KafkaProducer => ({
        send: async (records) => {
          const acks = await real.send(records);
          if (++sends === 2) {
            died = true;
            return new Promise(() => {});
          }
          return acks;
        },
        close: () => real.close(),
      }),
    });
    void dying.invokeSource(payload, () => 60_000);
    await waitFor(() => died);
    expect(await runtime.stores.offsets.list(name)).toEqual([
      { partition: { filename: input }, offset: { position: 80 } },
    ]);
    runtime.clock.advance(30_000);
    const next = runtime.container();

    // Act
    const outcome = await next.invokeSource(payload, () => (next.acked.length >= 20 ? 0 : 60_000));

    // Assess
    expect(outcome).toBe('completed');
    const values = (await readTopic(parts.kafka, topic)).map((r) => text(r.value));
    expect(values).toEqual([...lines(20), ...lines(30).slice(10)]);
    expect(new Set(values)).toEqual(new Set(lines(30)));
    expect(await runtime.stores.offsets.list(name)).toEqual([
      { partition: { filename: input }, offset: { position: Buffer.byteLength(lines(30).join('\n')) + 1 } },
    ]);
    expect((await runtime.stores.leases.get({ connector: name, task: 0 }))?.epoch).toBe(2);
  });

  it('exits quietly when invoked with a connector generation older than the current one', async () => {
    // Prepare
    const { name, topic, payload } = await fileSource(lines(3));
    await runtime.stores.configs.update(name, (current) => ({ ...current.config, 'batch.size': '1' }));
    await runtime.herder.reconcile(name);
    const container = runtime.container();

    // Act
    const outcome = await container.invokeSource(payload, () => 60_000);

    // Assess
    expect(outcome).toBe('stale');
    expect(container.acked).toEqual([]);
    expect(await readTopic(parts.kafka, topic)).toEqual([]);
    expect(await runtime.stores.leases.get({ connector: name, task: 0 })).toBeNull();
  });

  it('marks the task FAILED with the trace and tells the herder when poll() throws a fatal error', async () => {
    // Prepare: the "file" is a directory, which cannot be read
    const dir = join(tempDir('source-task'), 'not-a-file');
    mkdirSync(dir);
    const { name, payload } = await fileSource([]);
    await runtime.stores.configs.update(name, (current) => ({ ...current.config, file: dir }));
    await runtime.herder.reconcile(name);
    const current = await runtime.stores.configs.get(name);
    const container = runtime.container();

    // Act
    const outcome = await container.invokeSource({ ...payload, generation: current?.generation ?? 0 }, () => 60_000);
    const again = await container.invokeSource({ ...payload, generation: current?.generation ?? 0 }, () => 60_000);

    // Assess
    expect(outcome).toBe('failed');
    expect(again).toBe('not-running');
    const status = await runtime.stores.statuses.getTask(name, 0);
    expect(status?.state).toBe('FAILED');
    expect(status?.trace).toMatch(/^ConnectError: Error while reading file .*not-a-file\n/);
    expect(status?.trace).toContain('Caused by: Error: EISDIR');
    expect(runtime.signals).toContain(name);
    expect(runtime.platform.last(name)?.failedTasks).toEqual(new Set([0]));
    expect((await runtime.stores.leases.get({ connector: name, task: 0 }))?.expiresAt).toBe(0);
  });

  // Exactly-once tasks (killed mid-transaction, zombie fencing, transaction boundaries): exactly-once.int.test.ts
});
