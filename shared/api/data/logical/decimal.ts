import { DataError } from '../../errors';
import { BigDecimal } from '../big-decimal';
import type { Schema } from '../schema';
import { SchemaBuilder } from '../schema-builder';

/**
 * The Decimal logical type: BYTES holding the two's-complement big-endian unscaled value, with the
 * scale in the schema parameter `scale` (Kafka's org.apache.kafka.connect.data.Decimal).
 */
export const Decimal = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Decimal',
  SCALE_FIELD: 'scale',

  builder(scale: number): SchemaBuilder {
    return SchemaBuilder.bytes().name(Decimal.LOGICAL_NAME).parameter(Decimal.SCALE_FIELD, String(scale)).version(1);
  },

  schema(scale: number): Schema {
    return Decimal.builder(scale).build();
  },

  /** BigDecimal -> bytes; the value's scale must equal the schema's. */
  fromLogical(schema: Schema, value: BigDecimal): Uint8Array {
    if (value.scale !== scaleOf(schema)) {
      throw new DataError(
        `Decimal value has mismatching scale for given Decimal schema. Schema has scale ${scaleOf(schema)}, value has scale ${value.scale}.`,
      );
    }
    return toTwosComplement(value.unscaled);
  },

  /** bytes -> BigDecimal at the schema's scale. */
  toLogical(schema: Schema, bytes: Uint8Array): BigDecimal {
    return new BigDecimal(fromTwosComplement(bytes), scaleOf(schema));
  },
} as const;

function scaleOf(schema: Schema): number {
  const text = schema.parameters?.[Decimal.SCALE_FIELD];
  if (text === undefined) throw new DataError('Invalid Decimal schema: scale parameter not found.');
  // Java's Integer.parseInt: an optional sign and digits only, within int range.
  const scale = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(scale) || scale < -2147483648 || scale > 2147483647) {
    throw new DataError('Invalid scale parameter found in Decimal schema: ', {
      cause: new SyntaxError(`For input string: "${text}"`),
    });
  }
  return scale;
}

/** Java's BigInteger#toByteArray: the minimal two's-complement big-endian encoding. */
export function toTwosComplement(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0xffn);
    bytes.unshift(byte);
    v >>= 8n;
    // Done when the remaining bits are all sign bits and the sign bit of `byte` agrees.
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(bytes);
}

/** Java's `new BigInteger(bytes)`: big-endian two's complement. */
export function fromTwosComplement(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  const first = bytes[0] ?? 0;
  return first & 0x80 ? v - (1n << BigInt(bytes.length * 8)) : v;
}
