import { afterEach, describe, expect, it } from 'vitest';
import { DataError, type Schema, SchemaBuilder, Schemas, Struct, Type } from '../../../shared/api';
import { FlattenKey, FlattenValue } from '../../../shared/transforms';
import { expectSchema, expectValue, sourceRecord } from './support';

const bytes = new TextEncoder().encode('bytes');

function supportedTypesSchema(): Schema {
  return SchemaBuilder.struct()
    .field('int8', Schemas.INT8)
    .field('int16', Schemas.INT16)
    .field('int32', Schemas.INT32)
    .field('int64', Schemas.INT64)
    .field('float32', Schemas.FLOAT32)
    .field('float64', Schemas.FLOAT64)
    .field('boolean', Schemas.BOOLEAN)
    .field('string', Schemas.STRING)
    .field('bytes', Schemas.BYTES)
    .build();
}

describe('Flatten', () => {
  const xformKey = new FlattenKey();
  const xformValue = new FlattenValue();

  afterEach(() => {
    xformKey.close();
    xformValue.close();
  });

  it('is registered under Kafka class names', () => {
    // Assess
    expect(FlattenKey.className).toBe('org.apache.kafka.connect.transforms.Flatten$Key');
    expect(FlattenValue.className).toBe('org.apache.kafka.connect.transforms.Flatten$Value');
    expect(xformValue.version()).toBe('3.9.0');
  });

  it('requires a top-level Struct with a schema', () => {
    // Prepare
    xformValue.configure({});
    // Act
    const act = () => xformValue.apply(sourceRecord({ topic: 'topic', valueSchema: Schemas.INT32, value: 42 }));
    // Assess
    expect(act).toThrow(new DataError('Only Struct objects supported for [flattening], found: java.lang.Integer'));
  });

  it('requires a top-level Map without a schema', () => {
    // Prepare
    xformValue.configure({});
    // Act
    const act = () => xformValue.apply(sourceRecord({ topic: 'topic', value: 42 }));
    // Assess
    expect(act).toThrow(
      new DataError('Only Map objects supported in absence of schema for [flattening], found: java.lang.Long'),
    );
  });

  it('flattens nested Structs with dotted names', () => {
    // Prepare
    xformValue.configure({});
    const leafSchema = supportedTypesSchema();
    const oneLevel = SchemaBuilder.struct().field('B', leafSchema).build();
    const twoLevel = SchemaBuilder.struct().field('A', oneLevel).build();
    const leaf = new Struct(leafSchema)
      .put('int8', 8)
      .put('int16', 16)
      .put('int32', 32)
      .put('int64', 64)
      .put('float32', 32)
      .put('float64', 64)
      .put('boolean', true)
      .put('string', 'stringy')
      .put('bytes', bytes);
    const value = new Struct(twoLevel).put('A', new Struct(oneLevel).put('B', leaf));
    // Act
    const transformed = xformValue.apply(sourceRecord({ topic: 'topic', valueSchema: twoLevel, value }));
    // Assess
    const struct = transformed?.value as Struct;
    expect(transformed?.valueSchema?.type).toBe(Type.STRUCT);
    expect(struct.schema.fields()).toHaveLength(9);
    expect(struct.getInt8('A.B.int8')).toBe(8);
    expect(struct.getInt16('A.B.int16')).toBe(16);
    expect(struct.getInt32('A.B.int32')).toBe(32);
    expect(struct.getInt64('A.B.int64')).toBe(64);
    expect(struct.getFloat32('A.B.float32')).toBe(32);
    expect(struct.getFloat64('A.B.float64')).toBe(64);
    expect(struct.getBoolean('A.B.boolean')).toBe(true);
    expect(struct.getString('A.B.string')).toBe('stringy');
    expect(struct.getBytes('A.B.bytes')).toEqual(bytes);
  });

  it('flattens nested Maps with the configured delimiter', () => {
    // Prepare
    xformValue.configure({ delimiter: '#' });
    const leaf = new Map<string, unknown>([
      ['int8', 8],
      ['int16', 16],
      ['int32', 32],
      ['int64', 64],
      ['float32', 32.5],
      ['float64', 64.5],
      ['boolean', true],
      ['string', 'stringy'],
      ['bytes', bytes],
    ]);
    const value = new Map([['A', new Map([['B', leaf]])]]);
    // Act
    const transformed = xformValue.apply(sourceRecord({ topic: 'topic', value }));
    // Assess
    const map = transformed?.value as Map<string, unknown>;
    expect(transformed?.valueSchema).toBeNull();
    expect(map.size).toBe(9);
    expect(map.get('A#B#int8')).toBe(8);
    expect(map.get('A#B#int16')).toBe(16);
    expect(map.get('A#B#int32')).toBe(32);
    expect(map.get('A#B#int64')).toBe(64);
    expect(map.get('A#B#float32')).toBe(32.5);
    expect(map.get('A#B#float64')).toBe(64.5);
    expect(map.get('A#B#boolean')).toBe(true);
    expect(map.get('A#B#string')).toBe('stringy');
    expect(map.get('A#B#bytes')).toEqual(bytes);
  });

  it('keeps a null optional field of a nested Struct', () => {
    // Prepare
    xformValue.configure({});
    const leafSchema = SchemaBuilder.struct().field('opt_int32', Schemas.OPTIONAL_INT32).build();
    const oneLevel = SchemaBuilder.struct().field('B', leafSchema).build();
    const value = new Struct(oneLevel).put('B', new Struct(leafSchema).put('opt_int32', null));
    // Act
    const transformed = xformValue.apply(sourceRecord({ topic: 'topic', valueSchema: oneLevel, value }));
    // Assess
    expect(transformed?.valueSchema?.type).toBe(Type.STRUCT);
    expect((transformed!.value as Struct).get('B.opt_int32')).toBeNull();
  });

  it('gives the flattened schema and a null for a null optional Struct', () => {
    // Prepare
    xformValue.configure({});
    const schema = SchemaBuilder.struct().optional().field('opt_int32', Schemas.OPTIONAL_INT32).build();
    // Act
    const transformed = xformValue.apply(sourceRecord({ topic: 'topic', valueSchema: schema, value: null }));
    // Assess
    expect(transformed?.valueSchema?.type).toBe(Type.STRUCT);
    expect(transformed?.value).toBeNull();
  });

  it('flattens a null optional nested Struct to null fields', () => {
    // Prepare
    xformValue.configure({});
    const leafSchema = SchemaBuilder.struct().optional().field('opt_int32', Schemas.OPTIONAL_INT32).build();
    const oneLevel = SchemaBuilder.struct().field('B', leafSchema).build();
    // Act
    const transformed = xformValue.apply(
      sourceRecord({ topic: 'topic', valueSchema: oneLevel, value: new Struct(oneLevel).put('B', null) }),
    );
    // Assess
    expect((transformed!.value as Struct).get('B.opt_int32')).toBeNull();
  });

  it('keeps a null field of a nested Map', () => {
    // Prepare
    xformValue.configure({});
    const value = new Map([['B', new Map([['opt_int32', null]])]]);
    // Act
    const transformed = xformValue.apply(sourceRecord({ topic: 'topic', value }));
    // Assess
    const map = transformed?.value as Map<string, unknown>;
    expect(map.has('B.opt_int32')).toBe(true);
    expect(map.get('B.opt_int32')).toBeNull();
  });

  it('flattens a schemaless key', () => {
    // Prepare
    xformKey.configure({});
    const key = new Map([['A', new Map([['B', 12]])]]);
    // Act
    const transformed = xformKey.apply(sourceRecord({ topic: 'topic', kafkaPartition: null, key }));
    // Assess
    expect(transformed?.keySchema).toBeNull();
    expect((transformed!.key as Map<string, unknown>).get('A.B')).toBe(12);
  });

  it('leaves schemaless arrays untouched, Maps inside them included', () => {
    // Prepare
    xformValue.configure({});
    const value = new Map([['foo', ['bar', new Map([['baz', new Map([['lfg', 'lfg']])]])]]]);
    // Act
    const transformed = xformValue.apply(sourceRecord({ topic: 'topic', kafkaPartition: null, value }));
    // Assess
    expectValue(transformed?.value, value);
  });

  it("leaves schema'd arrays untouched, Structs inside them included", () => {
    // Prepare
    xformValue.configure({});
    const nested = SchemaBuilder.struct().field('lfg', Schemas.STRING).build();
    const inner = SchemaBuilder.struct().field('baz', nested).build();
    const structSchema = SchemaBuilder.struct().field('foo', SchemaBuilder.array(inner).doc('durk').build()).build();
    const value = new Struct(structSchema).put('foo', [
      new Struct(inner).put('baz', new Struct(nested).put('lfg', 'lfg')),
    ]);
    // Act
    const transformed = xformValue.apply(
      sourceRecord({ topic: 'topic', kafkaPartition: null, valueSchema: structSchema, value }),
    );
    // Assess
    expectValue(transformed?.value, value);
    expectSchema(transformed?.valueSchema, structSchema);
  });

  it('makes fields under an optional parent optional and takes defaults from the parent default', () => {
    // Prepare
    xformValue.configure({});
    const withoutDefault = SchemaBuilder.struct()
      .optional()
      .field('req_field', Schemas.STRING)
      .field('opt_field', SchemaBuilder.string().optional().defaultValue('child_default').build())
      .build();
    const childDefault = new Struct(withoutDefault).put('req_field', 'req_default');
    const schema = SchemaBuilder.struct()
      .optional()
      .field('req_field', Schemas.STRING)
      .field('opt_field', SchemaBuilder.string().optional().defaultValue('child_default').build())
      .defaultValue(childDefault)
      .build();
    // Act
    const transformed = xformValue.apply(
      sourceRecord({ topic: 'topic', valueSchema: schema, value: new Struct(schema) }),
    );
    // Assess
    const flattened = transformed?.valueSchema;
    expect(flattened?.type).toBe(Type.STRUCT);
    expect(flattened?.fields()).toHaveLength(2);
    expectSchema(
      flattened?.field('req_field')?.schema,
      SchemaBuilder.string().optional().defaultValue('req_default').build(),
    );
    expectSchema(
      flattened?.field('opt_field')?.schema,
      SchemaBuilder.string().optional().defaultValue('child_default').build(),
    );
  });

  it('passes a schemaless tombstone through', () => {
    // Prepare
    xformValue.configure({});
    // Act
    const transformed = xformValue.apply(sourceRecord({ value: null }));
    // Assess
    expect(transformed?.value).toBeNull();
    expect(transformed?.valueSchema).toBeNull();
  });

  it("passes a schema'd tombstone through", () => {
    // Prepare
    xformValue.configure({});
    const schema = SchemaBuilder.struct()
      .name('name')
      .version(1)
      .doc('doc')
      .field('magic', Schemas.OPTIONAL_INT64)
      .build();
    // Act
    const transformed = xformValue.apply(sourceRecord({ valueSchema: schema, value: null }));
    // Assess
    expect(transformed?.value).toBeNull();
    expectSchema(transformed?.valueSchema, schema);
  });

  it('keeps null entries of a Map in order', () => {
    // Prepare
    xformValue.configure({});
    const value = new Map<string, unknown>([
      ['firstNull', null],
      ['firstNonNull', 'nonNull'],
      ['secondNull', null],
      ['secondNonNull', 'alsoNonNull'],
      ['thirdNonNull', null],
    ]);
    // Act
    const transformed = xformValue.apply(sourceRecord({ value }));
    // Assess
    expect(transformed?.value).toEqual(value);
  });

  it('keeps null fields of a Struct', () => {
    // Prepare
    xformValue.configure({});
    const schema = SchemaBuilder.struct()
      .field('firstNull', Schemas.OPTIONAL_STRING)
      .field('firstNonNull', Schemas.OPTIONAL_STRING)
      .field('secondNull', Schemas.OPTIONAL_STRING)
      .field('secondNonNull', Schemas.OPTIONAL_STRING)
      .field('thirdNonNull', Schemas.OPTIONAL_STRING)
      .build();
    const value = new Struct(schema).put('firstNonNull', 'nonNull').put('secondNonNull', 'alsoNonNull');
    // Act
    const transformed = xformValue.apply(sourceRecord({ valueSchema: schema, value }));
    // Assess
    expectValue(transformed?.value, value);
  });

  it("rejects MAP fields of schema'd data with Kafka's text", () => {
    // Prepare
    xformValue.configure({});
    const schema = SchemaBuilder.struct().field('m', SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build()).build();
    // Act
    const act = () =>
      xformValue.apply(sourceRecord({ valueSchema: schema, value: new Struct(schema).put('m', new Map()) }));
    // Assess
    expect(act).toThrow(
      new DataError('Flatten transformation does not support MAP for record with schemas (for field m).'),
    );
  });

  it('rejects schemaless values of no Connect type', () => {
    // Prepare
    xformValue.configure({});
    // Act
    const act = () => xformValue.apply(sourceRecord({ value: new Map([['when', new Date(0)]]) }));
    // Assess
    expect(act).toThrow(
      "Flatten transformation was passed a value of type class java.util.Date which is not supported by Connect's data API",
    );
  });
});
