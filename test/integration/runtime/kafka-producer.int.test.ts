import { createServer } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaJsProducer, type ProducerRecord } from '../../../shared/kafka';
import { startTestBroker } from '../../helpers/broker';
import { headerText, type Parts, readTopic, startParts, text, uniqueName } from './support';

let parts: Parts;

beforeAll(async () => {
  parts = await startParts();
});

afterAll(async () => {
  await parts?.stop();
});

async function createTopic(topic: string, numPartitions: number): Promise<void> {
  const admin = parts.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions }] });
  await admin.disconnect();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('KafkaJsProducer', () => {
  it('acknowledges each record with the partition and offset it landed at, in input order, across topics and partitions', async () => {
    // Prepare
    const a = uniqueName('acks-a');
    const b = uniqueName('acks-b');
    await createTopic(a, 3);
    await createTopic(b, 2);
    const records: ProducerRecord[] = Array.from({ length: 60 }, (_, i) => ({
      topic: i % 3 === 0 ? b : a,
      partition: i % 5 === 0 ? i % 2 : null,
      key: i % 4 === 0 ? null : Buffer.from(`key-${i % 7}`),
      value: Buffer.from(`value-${i}`),
    }));
    const producer = new KafkaJsProducer(parts.kafka);

    // Act
    const acks = await producer.send(records.slice(0, 25));
    acks.push(...(await producer.send(records.slice(25))));
    await producer.close();

    // Assess
    const landed = new Map<string, string | null>();
    for (const topic of [a, b]) {
      for (const r of await readTopic(parts.kafka, topic))
        landed.set(`${topic}/${r.partition}/${r.offset}`, text(r.value));
    }
    expect(acks).toHaveLength(60);
    acks.forEach((ack, i) => {
      const record = records[i] as ProducerRecord;
      expect(ack.topic).toBe(record.topic);
      if (record.partition !== null && record.partition !== undefined) expect(ack.partition).toBe(record.partition);
      expect(landed.get(`${ack.topic}/${ack.partition}/${ack.offset}`)).toBe(`value-${i}`);
    });
    expect(landed.size).toBe(60);
  });

  it('keeps repeated header keys, null keys and values, and the given timestamp', async () => {
    // Prepare
    const topic = uniqueName('shapes');
    const producer = new KafkaJsProducer(parts.kafka);

    // Act
    await producer.send([
      {
        topic,
        key: null,
        value: null,
        timestamp: 1_600_000_000_000,
        headers: [
          { key: 'h', value: Buffer.from('one') },
          { key: 'h', value: Buffer.from('two') },
          { key: 'other', value: Buffer.from('x') },
        ],
      },
    ]);
    await producer.close();

    // Assess
    const [record] = await readTopic(parts.kafka, topic);
    expect(record).toMatchObject({ key: null, value: null, timestamp: 1_600_000_000_000 });
    expect(record?.headers.map((h) => [h.key, text(h.value)])).toEqual([
      ['h', 'one'],
      ['h', 'two'],
      ['other', 'x'],
    ]);
    expect(headerText(record as never, 'other')).toBe('x');
  });

  it('connects again on the next send after a failed connect', async () => {
    // Prepare
    const port = await freePort();
    const kafka = new Kafka({
      brokers: [`127.0.0.1:${port}`],
      clientId: 'reconnect-test',
      logLevel: logLevel.NOTHING,
      connectionTimeout: 200,
      retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 },
    });
    const producer = new KafkaJsProducer(kafka);
    const record = { topic: 'reconnect', key: null, value: Buffer.from('v') };
    await expect(producer.send([record])).rejects.toThrow();
    const broker = await startTestBroker({ port });

    // Act
    const acks = await producer.send([record]);

    // Assess
    expect(acks).toEqual([{ topic: 'reconnect', partition: 0, offset: 0 }]);
    await producer.close();
    await broker.stop();
  });
});
