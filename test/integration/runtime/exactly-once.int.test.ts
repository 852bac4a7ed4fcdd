import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as createSourceHandler } from '../../../functions/source-task/handler';
import {
  ConfigDef,
  ConnectorTransactionBoundaries,
  ExactlyOnceSupport,
  type PluginClass,
  SourceConnector,
  SourceRecord,
  SourceTask,
  type Task,
} from '../../../shared/api';
import {
  type ExactlyOnceKafka,
  KafkaJsProducer,
  type KafkaProducer,
  kafkaJsExactlyOnce,
  offsetsTopicRecord,
  type ProducerRecord,
  type TransactionalProducer,
} from '../../../shared/kafka';
import { PluginTaskFactory, SourceLoop, type SourceRunOutcome, type SourceTaskPayload } from '../../../shared/runtime';
import type { OffsetStore } from '../../../shared/stores';
import {
  lambdaContext,
  type Parts,
  type Runtime,
  registryWith,
  startParts,
  startRuntime,
  tempDir,
  text,
  uniqueName,
  waitFor,
} from './support';

/** The fake clock of the test's runtime, which a sequence task's poll() moves on by `poll.ms`. */
let pollClock: { advance(ms: number): void } | null = null;

/**
 * A deterministic source: each poll returns the next `batch.size` records `r-<n>` of an endless
 * sequence and takes `poll.ms` of the fake clock. With connector-defined transaction boundaries
 * (KIP-618) it asks for a commit or an abort right after the records named in `commit.after` /
 * `abort.after`, and for a commit after each batch.
 */
class SequenceSourceTask extends SourceTask {
  static readonly className = 'test.SequenceSourceTask';
  private topic = '';
  private next = 0;
  private batchSize = 1;
  private commitAfter = new Set<string>();
  private abortAfter = new Set<string>();
  private pollMs = 0;

  version(): string {
    return '1.0';
  }

  async start(props: Readonly<Record<string, string>>): Promise<void> {
    this.topic = props.topic ?? '';
    this.batchSize = Number(props['batch.size'] ?? '1');
    this.commitAfter = new Set((props['commit.after'] ?? '').split(',').filter(Boolean));
    this.abortAfter = new Set((props['abort.after'] ?? '').split(',').filter(Boolean));
    this.pollMs = Number(props['poll.ms'] ?? '0');
    const offset = await this.context?.offsetStorageReader().offset({ source: 'sequence' });
    this.next = typeof offset?.next === 'number' ? offset.next : 0;
  }

  async poll(): Promise<SourceRecord[] | null> {
    pollClock?.advance(this.pollMs);
    const transactions = this.context?.transactionContext();
    const records: SourceRecord[] = [];
    for (let i = 0; i < this.batchSize; i++, this.next++) {
      const value = `r-${this.next}`;
      const record = new SourceRecord({
        sourcePartition: { source: 'sequence' },
        sourceOffset: { next: this.next + 1 },
        topic: this.topic,
        kafkaPartition: null,
        valueSchema: null,
        value,
      });
      if (this.commitAfter.has(value)) transactions?.commitTransaction(record);
      if (this.abortAfter.has(value)) transactions?.abortTransaction(record);
      records.push(record);
    }
    transactions?.commitTransaction();
    return records;
  }

  stop(): void {}
}

class SequenceSourceConnector extends SourceConnector {
  static readonly className = 'test.SequenceSourceConnector';
  private props: Readonly<Record<string, string>> = {};

  version(): string {
    return '1.0';
  }

  start(props: Readonly<Record<string, string>>): void {
    this.props = props;
  }

  taskClass(): PluginClass<Task> {
    return SequenceSourceTask;
  }

  /** `maxTasks` tasks, all reading the same sequence (so a task of a smaller generation takes over a retired task's partition). */
  taskConfigs(maxTasks: number): Record<string, string>[] {
    return Array.from({ length: maxTasks }, () => ({ ...this.props }));
  }

  stop(): void {}

  config(): ConfigDef {
    return new ConfigDef();
  }

  override exactlyOnceSupport(): ExactlyOnceSupport {
    return ExactlyOnceSupport.SUPPORTED;
  }

  override canDefineTransactionBoundaries(): ConnectorTransactionBoundaries {
    return ConnectorTransactionBoundaries.SUPPORTED;
  }
}

let parts: Parts;
let runtime: Runtime;
const containers: EosContainer[] = [];

beforeAll(async () => {
  parts = await startParts();
  runtime = await startRuntime(parts, registryWith(SequenceSourceConnector));
  pollClock = runtime.clock;
});

afterAll(async () => {
  for (const container of containers) await container.close();
  await runtime?.close();
  await parts?.stop();
});

interface EosContainerOptions {
  /** Wraps each transactional producer the container creates (failure injection). */
  producer?: (real: TransactionalProducer) => TransactionalProducer;
  /** Wraps the offset store the container writes the offsets mirror to (failure injection). */
  offsets?: (real: OffsetStore) => OffsetStore;
  leaseTtlMs?: number;
}

/** One Lambda container with exactly-once source support enabled, wired as functions/source-task wires it. */
interface EosContainer {
  /** Data records sent within transactions (the offsets topic's records are not counted). */
  readonly sent: ProducerRecord[];
  /** How many data records each committed transaction held, in order. */
  readonly commits: number[];
  /** How many times a transactional producer was initialized (each fences the task's older producers). */
  readonly inits: () => number;
  /** Records sent with the at-least-once producer (none, for exactly-once connectors). */
  readonly plainSends: ProducerRecord[];
  invoke(payload: SourceTaskPayload, remaining: () => number): Promise<SourceRunOutcome>;
  close(): Promise<void>;
}

let containerCount = 0;

function eosContainer(options: EosContainerOptions = {}): EosContainer {
  const sent: ProducerRecord[] = [];
  const commits: number[] = [];
  const plainSends: ProducerRecord[] = [];
  let inits = 0;
  const real = kafkaJsExactlyOnce(async () => parts.kafka);
  const kafka: ExactlyOnceKafka = {
    offsetsTopic: real.offsetsTopic,
    transactionalProducer: async (id, producerOptions) => {
      const counting = countingProducer(await real.transactionalProducer(id, producerOptions), sent, commits, () => {
        inits++;
      });
      return options.producer ? options.producer(counting) : counting;
    },
  };
  const plain = new KafkaJsProducer(parts.kafka);
  const producer: KafkaProducer = {
    send: async (records) => {
      plainSends.push(...records);
      return plain.send(records);
    },
    close: () => plain.close(),
  };
  const stores = options.offsets
    ? { ...runtime.stores, offsets: options.offsets(runtime.stores.offsets) }
    : runtime.stores;
  const loop = new SourceLoop({
    stores,
    plugins: new PluginTaskFactory(runtime.registry),
    producer: () => producer,
    resolveConfig: async (config) => ({ ...config }),
    herder: { connectorChanged: async (name) => void (await runtime.herder.reconcile(name)) },
    clock: runtime.clock,
    logger: runtime.logger,
    workerId: `connect-source-task/eos-container-${++containerCount}`,
    leaseTtlMs: options.leaseTtlMs,
    stopMarginMs: 1_000,
    exactlyOnce: { kafka },
  });
  const handler = createSourceHandler({ loop, logger: runtime.logger });
  const container: EosContainer = {
    sent,
    commits,
    inits: () => inits,
    plainSends,
    invoke: (payload, remaining) => handler(payload, lambdaContext('connect-source-task', null, remaining)),
    close: async () => {
      await loop.close();
      await plain.close();
    },
  };
  containers.push(container);
  return container;
}

/** Counts the data records sent and, per commit, how many of them the transaction held. */
function countingProducer(
  real: TransactionalProducer,
  sent: ProducerRecord[],
  commits: number[],
  initialized: () => void,
): TransactionalProducer {
  let inTransaction = 0;
  return {
    transactionalId: real.transactionalId,
    initTransactions: async () => {
      await real.initTransactions();
      initialized();
    },
    beginTransaction: async () => {
      await real.beginTransaction();
      inTransaction = 0;
    },
    send: async (records) => {
      const acks = await real.send(records);
      const data = records.filter((r) => !r.topic.startsWith('connect-offsets'));
      sent.push(...data);
      inTransaction += data.length;
      return acks;
    },
    commitTransaction: async () => {
      await real.commitTransaction();
      commits.push(inTransaction);
    },
    abortTransaction: () => real.abortTransaction(),
    close: () => real.close(),
  };
}

/** A producer that runs `before` ahead of the n-th call of `method` (1-based), e.g. to hang there. */
function interceptProducer(
  real: TransactionalProducer,
  method: 'send' | 'commitTransaction',
  n: number,
  at: () => Promise<void>,
  when: 'before' | 'after' = 'before',
): TransactionalProducer {
  let calls = 0;
  const intercepted = async <T>(op: () => Promise<T>): Promise<T> => {
    const hit = ++calls === n;
    if (hit && when === 'before') await at();
    const result = await op();
    if (hit && when === 'after') await at();
    return result;
  };
  return {
    transactionalId: real.transactionalId,
    initTransactions: () => real.initTransactions(),
    beginTransaction: () => real.beginTransaction(),
    send: (records) =>
      method === 'send' && !records.some((r) => r.topic.startsWith('connect-offsets'))
        ? intercepted(() => real.send(records))
        : real.send(records),
    commitTransaction: () =>
      method === 'commitTransaction' ? intercepted(() => real.commitTransaction()) : real.commitTransaction(),
    abortTransaction: () => real.abortTransaction(),
    close: () => real.close(),
  };
}

const hang = () => new Promise<void>(() => {});
const lines = (n: number) => Array.from({ length: n }, (_, i) => `event-${i}`);

/** An exactly-once FileStream source over `lines`, with the StringConverter so the topic holds the lines as they are. */
async function fileSource(content: readonly string[], config: Record<string, string> = {}) {
  const input = join(tempDir('exactly-once'), 'input.txt');
  writeFileSync(input, content.map((line) => `${line}\n`).join(''));
  const topic = uniqueName('events');
  const name = uniqueName('eos-source');
  const record = await runtime.createConnector(name, {
    'connector.class': 'FileStreamSource',
    file: input,
    topic,
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'exactly.once.support': 'required',
    ...config,
  });
  return { name, input, topic, payload: { connector: name, task: 0, generation: record.generation } };
}

/** An exactly-once sequence source (see SequenceSourceTask). */
async function sequenceSource(config: Record<string, string>) {
  const topic = uniqueName('sequence');
  const name = uniqueName('sequence-source');
  const record = await runtime.createConnector(name, {
    'connector.class': SequenceSourceConnector.className,
    topic,
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'exactly.once.support': 'required',
    ...config,
  });
  return { name, topic, payload: { connector: name, task: 0, generation: record.generation } };
}

const sequence = (n: number) => Array.from({ length: n }, (_, i) => `r-${i}`);

/** The byte position after the first `n` lines of `content` (the FileStream source's offset). */
const positionAfter = (content: readonly string[], n: number) =>
  content.slice(0, n).reduce((bytes, line) => bytes + Buffer.byteLength(line) + 1, 0);

/**
 * Every record of a topic a kafkajs consumer sees, partition by partition in offset order, read to
 * the end: read_committed by default (kafkajs's default), or read_uncommitted. The end is the last
 * stable offset, so call it once no transaction is open.
 */
async function readAll(
  kafka: Kafka,
  topic: string,
  isolation: 'read_committed' | 'read_uncommitted' = 'read_committed',
): Promise<{ value: string | null; offset: number }[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, number>();
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    for (const o of await admin.fetchTopicOffsets(topic)) {
      if (Number(o.high) > Number(o.low)) ends.set(o.partition, Number(o.high));
    }
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return [];
  const records = new Map<number, { value: string | null; offset: number }[]>();
  const consumer = kafka.consumer({
    groupId: uniqueName('reader'),
    maxWaitTimeInMs: 20,
    readUncommitted: isolation === 'read_uncommitted',
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out reading ${topic}`)), 10_000);
      // The last offset of a batch counts commit and abort markers too, which eachMessage never sees.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (Number(payload.lastOffset) + 1 >= (ends.get(payload.partition) ?? 0)) ends.delete(payload.partition);
        if (ends.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const list = records.get(partition) ?? [];
            records.set(partition, list);
            list.push({ value: text(message.value), offset: Number(message.offset) });
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return [...records.keys()].sort((a, b) => a - b).flatMap((p) => records.get(p) ?? []);
}

const values = async (topic: string, isolation?: 'read_committed' | 'read_uncommitted') =>
  (await readAll(parts.kafka, topic, isolation)).map((r) => r.value);

describe('exactly-once source tasks', () => {
  it('loses and duplicates nothing when an invocation is killed mid-transaction: a read_committed consumer sees each record once, in order', async () => {
    // Prepare: the container hangs right after its second batch is written, before that transaction commits
    const content = lines(30);
    const { name, input, topic, payload } = await fileSource(content, { 'batch.size': '10' });
    let died = false;
    const dying = eosContainer({
      leaseTtlMs: 30_000,
      producer: (real) =>
        interceptProducer(
          real,
          'send',
          2,
          async () => {
            died = true;
            await hang();
          },
          'after',
        ),
    });
    void dying.invoke(payload, () => 60_000);
    await waitFor(() => died);
    const visibleMeanwhile = await values(topic);
    runtime.clock.advance(30_000);
    const next = eosContainer();

    // Act
    const outcome = await next.invoke(payload, () => (next.sent.length >= 20 ? 0 : 60_000));

    // Assess
    expect(outcome).toBe('completed');
    expect(visibleMeanwhile).toEqual(content.slice(0, 10));
    expect(await values(topic)).toEqual(content);
    // The killed transaction's records are in the log, aborted: only read_uncommitted shows them.
    expect(await values(topic, 'read_uncommitted')).toEqual([...content.slice(0, 20), ...content.slice(10)]);
    expect(next.sent.map((r) => text(r.value))).toEqual(content.slice(10));
    expect(next.commits).toEqual([10, 10]);
    expect([...dying.plainSends, ...next.plainSends]).toEqual([]);
    expect(await runtime.stores.offsets.list(name)).toEqual([
      { partition: { filename: input }, offset: { position: positionAfter(content, 30) } },
    ]);
    expect((await runtime.stores.leases.get({ connector: name, task: 0 }))?.epoch).toBe(2);
  });

  it('neither duplicates nor loses records when an invocation dies after a commit but before its offsets reach DynamoDB', async () => {
    // Prepare: the offsets of the second transaction are committed in Kafka, but their DynamoDB mirror never happens
    const content = lines(30);
    const { name, input, topic, payload } = await fileSource(content, { 'batch.size': '10' });
    let mirrors = 0;
    let died = false;
    const dying = eosContainer({
      leaseTtlMs: 30_000,
      offsets: (real) => ({
        read: (connector, partitions) => real.read(connector, partitions),
        list: (connector) => real.list(connector),
        deleteAll: (connector) => real.deleteAll(connector),
        write: async (connector, entries, options) => {
          if (options?.fence !== undefined && ++mirrors === 2) {
            died = true;
            await hang();
          }
          return real.write(connector, entries, options);
        },
      }),
    });
    void dying.invoke(payload, () => 60_000);
    await waitFor(() => died);
    const mirrored = await runtime.stores.offsets.list(name);
    runtime.clock.advance(30_000);
    const next = eosContainer();

    // Act
    const outcome = await next.invoke(payload, () => (next.sent.length >= 10 ? 0 : 60_000));

    // Assess
    expect(outcome).toBe('completed');
    expect(mirrored).toEqual([{ partition: { filename: input }, offset: { position: positionAfter(content, 10) } }]);
    expect(dying.commits).toEqual([10, 10]);
    expect(next.sent.map((r) => text(r.value))).toEqual(content.slice(20));
    expect(await values(topic)).toEqual(content);
    expect(await runtime.stores.offsets.list(name)).toEqual([
      { partition: { filename: input }, offset: { position: positionAfter(content, 30) } },
    ]);
  });

  it('keeps a warm task and its transactional producer between invocations of one container: initialized once, offsets read once', async () => {
    // Prepare
    const content = lines(20);
    const { input, topic, payload } = await fileSource(content.slice(0, 10));
    const container = eosContainer();
    const first = await container.invoke(payload, () => (container.sent.length >= 10 ? 0 : 60_000));
    appendFileSync(
      input,
      content
        .slice(10)
        .map((line) => `${line}\n`)
        .join(''),
    );

    // Act
    const second = await container.invoke(payload, () => (container.sent.length >= 20 ? 0 : 60_000));

    // Assess
    expect([first, second]).toEqual(['completed', 'completed']);
    expect(container.inits()).toBe(1);
    expect(container.commits).toEqual([10, 10]);
    expect(await values(topic)).toEqual(content);
  });

  it('fences a zombie invocation: once a newer one has started, the older one cannot commit and exits quietly', async () => {
    // Prepare: the first container stalls just before committing its first transaction
    const content = lines(30);
    const { name, input, topic, payload } = await fileSource(content, { 'batch.size': '10' });
    let stalled = false;
    let resume: () => void = () => {};
    const zombie = eosContainer({
      leaseTtlMs: 30_000,
      producer: (real) =>
        interceptProducer(real, 'commitTransaction', 1, async () => {
          stalled = true;
          await new Promise<void>((resolve) => {
            resume = resolve;
          });
        }),
    });
    const zombieRun = zombie.invoke(payload, () => 60_000);
    await waitFor(() => stalled);
    runtime.clock.advance(30_000);
    const next = eosContainer();
    const nextOutcome = await next.invoke(payload, () => (next.sent.length >= 30 ? 0 : 60_000));

    // Act
    resume();
    const zombieOutcome = await zombieRun;

    // Assess
    expect(nextOutcome).toBe('completed');
    expect(zombieOutcome).toBe('fenced');
    expect(zombie.commits).toEqual([]);
    expect(await values(topic)).toEqual(content);
    expect(await runtime.stores.offsets.list(name)).toEqual([
      { partition: { filename: input }, offset: { position: positionAfter(content, 30) } },
    ]);
    expect((await runtime.stores.statuses.getTask(name, 0))?.state).not.toBe('FAILED');
  });

  it.each<{ change: string; config: Record<string, string>; batch: number }>([
    { change: 'a smaller tasks.max retires its task id', config: { 'tasks.max': '1' }, batch: 5 },
    { change: 'the same task count reassigns its partition', config: { 'batch.size': '4' }, batch: 4 },
  ])(
    'fences a task of an earlier generation when a task of the new one starts ($change)',
    async ({ config, batch }) => {
      // Prepare: task 1 of a two-task generation stalls before its commit; the connector is reconfigured
      const { name, topic, payload } = await sequenceSource({ 'tasks.max': '2', 'batch.size': '5' });
      let stalled = false;
      let resume: () => void = () => {};
      const zombie = eosContainer({
        producer: (real) =>
          interceptProducer(real, 'commitTransaction', 1, async () => {
            stalled = true;
            await new Promise<void>((resolve) => {
              resume = resolve;
            });
          }),
      });
      const zombieRun = zombie.invoke({ ...payload, task: 1 }, () => 60_000);
      await waitFor(() => stalled);
      await runtime.stores.configs.update(name, (current) => ({ ...current.config, ...config }));
      await runtime.herder.reconcile(name);
      const generation = (await runtime.stores.configs.get(name))?.generation ?? 0;
      const next = eosContainer();
      await next.invoke({ ...payload, generation }, () => (next.commits.length >= 1 ? 0 : 60_000));

      // Act
      resume();
      const zombieOutcome = await zombieRun;

      // Assess
      expect(generation).toBeGreaterThan(payload.generation);
      expect(zombieOutcome).toBe('fenced');
      expect(zombie.commits).toEqual([]);
      expect(await values(topic)).toEqual(sequence(batch));
    },
  );

  it('commits once per transaction.boundary.interval.ms with transaction.boundary=interval, not once per poll', async () => {
    // Prepare: 5 records per poll, each poll takes 1 s, a transaction every 3 s
    const { topic, payload } = await sequenceSource({
      'batch.size': '5',
      'poll.ms': '1000',
      'transaction.boundary': 'interval',
      'transaction.boundary.interval.ms': '3000',
    });
    const container = eosContainer();

    // Act
    const outcome = await container.invoke(payload, () => (container.commits.length >= 2 ? 0 : 60_000));

    // Assess
    expect(outcome).toBe('completed');
    expect(container.commits).toEqual([15, 15]);
    const committed = await readAll(parts.kafka, topic);
    expect(committed.map((r) => r.value)).toEqual(sequence(30));
    // Two transactions: 15 records at consecutive offsets each, then a commit marker.
    const offsets = Array.from({ length: 15 }, (_, i) => i);
    expect(committed.map((r) => r.offset)).toEqual([...offsets, ...offsets.map((o) => o + 16)]);
  });

  it('ends transactions where a connector asks with transaction.boundary=connector: an abort drops the records but commits their offsets', async () => {
    // Prepare: one poll of 12 records; commit after r-3, abort after r-7, commit after the batch
    const { name, topic, payload } = await sequenceSource({
      'batch.size': '12',
      'commit.after': 'r-3',
      'abort.after': 'r-7',
      'transaction.boundary': 'connector',
    });
    const container = eosContainer();

    // Act
    const outcome = await container.invoke(payload, () => (container.commits.length >= 3 ? 0 : 60_000));

    // Assess
    expect(outcome).toBe('completed');
    expect(container.commits).toEqual([4, 0, 4]);
    expect(await values(topic)).toEqual(['r-0', 'r-1', 'r-2', 'r-3', 'r-8', 'r-9', 'r-10', 'r-11']);
    expect(await runtime.stores.offsets.list(name)).toEqual([
      { partition: { source: 'sequence' }, offset: { next: 12 } },
    ]);
  });

  it('runs a connector without exactly.once.support=required at-least-once, as before, on a platform with exactly-once support', async () => {
    // Prepare
    const content = lines(5);
    const { topic, payload } = await fileSource(content, { 'exactly.once.support': 'requested' });
    const container = eosContainer();

    // Act
    const outcome = await container.invoke(payload, () => (container.plainSends.length >= 5 ? 0 : 60_000));

    // Assess
    expect(outcome).toBe('completed');
    expect(container.sent).toEqual([]);
    expect(container.plainSends.map((r) => text(r.value))).toEqual(content);
    expect(await values(topic)).toEqual(content);
  });
});

describe('the offsets topic (KafkaJsOffsetsTopic)', () => {
  it('reads the last committed offset of each partition of one connector, skipping aborted transactions and other connectors', async () => {
    // Prepare
    const topic = uniqueName('offsets');
    const eos = kafkaJsExactlyOnce(async () => parts.kafka);
    await eos.offsetsTopic.ensure(topic);
    const producer = await eos.transactionalProducer(uniqueName('writer'));
    await producer.initTransactions();
    const write = async (
      entries: [string, Record<string, unknown>, Record<string, unknown> | null][],
      commit = true,
    ) => {
      await producer.beginTransaction();
      await producer.send(entries.map(([connector, p, o]) => offsetsTopicRecord(topic, connector, p, o)));
      if (commit) await producer.commitTransaction();
      else await producer.abortTransaction();
    };
    await write([
      ['orders', { file: 'a' }, { position: 1 }],
      ['orders', { file: 'b' }, { position: 5 }],
      ['other', { file: 'a' }, { position: 99 }],
    ]);
    await write([['orders', { file: 'a' }, { position: 2 }]]);
    await write([['orders', { file: 'a' }, { position: 3 }]], false);
    await write([['orders', { file: 'b' }, null]]);
    await producer.close();

    // Act
    const entries = await eos.offsetsTopic.read(topic, 'orders');

    // Assess
    const last = new Map(entries.map((e) => [JSON.stringify(e.partition), e.offset]));
    expect(Object.fromEntries(last)).toEqual({ '{"file":"a"}': { position: 2 }, '{"file":"b"}': null });
  });

  it('waits for another producer’s open transaction to end before it reports offsets committed behind it', async () => {
    // Prepare: another producer's transaction is open in partition 0 when this connector commits there
    const topic = uniqueName('offsets');
    const eos = kafkaJsExactlyOnce(async () => parts.kafka);
    await eos.offsetsTopic.ensure(topic);
    const other = await eos.transactionalProducer(uniqueName('other'));
    const mine = await eos.transactionalProducer(uniqueName('mine'));
    await other.initTransactions();
    await mine.initTransactions();
    await mine.beginTransaction();
    await mine.send([{ ...offsetsTopicRecord(topic, 'orders', { file: 'a' }, { position: 1 }), partition: 0 }]);
    await mine.commitTransaction();
    await other.beginTransaction();
    await other.send([{ ...offsetsTopicRecord(topic, 'other', { file: 'x' }, { position: 7 }), partition: 0 }]);
    await mine.beginTransaction();
    await mine.send([{ ...offsetsTopicRecord(topic, 'orders', { file: 'a' }, { position: 2 }), partition: 0 }]);
    await mine.commitTransaction();
    let otherEnded = false;
    setTimeout(() => {
      otherEnded = true;
      void other.commitTransaction();
    }, 300);

    // Act
    const entries = await eos.offsetsTopic.read(topic, 'orders');

    // Assess
    expect(otherEnded).toBe(true);
    expect(entries.at(-1)).toEqual({ partition: { file: 'a' }, offset: { position: 2 } });
    await other.close();
    await mine.close();
  });
});
