import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordBatch, type FetchRequest } from '../../../local/broker/protocol';
import { startTestBroker, type TestBroker } from '../../helpers/broker';
import { RawConnection } from './support';

let broker: TestBroker;

beforeAll(async () => {
  broker = await startTestBroker();
});

afterAll(async () => {
  await broker.stop();
});

async function createTopic(name: string): Promise<void> {
  const connection = await RawConnection.connect(broker.port);
  await connection.request(19, 4, {
    topics: [{ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 1000,
    validateOnly: false,
  });
  connection.close();
}

function fetchRequest(topic: string, maxWaitMs: number, minBytes: number, isolationLevel = 0): Partial<FetchRequest> {
  return {
    replicaId: -1,
    maxWaitMs,
    minBytes,
    maxBytes: 1 << 20,
    isolationLevel,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic,
        topicId: '',
        partitions: [
          {
            partition: 0,
            currentLeaderEpoch: -1,
            fetchOffset: 0n,
            lastFetchedEpoch: -1,
            logStartOffset: -1n,
            partitionMaxBytes: 1 << 20,
            replicaDirectoryId: '',
          },
        ],
      },
    ],
    forgottenTopicsData: [],
    rackId: '',
  };
}

async function produce(topic: string, value: string): Promise<void> {
  const connection = await RawConnection.connect(broker.port);
  const records = buildRecordBatch({ timestamp: Date.now(), records: [{ value: Buffer.from(value) }] });
  await connection.request(0, 7, {
    transactionalId: null,
    acks: 1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records }] }],
  });
  connection.close();
}

describe('fetch long polling', () => {
  it('answers a waiting fetch as soon as a record arrives', async () => {
    // Prepare
    await createTopic('long-poll');
    const consumer = await RawConnection.connect(broker.port);
    const started = Date.now();

    // Act
    const fetching = consumer.request(1, 11, fetchRequest('long-poll', 20_000, 1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await produce('long-poll', 'wake up');
    const response = await fetching;
    consumer.close();

    // Assess
    const partition = response.responses[0]?.partitions[0];
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(partition?.highWatermark).toBe(1n);
    expect(String(partition?.records)).toContain('wake up');
  });

  it('answers with no records once MaxWaitMs passes without enough bytes', async () => {
    // Prepare
    await createTopic('quiet');
    const consumer = await RawConnection.connect(broker.port);
    const started = Date.now();

    // Act
    const response = await consumer.request(1, 11, fetchRequest('quiet', 300, 1));
    const waited = Date.now() - started;
    consumer.close();

    // Assess
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(response.responses[0]?.partitions[0]?.records).toEqual(Buffer.alloc(0));
  });

  it('keeps a read_committed fetch waiting while the only new data is an open transaction', async () => {
    // Prepare
    await createTopic('uncommitted');
    const producer = await RawConnection.connect(broker.port);
    const init = await producer.request(22, 1, { transactionalId: 'poll-txn', transactionTimeoutMs: 60_000 });
    const ids = { producerId: init.producerId, producerEpoch: init.producerEpoch };
    await producer.request(24, 1, {
      v3AndBelowTransactionalId: 'poll-txn',
      v3AndBelowProducerId: BigInt(ids.producerId ?? 0),
      v3AndBelowProducerEpoch: ids.producerEpoch,
      v3AndBelowTopics: [{ name: 'uncommitted', partitions: [0] }],
    });
    const records = buildRecordBatch({
      producerId: Number(ids.producerId),
      producerEpoch: ids.producerEpoch,
      baseSequence: 0,
      transactional: true,
      timestamp: Date.now(),
      records: [{ value: Buffer.from('pending') }],
    });
    await producer.request(0, 7, {
      transactionalId: 'poll-txn',
      acks: -1,
      timeoutMs: 1000,
      topicData: [{ name: 'uncommitted', partitionData: [{ index: 0, records }] }],
    });
    const consumer = await RawConnection.connect(broker.port);

    // Act
    const whileOpen = await consumer.request(1, 11, fetchRequest('uncommitted', 200, 1, 1));
    const fetching = consumer.request(1, 11, fetchRequest('uncommitted', 20_000, 1, 1));
    await producer.request(26, 1, {
      transactionalId: 'poll-txn',
      producerId: BigInt(ids.producerId ?? 0),
      producerEpoch: ids.producerEpoch,
      committed: true,
    });
    const afterCommit = await fetching;
    producer.close();
    consumer.close();

    // Assess
    expect(whileOpen.responses[0]?.partitions[0]).toMatchObject({ lastStableOffset: 0n, records: Buffer.alloc(0) });
    expect(afterCommit.responses[0]?.partitions[0]).toMatchObject({ lastStableOffset: 2n, highWatermark: 2n });
    expect(String(afterCommit.responses[0]?.partitions[0]?.records)).toContain('pending');
  });
});
