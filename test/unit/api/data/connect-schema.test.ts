import { describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConnectDate,
  ConnectSchema,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  Field,
  type Schema,
  SchemaAndValue,
  SchemaBuilder,
  Schemas,
  Struct,
  schemaEquals,
  Type,
  validateValue,
} from '../../../../shared/api';

// Cases from Apache Kafka's ConnectSchemaTest and FieldTest (connect/api). A JS number stands for
// every Java integer type, so Kafka's Byte-vs-Integer mismatches become range checks here.

const MAP_INT_STRING_SCHEMA = SchemaBuilder.map(Schemas.INT32, Schemas.STRING).build();
const FLAT_STRUCT_SCHEMA = SchemaBuilder.struct().field('field', Schemas.INT32).build();
const STRUCT_SCHEMA = SchemaBuilder.struct()
  .field('first', Schemas.INT32)
  .field('second', Schemas.STRING)
  .field('array', SchemaBuilder.array(Schemas.INT32).build())
  .field('map', SchemaBuilder.map(Schemas.INT32, Schemas.STRING).build())
  .field('nested', FLAT_STRUCT_SCHEMA)
  .build();
const PARENT_STRUCT_SCHEMA = SchemaBuilder.struct().field('nested', FLAT_STRUCT_SCHEMA).build();

const container = (type: Type, key: Schema | null, value: Schema | null) =>
  new ConnectSchema(type, false, null, null, null, null, null, null, key, value);

describe('ConnectSchema', () => {
  it('looks fields up by name on a struct schema', () => {
    // Act
    const schema = SchemaBuilder.struct().field('foo', Schemas.BOOLEAN).field('bar', Schemas.INT32).build();
    // Assess
    expect(schema.fields()).toHaveLength(2);
    expect(schema.field('foo')?.index).toBe(0);
    expect(schema.field('bar')?.index).toBe(1);
    expect(schema.field('other')).toBeNull();
  });

  it('has fields only on structs', () => {
    // Act + Assess
    expect(() => Schemas.INT8.fields()).toThrow(new DataError('Cannot list fields on non-struct type'));
  });

  it('validates values that match their schema types', () => {
    // Prepare
    const struct = new Struct(STRUCT_SCHEMA)
      .put('first', 1)
      .put('second', 'foo')
      .put('array', [1, 2, 3])
      .put('map', new Map([[1, 'value']]))
      .put('nested', new Struct(FLAT_STRUCT_SCHEMA).put('field', 12));
    // Act + Assess
    for (const [schema, value] of [
      [Schemas.INT8, 1],
      [Schemas.INT16, 1],
      [Schemas.INT32, 1],
      [Schemas.INT64, 1],
      [Schemas.INT64, 9223372036854775807n],
      [Schemas.FLOAT32, 1],
      [Schemas.FLOAT64, 1],
      [Schemas.BOOLEAN, true],
      [Schemas.STRING, 'a string'],
      [Schemas.BYTES, new Uint8Array(Buffer.from('a byte array'))],
      [SchemaBuilder.array(Schemas.INT32).build(), [1, 2, 3]],
      [MAP_INT_STRING_SCHEMA, new Map([[1, 'value']])],
      [STRUCT_SCHEMA, struct],
      [Decimal.schema(2), new BigDecimal(156n, 2)],
      [ConnectDate.schema(), new Date(0)],
      [ConnectTime.schema(), new Date(0)],
      [ConnectTimestamp.schema(), new Date(0)],
    ] as [Schema, unknown][]) {
      expect(() => validateValue(schema, value)).not.toThrow();
    }
  });

  it.each([
    ['an INT8 out of range', Schemas.INT8, 128],
    ['an INT16 out of range', Schemas.INT16, 32768],
    ['an INT32 out of range', Schemas.INT32, 2147483648],
    ['an INT64 bigint out of range', Schemas.INT64, 2n ** 63n],
    ['a fraction for INT32', Schemas.INT32, 1.5],
    ['a number for BOOLEAN', Schemas.BOOLEAN, 1],
    ['a char array for STRING', Schemas.STRING, ['a', 'b', 'c']],
    ['an array for BYTES', Schemas.BYTES, [1, 'foo']],
    ['array elements of another type', SchemaBuilder.array(Schemas.INT32).build(), ['a', 'b', 'c']],
    ['one array element of another type', SchemaBuilder.array(Schemas.INT32).build(), [1, 2, 'c']],
    ['a map key of another type', MAP_INT_STRING_SCHEMA, new Map([['wrong key type', 'value']])],
    ['a map value of another type', MAP_INT_STRING_SCHEMA, new Map([[1, 2]])],
    [
      'one map key of another type',
      MAP_INT_STRING_SCHEMA,
      new Map<unknown, string>([
        [1, 'abc'],
        ['wrong', "it's as easy as one two three"],
      ]),
    ],
    [
      'one map value of another type',
      MAP_INT_STRING_SCHEMA,
      new Map<number, unknown>([
        [1, 'abc'],
        [2, new Uint8Array(1)],
      ]),
    ],
    [
      'a struct of another schema',
      FLAT_STRUCT_SCHEMA,
      new Struct(SchemaBuilder.struct().field('x', Schemas.INT32).build()).put('x', 1),
    ],
    ['a bigint for a Decimal', Decimal.schema(2), 156n],
    ['a number for a Date', ConnectDate.schema(), 1000],
    ['a number for a Time', ConnectTime.schema(), 1000],
    ['a number for a Timestamp', ConnectTimestamp.schema(), 1000],
  ])('refuses %s', (_what, schema, value) => {
    // Act + Assess
    expect(() => validateValue(schema, value)).toThrow(DataError);
  });

  it('refuses a nested struct of another schema', () => {
    // Act + Assess
    expect(() =>
      new Struct(PARENT_STRUCT_SCHEMA).put(
        'nested',
        new Struct(SchemaBuilder.struct().field('x', Schemas.INT32).build()).put('x', 1),
      ),
    ).toThrow(new DataError('Struct schemas do not match.'));
  });

  it('tells primitive schemas apart by every attribute', () => {
    // Prepare
    const make = (
      type: Type = Type.INT8,
      optional = false,
      defaultValue: unknown = null,
      name = 'name',
      version = 2,
      doc = 'doc',
      parameters: Record<string, string> | null = null,
    ) => new ConnectSchema(type, optional, defaultValue, name, version, doc, parameters);
    const s1 = make();
    // Act + Assess
    expect(schemaEquals(s1, make())).toBe(true);
    expect(s1.hashCode()).toBe(make().hashCode());
    expect(schemaEquals(s1, make(Type.INT16))).toBe(false);
    expect(schemaEquals(s1, make(Type.INT8, true))).toBe(false);
    expect(schemaEquals(s1, make(Type.INT8, false, 1))).toBe(false);
    expect(schemaEquals(s1, make(Type.INT8, false, null, 'otherName'))).toBe(false);
    expect(schemaEquals(s1, make(Type.INT8, false, null, 'name', 4))).toBe(false);
    expect(schemaEquals(s1, make(Type.INT8, false, null, 'name', 2, 'other doc'))).toBe(false);
    expect(schemaEquals(s1, make(Type.INT8, false, null, 'name', 2, 'doc', { param: 'value' }))).toBe(false);
  });

  it('tells array schemas apart by element schema and default', () => {
    // Prepare
    const withDefault = (d: unknown) =>
      new ConnectSchema(Type.ARRAY, false, d, null, null, null, null, null, null, Schemas.INT8);
    // Act + Assess
    expect(
      schemaEquals(
        container(Type.ARRAY, null, Schemas.INT8),
        container(Type.ARRAY, null, SchemaBuilder.int8().build()),
      ),
    ).toBe(true);
    expect(schemaEquals(container(Type.ARRAY, null, Schemas.INT8), container(Type.ARRAY, null, Schemas.INT16))).toBe(
      false,
    );
    expect(schemaEquals(withDefault(['a', 'b']), withDefault(['a', 'b']))).toBe(true);
    expect(schemaEquals(withDefault(['a', 'b']), withDefault(['b', 'c']))).toBe(false);
  });

  it('tells map schemas apart by key and value schemas', () => {
    // Prepare
    const s1 = container(Type.MAP, Schemas.INT8, Schemas.INT16);
    // Act + Assess
    expect(schemaEquals(s1, container(Type.MAP, SchemaBuilder.int8().build(), SchemaBuilder.int16().build()))).toBe(
      true,
    );
    expect(schemaEquals(s1, container(Type.MAP, Schemas.STRING, Schemas.INT16))).toBe(false);
    expect(schemaEquals(s1, container(Type.MAP, Schemas.INT8, Schemas.STRING))).toBe(false);
  });

  it('tells struct schemas apart by their fields', () => {
    // Prepare
    const struct = (second: string) =>
      new ConnectSchema(Type.STRUCT, false, null, null, null, null, null, [
        new Field('field', 0, Schemas.INT8),
        new Field(second, 1, Schemas.INT16),
      ]);
    // Act + Assess
    expect(schemaEquals(struct('field2'), struct('field2'))).toBe(true);
    expect(schemaEquals(struct('field2'), struct('different field name'))).toBe(false);
  });

  it('makes an empty struct schema', () => {
    // Act
    const empty = new ConnectSchema(Type.STRUCT);
    // Assess
    expect(empty.fields()).toHaveLength(0);
    expect(() => new Struct(empty)).not.toThrow();
  });

  it.each([
    [null, Schemas.INT8, {}, 'Invalid Java object for schema with type INT8: class Object for value'],
    ['field', Schemas.INT8, {}, 'Invalid Java object for schema with type INT8: class Object for field: "field"'],
    [
      'field',
      ConnectTimestamp.schema(),
      1000,
      'Invalid Java object for schema "org.apache.kafka.connect.data.Timestamp" with type INT64: class java.lang.Long for field: "field"',
    ],
  ])('names the schema, class and place of an invalid value (field %s)', (field, schema, value, message) => {
    // Act + Assess
    expect(() => validateValue(schema, value, field ?? undefined)).toThrow(new DataError(message));
  });

  it('validates lists against their element schema, with Kafka’s messages', () => {
    // Prepare
    const optionalStrings = SchemaBuilder.array(Schemas.OPTIONAL_STRING).build();
    const requiredStrings = SchemaBuilder.array(Schemas.STRING).build();
    const nullElements = container(Type.ARRAY, null, null);
    const fails = (schema: Schema, value: unknown, message: string) =>
      expect(() => validateValue(schema, value, 'field')).toThrow(new DataError(message));
    // Act + Assess
    for (const ok of [[], ['hello'], [null], ['hello', 'world'], ['hello', null], [null, 'world']]) {
      expect(() => validateValue(optionalStrings, ok, 'field')).not.toThrow();
    }
    fails(
      optionalStrings,
      [true],
      'Invalid Java object for schema with type STRING: class java.lang.Boolean for element of array field: "field"',
    );
    for (const ok of [[], ['hello'], ['hello', 'world']]) {
      expect(() => validateValue(requiredStrings, ok, 'field')).not.toThrow();
    }
    for (const bad of [[null], ['hello', null], [null, 'world']]) {
      fails(
        requiredStrings,
        bad,
        'Invalid value: null used for required element of array field: "field", schema type: STRING',
      );
    }
    for (const any of [[], ['hello'], [null], [true]]) {
      fails(nullElements, any, 'No schema defined for element of array field: "field"');
    }
  });

  it('validates maps against their key and value schemas, with Kafka’s messages', () => {
    // Prepare
    const optionalStrings = SchemaBuilder.map(Schemas.OPTIONAL_STRING, Schemas.OPTIONAL_STRING).build();
    const requiredStrings = SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build();
    const nullKeys = container(Type.MAP, null, null);
    const nullValues = container(Type.MAP, Schemas.OPTIONAL_STRING, null);
    const fails = (schema: Schema, value: unknown, message: string) =>
      expect(() => validateValue(schema, value, 'field')).toThrow(new DataError(message));
    // Act + Assess
    for (const ok of [
      new Map(),
      new Map([['key', 'value']]),
      new Map([['key', null]]),
      new Map([[null, 'value']]),
      new Map([[null, null]]),
    ]) {
      expect(() => validateValue(optionalStrings, ok, 'field')).not.toThrow();
    }
    fails(
      optionalStrings,
      new Map([['key', true]]),
      'Invalid Java object for schema with type STRING: class java.lang.Boolean for value of map field: "field"',
    );
    fails(
      optionalStrings,
      new Map([[true, 'value']]),
      'Invalid Java object for schema with type STRING: class java.lang.Boolean for key of map field: "field"',
    );
    fails(
      requiredStrings,
      new Map([['key', null]]),
      'Invalid value: null used for required value of map field: "field", schema type: STRING',
    );
    fails(
      requiredStrings,
      new Map([[null, 'value']]),
      'Invalid value: null used for required key of map field: "field", schema type: STRING',
    );
    fails(
      requiredStrings,
      new Map([[null, null]]),
      'Invalid value: null used for required key of map field: "field", schema type: STRING',
    );
    for (const any of [new Map(), new Map([['key', 'value']]), new Map([[true, 'value']])]) {
      fails(nullKeys, any, 'No schema defined for key of map field: "field"');
      fails(nullValues, any, 'No schema defined for value of map field: "field"');
    }
  });

  it('throws a DataError when a container without element schema is asked for it', () => {
    // Act + Assess
    expect(() => container(Type.ARRAY, null, null).valueSchema()).toThrow(DataError);
    expect(() => container(Type.MAP, null, Schemas.INT8).keySchema()).toThrow(DataError);
    expect(() => Schemas.INT8.valueSchema()).toThrow(
      new DataError('Cannot look up value schema on non-array and non-map type'),
    );
    expect(() => Schemas.INT8.keySchema()).toThrow(new DataError('Cannot look up key schema on non-map type'));
  });
});

describe('Field', () => {
  it('is equal to a field of the same name, index and schema', () => {
    // Prepare
    const field = new Field('name', 0, Schemas.INT8);
    // Act + Assess
    expect(field.equals(new Field('name', 0, Schemas.INT8))).toBe(true);
    expect(field.equals(new Field('name2', 0, Schemas.INT8))).toBe(false);
    expect(field.equals(new Field('name', 1, Schemas.INT8))).toBe(false);
    expect(field.equals(new Field('name', 0, Schemas.INT16))).toBe(false);
  });
});

describe('SchemaAndValue', () => {
  it('is equal to another of an equal schema and value', () => {
    // Act + Assess
    expect(new SchemaAndValue(Schemas.INT8, 1).equals(new SchemaAndValue(SchemaBuilder.int8().build(), 1))).toBe(true);
    expect(new SchemaAndValue(Schemas.INT8, 1).equals(new SchemaAndValue(Schemas.INT8, 2))).toBe(false);
    expect(SchemaAndValue.NULL.equals(new SchemaAndValue(null, null))).toBe(true);
  });
});
