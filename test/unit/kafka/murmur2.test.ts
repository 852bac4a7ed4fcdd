import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { murmur2 } from '../../../shared/kafka';

/** kafkajs's own (64-bit Long) copy of Kafka's murmur2, which its DefaultPartitioner uses. */
const kafkajsMurmur2 = createRequire(import.meta.url)('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: Buffer,
) => number;

describe('murmur2', () => {
  it("gives Kafka's values (UtilsTest#testMurmur2)", () => {
    // Prepare
    const cases: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    // Act
    const hashes = cases.map(([key]) => murmur2(Buffer.from(key)));
    // Assess
    expect(hashes).toEqual(cases.map(([, hash]) => hash));
  });

  it('agrees with the kafkajs DefaultPartitioner hash on any bytes, so keyed records land where they did', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(murmur2(bytes)).toBe(kafkajsMurmur2(Buffer.from(bytes)));
      }),
      { numRuns: 2_000 },
    );
  });
});
