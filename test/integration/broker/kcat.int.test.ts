import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Compression, compressionOf, LOG_OVERHEAD, readBatchHeader } from '../../../local/broker/protocol';
import { startTestBroker, type TestBroker } from '../../helpers/broker';
import { kcat, RawConnection } from './support';

let broker: TestBroker;

beforeAll(async () => {
  broker = await startTestBroker();
});

afterAll(async () => {
  await broker.stop();
});

const CODECS = [
  ['gzip', Compression.GZIP],
  ['snappy', Compression.SNAPPY],
  ['lz4', Compression.LZ4],
  ['zstd', Compression.ZSTD],
] as const;

/** The compression codecs of the stored batches of partition 0, fetched over the wire as a consumer would. */
async function storedCompressions(topic: string): Promise<Set<number>> {
  const connection = await RawConnection.connect(broker.port);
  const response = await connection.request(1, 11, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    isolationLevel: 0,
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
  });
  connection.close();
  const records = response.responses[0]?.partitions[0]?.records as Buffer;
  const codecs = new Set<number>();
  for (let at = 0; at < records.length; at += LOG_OVERHEAD + readBatchHeader(records, at).batchLength) {
    codecs.add(compressionOf(readBatchHeader(records, at).attributes));
  }
  return codecs;
}

describe('kcat (librdkafka) against the dev broker', () => {
  it.each(CODECS)('produces %s batches that are stored as sent and consumed back exactly', async (codec, id) => {
    // Prepare
    const topic = `kcat-${codec}`;
    const lines = Array.from({ length: 500 }, (_, i) => `key-${i}\tvalue-${i}-${'x'.repeat(i % 50)}`);

    // Act
    const produced = await kcat(
      [
        '-P',
        '-b',
        broker.bootstrap,
        '-t',
        topic,
        '-z',
        codec,
        '-K',
        '\t',
        '-H',
        'source=kcat',
        '-H',
        `codec=${codec}`,
        '-X',
        'linger.ms=50',
      ],
      `${lines.join('\n')}\n`,
    );
    const consumed = await kcat([
      '-C',
      '-b',
      broker.bootstrap,
      '-t',
      topic,
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%k\t%s\t%h\n',
    ]);
    const stored = await storedCompressions(topic);

    // Assess
    expect(produced.code).toBe(0);
    expect(consumed.code).toBe(0);
    expect(consumed.stdout.trimEnd().split('\n')).toEqual(lines.map((line) => `${line}\tsource=kcat,codec=${codec}`));
    expect([...stored]).toContain(id);
  });

  it('consumes in a group and resumes from the committed offsets', async () => {
    // Prepare
    const topic = 'kcat-group';
    await kcat(['-P', '-b', broker.bootstrap, '-t', topic], 'one\ntwo\nthree\n');
    const groupRead = [
      '-b',
      broker.bootstrap,
      '-G',
      'kcat-group',
      '-X',
      'auto.offset.reset=earliest',
      '-e',
      '-q',
      '-f',
      '%s\n',
      topic,
    ];

    // Act
    const first = await kcat(groupRead);
    await kcat(['-P', '-b', broker.bootstrap, '-t', topic], 'four\n');
    const second = await kcat(groupRead);

    // Assess
    expect(first.stdout.trimEnd().split('\n')).toEqual(['one', 'two', 'three']);
    expect(second.stdout.trimEnd().split('\n')).toEqual(['four']);
  });

  it('lists the broker as controller and the topics in metadata', async () => {
    // Prepare
    await kcat(['-P', '-b', broker.bootstrap, '-t', 'kcat-metadata'], 'x\n');

    // Act
    const listed = await kcat(['-L', '-b', broker.bootstrap, '-t', 'kcat-metadata']);

    // Assess
    expect(listed.stdout).toContain(`broker ${broker.broker.nodeId} at ${broker.bootstrap} (controller)`);
    expect(listed.stdout).toContain('topic "kcat-metadata" with 1 partitions');
  });
});
