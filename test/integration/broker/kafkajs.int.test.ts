import { type Consumer, type EachMessagePayload, type Kafka, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../../helpers/broker';
import { eventually, kafkaClient } from './support';

let broker: TestBroker;
let kafka: Kafka;

beforeAll(async () => {
  broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000 });
  kafka = kafkaClient(broker.bootstrap);
});

afterAll(async () => {
  await broker.stop();
});

interface Received {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function record({ partition, message }: EachMessagePayload): Received {
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers,
  };
}

/** Runs a consumer until `count` messages arrived, then stops it. */
async function consume(consumer: Consumer, topic: string, count: number): Promise<Received[]> {
  const received: Received[] = [];
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async (payload) => void received.push(record(payload)) });
  await eventually(() => received.length >= count, 15_000, `${count} messages from ${topic}`);
  await consumer.disconnect();
  return received;
}

function fastConsumer(groupId: string, options: { readUncommitted?: boolean } = {}): Consumer {
  return kafka.consumer({ groupId, maxWaitTimeInMs: 100, heartbeatInterval: 200, sessionTimeout: 6000, ...options });
}

describe('kafkajs against the dev broker', () => {
  it('creates, lists and deletes topics with the admin client', async () => {
    // Prepare
    const admin = kafka.admin();
    await admin.connect();

    // Act
    const created = await admin.createTopics({
      topics: [{ topic: 'admin-topic', numPartitions: 3 }],
      waitForLeaders: true,
    });
    const metadata = await admin.fetchTopicMetadata({ topics: ['admin-topic'] });
    const again = await admin.createTopics({ topics: [{ topic: 'admin-topic' }] });
    await admin.deleteTopics({ topics: ['admin-topic'] });
    const after = await admin.listTopics();
    await admin.disconnect();

    // Assess
    expect(created).toBe(true);
    expect(metadata.topics[0]?.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    expect(again).toBe(false);
    expect(after).not.toContain('admin-topic');
  });

  it('describes configs, adds partitions, deletes records and finds offsets by time with the admin client', async () => {
    // Prepare
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: 'admin-more', configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: 'admin-more',
      messages: [1000, 2000, 3000].map((t) => ({ value: `at-${t}`, timestamp: String(t) })),
    });
    await producer.disconnect();

    // Act
    const described = await admin.describeConfigs({
      resources: [{ type: 2, name: 'admin-more' }],
      includeSynonyms: true,
    });
    await admin.createPartitions({ topicPartitions: [{ topic: 'admin-more', count: 3 }] });
    const [metadata] = (await admin.fetchTopicMetadata({ topics: ['admin-more'] })).topics;
    const byTime = await admin.fetchTopicOffsetsByTimestamp('admin-more', 1500);
    await admin.deleteTopicRecords({ topic: 'admin-more', partitions: [{ partition: 0, offset: '2' }] });
    const [afterDelete] = await admin.fetchTopicOffsets('admin-more');
    await admin.disconnect();

    // Assess
    const entries = described.resources[0]?.configEntries ?? [];
    expect(entries.find((e) => e.configName === 'retention.ms')).toMatchObject({
      configValue: '3600000',
      isDefault: false,
    });
    expect(entries.find((e) => e.configName === 'cleanup.policy')).toMatchObject({
      configValue: 'delete',
      isDefault: true,
    });
    expect(metadata?.partitions.length).toBe(3);
    expect(byTime.find((p) => p.partition === 0)?.offset).toBe('1');
    expect(afterDelete).toMatchObject({ partition: 0, low: '2', high: '3' });
  });

  it('lists, describes and deletes consumer groups with the admin client', async () => {
    // Prepare
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: 'admin-groups', messages: [{ value: 'x' }] });
    await producer.disconnect();
    await consume(fastConsumer('admin-group'), 'admin-groups', 1);

    // Act
    const listed = await admin.listGroups();
    const described = await admin.describeGroups(['admin-group']);
    const offsets = await admin.fetchOffsets({ groupId: 'admin-group', topics: ['admin-groups'] });
    await admin.deleteGroups(['admin-group']);
    const afterDelete = await admin.fetchOffsets({ groupId: 'admin-group', topics: ['admin-groups'] });
    await admin.disconnect();

    // Assess
    expect(listed.groups).toContainEqual({ groupId: 'admin-group', protocolType: 'consumer' });
    expect(described.groups[0]).toMatchObject({ groupId: 'admin-group', state: 'Empty', protocolType: 'consumer' });
    expect(offsets[0]?.partitions[0]?.offset).toBe('1');
    expect(afterDelete[0]?.partitions[0]?.offset).toBe('-1');
  });

  it("stamps records of a LogAppendTime topic with the broker's time", async () => {
    // Prepare
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: 'append-time', configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] }],
    });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const before = Date.now();

    // Act
    await producer.send({ topic: 'append-time', messages: [{ value: 'stamped', timestamp: '1000' }] });
    await producer.disconnect();
    const timestamps: number[] = [];
    const consumer = fastConsumer('append-time-group');
    await consumer.subscribe({ topic: 'append-time', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void timestamps.push(Number(message.timestamp)) });
    await eventually(() => timestamps.length === 1, 15_000, 'the stamped record');
    await consumer.disconnect();

    // Assess
    expect(timestamps[0]).toBeGreaterThanOrEqual(before);
  });

  it('refuses a replication factor the one broker cannot give', async () => {
    // Prepare
    const admin = kafka.admin();
    await admin.connect();

    // Act
    const attempt = admin.createTopics({ topics: [{ topic: 'replicated', replicationFactor: 3 }] });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR' })],
    });
    await admin.disconnect();
  });

  it('delivers keys, values and headers in order to a consumer group', async () => {
    // Prepare
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'ordered', numPartitions: 1 }] });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const messages = Array.from({ length: 50 }, (_, i) => ({
      key: `k${i}`,
      value: `v${i}`,
      headers: { index: String(i), kind: 'test' },
    }));

    // Act
    await producer.send({ topic: 'ordered', messages: messages.slice(0, 20) });
    await producer.send({ topic: 'ordered', messages: messages.slice(20) });
    await producer.disconnect();
    const received = await consume(fastConsumer('ordered-group'), 'ordered', 50);

    // Assess
    expect(received.map((r) => [r.key, r.value, r.headers])).toEqual(messages.map((m) => [m.key, m.value, m.headers]));
    expect(received.map((r) => r.offset)).toEqual(messages.map((_, i) => String(i)));
  });

  it("keeps an idempotent producer's batches in order without duplicates", async () => {
    // Prepare
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();

    // Act
    for (let batch = 0; batch < 10; batch++) {
      await producer.send({
        topic: 'idempotent',
        messages: Array.from({ length: 10 }, (_, i) => ({ value: `${batch}-${i}` })),
      });
    }
    await producer.disconnect();
    const received = await consume(fastConsumer('idempotent-group'), 'idempotent', 100);

    // Assess
    expect(received.map((r) => r.value)).toEqual(
      Array.from({ length: 100 }, (_, n) => `${Math.floor(n / 10)}-${n % 10}`),
    );
  });

  it('shows read_committed consumers committed transactions and hides aborted ones', async () => {
    // Prepare
    const producer = kafka.producer({ transactionalId: 'txn-producer', maxInFlightRequests: 1, idempotent: true });
    await producer.connect();

    // Act
    const committed = await producer.transaction();
    await committed.send({ topic: 'transactional', messages: [{ value: 'c1' }, { value: 'c2' }] });
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send({ topic: 'transactional', messages: [{ value: 'a1' }, { value: 'a2' }] });
    await aborted.abort();
    const last = await producer.transaction();
    await last.send({ topic: 'transactional', messages: [{ value: 'c3' }] });
    await last.commit();
    await producer.disconnect();
    const readCommitted = await consume(fastConsumer('txn-committed'), 'transactional', 3);
    const readUncommitted = await consume(
      fastConsumer('txn-uncommitted', { readUncommitted: true }),
      'transactional',
      5,
    );

    // Assess
    expect(readCommitted.map((r) => r.value)).toEqual(['c1', 'c2', 'c3']);
    expect(readUncommitted.map((r) => r.value)).toEqual(['c1', 'c2', 'a1', 'a2', 'c3']);
  });

  it('commits consumer offsets inside a transaction', async () => {
    // Prepare
    const producer = kafka.producer({ transactionalId: 'txn-offsets', maxInFlightRequests: 1, idempotent: true });
    await producer.connect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'txn-source' }] });

    // Act
    const transaction = await producer.transaction();
    await transaction.send({ topic: 'txn-sink', messages: [{ value: 'out' }] });
    await transaction.sendOffsets({
      consumerGroupId: 'txn-group',
      topics: [{ topic: 'txn-source', partitions: [{ partition: 0, offset: '7' }] }],
    });
    const beforeCommit = await admin.fetchOffsets({ groupId: 'txn-group', topics: ['txn-source'] });
    await transaction.commit();
    const afterCommit = await admin.fetchOffsets({ groupId: 'txn-group', topics: ['txn-source'] });
    await producer.disconnect();
    await admin.disconnect();

    // Assess
    expect(beforeCommit[0]?.partitions[0]?.offset).toBe('-1');
    expect(afterCommit[0]?.partitions[0]?.offset).toBe('7');
  });

  it('rebalances partitions between two members of a group and back', async () => {
    // Prepare
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'rebalanced', numPartitions: 4 }] });
    await admin.disconnect();
    const assignments = new Map<string, number[]>();
    const received: Received[] = [];
    const member = (name: string) => {
      const consumer = fastConsumer('rebalance-group');
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        assignments.set(name, payload.memberAssignment.rebalanced ?? []);
      });
      return consumer;
    };
    const first = member('first');
    const second = member('second');
    for (const consumer of [first, second]) await consumer.subscribe({ topic: 'rebalanced', fromBeginning: true });

    // Act
    await first.run({ eachMessage: async (payload) => void received.push(record(payload)) });
    await eventually(() => assignments.get('first')?.length === 4, 15_000, 'the first member to own every partition');
    await second.run({ eachMessage: async (payload) => void received.push(record(payload)) });
    await eventually(
      () => assignments.get('first')?.length === 2 && assignments.get('second')?.length === 2,
      20_000,
      'the two members to share the partitions',
    );
    const shared = [...(assignments.get('first') ?? []), ...(assignments.get('second') ?? [])].sort();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: 'rebalanced',
      messages: [0, 1, 2, 3].map((partition) => ({ partition, value: `p${partition}` })),
    });
    await eventually(() => received.length >= 4, 15_000, 'a message from every partition');
    await second.disconnect();
    await eventually(
      () => assignments.get('first')?.length === 4,
      20_000,
      'the first member to take every partition back',
    );
    await first.disconnect();
    await producer.disconnect();

    // Assess
    expect(shared).toEqual([0, 1, 2, 3]);
    expect(received.map((r) => r.value).sort()).toEqual(['p0', 'p1', 'p2', 'p3']);
  });
});
