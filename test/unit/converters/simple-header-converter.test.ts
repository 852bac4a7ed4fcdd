import { describe, expect, it } from 'vitest';
import {
  keySchemaOrNull,
  type Schema,
  SchemaBuilder,
  Schemas,
  schemaEquals,
  Type,
  valueEquals,
  valueSchemaOrNull,
} from '../../../shared/api';
import { SimpleHeaderConverter } from '../../../shared/converters';

// Cases from Apache Kafka's SimpleHeaderConverterTest (connect/api).

const TOPIC = 'topic';
const HEADER = 'header';
const STRING_MAP = new Map([
  ['foo', '123'],
  ['bar', 'baz'],
]);
const STRING_MAP_SCHEMA = SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build();
const STRING_SHORT_MAP = new Map([
  ['foo', 12345],
  ['bar', 0],
  ['baz', -4321],
]);
const STRING_SHORT_MAP_SCHEMA = SchemaBuilder.map(Schemas.STRING, Schemas.INT16).build();
const STRING_INT_MAP = new Map([
  ['foo', 1234567890],
  ['bar', 0],
  ['baz', -987654321],
]);
const STRING_INT_MAP_SCHEMA = SchemaBuilder.map(Schemas.STRING, Schemas.INT32).build();
const INT_LIST = [1234567890, -987654321];
const INT_LIST_SCHEMA = SchemaBuilder.array(Schemas.INT32).build();
const STRING_LIST = ['foo', 'bar'];
const STRING_LIST_SCHEMA = SchemaBuilder.array(Schemas.STRING).build();

const converter = new SimpleHeaderConverter();
const roundTrip = (schema: Schema | null, value: unknown) =>
  converter.toConnectHeader(TOPIC, HEADER, converter.fromConnectHeader(TOPIC, HEADER, schema, value));

function assertRoundTrip(schema: Schema, value: unknown): void {
  const serialized = converter.fromConnectHeader(TOPIC, HEADER, schema, value);
  const result = converter.toConnectHeader(TOPIC, HEADER, serialized);
  if (value === null) {
    expect(serialized).toBeNull();
    expect(result.schema).toBeNull();
    expect(result.value).toBeNull();
    return;
  }
  expect(serialized).not.toBeNull();
  expect(schemaEquals(result.schema, schema), `${result.schema} should equal ${schema}`).toBe(true);
  expect(valueEquals(result.value, value)).toBe(true);
  const again = converter.toConnectHeader(
    TOPIC,
    HEADER,
    converter.fromConnectHeader(TOPIC, HEADER, result.schema, result.value),
  );
  expect(schemaEquals(again.schema, schema)).toBe(true);
  expect(valueEquals(again.value, value)).toBe(true);
  expect(again.equals(result)).toBe(true);
}

describe('SimpleHeaderConverter', () => {
  it.each([
    ['null', Schemas.STRING, null],
    ['null (optional)', Schemas.OPTIONAL_STRING, null],
    ['a simple string', Schemas.STRING, 'simple'],
    ['an empty string', Schemas.STRING, ''],
    ['a string with quotes and backslashes', Schemas.STRING, 'three"blind\\"mice'],
    ['a string with delimiters', Schemas.STRING, "string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':"],
    ['a map with string keys', STRING_MAP_SCHEMA, STRING_MAP],
    ['a map of string keys and short values', STRING_SHORT_MAP_SCHEMA, STRING_SHORT_MAP],
    ['a map of string keys and integer values', STRING_INT_MAP_SCHEMA, STRING_INT_MAP],
    ['a list of strings', STRING_LIST_SCHEMA, STRING_LIST],
    ['a list of integers', INT_LIST_SCHEMA, INT_LIST],
  ])('round-trips %s', (_what, schema, value) => {
    assertRoundTrip(schema, value);
  });

  it.each([
    ['{"foo":"123","bar":"baz"}', STRING_MAP_SCHEMA, STRING_MAP],
    ['{ "foo" : "123", \n"bar" : "baz" } ', STRING_MAP_SCHEMA, STRING_MAP],
    ['{"foo":12345,"bar":0,"baz":-4321}', STRING_SHORT_MAP_SCHEMA, STRING_SHORT_MAP],
    [' { "foo" :  12345 , "bar" : 0,  "baz" : -4321 }  ', STRING_SHORT_MAP_SCHEMA, STRING_SHORT_MAP],
    ['{"foo":1234567890,"bar":0,"baz":-987654321}', STRING_INT_MAP_SCHEMA, STRING_INT_MAP],
    [' { "foo" :  1234567890 , "bar" : 0,  "baz" : -987654321 }  ', STRING_INT_MAP_SCHEMA, STRING_INT_MAP],
  ])('reads the string %j back as a typed map', (text, schema, expected) => {
    // Act
    const result = roundTrip(Schemas.STRING, text);
    // Assess
    expect(schemaEquals(result.schema, schema)).toBe(true);
    expect(result.value).toEqual(expected);
  });

  it('reads a map of mixed values with a key schema only', () => {
    // Prepare
    const map = new Map<string, unknown>([
      ['foo', 'bar'],
      ['baz', 3456],
    ]);
    // Act
    const result = roundTrip(null, map);
    // Assess
    expect(result.schema?.type).toBe(Type.MAP);
    expect(result.schema?.keySchema().type).toBe(Type.STRING);
    expect(valueSchemaOrNull(result.schema as Schema)).toBeNull();
    expect(result.value).toEqual(map);
  });

  it('reads a list of mixed values without an element schema', () => {
    // Prepare
    const list = ['foo', 13344];
    // Act
    const result = roundTrip(null, list);
    // Assess
    expect(result.schema?.type).toBe(Type.ARRAY);
    expect(valueSchemaOrNull(result.schema as Schema)).toBeNull();
    expect(result.value).toEqual(list);
  });

  it('reads an empty map and an empty list without element schemas', () => {
    // Act
    const map = roundTrip(null, new Map());
    const list = roundTrip(null, []);
    // Assess
    expect(map.schema?.type).toBe(Type.MAP);
    expect(keySchemaOrNull(map.schema as Schema)).toBeNull();
    expect(valueSchemaOrNull(map.schema as Schema)).toBeNull();
    expect(map.value).toEqual(new Map());
    expect(list.schema?.type).toBe(Type.ARRAY);
    expect(valueSchemaOrNull(list.schema as Schema)).toBeNull();
    expect(list.value).toEqual([]);
  });

  it('writes values as their Values text in UTF-8', () => {
    // Act + Assess
    expect(new TextDecoder().decode(converter.fromConnectHeader(TOPIC, HEADER, Schemas.FLOAT64, 1) as Uint8Array)).toBe(
      '1.0',
    );
    expect(
      new TextDecoder().decode(
        converter.fromConnectHeader(TOPIC, HEADER, null, new Date('2019-08-23T00:00:00Z')) as Uint8Array,
      ),
    ).toBe('2019-08-23');
  });

  it('reads null bytes as the null schema and value', () => {
    // Act
    const result = converter.toConnectHeader(TOPIC, HEADER, null);
    // Assess
    expect(result.schema).toBeNull();
    expect(result.value).toBeNull();
  });
});
