import { describe, expect, it } from 'vitest';
import { type Schema, SchemaBuilder, SchemaError, Schemas, Struct, Type } from '../../../../shared/api';

// Cases from Apache Kafka's SchemaBuilderTest (connect/api).

const NAME = 'name';
const VERSION = 2;
const DOC = 'doc';

function expectTypeAndDefault(schema: Schema, type: Type, optional: boolean, defaultValue: unknown): void {
  expect(schema.type).toBe(type);
  expect(schema.optional).toBe(optional);
  expect(schema.defaultValue).toEqual(defaultValue);
}

function expectMetadata(
  schema: Schema,
  name: string | null,
  version: number | null,
  doc: string | null,
  parameters: Record<string, string> | null,
): void {
  expect(schema.name).toBe(name);
  expect(schema.version).toBe(version);
  expect(schema.doc).toBe(doc);
  expect(schema.parameters === null ? null : { ...schema.parameters }).toEqual(parameters);
}

describe('SchemaBuilder', () => {
  it.each([
    ['int8', SchemaBuilder.int8, Type.INT8, 12, 'invalid'],
    ['int16', SchemaBuilder.int16, Type.INT16, 12, 'invalid'],
    ['int32', SchemaBuilder.int32, Type.INT32, 12, 'invalid'],
    ['int64', SchemaBuilder.int64, Type.INT64, 12, 'invalid'],
    ['float32', SchemaBuilder.float32, Type.FLOAT32, 12, 'invalid'],
    ['float64', SchemaBuilder.float64, Type.FLOAT64, 12, 'invalid'],
    ['bool', SchemaBuilder.bool, Type.BOOLEAN, true, 'invalid'],
    ['string', SchemaBuilder.string, Type.STRING, 'a default string', true],
    [
      'bytes',
      SchemaBuilder.bytes,
      Type.BYTES,
      new Uint8Array(Buffer.from('a default byte array')),
      'a string, not bytes',
    ],
  ] as [string, () => SchemaBuilder, Type, unknown, unknown][])(
    'builds %s schemas, bare or with metadata and a default',
    (_name, factory, type, defaultValue) => {
      // Act
      const bare = factory().build();
      const full = factory().name(NAME).optional().defaultValue(defaultValue).version(VERSION).doc(DOC).build();
      // Assess
      expectTypeAndDefault(bare, type, false, null);
      expectMetadata(bare, null, null, null, null);
      expectTypeAndDefault(full, type, true, defaultValue);
      expectMetadata(full, NAME, VERSION, DOC, null);
    },
  );

  it.each([
    ['int8', SchemaBuilder.int8, 'invalid'],
    ['int16', SchemaBuilder.int16, 'invalid'],
    ['int32', SchemaBuilder.int32, 'invalid'],
    ['int64', SchemaBuilder.int64, 'invalid'],
    ['float32', SchemaBuilder.float32, 'invalid'],
    ['float64', SchemaBuilder.float64, 'invalid'],
    ['bool', SchemaBuilder.bool, 'invalid'],
    ['string', SchemaBuilder.string, true],
    ['bytes', SchemaBuilder.bytes, 'a string, not bytes'],
  ])('refuses a %s default of another type', (_name, factory, invalid) => {
    // Act + Assess
    expect(() => factory().defaultValue(invalid)).toThrow(new SchemaError('Invalid default value'));
  });

  it('sets parameters one by one or as a map', () => {
    // Prepare
    const expected = { foo: 'val', bar: 'baz' };
    // Act
    const oneByOne = SchemaBuilder.string().parameter('foo', 'val').parameter('bar', 'baz').build();
    const asMap = SchemaBuilder.string().parameters(expected).build();
    // Assess
    expectTypeAndDefault(oneByOne, Type.STRING, false, null);
    expectMetadata(oneByOne, null, null, null, expected);
    expectMetadata(asMap, null, null, null, expected);
  });

  it('leaves the parameters unset for an empty map, as Kafka does', () => {
    // Act + Assess
    expect(SchemaBuilder.string().parameters({}).build().parameters).toBeNull();
  });

  it('keeps a parameter named __proto__ as a parameter', () => {
    // Act
    const schema = SchemaBuilder.string().parameter('__proto__', 'x').build();
    // Assess
    expect(Object.entries(schema.parameters ?? {})).toEqual([['__proto__', 'x']]);
  });

  it('builds a struct with fields in order', () => {
    // Act
    const schema = SchemaBuilder.struct().field('field1', Schemas.INT8).field('field2', Schemas.INT8).build();
    // Assess
    expectTypeAndDefault(schema, Type.STRUCT, false, null);
    expect(schema.fields().map((f) => [f.name, f.index, f.schema])).toEqual([
      ['field1', 0, Schemas.INT8],
      ['field2', 1, Schemas.INT8],
    ]);
    expectMetadata(schema, null, null, null, null);
  });

  it('refuses fields on a non-struct type', () => {
    // Act + Assess
    expect(() => SchemaBuilder.int8().field('field', SchemaBuilder.int8().build())).toThrow(SchemaError);
  });

  it('builds arrays, with a default that fits the element schema', () => {
    // Act
    const bare = SchemaBuilder.array(Schemas.INT8).build();
    const withDefault = SchemaBuilder.array(Schemas.INT8).defaultValue([1, 2]).build();
    // Assess
    expectTypeAndDefault(bare, Type.ARRAY, false, null);
    expect(bare.valueSchema()).toBe(Schemas.INT8);
    expectTypeAndDefault(withDefault, Type.ARRAY, false, [1, 2]);
    expect(() => SchemaBuilder.array(Schemas.INT8).defaultValue(['string'])).toThrow(SchemaError);
  });

  it('builds maps, with a default that fits the key and value schemas', () => {
    // Act
    const builder = SchemaBuilder.map(Schemas.INT8, Schemas.INT8);
    const withDefault = SchemaBuilder.map(Schemas.INT8, Schemas.INT8)
      .defaultValue(new Map([[5, 10]]))
      .build();
    // Assess
    expect(builder.keySchema()).toBe(Schemas.INT8);
    expect(builder.valueSchema()).toBe(Schemas.INT8);
    expectTypeAndDefault(builder.build(), Type.MAP, false, null);
    expectTypeAndDefault(withDefault, Type.MAP, false, new Map([[5, 10]]));
    expect(() => SchemaBuilder.map(Schemas.INT8, Schemas.INT8).defaultValue(new Map([[5, 'foo']]))).toThrow(
      SchemaError,
    );
  });

  it('makes empty structs, from the builder as from the schema', () => {
    // Prepare
    const builder = SchemaBuilder.struct();
    // Act + Assess
    expect(builder.fields()).toHaveLength(0);
    expect(() => new Struct(builder)).not.toThrow();
    expect(builder.build().fields()).toHaveLength(0);
    expect(() => new Struct(builder.build())).not.toThrow();
  });

  it('refuses a duplicate field name', () => {
    // Act + Assess
    expect(() =>
      SchemaBuilder.struct()
        .name('testing')
        .field('id', SchemaBuilder.string().doc('').build())
        .field('id', SchemaBuilder.string().doc('').build()),
    ).toThrow(new SchemaError('Cannot create field because of field name duplication id'));
  });

  it('lets an attribute be set again to the same value', () => {
    // Prepare
    const builder = SchemaBuilder.string().name('testing').version(123);
    // Act
    builder.name('testing');
    builder.version(123);
    // Assess
    expect(builder.name()).toBe('testing');
    expect(builder.version()).toBe(123);
  });

  it('refuses to set an attribute again to another value', () => {
    // Prepare
    const builder = SchemaBuilder.string().name('testing').version(123);
    // Act + Assess
    expect(() => builder.version(456)).toThrow(
      new SchemaError('Invalid SchemaBuilder call: version has already been set.'),
    );
    expect(() => SchemaBuilder.int8().optional().required()).toThrow(SchemaError);
  });

  it('lets an attribute set to null be set later, as Kafka does', () => {
    // Act
    const schema = SchemaBuilder.string().name(null).name('later').build();
    // Assess
    expect(schema.name).toBe('later');
  });

  it.each([
    ['a null field name', () => SchemaBuilder.struct().field(null as unknown as string, Schemas.STRING)],
    ['an empty field name', () => SchemaBuilder.struct().field('', Schemas.STRING)],
    ['a null field schema', () => SchemaBuilder.struct().field('fieldName', null as unknown as Schema)],
    ['a null array element schema', () => SchemaBuilder.array(null as unknown as Schema)],
    ['a null map key schema', () => SchemaBuilder.map(null as unknown as Schema, Schemas.STRING)],
    ['a null map value schema', () => SchemaBuilder.map(Schemas.STRING, null as unknown as Schema)],
    ['a null type', () => SchemaBuilder.type(null as unknown as Type)],
  ])('refuses %s', (_what, act) => {
    // Act + Assess
    expect(act).toThrow(SchemaError);
  });

  it('reads back what was set, as Kafka’s SchemaBuilder (a Schema) does', () => {
    // Prepare
    const builder = SchemaBuilder.struct().name('n').version(1).doc('d').parameter('p', 'v').optional();
    builder.field('a', Schemas.INT8);
    // Act + Assess
    expect(builder.name()).toBe('n');
    expect(builder.version()).toBe(1);
    expect(builder.doc()).toBe('d');
    expect(builder.parameters()).toEqual({ p: 'v' });
    expect(builder.isOptional()).toBe(true);
    expect(builder.defaultValue()).toBeNull();
    expect(builder.field('a')?.schema).toBe(Schemas.INT8);
    expect(builder.field('b')).toBeNull();
    expect(builder.schema().fields()).toHaveLength(1);
  });
});
