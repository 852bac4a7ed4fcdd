import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../../local/broker';
import * as messages from '../../../../local/broker/protocol';
import {
  ApiVersionsRequestSpec,
  decode,
  decodeRequest,
  encode,
  type FetchResponse,
  FetchResponseSpec,
  type MessageSpec,
  MetadataResponseSpec,
  Reader,
  readRequestPrefix,
  Writer,
} from '../../../../local/broker/protocol';
import { everyMessageVersion, messageArbitrary } from './arbitrary';

const SPECS = Object.values(messages).filter(
  (value): value is MessageSpec =>
    typeof value === 'object' && value !== null && 'validVersions' in value && 'fields' in value,
);

function roundTrip(
  spec: MessageSpec,
  version: number,
  value: unknown,
): { bytes: Buffer; decoded: Record<string, unknown> } {
  const bytes = encode(spec, version, value, new Writer(16)).toBuffer();
  const reader = new Reader(bytes);
  const decoded = decode<Record<string, unknown>>(spec, version, reader);
  expect(reader.remaining).toBe(0);
  return { bytes, decoded };
}

describe('the generic codec', () => {
  it('has a field table for every message definition', () => {
    // Prepare
    const names = SPECS.map((s) => s.name);

    // Act
    const apis = names.filter((n) => n.endsWith('Request')).map((n) => n.replace(/Request$/, ''));

    // Assess
    expect(names.length).toBeGreaterThanOrEqual(62);
    for (const api of apis) expect(names).toContain(`${api}Response`);
  });

  it.each(everyMessageVersion(SPECS))('decodes what it encodes: %s', (_name, spec, version) => {
    fc.assert(
      fc.property(messageArbitrary(spec, version), (value) => {
        // Act
        const { bytes, decoded } = roundTrip(spec, version, value);
        const again = encode(spec, version, decoded, new Writer()).toBuffer();

        // Assess
        expect(decoded).toMatchObject(value);
        expect(again.equals(bytes)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('decodes the ApiVersions v3 request librdkafka 2.0.2 sends (captured bytes)', () => {
    // Prepare
    const frame = Buffer.from('0012000300000001000772646b61666b61000b6c696272646b61666b6106322e302e3200', 'hex');

    // Act
    const { header, body } = decodeRequest(frame, readRequestPrefix(frame));

    // Assess
    expect(header).toMatchObject({ requestApiKey: 18, requestApiVersion: 3, correlationId: 1, clientId: 'rdkafka' });
    expect(body).toEqual({ clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' });
  });

  it('decodes the ApiVersions v2 request kafkajs 2.2.4 sends (captured bytes)', () => {
    // Prepare
    const frame = Buffer.from('0012000200000000000766697874757265', 'hex');

    // Act
    const { header, body } = decodeRequest(frame, readRequestPrefix(frame));

    // Assess
    expect(header).toMatchObject({ requestApiKey: 18, requestApiVersion: 2, correlationId: 0, clientId: 'fixture' });
    expect(body).toEqual({ clientSoftwareName: '', clientSoftwareVersion: '' });
  });

  it('fills the fields a version lacks with their defaults', () => {
    // Prepare
    const bytes = encode(ApiVersionsRequestSpec, 0, {}, new Writer()).toBuffer();

    // Act
    const decoded = decode(ApiVersionsRequestSpec, 0, new Reader(bytes));

    // Assess
    expect(bytes.length).toBe(0);
    expect(decoded).toEqual({ clientSoftwareName: '', clientSoftwareVersion: '' });
  });

  it('skips tagged fields it does not know, as flexible versions require', () => {
    // Prepare
    const known = encode(
      ApiVersionsRequestSpec,
      3,
      { clientSoftwareName: 'a', clientSoftwareVersion: 'b' },
      new Writer(),
    ).toBuffer();
    const withUnknownTag = Buffer.concat([known.subarray(0, known.length - 1), Buffer.from([1, 42, 3, 7, 7, 7])]);

    // Act
    const decoded = decode(ApiVersionsRequestSpec, 3, new Reader(withUnknownTag));

    // Assess
    expect(decoded).toEqual({ clientSoftwareName: 'a', clientSoftwareVersion: 'b' });
  });

  it('writes a tagged field only when it differs from its default', () => {
    // Prepare
    const partition = { partitionIndex: 0, errorCode: 0, highWatermark: 5, records: null };
    const plain: FetchResponse = { responses: [{ topic: 't', partitions: [partition] }] };
    const withLeader: FetchResponse = {
      responses: [{ topic: 't', partitions: [{ ...partition, currentLeader: { leaderId: 1, leaderEpoch: 0 } }] }],
    };

    // Act
    const small = encode(FetchResponseSpec, 12, plain, new Writer()).toBuffer();
    const large = encode(FetchResponseSpec, 12, withLeader, new Writer()).toBuffer();
    const decoded = decode<FetchResponse>(FetchResponseSpec, 12, new Reader(large));

    // Assess
    expect(large.length).toBe(small.length + 11);
    expect(decoded.responses[0]?.partitions[0]?.currentLeader).toEqual({ leaderId: 1, leaderEpoch: 0 });
  });

  it('writes record chunks by reference, without copying them', () => {
    // Prepare
    const records = [Buffer.alloc(5000, 1), Buffer.alloc(6000, 2)];
    const response: FetchResponse = {
      responses: [{ topic: 't', partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 1, records }] }],
    };

    // Act
    const chunks = encode(FetchResponseSpec, 11, response, new Writer()).toChunks();
    const decoded = decode<FetchResponse>(FetchResponseSpec, 11, new Reader(Buffer.concat(chunks)));

    // Assess
    expect(chunks).toContain(records[0]);
    expect(chunks).toContain(records[1]);
    expect(decoded.responses[0]?.partitions[0]?.records).toEqual(Buffer.concat(records));
  });

  it('refuses a null where the version allows none', () => {
    // Prepare: one broker, node id 1, then a null host (length -1), which no version allows
    const bytes = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 0xff, 0xff]);

    // Act
    const attempt = () => decode(MetadataResponseSpec, 0, new Reader(bytes));

    // Assess
    expect(attempt).toThrow(ProtocolError);
  });
});
