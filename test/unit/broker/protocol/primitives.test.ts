import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../../local/broker';
import { crc32c, Reader, Writer } from '../../../../local/broker/protocol';

describe('primitive encodings', () => {
  it('round-trips zig-zag varints and varlongs across their whole range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        (int, long) => {
          // Act
          const bytes = new Writer(8).varint(int).varlong(long).toBuffer();
          const reader = new Reader(bytes);

          // Assess
          expect([reader.varint(), reader.varlong(), reader.remaining]).toEqual([int, long, 0]);
        },
      ),
    );
  });

  it('writes the unsigned varints of the Kafka documentation', () => {
    // Act
    const bytes = new Writer().uvarint(0).uvarint(1).uvarint(127).uvarint(128).uvarint(300).toBuffer();

    // Assess
    expect(bytes.toString('hex')).toBe('00017f8001ac02');
  });

  it('refuses an unsigned varint longer than five bytes', () => {
    // Prepare
    const reader = new Reader(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]));

    // Act
    const attempt = () => reader.uvarint();

    // Assess
    expect(attempt).toThrow(ProtocolError);
  });

  it('refuses to read past the end instead of reading garbage', () => {
    // Prepare
    const reader = new Reader(Buffer.from([0, 0, 0]));

    // Act
    const attempt = () => reader.int32();

    // Assess
    expect(attempt).toThrow(/Needed 4 bytes/);
  });

  it('computes the CRC-32C check value of "123456789"', () => {
    // Act
    const crc = crc32c(Buffer.from('123456789'));

    // Assess
    expect(crc).toBe(0xe3069283);
  });

  it('computes the same CRC-32C over any split of the input as a bytewise reference', () => {
    // Prepare: the textbook bit-at-a-time CRC-32C
    const reference = (bytes: Uint8Array) => {
      let crc = 0xffffffff;
      for (const byte of bytes) {
        crc ^= byte;
        for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
      }
      return (crc ^ 0xffffffff) >>> 0;
    };

    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), (bytes, start) => {
        // Act
        const from = bytes.length === 0 ? 0 : start % bytes.length;
        const crc = crc32c(bytes, from);

        // Assess
        expect(crc).toBe(reference(bytes.subarray(from)));
      }),
    );
  });

  it('grows across blocks without losing bytes', () => {
    // Prepare
    const writer = new Writer(4);

    // Act
    for (let i = 0; i < 100; i++) writer.int32(i).int64(BigInt(i));
    const reader = new Reader(writer.toBuffer());

    // Assess
    expect(writer.length).toBe(1200);
    for (let i = 0; i < 100; i++) expect([reader.int32(), reader.int64()]).toEqual([i, BigInt(i)]);
  });
});
