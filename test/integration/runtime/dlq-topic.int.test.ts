import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaJsAdmin } from '../../../shared/kafka';
import {
  esmEvents,
  type Parts,
  produce,
  type Runtime,
  readTopic,
  startParts,
  startRuntime,
  tempDir,
  text,
  uniqueName,
} from './support';

// A broker that, like MSK by default, does not create topics on first use.
let parts: Parts;
let runtime: Runtime;
let admin: KafkaJsAdmin;
let disconnect: () => Promise<void>;

beforeAll(async () => {
  parts = await startParts({ autoCreateTopics: false });
  runtime = await startRuntime(parts);
  const kafkaAdmin = parts.kafka.admin();
  await kafkaAdmin.connect();
  admin = new KafkaJsAdmin(kafkaAdmin);
  disconnect = () => kafkaAdmin.disconnect();
});

afterAll(async () => {
  await disconnect?.();
  await runtime?.close();
  await parts?.stop();
});

async function sinkWithDlq(replicationFactor: string) {
  const topic = uniqueName('input');
  const admin = parts.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
  await admin.disconnect();
  const ok = JSON.stringify({ schema: { type: 'string', optional: false }, payload: 'ok' });
  await produce(parts.kafka, topic, [{ value: ok }, { value: '{bad' }]);
  const dlq = uniqueName('input-dlq');
  const name = uniqueName('dlq-sink');
  await runtime.createConnector(name, {
    'connector.class': 'FileStreamSink',
    topics: topic,
    file: join(tempDir('dlq-topic'), 'out.txt'),
    'errors.tolerance': 'all',
    'errors.deadletterqueue.topic.name': dlq,
    'errors.deadletterqueue.topic.replication.factor': replicationFactor,
  });
  return { name, dlq, consumed: await readTopic(parts.kafka, topic) };
}

describe('dead letter queue topic creation', () => {
  it('creates the missing DLQ topic with one partition before the task starts, as Kafka does', async () => {
    // Prepare
    const { name, dlq, consumed } = await sinkWithDlq('1');
    const container = runtime.container({
      createDlqTopic: async (topic, rf) => {
        await admin.createTopic(topic, 1, rf);
      },
    });

    // Act
    for (const event of esmEvents(consumed)) await container.invokeSink(name, event);

    // Assess
    expect((await readTopic(parts.kafka, dlq)).map((r) => [r.partition, text(r.value)])).toEqual([[0, '{bad']]);
  });

  it("fails the task with Kafka's text when the DLQ topic cannot be created with its replication factor", async () => {
    // Prepare: Kafka's default replication factor, 3, on a one-broker cluster
    const { name, consumed } = await sinkWithDlq('3');
    const container = runtime.container({
      createDlqTopic: async (topic, rf) => {
        await admin.createTopic(topic, 1, rf);
      },
    });

    // Act
    const invocation = container.invokeSink(name, esmEvents(consumed)[0]);

    // Assess
    await expect(invocation).rejects.toThrow(/^Could not initialize dead letter queue with topic=/);
    const status = await runtime.stores.statuses.getTask(name, 0);
    expect(status?.state).toBe('FAILED');
    expect(status?.trace).toContain('Caused by: ConnectError: Could not create topic');
    expect(status?.trace).toContain('(1 partitions, replication factor 3): Replication-factor is invalid');
  });
});
