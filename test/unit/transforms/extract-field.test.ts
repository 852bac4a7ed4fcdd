import { afterEach, describe, expect, it } from 'vitest';
import { SchemaBuilder, Schemas, Struct } from '../../../shared/api';
import { ExtractFieldKey, ExtractFieldValue, IllegalArgumentError } from '../../../shared/transforms';
import { expectSchema, sinkRecord } from './support';

describe('ExtractField', () => {
  const xformKey = new ExtractFieldKey();
  const xformValue = new ExtractFieldValue();

  afterEach(() => {
    xformKey.close();
    xformValue.close();
  });

  it('is registered under Kafka class names', () => {
    // Assess
    expect(ExtractFieldKey.className).toBe('org.apache.kafka.connect.transforms.ExtractField$Key');
    expect(ExtractFieldValue.className).toBe('org.apache.kafka.connect.transforms.ExtractField$Value');
    expect(xformKey.version()).toBe('3.9.0');
  });

  it('extracts a field of a schemaless key', () => {
    // Prepare
    xformKey.configure({ field: 'magic' });
    // Act
    const transformed = xformKey.apply(sinkRecord({ key: new Map([['magic', 42]]) }));
    // Assess
    expect(transformed?.keySchema).toBeNull();
    expect(transformed?.key).toBe(42);
  });

  it('extracts a nested field of a schemaless key with V2 paths', () => {
    // Prepare
    xformKey.configure({ 'field.syntax.version': 'V2', field: 'magic.foo' });
    const key = new Map([['magic', new Map([['foo', 42]])]]);
    // Act
    const transformed = xformKey.apply(sinkRecord({ key }));
    // Assess
    expect(transformed?.keySchema).toBeNull();
    expect(transformed?.key).toBe(42);
  });

  it('passes a null schemaless key through', () => {
    // Prepare
    xformKey.configure({ field: 'magic' });
    // Act
    const transformed = xformKey.apply(sinkRecord({ key: null }));
    // Assess
    expect(transformed?.keySchema).toBeNull();
    expect(transformed?.key).toBeNull();
  });

  it('extracts a field of a Struct key with its schema', () => {
    // Prepare
    xformKey.configure({ field: 'magic' });
    const keySchema = SchemaBuilder.struct().field('magic', Schemas.INT32).build();
    // Act
    const transformed = xformKey.apply(sinkRecord({ keySchema, key: new Struct(keySchema).put('magic', 42) }));
    // Assess
    expectSchema(transformed?.keySchema, Schemas.INT32);
    expect(transformed?.key).toBe(42);
  });

  it('extracts a nested field of a Struct key with V2 paths', () => {
    // Prepare
    xformKey.configure({ 'field.syntax.version': 'V2', field: 'magic.foo' });
    const fooSchema = SchemaBuilder.struct().field('foo', Schemas.INT32).build();
    const keySchema = SchemaBuilder.struct().field('magic', fooSchema).build();
    const key = new Struct(keySchema).put('magic', new Struct(fooSchema).put('foo', 42));
    // Act
    const transformed = xformKey.apply(sinkRecord({ keySchema, key }));
    // Assess
    expectSchema(transformed?.keySchema, Schemas.INT32);
    expect(transformed?.key).toBe(42);
  });

  it("gives the field's schema and a null for a null Struct key", () => {
    // Prepare
    xformKey.configure({ field: 'magic' });
    const keySchema = SchemaBuilder.struct().field('magic', Schemas.INT32).optional().build();
    // Act
    const transformed = xformKey.apply(sinkRecord({ keySchema, key: null }));
    // Assess
    expectSchema(transformed?.keySchema, Schemas.INT32);
    expect(transformed?.key).toBeNull();
  });

  it('gives null for a field a schemaless key does not have', () => {
    // Prepare
    xformKey.configure({ field: 'nonexistent' });
    // Act
    const transformed = xformKey.apply(sinkRecord({ key: new Map([['magic', 42]]) }));
    // Assess
    expect(transformed?.keySchema).toBeNull();
    expect(transformed?.key).toBeNull();
  });

  it('gives null for a nested field a schemaless key does not have', () => {
    // Prepare
    xformKey.configure({ 'field.syntax.version': 'V2', field: 'magic.nonexistent' });
    // Act
    const transformed = xformKey.apply(sinkRecord({ key: new Map([['magic', new Map([['foo', 42]])]]) }));
    // Assess
    expect(transformed?.key).toBeNull();
  });

  it("fails for a field a schema'd key does not have", () => {
    // Prepare
    xformKey.configure({ field: 'nonexistent' });
    const keySchema = SchemaBuilder.struct().field('magic', Schemas.INT32).build();
    // Act
    const act = () => xformKey.apply(sinkRecord({ keySchema, key: new Struct(keySchema).put('magic', 42) }));
    // Assess
    expect(act).toThrow(IllegalArgumentError);
    expect(act).toThrow('Unknown field: nonexistent');
  });

  it("fails for a nested field a schema'd key does not have", () => {
    // Prepare
    xformKey.configure({ 'field.syntax.version': 'V2', field: 'magic.nonexistent' });
    const fooSchema = SchemaBuilder.struct().field('foo', Schemas.INT32).build();
    const keySchema = SchemaBuilder.struct().field('magic', fooSchema).build();
    const key = new Struct(keySchema).put('magic', new Struct(fooSchema).put('foo', 42));
    // Act
    const act = () => xformKey.apply(sinkRecord({ keySchema, key }));
    // Assess
    expect(act).toThrow('Unknown field: magic.nonexistent');
  });

  it('reads a dotted field name as one top-level name with V1 (the default)', () => {
    // Prepare
    xformValue.configure({ field: 'a.b' });
    // Act
    const transformed = xformValue.apply(sinkRecord({ value: new Map([['a.b', 1]]) }));
    // Assess
    expect(transformed?.value).toBe(1);
  });

  it.each([
    [false, null],
    [true, 42],
  ])('with replace.null.with.default=%s extracts an unset key field as %s', (replaceNullWithDefault, expected) => {
    // Prepare
    xformKey.configure({ field: 'optional_with_default', 'replace.null.with.default': replaceNullWithDefault });
    const keySchema = SchemaBuilder.struct()
      .field('optional_with_default', SchemaBuilder.int32().optional().defaultValue(42).build())
      .build();
    // Act
    const transformed = xformKey.apply(
      sinkRecord({ keySchema, key: new Struct(keySchema).put('optional_with_default', null) }),
    );
    // Assess
    expect(transformed?.key).toBe(expected);
  });

  it.each([
    [false, null],
    [true, 42],
  ])('with replace.null.with.default=%s extracts an unset value field as %s', (replaceNullWithDefault, expected) => {
    // Prepare
    xformValue.configure({ field: 'optional_with_default', 'replace.null.with.default': replaceNullWithDefault });
    const valueSchema = SchemaBuilder.struct()
      .field('optional_with_default', SchemaBuilder.int32().optional().defaultValue(42).build())
      .build();
    // Act
    const transformed = xformValue.apply(
      sinkRecord({ valueSchema, value: new Struct(valueSchema).put('optional_with_default', null) }),
    );
    // Assess
    expect(transformed?.value).toBe(expected);
  });

  it('rejects an unknown field.syntax.version with the case-insensitive choices', () => {
    // Act
    const act = () => xformValue.configure({ field: 'a', 'field.syntax.version': 'v3' });
    // Assess
    expect(act).toThrow(
      'Invalid value v3 for configuration field.syntax.version: String must be one of (case insensitive): V1, V2',
    );
  });
});
