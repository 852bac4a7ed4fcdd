import { describe, expect, it } from 'vitest';
import { DataError, type Field, SchemaBuilder, Schemas, Struct } from '../../../../shared/api';

// Cases from Apache Kafka's StructTest (connect/api).

const FLAT_STRUCT_SCHEMA = SchemaBuilder.struct()
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
const ARRAY_SCHEMA = SchemaBuilder.array(Schemas.INT8).build();
const MAP_SCHEMA = SchemaBuilder.map(Schemas.INT32, Schemas.STRING).build();
const NESTED_CHILD_SCHEMA = SchemaBuilder.struct().field('int8', Schemas.INT8).build();
const NESTED_SCHEMA = SchemaBuilder.struct()
  .field('array', ARRAY_SCHEMA)
  .field('map', MAP_SCHEMA)
  .field('nested', NESTED_CHILD_SCHEMA)
  .build();
const REQUIRED_FIELD_SCHEMA = Schemas.INT8;
const OPTIONAL_FIELD_SCHEMA = SchemaBuilder.int8().optional().build();
const DEFAULT_FIELD_SCHEMA = SchemaBuilder.int8().defaultValue(0).build();

const flat = (text: string, bytes = 'foobar') =>
  new Struct(FLAT_STRUCT_SCHEMA)
    .put('int8', 12)
    .put('int16', 12)
    .put('int32', 12)
    .put('int64', 12)
    .put('float32', 12)
    .put('float64', 12)
    .put('boolean', true)
    .put('string', text)
    .put('bytes', new Uint8Array(Buffer.from(bytes)));

const nested = (array: number[], map: Map<number, string>, int8: number) =>
  new Struct(NESTED_SCHEMA)
    .put('array', array)
    .put('map', map)
    .put('nested', new Struct(NESTED_CHILD_SCHEMA).put('int8', int8));

describe('Struct', () => {
  it('holds and returns the values of a flat struct by typed getters', () => {
    // Act
    const struct = flat('foobar');
    // Assess
    expect(struct.getInt8('int8')).toBe(12);
    expect(struct.getInt16('int16')).toBe(12);
    expect(struct.getInt32('int32')).toBe(12);
    expect(struct.getInt64('int64')).toBe(12);
    expect(struct.getFloat32('float32')).toBe(12);
    expect(struct.getFloat64('float64')).toBe(12);
    expect(struct.getBoolean('boolean')).toBe(true);
    expect(struct.getString('string')).toBe('foobar');
    expect(struct.getBytes('bytes')).toEqual(new Uint8Array(Buffer.from('foobar')));
    expect(() => struct.validate()).not.toThrow();
  });

  it('holds arrays, maps and nested structs', () => {
    // Act
    const struct = nested([1, 2], new Map([[1, 'string']]), 12);
    // Assess
    expect(struct.getArray('array')).toEqual([1, 2]);
    expect(struct.getMap('map')).toEqual(new Map([[1, 'string']]));
    expect(struct.getStruct('nested')?.get('int8')).toBe(12);
    expect(() => struct.validate()).not.toThrow();
  });

  it.each([
    [
      'a field of another type',
      () => new Struct(FLAT_STRUCT_SCHEMA).put('int8', 'should fail because this is a string, not int8'),
    ],
    [
      'array elements of another type',
      () => new Struct(NESTED_SCHEMA).put('array', ['should fail since elements should be int8s']),
    ],
    [
      'map keys of another type',
      () => new Struct(NESTED_SCHEMA).put('map', new Map([['should fail because keys should be int8s', 12]])),
    ],
    [
      'a struct of another schema',
      () => new Struct(NESTED_SCHEMA).put('nested', new Struct(SchemaBuilder.struct().build())),
    ],
    [
      'a nested struct missing a required value',
      () => new Struct(NESTED_SCHEMA).put('nested', new Struct(NESTED_CHILD_SCHEMA)),
    ],
    ['an INT8 out of range', () => new Struct(FLAT_STRUCT_SCHEMA).put('int8', 128)],
    ['an unknown field', () => new Struct(FLAT_STRUCT_SCHEMA).put('nope', 1)],
    ['a getter of another type', () => flat('x').getInt32('int8')],
  ])('refuses %s', (_what, act) => {
    // Act + Assess
    expect(act).toThrow(DataError);
  });

  it('fails validation for a missing required field, and passes for optional or defaulted ones', () => {
    // Prepare
    const required = new Struct(SchemaBuilder.struct().field('field', REQUIRED_FIELD_SCHEMA).build());
    const optional = new Struct(SchemaBuilder.struct().field('field', OPTIONAL_FIELD_SCHEMA).build());
    const defaulted = new Struct(SchemaBuilder.struct().field('field', DEFAULT_FIELD_SCHEMA).build());
    // Act + Assess
    expect(() => required.validate()).toThrow(DataError);
    expect(() => optional.validate()).not.toThrow();
    expect(() => defaulted.validate()).not.toThrow();
  });

  it('gives a missing field’s default, or null without one; getWithoutDefault gives null', () => {
    // Prepare
    const defaulted = new Struct(SchemaBuilder.struct().field('field', DEFAULT_FIELD_SCHEMA).build());
    const required = new Struct(SchemaBuilder.struct().field('field', REQUIRED_FIELD_SCHEMA).build());
    // Act + Assess
    expect(defaulted.get('field')).toBe(0);
    expect(defaulted.getWithoutDefault('field')).toBeNull();
    expect(required.get('field')).toBeNull();
  });

  it('is equal to a struct of the same schema and values, and hashes alike', () => {
    // Act + Assess
    expect(flat('foobar').equals(flat('foobar'))).toBe(true);
    expect(flat('foobar').hashCode()).toBe(flat('foobar').hashCode());
    expect(flat('foobar').equals(flat('mismatching string'))).toBe(false);
    expect(flat('foobar', 'foobar').equals(flat('foobar', 'mismatching_string'))).toBe(false);
    expect(flat('foobar', 'foobar').hashCode()).not.toBe(flat('foobar', 'mismatching_string').hashCode());
    expect(nested([1, 2], new Map([[1, 'string']]), 12).equals(nested([1, 2], new Map([[1, 'string']]), 12))).toBe(
      true,
    );
    expect(nested([1, 2], new Map([[1, 'string']]), 12).equals(nested([1, 2, 3], new Map([[2, 'string']]), 13))).toBe(
      false,
    );
  });

  it('names the first missing required field in the validation message', () => {
    // Prepare
    const struct = new Struct(
      SchemaBuilder.struct()
        .field('one', Schemas.STRING)
        .field('two', Schemas.STRING)
        .field('three', Schemas.STRING)
        .build(),
    );
    // Act + Assess
    expect(() => struct.validate()).toThrow(
      new DataError('Invalid value: null used for required field: "one", schema type: STRING'),
    );
  });

  it('refuses a null field', () => {
    // Prepare
    const struct = new Struct(SchemaBuilder.struct().field('fieldName', Schemas.STRING));
    // Act + Assess
    expect(() => struct.put(null as unknown as Field, 'valid')).toThrow(new DataError('field cannot be null.'));
  });

  it('names the field when a put is invalid', () => {
    // Prepare
    const struct = new Struct(SchemaBuilder.struct().field('fieldName', Schemas.STRING));
    // Act + Assess
    expect(() => struct.put('fieldName', null)).toThrow(
      new DataError('Invalid value: null used for required field: "fieldName", schema type: STRING'),
    );
  });

  it('prints as Java’s Struct#toString, null fields left out', () => {
    // Prepare
    const schema = SchemaBuilder.struct()
      .field('a', Schemas.INT32)
      .field('b', Schemas.OPTIONAL_STRING)
      .field('c', Schemas.FLOAT64)
      .build();
    // Act + Assess
    expect(new Struct(schema).put('a', 1).put('c', 2).toString()).toBe('Struct{a=1,c=2.0}');
  });

  it('takes values as they are in Struct.ofValues, and checks their count', () => {
    // Prepare
    const schema = SchemaBuilder.struct().field('a', Schemas.INT32).field('b', Schemas.OPTIONAL_STRING).build();
    // Act
    const struct = Struct.ofValues(schema, [1, undefined]);
    // Assess
    expect(struct.equals(new Struct(schema).put('a', 1))).toBe(true);
    expect(struct.getWithoutDefault('b')).toBeNull();
    expect(() => Struct.ofValues(schema, [1])).toThrow(DataError);
  });

  it('refuses a schema that is not a STRUCT', () => {
    // Act + Assess
    expect(() => new Struct(Schemas.INT8)).toThrow(new DataError('Not a struct schema: Schema{INT8}'));
  });
});
