import { describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConfigError,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  MILLIS_PER_DAY,
  SchemaBuilder,
  Schemas,
  SinkRecord,
  Struct,
} from '../../../shared/api';
import { MaskFieldKey, MaskFieldValue } from '../../../shared/transforms';
import { expectValue } from './support';

const SCHEMA = SchemaBuilder.struct()
  .field('magic', Schemas.INT32)
  .field('bool', Schemas.BOOLEAN)
  .field('byte', Schemas.INT8)
  .field('short', Schemas.INT16)
  .field('int', Schemas.INT32)
  .field('long', Schemas.INT64)
  .field('float', Schemas.FLOAT32)
  .field('double', Schemas.FLOAT64)
  .field('string', Schemas.STRING)
  .field('date', ConnectDate.schema())
  .field('time', ConnectTime.schema())
  .field('timestamp', ConnectTimestamp.schema())
  .field('decimal', Decimal.schema(0))
  .field('array', SchemaBuilder.array(Schemas.INT32))
  .field('map', SchemaBuilder.map(Schemas.STRING, Schemas.STRING))
  .field('withDefault', SchemaBuilder.string().optional().defaultValue('default').build())
  .build();

const today = new Date(Math.floor(Date.now() / MILLIS_PER_DAY) * MILLIS_PER_DAY);

/** Kafka's schemaless VALUES; JS has one number type, so "float" and "double" hold fractions to read as Doubles. */
function values(): Map<string, unknown> {
  return new Map<string, unknown>([
    ['magic', 42],
    ['bool', true],
    ['byte', 42],
    ['short', 42],
    ['int', 42],
    ['long', 42],
    ['float', 42.5],
    ['double', 42.5],
    ['string', '55.121.20.20'],
    ['date', new Date()],
    ['bigint', 42n],
    ['bigdec', BigDecimal.parse('42.0')],
    ['list', [42]],
    ['map', new Map([['key', 'value']])],
  ]);
}

function valuesWithSchema(): Struct {
  return new Struct(SCHEMA)
    .put('magic', 42)
    .put('bool', true)
    .put('byte', 42)
    .put('short', 42)
    .put('int', 42)
    .put('long', 42)
    .put('float', 42)
    .put('double', 42)
    .put('string', 'hmm')
    .put('date', today)
    .put('time', new Date(1000))
    .put('timestamp', new Date())
    .put('decimal', new BigDecimal(42n, 0))
    .put('array', [1, 2, 3])
    .put('map', new Map([['what', 'what']]))
    .put('withDefault', null);
}

function transform(fields: string[], replacement: string | null): MaskFieldValue<SinkRecord> {
  const xform = new MaskFieldValue<SinkRecord>();
  xform.configure({ fields, replacement, 'replace.null.with.default': false });
  return xform;
}

function record(schema: typeof SCHEMA | null, value: unknown): SinkRecord {
  return new SinkRecord({ topic: '', kafkaPartition: 0, kafkaOffset: 0, valueSchema: schema, value });
}

function maskedWithSchema(field: string, replacement: string): unknown {
  return (transform([field], replacement).apply(record(SCHEMA, valuesWithSchema()))!.value as Struct).get(field);
}

function maskedSchemaless(fields: string[], replacement: string): Map<string, unknown> {
  return transform(fields, replacement).apply(record(null, values()))!.value as Map<string, unknown>;
}

describe('MaskField', () => {
  it('is registered under Kafka class names', () => {
    // Assess
    expect(MaskFieldKey.className).toBe('org.apache.kafka.connect.transforms.MaskField$Key');
    expect(MaskFieldValue.className).toBe('org.apache.kafka.connect.transforms.MaskField$Value');
    expect(new MaskFieldValue().version()).toBe('3.9.0');
  });

  it('masks schemaless fields with their type null value', () => {
    // Prepare
    const fields = [...values().keys()].filter((f) => f !== 'magic');
    // Act
    const updated = transform(fields, null).apply(record(null, values()))!.value as Map<string, unknown>;
    // Assess
    expect(updated.get('magic')).toBe(42);
    expect(updated.get('bool')).toBe(false);
    expect(updated.get('byte')).toBe(0);
    expect(updated.get('short')).toBe(0);
    expect(updated.get('int')).toBe(0);
    expect(updated.get('long')).toBe(0);
    expect(updated.get('float')).toBe(0);
    expect(updated.get('double')).toBe(0);
    expect(updated.get('string')).toBe('');
    expect(updated.get('date')).toEqual(new Date(0));
    expect(updated.get('bigint')).toBe(0);
    expectValue(updated.get('bigdec'), new BigDecimal(0n, 0));
    expect(updated.get('list')).toEqual([]);
    expect(updated.get('map')).toEqual(new Map());
  });

  it('masks Struct fields with their type null value', () => {
    // Prepare
    const fields = SCHEMA.fields()
      .map((f) => f.name)
      .filter((f) => f !== 'magic');
    // Act
    const updated = transform(fields, null).apply(record(SCHEMA, valuesWithSchema()))!.value as Struct;
    // Assess
    expect(updated.get('magic')).toBe(42);
    expect(updated.get('bool')).toBe(false);
    expect(updated.get('byte')).toBe(0);
    expect(updated.get('short')).toBe(0);
    expect(updated.get('int')).toBe(0);
    expect(updated.get('long')).toBe(0);
    expect(updated.get('float')).toBe(0);
    expect(updated.get('double')).toBe(0);
    expect(updated.get('string')).toBe('');
    expect(updated.get('date')).toEqual(new Date(0));
    expect(updated.get('time')).toEqual(new Date(0));
    expect(updated.get('timestamp')).toEqual(new Date(0));
    expectValue(updated.get('decimal'), new BigDecimal(0n, 0));
    expect(updated.get('array')).toEqual([]);
    expect(updated.get('map')).toEqual(new Map());
    expect(updated.getWithoutDefault('withDefault')).toBeNull();
  });

  it('masks schemaless fields with a replacement converted to their type', () => {
    // Assess
    expect(maskedSchemaless(['short'], '123').get('short')).toBe(123);
    expect(maskedSchemaless(['byte'], '123').get('byte')).toBe(123);
    expect(maskedSchemaless(['int'], '123').get('int')).toBe(123);
    expect(maskedSchemaless(['long'], '123').get('long')).toBe(123);
    expect(maskedSchemaless(['float'], '123.0').get('float')).toBe(123);
    expect(maskedSchemaless(['double'], '123.0').get('double')).toBe(123);
    expect(maskedSchemaless(['string'], '123').get('string')).toBe('123');
    expect(maskedSchemaless(['bigint'], '123').get('bigint')).toBe(123);
    expectValue(maskedSchemaless(['bigdec'], '123.0').get('bigdec'), BigDecimal.parse('123.0'));
  });

  it('refuses a replacement for schemaless types that have none', () => {
    // Assess
    for (const field of ['date', 'bool', 'list', 'map']) {
      expect(() => maskedSchemaless([field], 'x')).toThrow(DataError);
    }
    expect(() => maskedSchemaless(['int', 'date'], '1')).toThrow(
      'Cannot mask value of type class java.util.Date with custom replacement.',
    );
    expect(() => maskedSchemaless(['bool'], 'false')).toThrow(
      'Cannot mask value of type class java.lang.Boolean with custom replacement.',
    );
  });

  it('masks Struct fields with a replacement converted to the field type', () => {
    // Assess
    expect(maskedWithSchema('short', '123')).toBe(123);
    expect(maskedWithSchema('byte', '123')).toBe(123);
    expect(maskedWithSchema('int', '123')).toBe(123);
    expect(maskedWithSchema('long', '123')).toBe(123);
    expect(maskedWithSchema('float', '123.0')).toBe(123);
    expect(maskedWithSchema('double', '123.0')).toBe(123);
    expect(maskedWithSchema('string', '123')).toBe('123');
    expectValue(maskedWithSchema('decimal', '123.0'), BigDecimal.parse('123.0'));
  });

  it('refuses a replacement for Struct fields of types that have none', () => {
    // Assess
    expect(() => maskedWithSchema('time', 'x')).toThrow('Cannot mask value of type class java.util.Date');
    expect(() => maskedWithSchema('timestamp', 'x')).toThrow(DataError);
    expect(() => maskedWithSchema('array', '123')).toThrow(
      'Cannot mask value of type class java.util.ArrayList with custom replacement.',
    );
  });

  it('fails when the replacement does not convert to the field type', () => {
    // Assess
    for (const field of ['byte', 'short', 'int', 'long', 'float', 'double', 'bigint', 'bigdec']) {
      expect(() => maskedSchemaless([field], 'foo')).toThrow(DataError);
    }
    expect(() => maskedSchemaless(['bigdec'], 'foo')).toThrow(
      'Unable to convert foo (class java.lang.String) to number',
    );
    expect(() => maskedSchemaless(['string', 'int'], 'foo')).toThrow(DataError);
  });

  it('rejects an empty replacement', () => {
    // Act
    const act = () => transform(['short'], '');
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('Invalid value  for configuration replacement: String must be non-empty');
  });

  it('gives empty lists and maps that can be changed afterwards', () => {
    // Act
    const updated = transform(['array', 'map'], null).apply(record(SCHEMA, valuesWithSchema()))!.value as Struct;
    const list = updated.get('array') as number[];
    const map = updated.get('map') as Map<string, string>;
    list.push(0);
    map.set('k', 'v');
    // Assess
    expect(list).toEqual([0]);
    expect(map).toEqual(new Map([['k', 'v']]));
  });

  it('keeps null fields null', () => {
    // Prepare
    const schema = SchemaBuilder.struct().field('opt', Schemas.OPTIONAL_STRING).build();
    // Act
    const updated = transform(['opt'], null).apply(record(schema, new Struct(schema)))!.value as Struct;
    // Assess
    expect(updated.get('opt')).toBeNull();
  });

  it('refuses a null record value instead of passing it through', () => {
    // Act
    const act = () => transform(['a'], null).apply(record(null, null));
    // Assess
    expect(act).toThrow('Only Map objects supported in absence of schema for [mask fields], found: null');
  });

  it('refuses to mask bytes', () => {
    // Prepare
    const schema = SchemaBuilder.struct().field('b', Schemas.BYTES).build();
    // Act
    const act = () => transform(['b'], null).apply(record(schema, new Struct(schema).put('b', Uint8Array.of(1))));
    // Assess
    expect(act).toThrow(new DataError('Cannot mask value of type: class [B'));
  });
});
