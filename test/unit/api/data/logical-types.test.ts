import { describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  fromTwosComplement,
  SchemaBuilder,
  toTwosComplement,
} from '../../../../shared/api';

// Cases from Apache Kafka's DecimalTest, DateTest, TimeTest and TimestampTest (connect/api).

const MILLIS_PER_DAY = 86_400_000;
const EPOCH = new Date(0);

describe('Decimal', () => {
  const TEST_DECIMAL = new BigDecimal(156n, 2);
  const TEST_DECIMAL_NEGATIVE = new BigDecimal(-156n, 2);
  const TEST_BYTES = Uint8Array.of(0, 0x9c); // {0, -100}
  const TEST_BYTES_NEGATIVE = Uint8Array.of(0xff, 100); // {-1, 100}

  it('builds a BYTES schema named Decimal, version 1, with the scale parameter', () => {
    // Act
    const plain = Decimal.builder(2).build();
    // Assess
    expect(plain.name).toBe(Decimal.LOGICAL_NAME);
    expect(plain.parameters).toEqual({ [Decimal.SCALE_FIELD]: '2' });
    expect(plain.version).toBe(1);
  });

  it('encodes the unscaled value as Java’s BigInteger#toByteArray', () => {
    // Act + Assess
    expect(Decimal.fromLogical(Decimal.schema(2), TEST_DECIMAL)).toEqual(TEST_BYTES);
    expect(Decimal.fromLogical(Decimal.schema(2), TEST_DECIMAL_NEGATIVE)).toEqual(TEST_BYTES_NEGATIVE);
  });

  it('decodes bytes at the schema’s scale', () => {
    // Act + Assess
    expect(Decimal.toLogical(Decimal.schema(2), TEST_BYTES).equals(TEST_DECIMAL)).toBe(true);
    expect(Decimal.toLogical(Decimal.schema(2), TEST_BYTES_NEGATIVE).equals(TEST_DECIMAL_NEGATIVE)).toBe(true);
  });

  it('refuses a value whose scale is not the schema’s, with Kafka’s message', () => {
    // Act + Assess
    expect(() => Decimal.fromLogical(Decimal.schema(3), TEST_DECIMAL)).toThrow(
      new DataError(
        'Decimal value has mismatching scale for given Decimal schema. Schema has scale 3, value has scale 2.',
      ),
    );
  });

  it.each(['2.5', ' 2', 'abc', ''])('refuses the scale parameter %j as Java’s Integer.parseInt would', (scale) => {
    // Prepare
    const schema = SchemaBuilder.bytes().name(Decimal.LOGICAL_NAME).parameter('scale', scale).build();
    // Act + Assess
    expect(() => Decimal.toLogical(schema, TEST_BYTES)).toThrow(
      new DataError('Invalid scale parameter found in Decimal schema: '),
    );
  });

  it.each([
    [0n, [0]],
    [127n, [0x7f]],
    [128n, [0x00, 0x80]],
    [-128n, [0x80]],
    [-129n, [0xff, 0x7f]],
    [102345n, [0x01, 0x8f, 0xc9]],
  ])('writes %s in the minimal two’s complement and reads it back', (value, bytes) => {
    // Act + Assess
    expect([...toTwosComplement(value)]).toEqual(bytes);
    expect(fromTwosComplement(Uint8Array.from(bytes))).toBe(value);
  });
});

describe('ConnectDate', () => {
  it('builds an INT32 schema named Date, version 1', () => {
    // Act + Assess
    expect(ConnectDate.schema().name).toBe(ConnectDate.LOGICAL_NAME);
    expect(ConnectDate.schema().version).toBe(1);
  });

  it('converts days since the epoch both ways', () => {
    // Act + Assess
    expect(ConnectDate.fromLogical(ConnectDate.schema(), EPOCH)).toBe(0);
    expect(ConnectDate.fromLogical(ConnectDate.schema(), new Date(10000 * MILLIS_PER_DAY))).toBe(10000);
    expect(ConnectDate.fromLogical(ConnectDate.schema(), new Date(-MILLIS_PER_DAY))).toBe(-1);
    expect(ConnectDate.toLogical(ConnectDate.schema(), 0)).toEqual(EPOCH);
    expect(ConnectDate.toLogical(ConnectDate.schema(), 10000)).toEqual(new Date(10000 * MILLIS_PER_DAY));
  });

  it('refuses another schema and a Date with a time of day', () => {
    // Act + Assess
    // Kafka's own test renames the logical builder, which itself throws (a SchemaError is a DataError).
    expect(() => ConnectDate.builder().name('invalid')).toThrow(DataError);
    expect(() => ConnectDate.fromLogical(SchemaBuilder.int32().name('invalid').build(), EPOCH)).toThrow(DataError);
    expect(() => ConnectDate.toLogical(SchemaBuilder.int32().name('invalid').build(), 0)).toThrow(DataError);
    expect(() => ConnectDate.fromLogical(ConnectDate.schema(), new Date(1000))).toThrow(
      new DataError('Kafka Connect Date type should not have any time fields set to non-zero values.'),
    );
  });
});

describe('ConnectTime', () => {
  it('builds an INT32 schema named Time, version 1', () => {
    // Act + Assess
    expect(ConnectTime.schema().name).toBe(ConnectTime.LOGICAL_NAME);
    expect(ConnectTime.schema().version).toBe(1);
  });

  it('converts milliseconds since midnight both ways', () => {
    // Act + Assess
    expect(ConnectTime.fromLogical(ConnectTime.schema(), EPOCH)).toBe(0);
    expect(ConnectTime.fromLogical(ConnectTime.schema(), new Date(10000))).toBe(10000);
    expect(ConnectTime.toLogical(ConnectTime.schema(), 0)).toEqual(EPOCH);
    expect(ConnectTime.toLogical(ConnectTime.schema(), 10000)).toEqual(new Date(10000));
  });

  it('refuses another schema and a Time with a date', () => {
    // Act + Assess
    expect(() => ConnectTime.fromLogical(SchemaBuilder.int32().name('invalid').build(), EPOCH)).toThrow(DataError);
    expect(() => ConnectTime.toLogical(SchemaBuilder.int32().name('invalid').build(), 0)).toThrow(DataError);
    expect(() => ConnectTime.fromLogical(ConnectTime.schema(), new Date(10000 * MILLIS_PER_DAY))).toThrow(
      new DataError('Kafka Connect Time type should not have any date fields set to non-zero values.'),
    );
    expect(() => ConnectTime.toLogical(ConnectTime.schema(), -1)).toThrow(DataError);
  });
});

describe('ConnectTimestamp', () => {
  const TOTAL_MILLIS = 2_000_000_000 * 2;

  it('builds an INT64 schema named Timestamp, version 1', () => {
    // Act + Assess
    expect(ConnectTimestamp.schema().name).toBe(ConnectTimestamp.LOGICAL_NAME);
    expect(ConnectTimestamp.schema().version).toBe(1);
  });

  it('converts milliseconds since the epoch both ways', () => {
    // Act + Assess
    expect(ConnectTimestamp.fromLogical(ConnectTimestamp.schema(), EPOCH)).toBe(0);
    expect(ConnectTimestamp.fromLogical(ConnectTimestamp.schema(), new Date(TOTAL_MILLIS))).toBe(TOTAL_MILLIS);
    expect(ConnectTimestamp.toLogical(ConnectTimestamp.schema(), 0)).toEqual(EPOCH);
    expect(ConnectTimestamp.toLogical(ConnectTimestamp.schema(), BigInt(TOTAL_MILLIS))).toEqual(new Date(TOTAL_MILLIS));
  });

  it('refuses another schema', () => {
    // Act + Assess
    expect(() => ConnectTimestamp.fromLogical(SchemaBuilder.int64().name('invalid').build(), EPOCH)).toThrow(DataError);
    expect(() => ConnectTimestamp.toLogical(SchemaBuilder.int64().name('invalid').build(), 0)).toThrow(DataError);
  });
});
