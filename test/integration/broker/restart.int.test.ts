import { rmSync } from 'node:fs';
import { Partitioners } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../../helpers/broker';
import { eventually, kafkaClient, RawConnection } from './support';

let running: TestBroker | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await running?.stop();
  running = undefined;
  // The second broker ran on the first one's directory, which no one else deletes.
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** Starts a broker on the data directory of the previous one (a fresh one the first time). */
async function boot(): Promise<TestBroker> {
  running = await startTestBroker(dataDir ? { dataDir } : {});
  dataDir ??= running.dataDir;
  return running;
}

describe('a broker restarted on its data directory', () => {
  it('keeps topics, records and committed group offsets', async () => {
    // Prepare
    const first = await boot();
    const kafka = kafkaClient(first.bootstrap);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: 'durable', numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '86400000' }] }],
    });
    const [before] = (await admin.fetchTopicMetadata({ topics: ['durable'] })).topics;
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: 'durable',
      messages: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: i % 2 })),
    });
    await producer.disconnect();
    await admin.disconnect();
    // A commit from outside group management (generation -1), as tools that set offsets send it.
    const raw = await RawConnection.connect(first.port);
    const committed = await raw.request(8, 2, {
      groupId: 'durable-group',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      retentionTimeMs: -1n,
      topics: [
        {
          name: 'durable',
          partitions: [0, 1].map((partitionIndex) => ({
            partitionIndex,
            committedOffset: BigInt(15 + 5 * partitionIndex),
            committedLeaderEpoch: -1,
            commitTimestamp: -1n,
            committedMetadata: null,
          })),
        },
      ],
    });
    raw.close();
    await first.stop({ keepData: true });

    // Act
    const second = await boot();
    const again = kafkaClient(second.bootstrap);
    const admin2 = again.admin();
    await admin2.connect();
    const [after] = (await admin2.fetchTopicMetadata({ topics: ['durable'] })).topics;
    const offsets = await admin2.fetchOffsets({ groupId: 'durable-group', topics: ['durable'] });
    const ends = await admin2.fetchTopicOffsets('durable');
    const config = await admin2.describeConfigs({
      resources: [{ type: 2, name: 'durable', configNames: ['retention.ms'] }],
      includeSynonyms: false,
    });
    await admin2.disconnect();
    const values: string[] = [];
    const consumer = again.consumer({ groupId: 'replay', maxWaitTimeInMs: 100 });
    await consumer.subscribe({ topic: 'durable', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void values.push(String(message.value)) });
    await eventually(() => values.length >= 40, 15_000, 'every record to be read back');
    await consumer.disconnect();

    // Assess
    expect(committed.topics[0]?.partitions.map((p) => p.errorCode)).toEqual([0, 0]);
    expect(after?.partitions.length).toBe(before?.partitions.length);
    expect(offsets[0]?.partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset)).toEqual(['15', '20']);
    expect(ends.map((p) => p.high).sort()).toEqual(['20', '20']);
    expect(config.resources[0]?.configEntries[0]?.configValue).toBe('86400000');
    expect(values.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `v${i}`).sort());
  });

  it('continues offsets where the log ended and resumes a group from its commit', async () => {
    // Prepare
    const first = await boot();
    const kafka = kafkaClient(first.bootstrap);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: 'resumed', messages: [{ value: 'a' }, { value: 'b' }] });
    await producer.disconnect();
    const seen: string[] = [];
    const consumer = kafka.consumer({ groupId: 'resume-group', maxWaitTimeInMs: 100 });
    await consumer.subscribe({ topic: 'resumed', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    await eventually(() => seen.length === 2, 15_000, 'the first two records');
    await consumer.disconnect();
    await first.stop({ keepData: true });

    // Act
    const second = await boot();
    const again = kafkaClient(second.bootstrap);
    const producer2 = again.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer2.connect();
    const [sent] = await producer2.send({ topic: 'resumed', messages: [{ value: 'c' }] });
    await producer2.disconnect();
    const resumed: string[] = [];
    const consumer2 = again.consumer({ groupId: 'resume-group', maxWaitTimeInMs: 100 });
    await consumer2.subscribe({ topic: 'resumed', fromBeginning: true });
    await consumer2.run({ eachMessage: async ({ message }) => void resumed.push(String(message.value)) });
    await eventually(() => resumed.length >= 1, 15_000, 'the record produced after the restart');
    await consumer2.disconnect();

    // Assess
    expect(sent?.baseOffset).toBe('2');
    expect(resumed).toEqual(['c']);
  });
});
