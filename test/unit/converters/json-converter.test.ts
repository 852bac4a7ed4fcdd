import { beforeEach, describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConfigError,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  type Schema,
  SchemaAndValue,
  SchemaBuilder,
  Schemas,
  Struct,
  schemaEquals,
  Values,
  valueEquals,
} from '../../../shared/api';
import { JsonConverter } from '../../../shared/converters';

// Inputs and expected values follow Apache Kafka's JsonConverterTest (connect/json). Kafka compares
// parsed JSON trees; these tests compare the exact bytes Kafka's JsonConverter (Jackson) writes:
// schema members in asJsonSchema's order, "field" last in each struct field, no whitespace.

const TOPIC = 'topic';
const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

function converterWith(configs: Record<string, unknown> = {}, isKey = false): JsonConverter {
  const converter = new JsonConverter();
  converter.configure(configs, isKey);
  return converter;
}

function expectSchemaAndValue(actual: SchemaAndValue, schema: Schema | null, value: unknown): void {
  expect(schemaEquals(actual.schema, schema), `schema ${actual.schema} should equal ${schema}`).toBe(true);
  expect(valueEquals(actual.value, value), `value ${String(actual.value)} should equal ${String(value)}`).toBe(true);
}

describe('JsonConverter (to Connect)', () => {
  let converter: JsonConverter;
  beforeEach(() => {
    converter = converterWith();
  });

  const read = (json: string) => converter.toConnectData(TOPIC, encode(json));

  it('translates the schema metadata: optional, default, name, version, doc and parameters', () => {
    // Act
    const plain = read('{ "schema": { "type": "boolean" }, "payload": true }');
    const optional = read('{ "schema": { "type": "boolean", "optional": true }, "payload": null }');
    const withDefault = read('{ "schema": { "type": "boolean", "default": true }, "payload": null }');
    const described = read(
      '{ "schema": { "type": "boolean", "optional": false, "name": "bool", "version": 2, "doc": "the documentation", "parameters": { "foo": "bar" }}, "payload": true }',
    );
    // Assess
    expectSchemaAndValue(plain, Schemas.BOOLEAN, true);
    expectSchemaAndValue(optional, Schemas.OPTIONAL_BOOLEAN, null);
    expectSchemaAndValue(withDefault, SchemaBuilder.bool().defaultValue(true).build(), true);
    expectSchemaAndValue(
      described,
      SchemaBuilder.bool().required().name('bool').version(2).doc('the documentation').parameter('foo', 'bar').build(),
      true,
    );
  });

  it.each([
    ['boolean', 'true', Schemas.BOOLEAN, true],
    ['boolean', 'false', Schemas.BOOLEAN, false],
    ['int8', '12', Schemas.INT8, 12],
    ['int16', '12', Schemas.INT16, 12],
    ['int32', '12', Schemas.INT32, 12],
    ['int64', '12', Schemas.INT64, 12],
    ['int64', '4398046511104', Schemas.INT64, 4398046511104],
    ['int8', '0012', Schemas.INT8, 12],
    ['int16', '000123', Schemas.INT16, 123],
    ['int32', '000012345', Schemas.INT32, 12345],
    ['int64', '00000123456789', Schemas.INT64, 123456789],
    ['float', '12.34', Schemas.FLOAT32, Math.fround(12.34)],
    ['double', '12.34', Schemas.FLOAT64, 12.34],
    ['string', '"foo-bar-baz"', Schemas.STRING, 'foo-bar-baz'],
  ])('reads a %s payload %s', (type, payload, schema, value) => {
    // Act
    const result = read(`{ "schema": { "type": "${type}" }, "payload": ${payload} }`);
    // Assess
    expectSchemaAndValue(result, schema, value);
  });

  it('reads INT64 values beyond 2^53 without losing digits', () => {
    // Act
    const result = read('{"schema":{"type":"int64","optional":false},"payload":9223372036854775807}');
    // Assess
    expectSchemaAndValue(result, Schemas.INT64, 9223372036854775807n);
  });

  it('reads base64 bytes', () => {
    // Act
    const result = read('{ "schema": { "type": "bytes" }, "payload": "dGVzdC1zdHJpbmc=" }');
    // Assess
    expect(result.value).toEqual(new Uint8Array(Buffer.from('test-string')));
  });

  it('reads an array', () => {
    // Act
    const result = read('{ "schema": { "type": "array", "items": { "type" : "int32" } }, "payload": [1, 2, 3] }');
    // Assess
    expectSchemaAndValue(result, SchemaBuilder.array(Schemas.INT32).build(), [1, 2, 3]);
  });

  it('reads a map with string keys from a JSON object', () => {
    // Act
    const result = read(
      '{ "schema": { "type": "map", "keys": { "type" : "string" }, "values": { "type" : "int32" } }, "payload": { "key1": 12, "key2": 15} }',
    );
    // Assess
    expectSchemaAndValue(
      result,
      SchemaBuilder.map(Schemas.STRING, Schemas.INT32).build(),
      new Map([
        ['key1', 12],
        ['key2', 15],
      ]),
    );
  });

  it('reads a map with other keys from an array of pairs', () => {
    // Act
    const result = read(
      '{ "schema": { "type": "map", "keys": { "type" : "int32" }, "values": { "type" : "int32" } }, "payload": [ [1, 12], [2, 15] ] }',
    );
    // Assess
    expectSchemaAndValue(
      result,
      SchemaBuilder.map(Schemas.INT32, Schemas.INT32).build(),
      new Map([
        [1, 12],
        [2, 15],
      ]),
    );
  });

  it('reads a struct', () => {
    // Prepare
    const schema = SchemaBuilder.struct().field('field1', Schemas.BOOLEAN).field('field2', Schemas.STRING).build();
    // Act
    const result = read(
      '{ "schema": { "type": "struct", "fields": [{ "field": "field1", "type": "boolean" }, { "field": "field2", "type": "string" }] }, "payload": { "field1": true, "field2": "string" } }',
    );
    // Assess
    expectSchemaAndValue(result, schema, new Struct(schema).put('field1', true).put('field2', 'string'));
  });

  it('reads a struct whose optional field is missing', () => {
    // Prepare
    const schema = SchemaBuilder.struct()
      .field('optional', Schemas.OPTIONAL_STRING)
      .field('required', Schemas.STRING)
      .build();
    // Act
    const result = read(
      '{ "schema": { "type": "struct", "fields": [{ "field":"optional", "type": "string", "optional": true }, {  "field": "required", "type": "string" }] }, "payload": { "required": "required" } }',
    );
    // Assess
    expectSchemaAndValue(result, schema, new Struct(schema).put('required', 'required'));
  });

  it('reads null bytes (a tombstone) as the null schema and value', () => {
    // Act
    const result = converter.toConnectData(TOPIC, null);
    // Assess
    expect(result).toBe(SchemaAndValue.NULL);
  });

  it('reads empty bytes as the null schema and value when schemas are disabled', () => {
    // Prepare
    const schemaless = converterWith({ 'schemas.enable': false }, true);
    // Act
    const result = schemaless.toConnectData(TOPIC, encode(''));
    // Assess
    expect(result).toBe(SchemaAndValue.NULL);
  });

  it('reads a schemaless object as a map, empty strings and nulls kept', () => {
    // Prepare
    const schemaless = converterWith({ 'schemas.enable': false }, true);
    // Act
    const result = schemaless.toConnectData(TOPIC, encode('{ "a": "", "b": null}'));
    // Assess
    expectSchemaAndValue(
      result,
      null,
      new Map<string, unknown>([
        ['a', ''],
        ['b', null],
      ]),
    );
  });

  it('reads values with a null schema: integers as INT64, other numbers as FLOAT64, objects as maps', () => {
    // Act + Assess
    expect(read('{ "schema": null, "payload": null }')).toBe(SchemaAndValue.NULL);
    expectSchemaAndValue(read('{ "schema": null, "payload": true }'), null, true);
    expectSchemaAndValue(read('{ "schema": null, "payload": 12 }'), null, 12);
    expectSchemaAndValue(read('{ "schema": null, "payload": 12.24 }'), null, 12.24);
    expectSchemaAndValue(read('{ "schema": null, "payload": "a string" }'), null, 'a string');
    expectSchemaAndValue(read('{ "schema": null, "payload": [1, "2", 3] }'), null, [1, '2', 3]);
    expectSchemaAndValue(
      read('{ "schema": null, "payload": { "field1": 1, "field2": 2} }'),
      null,
      new Map([
        ['field1', 1],
        ['field2', 2],
      ]),
    );
  });

  const DECIMAL_SCHEMA_JSON =
    '"type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": { "scale": "2" }';
  const REFERENCE = new BigDecimal(156n, 2);

  it('reads a base64 decimal', () => {
    // Act
    const result = read(`{ "schema": { ${DECIMAL_SCHEMA_JSON} }, "payload": "AJw=" }`);
    // Assess
    expectSchemaAndValue(result, Decimal.schema(2), REFERENCE);
  });

  it('reads an optional null decimal', () => {
    // Act
    const result = read(`{ "schema": { ${DECIMAL_SCHEMA_JSON}, "optional": true }, "payload": null }`);
    // Assess
    expectSchemaAndValue(result, Decimal.builder(2).optional().build(), null);
  });

  it.each([
    ['required', '', Decimal.builder(2).defaultValue(REFERENCE).build()],
    ['optional', '"optional": true, ', Decimal.builder(2).optional().defaultValue(REFERENCE).build()],
  ])('reads a null %s decimal as its default', (_what, optional, schema) => {
    // Act
    const result = read(`{ "schema": { ${optional}${DECIMAL_SCHEMA_JSON}, "default": "AJw=" }, "payload": null }`);
    // Assess
    expectSchemaAndValue(result, schema, REFERENCE);
  });

  it.each([
    ['1.56', 2, new BigDecimal(156n, 2)],
    ['1.5600', 4, new BigDecimal(15600n, 4)],
    ['1.23456789123456789', 17, BigDecimal.parse('1.23456789123456789')],
  ])('reads the numeric decimal %s exactly, scale kept', (payload, scale, expected) => {
    // Act
    const result = read(
      `{ "schema": { "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": { "scale": "${scale}" } }, "payload": ${payload} }`,
    );
    // Assess
    expectSchemaAndValue(result, Decimal.schema(scale), expected);
    expect((result.value as BigDecimal).scale).toBe(scale);
  });

  const logical = (name: string, type: string, extra: string, payload: string) =>
    read(
      `{ "schema": { "type": "${type}", "name": "org.apache.kafka.connect.data.${name}", "version": 1${extra} }, "payload": ${payload} }`,
    );

  it('reads Date, Time and Timestamp values', () => {
    // Act
    const date = logical('Date', 'int32', '', '10000');
    const time = logical('Time', 'int32', '', '14400000');
    const timestamp = logical('Timestamp', 'int64', '', '4000000000');
    // Assess
    expectSchemaAndValue(date, ConnectDate.schema(), new Date(10000 * 86_400_000));
    expectSchemaAndValue(time, ConnectTime.schema(), new Date(14_400_000));
    expectSchemaAndValue(timestamp, ConnectTimestamp.schema(), new Date(4_000_000_000));
  });

  it('reads optional null Date, Time and Timestamp values as null', () => {
    // Act
    const date = logical('Date', 'int32', ', "optional": true', 'null');
    const time = logical('Time', 'int32', ', "optional": true', 'null');
    const timestamp = logical('Timestamp', 'int64', ', "optional": true', 'null');
    // Assess
    expectSchemaAndValue(date, ConnectDate.builder().optional().build(), null);
    expectSchemaAndValue(time, ConnectTime.builder().optional().build(), null);
    expectSchemaAndValue(timestamp, ConnectTimestamp.builder().optional().build(), null);
  });

  it.each([
    ['', (b: SchemaBuilder) => b],
    [', "optional": true', (b: SchemaBuilder) => b.optional()],
  ])('reads null Date, Time and Timestamp values as their defaults (%s)', (extra, shape) => {
    // Act
    const date = logical('Date', 'int32', `${extra}, "default": 0`, 'null');
    const time = logical('Time', 'int32', `${extra}, "default": 0`, 'null');
    const timestamp = logical('Timestamp', 'int64', `${extra}, "default": 42`, 'null');
    // Assess
    expectSchemaAndValue(date, shape(ConnectDate.builder()).defaultValue(new Date(0)).build(), new Date(0));
    expectSchemaAndValue(time, shape(ConnectTime.builder()).defaultValue(new Date(0)).build(), new Date(0));
    expectSchemaAndValue(timestamp, shape(ConnectTimestamp.builder()).defaultValue(new Date(42)).build(), new Date(42));
  });

  it('caches read schemas by their JSON, so a different spelling of one schema is a new entry', () => {
    // Act + Assess
    expect(converter.sizeOfToConnectSchemaCache()).toBe(0);
    read('{ "schema": { "type": "boolean" }, "payload": true }');
    expect(converter.sizeOfToConnectSchemaCache()).toBe(1);
    read('{ "schema": { "type": "boolean" }, "payload": true }');
    expect(converter.sizeOfToConnectSchemaCache()).toBe(1);
    read('{ "schema": { "type": "boolean", "optional": true }, "payload": true }');
    expect(converter.sizeOfToConnectSchemaCache()).toBe(2);
    read('{ "schema": { "type": "boolean", "optional": false }, "payload": true }');
    expect(converter.sizeOfToConnectSchemaCache()).toBe(3);
  });

  it('reads a schemaless boolean when schemas are disabled', () => {
    // Prepare
    const schemaless = converterWith({ 'schemas.enable': false }, true);
    // Act
    const result = schemaless.toConnectData(TOPIC, encode('true'));
    // Assess
    expectSchemaAndValue(result, null, true);
  });

  it('reads a header through the data path', () => {
    // Act
    const result = converter.toConnectHeader(
      TOPIC,
      'headerName',
      encode('{ "schema": { "type": "string" }, "payload": "foo-bar-baz" }'),
    );
    // Assess
    expectSchemaAndValue(result, Schemas.STRING, 'foo-bar-baz');
  });

  it.each([
    [true, 'default'],
    [false, null],
  ])('reads a null optional string with a default as %s when replace.null.with.default is %s', (replace, expected) => {
    // Prepare
    const configured = converterWith({ 'replace.null.with.default': replace });
    // Act
    const result = configured.toConnectData(
      TOPIC,
      encode('{"schema":{"type":"string","optional":true,"default":"default"},"payload":null}'),
    );
    // Assess
    expect(result.value).toBe(expected);
  });

  it.each([
    [true, 'default'],
    [false, null],
  ])('reads a null struct field with a default as %s when replace.null.with.default is %s', (replace, expected) => {
    // Prepare
    const configured = converterWith({ 'replace.null.with.default': replace });
    const fieldSchema = SchemaBuilder.string().optional().defaultValue('default').build();
    const structSchema = SchemaBuilder.struct().field('field1', fieldSchema).build();
    // Act
    const result = configured.toConnectData(
      TOPIC,
      encode(
        '{"schema":{"type":"struct","fields":[{"field":"field1","type":"string","optional":true,"default":"default"}],"optional":false},"payload":{"field1":null}}',
      ),
    );
    // Assess
    expect(valueEquals(result.value, new Struct(structSchema).put('field1', expected))).toBe(true);
  });

  it.each([
    ['plain JSON', '{"a": 1}'],
    ['an extra field', '{"schema": null, "payload": 1, "extra": 2}'],
    ['a missing payload', '{"schema": null, "other": 1}'],
    ['a JSON array', '[1, 2]'],
    ['empty input', ''],
  ])('refuses %s when schemas are enabled, with Kafka’s message', (_what, json) => {
    // Act + Assess
    expect(() => read(json)).toThrow(
      'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.',
    );
  });

  it.each([
    ['malformed JSON', '{"schema": null, "payload": }'],
    ['an unterminated string', '{"schema": null, "payload": "abc'],
  ])('refuses %s as a serialization error', (_what, json) => {
    // Act + Assess
    expect(() => read(json)).toThrow('Converting byte[] to Kafka Connect data failed due to serialization error: ');
  });

  it.each([
    ['an unknown type', '{"type": "int128"}', 'Unknown schema type: int128'],
    ['a schema without type', '{"optional": true}', "Schema must contain 'type' field"],
    ['an array without items', '{"type": "array"}', 'Array schema did not specify the element type'],
    ['a map without keys', '{"type": "map", "values": {"type": "int8"}}', 'Map schema did not specify the key type'],
    ['a struct without fields', '{"type": "struct"}', 'Struct schema\'s "fields" argument is not an array.'],
    [
      'a struct field without name',
      '{"type": "struct", "fields": [{"type": "int8"}]}',
      "Struct schema's field name not specified properly",
    ],
    [
      'a parameter that is no string',
      '{"type": "int8", "parameters": {"a": 1}}',
      'Schema parameters must have string values.',
    ],
  ])('refuses %s', (_what, schemaJson, message) => {
    // Act + Assess
    expect(() => read(`{"schema": ${schemaJson}, "payload": null}`)).toThrow(message);
  });

  it.each([
    ['a null for a required field', '{"type":"int32"}', 'null', 'Invalid null value for required INT32 field'],
    [
      'a map of string keys written as pairs',
      '{"type":"map","keys":{"type":"string"},"values":{"type":"int8"}}',
      '[["a",1]]',
      'Maps with string fields should be encoded as JSON objects, but found ARRAY',
    ],
    [
      'a map of int keys written as an object',
      '{"type":"map","keys":{"type":"int8"},"values":{"type":"int8"}}',
      '{"a":1}',
      'Maps with non-string fields should be encoded as JSON array of tuples, but found OBJECT',
    ],
    [
      'a map entry that is no pair',
      '{"type":"map","keys":{"type":"int8"},"values":{"type":"int8"}}',
      '[[1,2,3]]',
      'Found invalid map entry, expected length 2 but found :3',
    ],
    [
      'a struct written as an array',
      '{"type":"struct","fields":[]}',
      '[]',
      'Structs should be encoded as JSON objects, but found ARRAY',
    ],
    [
      'a Date written as text',
      '{"type":"int32","name":"org.apache.kafka.connect.data.Date"}',
      '"x"',
      'Invalid type for Date, underlying representation should be integer but was STRING',
    ],
    ['malformed base64 bytes', '{"type":"bytes"}', '"not base64!"', 'Invalid bytes field'],
  ])('refuses %s', (_what, schemaJson, payload, message) => {
    // Act + Assess
    expect(() => read(`{"schema": ${schemaJson}, "payload": ${payload}}`)).toThrow(message);
  });

  it('refuses a configuration with an unknown decimal format', () => {
    // Act + Assess
    expect(() => converterWith({ 'decimal.format': 'HEX' })).toThrow(ConfigError);
  });
});

describe('JsonConverter (from Connect, byte for byte)', () => {
  let converter: JsonConverter;
  beforeEach(() => {
    converter = converterWith();
  });

  const write = (schema: Schema | null, value: unknown) => decode(converter.fromConnectData(TOPIC, schema, value));

  it('writes the example of the brief: a string with its schema', () => {
    // Act + Assess
    expect(write(Schemas.STRING, 'foo')).toBe('{"schema":{"type":"string","optional":false},"payload":"foo"}');
  });

  it('writes the schema metadata in Kafka’s member order', () => {
    // Act + Assess
    expect(write(Schemas.BOOLEAN, true)).toBe('{"schema":{"type":"boolean","optional":false},"payload":true}');
    expect(write(Schemas.OPTIONAL_BOOLEAN, null)).toBe('{"schema":{"type":"boolean","optional":true},"payload":null}');
    expect(write(SchemaBuilder.bool().defaultValue(true).build(), true)).toBe(
      '{"schema":{"type":"boolean","optional":false,"default":true},"payload":true}',
    );
    expect(
      write(
        SchemaBuilder.bool()
          .required()
          .name('bool')
          .version(3)
          .doc('the documentation')
          .parameter('foo', 'bar')
          .build(),
        true,
      ),
    ).toBe(
      '{"schema":{"type":"boolean","optional":false,"name":"bool","version":3,"doc":"the documentation","parameters":{"foo":"bar"}},"payload":true}',
    );
  });

  it.each([
    [Schemas.INT8, 12, '{"type":"int8","optional":false}', '12'],
    [Schemas.INT16, 12, '{"type":"int16","optional":false}', '12'],
    [Schemas.INT32, 12, '{"type":"int32","optional":false}', '12'],
    [Schemas.INT64, 4398046511104, '{"type":"int64","optional":false}', '4398046511104'],
    [Schemas.INT64, 9223372036854775807n, '{"type":"int64","optional":false}', '9223372036854775807'],
    [Schemas.FLOAT32, Math.fround(12.34), '{"type":"float","optional":false}', '12.34'],
    [Schemas.FLOAT64, 12.34, '{"type":"double","optional":false}', '12.34'],
    [Schemas.STRING, 'test-string', '{"type":"string","optional":false}', '"test-string"'],
    [
      Schemas.BYTES,
      new Uint8Array(Buffer.from('test-string')),
      '{"type":"bytes","optional":false}',
      '"dGVzdC1zdHJpbmc="',
    ],
  ])('writes %s values', (schema, value, schemaJson, payload) => {
    // Act + Assess
    expect(write(schema, value)).toBe(`{"schema":${schemaJson},"payload":${payload}}`);
  });

  it.each([
    [1, '1.0', '1.0'],
    [1e20, '1.0E20', '1.0E20'],
    [1.5e-7, '1.5E-7', '1.5E-7'],
    [0.001, '0.001', '0.001'],
    [1e7, '1.0E7', '1.0E7'],
    [-0, '-0.0', '-0.0'],
    [123456.789, '123456.789', '123456.79'],
    [Number.NaN, '"NaN"', '"NaN"'],
    [Number.POSITIVE_INFINITY, '"Infinity"', '"Infinity"'],
    [Number.NEGATIVE_INFINITY, '"-Infinity"', '"-Infinity"'],
  ])('writes the number %d as Jackson writes a double (%s) and a float (%s)', (value, double, float) => {
    // Act + Assess
    expect(write(Schemas.FLOAT64, value)).toBe(`{"schema":{"type":"double","optional":false},"payload":${double}}`);
    expect(write(Schemas.FLOAT32, value)).toBe(`{"schema":{"type":"float","optional":false},"payload":${float}}`);
  });

  it('escapes strings as Jackson does: upper-case hex, each surrogate on its own', () => {
    // Act
    const text = write(Schemas.STRING, 'a"b\\c\n\t\u0001\u001f\u007f é 😀 /');
    // Assess
    expect(text).toBe(
      '{"schema":{"type":"string","optional":false},"payload":"a\\"b\\\\c\\n\\t\\u0001\\u001F\u007f é \\uD83D\\uDE00 /"}',
    );
  });

  it('writes an array', () => {
    // Act + Assess
    expect(write(SchemaBuilder.array(Schemas.INT32).build(), [1, 2, 3])).toBe(
      '{"schema":{"type":"array","items":{"type":"int32","optional":false},"optional":false},"payload":[1,2,3]}',
    );
  });

  it('writes a map with string keys as an object', () => {
    // Prepare
    const schema = SchemaBuilder.map(Schemas.STRING, Schemas.INT32).build();
    // Act + Assess
    expect(
      write(
        schema,
        new Map([
          ['key1', 12],
          ['key2', 15],
        ]),
      ),
    ).toBe(
      '{"schema":{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":{"key1":12,"key2":15}}',
    );
  });

  it('writes a map with other keys as an array of pairs', () => {
    // Prepare
    const schema = SchemaBuilder.map(Schemas.INT32, Schemas.INT32).build();
    // Act + Assess
    expect(
      write(
        schema,
        new Map([
          [1, 12],
          [2, 15],
        ]),
      ),
    ).toBe(
      '{"schema":{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":[[1,12],[2,15]]}',
    );
  });

  it('writes a struct with "field" last in each field schema', () => {
    // Prepare
    const schema = SchemaBuilder.struct()
      .field('field1', Schemas.BOOLEAN)
      .field('field2', Schemas.STRING)
      .field('field3', Schemas.STRING)
      .field('field4', Schemas.BOOLEAN)
      .build();
    const input = new Struct(schema)
      .put('field1', true)
      .put('field2', 'string2')
      .put('field3', 'string3')
      .put('field4', false);
    // Act + Assess
    expect(write(schema, input)).toBe(
      '{"schema":{"type":"struct","fields":[{"type":"boolean","optional":false,"field":"field1"},{"type":"string","optional":false,"field":"field2"},{"type":"string","optional":false,"field":"field3"},{"type":"boolean","optional":false,"field":"field4"}],"optional":false},"payload":{"field1":true,"field2":"string2","field3":"string3","field4":false}}',
    );
  });

  it('writes a struct whose schema is an equal copy of the given one', () => {
    // Prepare
    const build = () =>
      SchemaBuilder.struct()
        .field('field1', Schemas.BOOLEAN)
        .field('field2', Schemas.STRING)
        .field('field3', Schemas.STRING)
        .field('field4', Schemas.BOOLEAN)
        .build();
    const input = new Struct(build())
      .put('field1', true)
      .put('field2', 'string2')
      .put('field3', 'string3')
      .put('field4', false);
    // Act + Assess
    expect(() => converter.fromConnectData(TOPIC, build(), input)).not.toThrow();
  });

  it('writes decimals as base64 by default', () => {
    // Act + Assess
    expect(write(Decimal.schema(2), new BigDecimal(156n, 2))).toBe(
      '{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":"AJw="}',
    );
  });

  it.each([
    [2, new BigDecimal(156n, 2), '1.56'],
    [4, new BigDecimal(15600n, 4), '1.5600'],
    [-2, new BigDecimal(1n, -2), '1E+2'],
  ])('writes decimals as JSON numbers with decimal.format NUMERIC (scale %d)', (scale, value, payload) => {
    // Prepare
    const numeric = converterWith({ 'decimal.format': 'NUMERIC' });
    // Act
    const text = decode(numeric.fromConnectData(TOPIC, Decimal.schema(scale), value));
    // Assess
    expect(text).toBe(
      `{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"${scale}"}},"payload":${payload}}`,
    );
  });

  it('writes the brief’s envelope example, 10.2345 as "AY/J"', () => {
    // Prepare
    const schema = SchemaBuilder.struct()
      .name('com.acme.User')
      .version(2)
      .field('id', Schemas.INT64)
      .field('tags', SchemaBuilder.array(Schemas.STRING).optional())
      .field('attrs', SchemaBuilder.map(Schemas.STRING, Schemas.INT32))
      .field('price', Decimal.schema(4))
      .field('born', ConnectDate.builder().optional())
      .field('ts', ConnectTimestamp.schema())
      .build();
    const value = new Struct(schema)
      .put('id', 42)
      .put('tags', ['a'])
      .put('attrs', new Map([['x', 1]]))
      .put('price', BigDecimal.parse('10.2345'))
      .put('born', new Date(19000 * 86_400_000))
      .put('ts', new Date(1_700_000_000_000));
    // Act
    const text = write(schema, value);
    // Assess
    expect(text).toBe(
      '{"schema":{"type":"struct","fields":[' +
        '{"type":"int64","optional":false,"field":"id"},' +
        '{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},' +
        '{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false,"field":"attrs"},' +
        '{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"4"},"field":"price"},' +
        '{"type":"int32","optional":true,"name":"org.apache.kafka.connect.data.Date","version":1,"field":"born"},' +
        '{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"}' +
        '],"optional":false,"name":"com.acme.User","version":2},' +
        '"payload":{"id":42,"tags":["a"],"attrs":{"x":1},"price":"AY/J","born":19000,"ts":1700000000000}}',
    );
  });

  it('writes Date, Time and Timestamp values as their numbers', () => {
    // Act + Assess
    expect(write(ConnectDate.schema(), new Date(10000 * 86_400_000))).toBe(
      '{"schema":{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1},"payload":10000}',
    );
    expect(write(ConnectTime.schema(), new Date(14_400_000))).toBe(
      '{"schema":{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time","version":1},"payload":14400000}',
    );
    expect(write(ConnectTimestamp.schema(), new Date(4_000_000_000))).toBe(
      '{"schema":{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1},"payload":4000000000}',
    );
  });

  it('writes values without a schema, typed by their values', () => {
    // Act + Assess
    expect(write(null, true)).toBe('{"schema":null,"payload":true}');
    expect(write(null, [1, 'string', true])).toBe('{"schema":null,"payload":[1,"string",true]}');
    expect(
      write(
        null,
        new Map<string, unknown>([
          ['key1', 12],
          ['key2', 'string'],
          ['key3', true],
        ]),
      ),
    ).toBe('{"schema":null,"payload":{"key1":12,"key2":"string","key3":true}}');
    expect(
      write(
        null,
        new Map<unknown, unknown>([
          ['string', 12],
          [52, 'string'],
          [false, true],
        ]),
      ),
    ).toBe('{"schema":null,"payload":[["string",12],[52,"string"],[false,true]]}');
  });

  it.each([
    [true, '{"schema":null,"payload":true}'],
    [false, 'true'],
  ])(
    'writes null schema and null value as null bytes (schemas.enable=%s), and values bare or enveloped',
    (enabled, trueText) => {
      // Prepare
      const configured = converterWith({ 'schemas.enable': enabled }, true);
      // Act + Assess
      expect(configured.fromConnectData(TOPIC, null, null)).toBeNull();
      expect(decode(configured.fromConnectData(TOPIC, null, true))).toBe(trueText);
    },
  );

  it.each([
    ['a boolean for a FLOAT64 schema', Schemas.FLOAT64, true, 'Invalid type for FLOAT64: class java.lang.Boolean'],
    ['a decimal without schema', null, new BigDecimal(156n, 2), 'does not have corresponding schema type'],
    [
      'null for a required schema',
      Schemas.STRING,
      null,
      'Conversion error: null value for field that is required and has no default value',
    ],
    [
      'a struct of another schema',
      SchemaBuilder.struct().field('a', Schemas.INT8).build(),
      new Struct(SchemaBuilder.struct().build()),
      'Mismatching schema.',
    ],
  ])('refuses %s', (_what, schema, value, message) => {
    // Act + Assess
    expect(() => converter.fromConnectData(TOPIC, schema, value)).toThrow(DataError);
    expect(() => converter.fromConnectData(TOPIC, schema, value)).toThrow(message);
  });

  it('caches written schemas by equality, not identity', () => {
    // Act + Assess
    expect(converter.sizeOfFromConnectSchemaCache()).toBe(0);
    converter.fromConnectData(TOPIC, SchemaBuilder.bool().build(), true);
    expect(converter.sizeOfFromConnectSchemaCache()).toBe(1);
    converter.fromConnectData(TOPIC, SchemaBuilder.bool().build(), true);
    expect(converter.sizeOfFromConnectSchemaCache()).toBe(1);
    converter.fromConnectData(TOPIC, SchemaBuilder.bool().optional().build(), true);
    expect(converter.sizeOfFromConnectSchemaCache()).toBe(2);
  });

  it('writes a header through the data path', () => {
    // Act + Assess
    expect(decode(converter.fromConnectHeader(TOPIC, 'headerName', Schemas.STRING, 'test-string'))).toBe(
      '{"schema":{"type":"string","optional":false},"payload":"test-string"}',
    );
  });

  it.each([
    [true, '"default"'],
    [false, 'null'],
  ])('writes a null optional string with a default (replace.null.with.default=%s)', (replace, payload) => {
    // Prepare
    const configured = converterWith({ 'replace.null.with.default': replace });
    const schema = SchemaBuilder.string().optional().defaultValue('default').build();
    // Act + Assess
    expect(decode(configured.fromConnectData(TOPIC, schema, null))).toBe(
      `{"schema":{"type":"string","optional":true,"default":"default"},"payload":${payload}}`,
    );
  });

  it.each([
    [true, '"default"'],
    [false, 'null'],
  ])('writes a null struct field with a default (replace.null.with.default=%s)', (replace, payload) => {
    // Prepare
    const configured = converterWith({ 'replace.null.with.default': replace });
    const schema = SchemaBuilder.string().optional().defaultValue('default').build();
    const structSchema = SchemaBuilder.struct().field('field1', schema).build();
    // Act + Assess
    expect(decode(configured.fromConnectData(TOPIC, structSchema, new Struct(structSchema)))).toBe(
      `{"schema":{"type":"struct","fields":[{"type":"string","optional":true,"default":"default","field":"field1"}],"optional":false},"payload":{"field1":${payload}}}`,
    );
  });

  it('writes the ARRAY and MAP schemas of parsed header values, whose element schemas may be missing', () => {
    // Prepare
    const parsed = Values.parseString('[1, "two"]');
    // Act + Assess
    expect(write(parsed.schema, parsed.value)).toBe(
      '{"schema":{"type":"array","items":null,"optional":false},"payload":[1,"two"]}',
    );
  });
});

describe('JsonConverter (configuration)', () => {
  it('declares Kafka’s keys with their defaults', () => {
    // Act
    const keys = new JsonConverter().config().configKeys();
    // Assess
    expect([...keys.keys()]).toEqual([
      'converter.type',
      'schemas.enable',
      'schemas.cache.size',
      'decimal.format',
      'replace.null.with.default',
    ]);
    expect(keys.get('schemas.enable')?.defaultValue).toBe(true);
    expect(keys.get('schemas.cache.size')?.defaultValue).toBe(1000);
    expect(keys.get('decimal.format')?.defaultValue).toBe('BASE64');
    expect(keys.get('replace.null.with.default')?.defaultValue).toBe(true);
  });

  it('reads decimal.format case-insensitively', () => {
    // Prepare
    const converter = new JsonConverter();
    // Act
    converter.configure({ 'converter.type': 'key', 'decimal.format': 'NuMeRiC' });
    // Assess
    expect(
      new TextDecoder().decode(
        converter.fromConnectData(TOPIC, Decimal.schema(1), new BigDecimal(15n, 1)) as Uint8Array,
      ),
    ).toContain('"payload":1.5}');
  });

  it('needs converter.type when configured as a header converter', () => {
    // Act + Assess
    expect(() => new JsonConverter().configure({})).toThrow(ConfigError);
    expect(() => new JsonConverter().configure({ 'converter.type': 'header' })).not.toThrow();
  });

  it('accepts schemas.cache.size and still converts once its cache is full', () => {
    // Prepare
    const converter = converterWith({ 'schemas.cache.size': 1 });
    // Act
    converter.fromConnectData(TOPIC, Schemas.INT8, 1);
    converter.fromConnectData(TOPIC, Schemas.INT16, 1);
    const bytes = converter.fromConnectData(TOPIC, Schemas.INT8, 1);
    // Assess
    expect(converter.sizeOfFromConnectSchemaCache()).toBe(1);
    expect(new TextDecoder().decode(bytes as Uint8Array)).toBe(
      '{"schema":{"type":"int8","optional":false},"payload":1}',
    );
  });
});

describe('JsonConverter (reading paths)', () => {
  const encodeText = (text: string) => new TextEncoder().encode(text);

  it('reads records of interleaved schemas in Kafka’s compact envelope', () => {
    // Prepare
    const converter = converterWith();
    const a = SchemaBuilder.struct().field('id', Schemas.INT64).build();
    const b = SchemaBuilder.struct().field('name', Schemas.STRING).build();
    const records = [
      [a, new Struct(a).put('id', 1)],
      [b, new Struct(b).put('name', 'x')],
      [a, new Struct(a).put('id', 9007199254740993n)],
      [b, new Struct(b).put('name', 'y')],
    ] as const;
    // Act
    const results = records.map(([schema, value]) =>
      converter.toConnectData(TOPIC, converter.fromConnectData(TOPIC, schema, value)),
    );
    // Assess
    results.forEach((result, i) => {
      expect(schemaEquals(result.schema, records[i]?.[0] ?? null)).toBe(true);
      expect(valueEquals(result.value, records[i]?.[1])).toBe(true);
    });
    expect(converter.sizeOfToConnectSchemaCache()).toBe(2);
  });

  it('keeps the document order of map keys that look like array indexes', () => {
    // Prepare
    const converter = converterWith({ 'schemas.enable': false });
    // Act
    const result = converter.toConnectData(TOPIC, encodeText('{"b":1,"2":2,"1":3,"a":4}'));
    // Assess
    expect([...(result.value as Map<string, unknown>).keys()]).toEqual(['b', '2', '1', 'a']);
  });

  it('reads integers beyond 2^53 exactly without a schema, and wraps those beyond INT64 as Java does', () => {
    // Prepare
    const converter = converterWith({ 'schemas.enable': false });
    // Act
    const exact = converter.toConnectData(TOPIC, encodeText('[9007199254740993, 1.5, 1e300]'));
    const wrapped = converter.toConnectData(TOPIC, encodeText('18446744073709551617'));
    // Assess
    expect(exact.value).toEqual([9007199254740993n, 1.5, 1e300]);
    expect(wrapped.value).toBe(1);
  });

  it('accepts leading zeros and ignores what follows the first value, as Kafka’s Jackson setup does', () => {
    // Prepare
    const converter = converterWith({ 'schemas.enable': false });
    // Act + Assess
    expect(converter.toConnectData(TOPIC, encodeText('007')).value).toBe(7);
    expect(converter.toConnectData(TOPIC, encodeText('{"a":1} trailing')).value).toEqual(new Map([['a', 1]]));
    expect(() => converter.toConnectData(TOPIC, encodeText('12abc'))).toThrow(DataError);
  });

  it('reads a payload of another JSON type as Jackson’s accessors do: a number as STRING is null, as BOOLEAN false', () => {
    // Prepare
    const converter = converterWith();
    // Act
    const text = converter.toConnectData(TOPIC, encodeText('{"schema":{"type":"string","optional":true},"payload":5}'));
    const flag = converter.toConnectData(TOPIC, encodeText('{"schema":{"type":"boolean"},"payload":"true"}'));
    // Assess
    expect(text.value).toBeNull();
    expect(flag.value).toBe(false);
  });

  it('refuses such a null for a required struct field, as Kafka’s Struct#put does', () => {
    // Prepare
    const converter = converterWith();
    // Act + Assess
    expect(() =>
      converter.toConnectData(
        TOPIC,
        encodeText(
          '{"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"s"}]},"payload":{"s":5}}',
        ),
      ),
    ).toThrow('Invalid value: null used for required field: "s", schema type: STRING');
  });

  it('reads an empty parameters map back as no parameters, as Kafka does', () => {
    // Prepare
    const converter = converterWith();
    // Act
    const result = converter.toConnectData(
      TOPIC,
      encodeText('{"schema":{"type":"int8","optional":false,"parameters":{}},"payload":1}'),
    );
    // Assess
    expect(result.schema?.parameters).toBeNull();
  });
});
