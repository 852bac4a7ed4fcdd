import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersionsResponse } from '../../../local/broker/protocol';
import {
  ApiVersionsResponseSpec,
  buildRecordBatch,
  decode,
  ErrorCode,
  type ProduceRequest,
  Reader,
  ResponseHeaderSpec,
} from '../../../local/broker/protocol';
import { startTestBroker, type TestBroker } from '../../helpers/broker';
import { RawConnection } from './support';

let broker: TestBroker;

beforeAll(async () => {
  broker = await startTestBroker();
});

afterAll(async () => {
  await broker.stop();
});

const metadataRequest = {
  topics: null,
  allowAutoTopicCreation: true,
  includeClusterAuthorizedOperations: false,
  includeTopicAuthorizedOperations: false,
};

/** The broker still answers a fresh connection. */
async function stillServing(): Promise<boolean> {
  const connection = await RawConnection.connect(broker.port);
  const response = await connection.request(3, 9, metadataRequest);
  connection.close();
  return response.brokers.length === 1;
}

function produceRequest(
  topic: string,
  records: Buffer,
  producerFields: { acks?: number } = {},
): Partial<ProduceRequest> {
  return {
    transactionalId: null,
    acks: producerFields.acks ?? -1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records }] }],
  };
}

describe('the broker facing misbehaving clients', () => {
  it('answers an ApiVersions request of an unknown version in v0 with UNSUPPORTED_VERSION and its versions', async () => {
    // Prepare
    const connection = await RawConnection.connect(broker.port);
    const request = RawConnection.encodeRequest(
      18,
      4,
      { clientSoftwareName: 'future', clientSoftwareVersion: '9.9' },
      7,
    );

    // Act
    const frame = await connection.exchange(request);
    connection.close();

    // Assess
    const reader = new Reader(frame!);
    const header = decode<{ correlationId: number }>(ResponseHeaderSpec, 0, reader);
    const body = decode<ApiVersionsResponse>(ApiVersionsResponseSpec, 0, reader);
    expect(header.correlationId).toBe(7);
    expect(body.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(body.apiKeys).toContainEqual({ apiKey: 18, minVersion: 0, maxVersion: 3 });
  });

  it.each([
    ['a negative frame size', Buffer.from([0xff, 0xff, 0xff, 0xfe])],
    ['a frame size beyond socket.request.max.bytes', Buffer.from([0x7f, 0xff, 0xff, 0xff])],
    ['a frame too short for a header', Buffer.from([0, 0, 0, 3, 0, 3, 0])],
    ['an unknown API key', Buffer.concat([Buffer.from([0, 0, 0, 10, 0, 99, 0, 0, 0, 0, 0, 1, 0xff, 0xff])])],
    [
      'an unsupported version of an API',
      Buffer.concat([Buffer.from([0, 0, 0, 10, 0, 0, 0, 99, 0, 0, 0, 1, 0xff, 0xff])]),
    ],
  ])('closes the connection on %s and keeps serving others', async (_case, bytes) => {
    // Prepare
    const connection = await RawConnection.connect(broker.port);

    // Act
    connection.write(bytes);
    const closed = await connection.closedWithin(2000);

    // Assess
    expect(closed).toBe(true);
    expect(await stillServing()).toBe(true);
  });

  it('closes the connection on a truncated request and on random bytes, never answering garbage', async () => {
    // Prepare
    const valid = RawConnection.encodeRequest(3, 9, metadataRequest);
    const frames = [valid.subarray(0, valid.length - 3), Buffer.concat([valid.subarray(0, 8), randomBytes(64)])];

    // Act
    const answers: Array<Buffer | undefined> = [];
    for (const frame of frames) {
      const connection = await RawConnection.connect(broker.port);
      answers.push(await connection.exchange(frame));
      connection.close();
    }

    // Assess
    expect(answers).toEqual([undefined, undefined]);
    expect(await stillServing()).toBe(true);
  });

  it('refuses a batch whose CRC does not match with CORRUPT_MESSAGE and appends nothing', async () => {
    // Prepare
    const connection = await RawConnection.connect(broker.port);
    await connection.request(3, 9, {
      ...metadataRequest,
      topics: [{ name: 'crc-topic', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    });
    const batch = buildRecordBatch({ timestamp: Date.now(), records: [{ value: Buffer.from('hello') }] });
    batch.writeUInt8(batch.readUInt8(batch.length - 1) ^ 0xff, batch.length - 1);

    // Act
    const response = await connection.request(0, 9, produceRequest('crc-topic', batch));
    const offsets = await connection.request(2, 1, {
      replicaId: -1,
      topics: [{ name: 'crc-topic', partitions: [{ partitionIndex: 0, timestamp: -1n } as never] }],
    });
    connection.close();

    // Assess
    expect(response.responses[0]?.partitionResponses[0]?.errorCode).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(offsets.topics[0]?.partitions[0]?.offset).toBe(0n);
  });

  it('answers a retried idempotent batch with its first offset and refuses a sequence gap', async () => {
    // Prepare
    const connection = await RawConnection.connect(broker.port);
    await connection.request(3, 9, {
      ...metadataRequest,
      topics: [{ name: 'idempotent-raw', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    });
    const init = await connection.request(22, 1, { transactionalId: null, transactionTimeoutMs: 60000 });
    const producer = { producerId: Number(init.producerId), producerEpoch: init.producerEpoch, timestamp: Date.now() };
    const batch = (baseSequence: number) =>
      buildRecordBatch({
        ...producer,
        baseSequence,
        records: [{ value: Buffer.from(`seq-${baseSequence}`) }, { value: Buffer.from('second') }],
      });

    // Act
    const first = await connection.request(0, 7, produceRequest('idempotent-raw', batch(0)));
    const retried = await connection.request(0, 7, produceRequest('idempotent-raw', batch(0)));
    const gap = await connection.request(0, 7, produceRequest('idempotent-raw', batch(5)));
    const next = await connection.request(0, 7, produceRequest('idempotent-raw', batch(2)));
    connection.close();

    // Assess
    const result = (r: typeof first) => r.responses[0]?.partitionResponses[0];
    expect(result(first)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(result(retried)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(result(gap)?.errorCode).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(result(next)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 2n });
  });

  it('serves a large request that arrives in several pieces', async () => {
    // Prepare
    const connection = await RawConnection.connect(broker.port);
    await connection.request(3, 9, {
      ...metadataRequest,
      topics: [{ name: 'pieces', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    });
    const records = Array.from({ length: 800 }, (_, i) => ({ value: Buffer.alloc(1000, i % 256) }));
    const frame = sizeOf(
      RawConnection.encodeRequest(
        0,
        9,
        produceRequest('pieces', buildRecordBatch({ timestamp: Date.now(), records })),
        9,
      ),
    );
    const answer = connection.next();

    // Act: three writes, with pauses so that the broker reads them separately
    for (const [from, to] of [
      [0, 2],
      [2, 5000],
      [5000, frame.length],
    ] as const) {
      connection.write(frame.subarray(from, to));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const response = await answer;

    // Assess
    expect(response?.length).toBeGreaterThan(0);
    const offsets = await connection.request(2, 1, {
      replicaId: -1,
      topics: [{ name: 'pieces', partitions: [{ partitionIndex: 0, timestamp: -1n } as never] }],
    });
    expect(offsets.topics[0]?.partitions[0]?.offset).toBe(800n);
    connection.close();
  });

  it('sends no response to acks=0 and still appends the batch', async () => {
    // Prepare
    const connection = await RawConnection.connect(broker.port);
    const batch = buildRecordBatch({ timestamp: Date.now(), records: [{ value: Buffer.from('fire and forget') }] });
    await connection.request(3, 9, {
      ...metadataRequest,
      topics: [{ name: 'acks-zero', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    });

    // Act
    connection.write(
      Buffer.concat([sizeOf(RawConnection.encodeRequest(0, 9, produceRequest('acks-zero', batch, { acks: 0 }), 50))]),
    );
    const offsets = await connection.request(2, 1, {
      replicaId: -1,
      topics: [{ name: 'acks-zero', partitions: [{ partitionIndex: 0, timestamp: -1n } as never] }],
    });
    connection.close();

    // Assess
    expect(offsets.topics[0]?.partitions[0]?.offset).toBe(1n);
  });
});

function sizeOf(payload: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}
