import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  type Schema,
  SchemaBuilder,
  Schemas,
  Struct,
  schemaEquals,
  Type,
  valueEquals,
} from '../../../shared/api';
import {
  BooleanConverter,
  ByteArrayConverter,
  DoubleConverter,
  FloatConverter,
  IntegerConverter,
  JsonConverter,
  LongConverter,
  ShortConverter,
  StringConverter,
} from '../../../shared/converters';

const TOPIC = 'topic';
const MILLIS_PER_DAY = 86_400_000;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The INT64 value representation: a number when safe, else a bigint. */
const int64 = (v: bigint) => (v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v);

// ---------------------------------------------------------------------------------------------
// Random schemas, described first (a SchemaBuilder is mutable), then built.

type Shape =
  | { kind: 'primitive'; type: Type }
  | { kind: 'decimal'; scale: number }
  | { kind: 'date' | 'time' | 'timestamp' }
  | { kind: 'array'; element: Description }
  | { kind: 'map'; key: Description; value: Description }
  | { kind: 'struct'; fields: [string, Description][] };

interface Description {
  shape: Shape;
  optional: boolean;
  name: string | null;
  version: number | null;
  doc: string | null;
  parameters: Record<string, string> | null;
}

const PRIMITIVES = [
  Type.INT8,
  Type.INT16,
  Type.INT32,
  Type.INT64,
  Type.FLOAT32,
  Type.FLOAT64,
  Type.BOOLEAN,
  Type.STRING,
  Type.BYTES,
];

const leafShape: fc.Arbitrary<Shape> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PRIMITIVES).map((type): Shape => ({ kind: 'primitive', type })) },
  { weight: 1, arbitrary: fc.integer({ min: -3, max: 12 }).map((scale): Shape => ({ kind: 'decimal', scale })) },
  { weight: 1, arbitrary: fc.constantFrom<Shape>({ kind: 'date' }, { kind: 'time' }, { kind: 'timestamp' }) },
);

function describe_(shape: fc.Arbitrary<Shape>): fc.Arbitrary<Description> {
  return fc.record({
    shape,
    optional: fc.boolean(),
    name: fc.option(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/), { freq: 4 }),
    version: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 4 }),
    doc: fc.option(fc.string({ unit: 'binary', maxLength: 8 }), { freq: 4 }),
    // Not empty: Kafka writes an empty map as "parameters":{} but reads that back as no parameters.
    parameters: fc.option(
      fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 }), { minKeys: 1 }),
      { freq: 4 },
    ),
  });
}

const { description } = fc.letrec<{ description: Description; shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: leafShape },
    { weight: 1, arbitrary: tie('description').map((element): Shape => ({ kind: 'array', element })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          describe_(
            fc
              .constantFrom(Type.STRING, Type.INT32, Type.INT64, Type.BOOLEAN)
              .map((type): Shape => ({ kind: 'primitive', type })),
          ).map((d) => ({ ...d, optional: false })),
          tie('description'),
        )
        .map(([key, value]): Shape => ({ kind: 'map', key, value })),
    },
    {
      weight: 1,
      arbitrary: fc
        .uniqueArray(fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }), tie('description')), {
          maxLength: 4,
          selector: ([name]) => name,
        })
        .map((fields): Shape => ({ kind: 'struct', fields })),
    },
  ),
  description: describe_(tie('shape') as fc.Arbitrary<Shape>),
}));

function builderOf(shape: Shape): SchemaBuilder {
  switch (shape.kind) {
    case 'primitive':
      return SchemaBuilder.type(shape.type);
    case 'decimal':
      return Decimal.builder(shape.scale);
    case 'date':
      return ConnectDate.builder();
    case 'time':
      return ConnectTime.builder();
    case 'timestamp':
      return ConnectTimestamp.builder();
    case 'array':
      return SchemaBuilder.array(build(shape.element));
    case 'map':
      return SchemaBuilder.map(build(shape.key), build(shape.value));
    case 'struct': {
      const builder = SchemaBuilder.struct();
      for (const [name, field] of shape.fields) builder.field(name, build(field));
      return builder;
    }
  }
}

function build(d: Description): Schema {
  const builder = builderOf(d.shape);
  const logical = builder.build().name !== null;
  if (d.optional) builder.optional();
  if (!logical) {
    if (d.name !== null) builder.name(d.name);
    if (d.version !== null) builder.version(d.version);
    if (d.parameters !== null) builder.parameters(d.parameters);
  }
  if (d.doc !== null) builder.doc(d.doc);
  return builder.build();
}

// ---------------------------------------------------------------------------------------------
// Values that fit a schema.

function fittingValue(schema: Schema): fc.Arbitrary<unknown> {
  const value = nonNullValueOf(schema);
  return schema.optional && schema.defaultValue === null ? fc.option(value, { freq: 5 }) : value;
}

function nonNullValueOf(schema: Schema): fc.Arbitrary<unknown> {
  switch (schema.name) {
    case Decimal.LOGICAL_NAME: {
      const scale = Number(schema.parameters?.scale);
      return fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((unscaled) => new BigDecimal(unscaled, scale));
    }
    case ConnectDate.LOGICAL_NAME:
      return fc.integer({ min: -100_000, max: 100_000 }).map((days) => new Date(days * MILLIS_PER_DAY));
    case ConnectTime.LOGICAL_NAME:
      return fc.integer({ min: 0, max: MILLIS_PER_DAY - 1 }).map((millis) => new Date(millis));
    case ConnectTimestamp.LOGICAL_NAME:
      return fc.integer({ min: -8_640_000_000_000, max: 8_640_000_000_000 }).map((millis) => new Date(millis));
  }
  switch (schema.type) {
    case Type.INT8:
      return fc.integer({ min: -128, max: 127 });
    case Type.INT16:
      return fc.integer({ min: -32768, max: 32767 });
    case Type.INT32:
      return fc.integer({ min: -2147483648, max: 2147483647 });
    case Type.INT64:
      return fc.bigInt({ min: INT64_MIN, max: INT64_MAX }).map(int64);
    // Finite only: Jackson writes NaN and the infinities as strings, which Kafka reads back as 0.0.
    // No -0: Jackson writes -0.0, but Kafka reads numbers through BigDecimal, which has no negative zero.
    case Type.FLOAT32:
      return fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
    case Type.FLOAT64:
      return fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
    case Type.BOOLEAN:
      return fc.boolean();
    case Type.STRING:
      return fc.string({ unit: 'binary', maxLength: 12 });
    case Type.BYTES:
      return fc.uint8Array({ maxLength: 12 });
    case Type.ARRAY:
      return fc.array(fittingValue(schema.valueSchema()), { maxLength: 4 });
    case Type.MAP:
      return fc
        .array(fc.tuple(nonNullValueOf(schema.keySchema()), fittingValue(schema.valueSchema())), { maxLength: 4 })
        .map((entries) => new Map(entries));
    case Type.STRUCT:
      return fc.tuple(...schema.fields().map((f) => fittingValue(f.schema))).map((values) => {
        const struct = new Struct(schema);
        for (const [i, f] of schema.fields().entries()) struct.put(f, values[i]);
        return struct;
      });
  }
}

const schemaAndValue = description
  .map(build)
  .chain((schema) => fittingValue(schema).map((value) => ({ schema, value })))
  .filter(({ schema, value }) => !(value === null && !schema.optional));

function jsonConverter(configs: Record<string, unknown>): JsonConverter {
  const converter = new JsonConverter();
  converter.configure(configs, false);
  return converter;
}

describe('JsonConverter round trips (property)', () => {
  it.each([
    ['BASE64 decimals', { 'decimal.format': 'BASE64' }],
    ['NUMERIC decimals', { 'decimal.format': 'NUMERIC' }],
  ])('gives back an equal schema and value for any schema and fitting value, with %s', (_what, configs) => {
    // Prepare
    const converter = jsonConverter(configs);
    fc.assert(
      fc.property(schemaAndValue, ({ schema, value }) => {
        // Act
        const bytes = converter.fromConnectData(TOPIC, schema, value);
        const back = converter.toConnectData(TOPIC, bytes);
        const again = converter.fromConnectData(TOPIC, back.schema, back.value);
        // Assess
        expect(schemaEquals(back.schema, schema), `schema ${back.schema} vs ${schema}`).toBe(true);
        expect(valueEquals(back.value, value), `value ${String(back.value)} vs ${String(value)}`).toBe(true);
        expect(again).toEqual(bytes);
      }),
      { numRuns: 400 },
    );
  });

  it('gives back an equal value for any schemaless JSON-like value, with schemas disabled', () => {
    // Prepare
    const converter = jsonConverter({ 'schemas.enable': false });
    const { json } = fc.letrec<{ json: unknown }>((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.boolean(),
        fc.constant(null),
        fc.maxSafeInteger(),
        fc.bigInt({ min: INT64_MIN, max: INT64_MAX }).map(int64),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.array(tie('json'), { maxLength: 4 }),
        fc
          .array(fc.tuple(fc.string({ unit: 'binary', maxLength: 6 }), tie('json')), { maxLength: 4 })
          .map((entries) => new Map(entries)),
      ),
    }));
    fc.assert(
      fc.property(json, (value) => {
        // Act
        const back = converter.toConnectData(TOPIC, converter.fromConnectData(TOPIC, null, value));
        // Assess
        expect(back.schema).toBeNull();
        expect(valueEquals(back.value, value), `${String(back.value)} vs ${String(value)}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('Simple converters round trips (property)', () => {
  const cases: [
    string,
    () => { fromConnectData: JsonConverter['fromConnectData']; toConnectData: JsonConverter['toConnectData'] },
    fc.Arbitrary<unknown>,
  ][] = [
    ['IntegerConverter', () => new IntegerConverter(), fc.integer({ min: -2147483648, max: 2147483647 })],
    ['ShortConverter', () => new ShortConverter(), fc.integer({ min: -32768, max: 32767 })],
    ['LongConverter', () => new LongConverter(), fc.bigInt({ min: INT64_MIN, max: INT64_MAX }).map(int64)],
    ['FloatConverter', () => new FloatConverter(), fc.float()],
    ['DoubleConverter', () => new DoubleConverter(), fc.double()],
    ['BooleanConverter', () => new BooleanConverter(), fc.boolean()],
    ['StringConverter', () => new StringConverter(), fc.string({ unit: 'grapheme' })],
    ['ByteArrayConverter', () => new ByteArrayConverter(), fc.uint8Array()],
  ];

  it.each(cases)('%s gives back any value of its type', (_name, make, values) => {
    // Prepare
    const converter = make();
    fc.assert(
      fc.property(values, (value) => {
        // Act
        const back = converter.toConnectData(TOPIC, converter.fromConnectData(TOPIC, null, value));
        // Assess
        expect(Object.is(back.value, value) || valueEquals(back.value, value)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('StringConverter keeps the schema OPTIONAL_STRING for any text', () => {
    // Prepare
    const converter = new StringConverter();
    fc.assert(
      fc.property(fc.string(), (text) => {
        // Act + Assess
        expect(converter.toConnectData(TOPIC, converter.fromConnectData(TOPIC, Schemas.STRING, text)).schema).toBe(
          Schemas.OPTIONAL_STRING,
        );
      }),
      { numRuns: 50 },
    );
  });
});
