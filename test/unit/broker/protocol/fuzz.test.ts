import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../../local/broker';
import { API_HANDLERS } from '../../../../local/broker/apis';
import {
  API_MESSAGES,
  decodeRequest,
  encode,
  isFlexible,
  RequestHeaderSpec,
  readRequestPrefix,
  Writer,
} from '../../../../local/broker/protocol';
import { messageArbitrary } from './arbitrary';

/** Every API version the broker serves, as [apiKey, version]. */
const SERVED = API_HANDLERS.flatMap(({ apiKey, minVersion, maxVersion }) =>
  Array.from({ length: maxVersion - minVersion + 1 }, (_, i) => [apiKey, minVersion + i] as const),
);

/** What the server does with a frame: decode it, or learn it is malformed. Anything else is a bug. */
function decodeOrRefuse(frame: Buffer): 'decoded' | 'refused' {
  try {
    decodeRequest(frame, readRequestPrefix(frame));
    return 'decoded';
  } catch (err) {
    if (err instanceof ProtocolError) return 'refused';
    throw err;
  }
}

function validFrame(apiKey: number, version: number, body: unknown): Buffer {
  const specs = API_MESSAGES[apiKey as keyof typeof API_MESSAGES];
  const writer = new Writer(64);
  const header = { requestApiKey: apiKey, requestApiVersion: version, correlationId: 1, clientId: 'fuzz' };
  encode(RequestHeaderSpec, isFlexible(specs.request, version) ? 2 : 1, header, writer);
  encode(specs.request, version, body, writer);
  return writer.toBuffer();
}

const servedRequest = fc.constantFrom(...SERVED).chain(([apiKey, version]) =>
  messageArbitrary(API_MESSAGES[apiKey].request, version).map((body) => ({
    apiKey,
    version,
    frame: validFrame(apiKey, version, body),
  })),
);

describe('the request decoder under fuzzing', () => {
  it('refuses random bytes after a served API key and version, or decodes them, and never fails otherwise', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SERVED), fc.uint8Array({ maxLength: 300 }), ([apiKey, version], body) => {
        // Prepare
        const prefix = Buffer.alloc(4);
        prefix.writeInt16BE(apiKey, 0);
        prefix.writeInt16BE(version, 2);
        const frame = Buffer.concat([prefix, Buffer.from(body)]);

        // Act
        const outcome = decodeOrRefuse(frame);

        // Assess
        expect(['decoded', 'refused']).toContain(outcome);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses every truncation of a valid request', () => {
    fc.assert(
      fc.property(servedRequest, fc.nat(), ({ frame }, cut) => {
        // Prepare
        const truncated = frame.subarray(0, Math.max(8, cut % frame.length));

        // Act
        const outcome = truncated.length < frame.length ? decodeOrRefuse(truncated) : 'refused';

        // Assess
        expect(outcome).toBe('refused');
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes or refuses a valid request with corrupted bytes, never throwing anything else', () => {
    fc.assert(
      fc.property(
        servedRequest,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        ({ frame }, flips) => {
          // Prepare
          const corrupted = Buffer.from(frame);
          for (const [at, value] of flips) corrupted[8 + (at % Math.max(1, corrupted.length - 8))] = value;

          // Act
          const outcome = decodeOrRefuse(corrupted);

          // Assess
          expect(['decoded', 'refused']).toContain(outcome);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a frame too short to hold a request header', () => {
    // Prepare
    const frame = Buffer.from([0, 3, 0, 9, 0]);

    // Act
    const attempt = () => readRequestPrefix(frame);

    // Assess
    expect(attempt).toThrow(ProtocolError);
  });
});
