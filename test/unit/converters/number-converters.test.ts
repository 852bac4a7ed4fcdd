import { describe, expect, it } from 'vitest';
import { DataError, type Schema, Schemas } from '../../../shared/api';
import {
  BooleanConverter,
  DoubleConverter,
  FloatConverter,
  IntegerConverter,
  LongConverter,
  ShortConverter,
} from '../../../shared/converters';

// Cases from Apache Kafka's NumberConverterTest and its Integer/Long/Short/Float/Double subclasses,
// and BooleanConverterTest (connect/runtime). Expected bytes are Kafka's serializers' (big-endian).

const TOPIC = 'topic';
const HEADER_NAME = 'header';

function bytes(size: number, write: (view: DataView) => void): Uint8Array {
  const out = new Uint8Array(size);
  write(new DataView(out.buffer));
  return out;
}

type NumberConverterClass =
  | typeof IntegerConverter
  | typeof LongConverter
  | typeof ShortConverter
  | typeof FloatConverter
  | typeof DoubleConverter;

const CASES: [string, NumberConverterClass, Schema, (number | bigint)[], (v: number | bigint) => Uint8Array][] = [
  [
    'IntegerConverter',
    IntegerConverter,
    Schemas.OPTIONAL_INT32,
    [-2147483648, 1234, 2147483647],
    (v) => bytes(4, (d) => d.setInt32(0, Number(v))),
  ],
  [
    'LongConverter',
    LongConverter,
    Schemas.OPTIONAL_INT64,
    [-9223372036854775808n, 1234, 9223372036854775807n],
    (v) => bytes(8, (d) => d.setBigInt64(0, BigInt(v))),
  ],
  [
    'ShortConverter',
    ShortConverter,
    Schemas.OPTIONAL_INT16,
    [-32768, 123, 32767],
    (v) => bytes(2, (d) => d.setInt16(0, Number(v))),
  ],
  [
    'FloatConverter',
    FloatConverter,
    Schemas.OPTIONAL_FLOAT32,
    [1.401298464324817e-45, Math.fround(1234.31), 3.4028234663852886e38],
    (v) => bytes(4, (d) => d.setFloat32(0, Number(v))),
  ],
  [
    'DoubleConverter',
    DoubleConverter,
    Schemas.OPTIONAL_FLOAT64,
    [Number.MIN_VALUE, 1234.31, Number.MAX_VALUE],
    (v) => bytes(8, (d) => d.setFloat64(0, Number(v))),
  ],
];

describe.each(CASES)('%s', (_name, ConverterClass, schema, samples, serialize) => {
  it('converts its samples to Kafka’s serializer bytes and back, as data and as headers', () => {
    // Prepare
    const converter = new ConverterClass();
    converter.configure({}, false);
    for (const sample of samples) {
      const expected = serialize(sample);
      // Act
      const written = converter.fromConnectData(TOPIC, schema, sample);
      const read = converter.toConnectData(TOPIC, expected);
      const headerWritten = converter.fromConnectHeader(TOPIC, HEADER_NAME, schema, sample);
      const headerRead = converter.toConnectHeader(TOPIC, HEADER_NAME, expected);
      // Assess
      expect(written).toEqual(expected);
      expect(read.schema).toBe(schema);
      expect(read.value).toBe(sample);
      expect(headerWritten).toEqual(expected);
      expect(headerRead.value).toBe(sample);
    }
  });

  it('refuses data and headers with too many bytes', () => {
    // Prepare
    const converter = new ConverterClass();
    // Act + Assess
    expect(() => converter.toConnectData(TOPIC, new Uint8Array(10))).toThrow(DataError);
    expect(() => converter.toConnectHeader(TOPIC, HEADER_NAME, new Uint8Array(10))).toThrow(DataError);
  });

  it('refuses a value that is not a number', () => {
    // Prepare
    const converter = new ConverterClass();
    // Act + Assess
    expect(() => converter.fromConnectData(TOPIC, schema, 'not a valid number')).toThrow(DataError);
    expect(() => converter.fromConnectHeader(TOPIC, HEADER_NAME, schema, 'not a valid number')).toThrow(DataError);
  });

  it('writes null as null and reads null as a null value of its schema', () => {
    // Prepare
    const converter = new ConverterClass();
    // Act
    const read = converter.toConnectData(TOPIC, null);
    // Assess
    expect(converter.fromConnectData(TOPIC, schema, null)).toBeNull();
    expect(read.schema).toBe(schema);
    expect(read.value).toBeNull();
  });
});

describe('Integer number converters', () => {
  it.each([
    [new IntegerConverter(), 2147483648, 'Failed to serialize to integer (was class java.lang.Long): '],
    [new ShortConverter(), 1.5, 'Failed to serialize to short (was class java.lang.Double): '],
  ])('refuse a number outside their Java type, naming the class it stands for', (converter, value, message) => {
    // Act + Assess
    expect(() => converter.fromConnectData(TOPIC, null, value)).toThrow(new DataError(message));
  });

  it('name the size Kafka’s deserializer expected', () => {
    // Act + Assess
    expect(() => new IntegerConverter().toConnectData(TOPIC, new Uint8Array(3))).toThrow(
      expect.objectContaining({
        message: 'Failed to deserialize integer: ',
        cause: expect.objectContaining({ message: 'Size of data received by IntegerDeserializer is not 4' }),
      }),
    );
  });
});

describe('BooleanConverter', () => {
  const TRUE = Uint8Array.of(0x01);
  const FALSE = Uint8Array.of(0x00);

  function converter(): BooleanConverter {
    const c = new BooleanConverter();
    c.configure({}, false);
    return c;
  }

  it('writes true and false as one byte, with a BOOLEAN schema or none', () => {
    // Act + Assess
    expect(converter().fromConnectData(TOPIC, Schemas.BOOLEAN, true)).toEqual(TRUE);
    expect(converter().fromConnectData(TOPIC, Schemas.BOOLEAN, false)).toEqual(FALSE);
    expect(converter().fromConnectData(TOPIC, null, true)).toEqual(TRUE);
    expect(converter().fromConnectData(TOPIC, null, false)).toEqual(FALSE);
  });

  it('refuses another schema and a value that is not a boolean', () => {
    // Act + Assess
    expect(() => converter().fromConnectData(TOPIC, Schemas.INT32, false)).toThrow(
      new DataError('Invalid schema type for BooleanConverter: INT32'),
    );
    expect(() => converter().fromConnectData(TOPIC, Schemas.BOOLEAN, 'true')).toThrow(
      new DataError('BooleanConverter is not compatible with objects of type class java.lang.String'),
    );
  });

  it('writes null as null', () => {
    // Act + Assess
    expect(converter().fromConnectData(TOPIC, Schemas.BOOLEAN, null)).toBeNull();
  });

  it('reads one byte as an OPTIONAL_BOOLEAN, and null as a null value', () => {
    // Act + Assess
    expect(converter().toConnectData(TOPIC, TRUE).schema).toBe(Schemas.OPTIONAL_BOOLEAN);
    expect(converter().toConnectData(TOPIC, TRUE).value).toBe(true);
    expect(converter().toConnectData(TOPIC, FALSE).value).toBe(false);
    expect(converter().toConnectData(TOPIC, null).schema).toBe(Schemas.OPTIONAL_BOOLEAN);
    expect(converter().toConnectData(TOPIC, null).value).toBeNull();
  });

  it('refuses bytes that are not one 0x00 or 0x01', () => {
    // Act + Assess
    expect(() => converter().toConnectData(TOPIC, new Uint8Array(Buffer.from('42')))).toThrow(DataError);
    expect(() => converter().toConnectData(TOPIC, Uint8Array.of(0xff))).toThrow(
      expect.objectContaining({
        cause: expect.objectContaining({ message: 'Unexpected byte received by BooleanDeserializer: -1' }),
      }),
    );
  });
});
