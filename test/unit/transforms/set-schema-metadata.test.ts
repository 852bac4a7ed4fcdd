import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DataError, type Schema, SchemaBuilder, Schemas, Struct } from '../../../shared/api';
import { SetSchemaMetadataKey, SetSchemaMetadataValue } from '../../../shared/transforms';
import { sinkRecord } from './support';

function expectMatchingSchema(value: Struct, schema: Schema | null): void {
  expect(value.schema).toBe(schema);
  for (const field of schema?.fields() ?? []) {
    expect(value.schema.field(field.name)?.index).toBe(field.index);
    expect(value.schema.field(field.name)?.schema).toBe(field.schema);
  }
}

describe('SetSchemaMetadata', () => {
  const xform = new SetSchemaMetadataValue();

  afterEach(() => xform.close());

  it('is registered under Kafka class names', () => {
    // Assess
    expect(SetSchemaMetadataKey.className).toBe('org.apache.kafka.connect.transforms.SetSchemaMetadata$Key');
    expect(SetSchemaMetadataValue.className).toBe('org.apache.kafka.connect.transforms.SetSchemaMetadata$Value');
    expect(xform.version()).toBe('3.9.0');
  });

  it('sets the schema name', () => {
    // Prepare
    xform.configure({ 'schema.name': 'foo' });
    // Act
    const updated = xform.apply(sinkRecord({ topic: '', valueSchema: SchemaBuilder.struct().build(), value: null }));
    // Assess
    expect(updated?.valueSchema?.name).toBe('foo');
  });

  it('sets the schema version', () => {
    // Prepare
    xform.configure({ 'schema.version': 42 });
    // Act
    const updated = xform.apply(sinkRecord({ valueSchema: SchemaBuilder.struct().build(), value: null }));
    // Assess
    expect(updated?.valueSchema?.version).toBe(42);
  });

  it('sets the schema name and version', () => {
    // Prepare
    xform.configure({ 'schema.name': 'foo', 'schema.version': '42' });
    // Act
    const updated = xform.apply(sinkRecord({ valueSchema: SchemaBuilder.struct().build(), value: null }));
    // Assess
    expect(updated?.valueSchema?.name).toBe('foo');
    expect(updated?.valueSchema?.version).toBe(42);
  });

  it('re-points a Struct value at the renamed schema', () => {
    // Prepare
    const schema = SchemaBuilder.struct()
      .name('my.orig.SchemaDefn')
      .field('f1', Schemas.STRING)
      .field('f2', Schemas.INT32)
      .build();
    const value = new Struct(schema).put('f1', 'value1').put('f2', 1);
    xform.configure({ 'schema.name': 'foo', 'schema.version': '42' });
    // Act
    const updated = xform.apply(sinkRecord({ valueSchema: schema, value }));
    // Assess
    expect(updated?.valueSchema?.name).toBe('foo');
    expect(updated?.valueSchema?.version).toBe(42);
    expectMatchingSchema(updated!.value as Struct, updated?.valueSchema ?? null);
    expect((updated!.value as Struct).get('f1')).toBe('value1');
  });

  it.each([
    [false, null],
    [true, 'default'],
  ])('with replace.null.with.default=%s copies a null field as %s', (replaceNullWithDefault, expected) => {
    // Prepare
    const schema = SchemaBuilder.struct()
      .name('my.orig.SchemaDefn')
      .field('f1', SchemaBuilder.string().defaultValue('default').optional().build())
      .field('f2', Schemas.INT32)
      .build();
    const value = new Struct(schema).put('f1', null).put('f2', 1);
    xform.configure({
      'schema.name': 'foo',
      'schema.version': '42',
      'replace.null.with.default': replaceNullWithDefault,
    });
    // Act
    const updated = xform.apply(sinkRecord({ valueSchema: schema, value }));
    // Assess
    expectMatchingSchema(updated!.value as Struct, updated?.valueSchema ?? null);
    expect((updated!.value as Struct).getWithoutDefault('f1')).toBe(expected);
  });

  it('requires a schema for a value', () => {
    // Prepare
    xform.configure({ 'schema.name': 'foo' });
    // Act
    const act = () => xform.apply(sinkRecord({ value: 42 }));
    // Assess
    expect(act).toThrow(new DataError('Schema required for [updating schema metadata]'));
  });

  it('passes a record with neither value nor schema through', () => {
    // Prepare
    xform.configure({ 'schema.name': 'foo' });
    const record = sinkRecord({ value: null });
    // Act
    const updated = xform.apply(record);
    // Assess
    expect(updated?.key).toBeNull();
    expect(updated?.keySchema).toBeNull();
    expect(updated?.value).toBeNull();
    expect(updated?.valueSchema).toBeNull();
  });

  it('copies a Struct onto a new schema with the same fields', () => {
    // Prepare
    xform.configure({ 'schema.name': 'foo' });
    const schema = SchemaBuilder.struct()
      .name('my.orig.SchemaDefn')
      .field('f1', Schemas.STRING)
      .field('f2', Schemas.INT32)
      .build();
    const newSchema = SchemaBuilder.struct()
      .name('my.updated.SchemaDefn')
      .field('f1', Schemas.STRING)
      .field('f2', Schemas.INT32)
      .build();
    // Act
    const updated = xform.updateSchemaIn(new Struct(schema).put('f1', 'value1').put('f2', 1), newSchema);
    // Assess
    expectMatchingSchema(updated as Struct, newSchema);
  });

  it('returns non-Struct values and null as they are', () => {
    // Assess
    expect(xform.updateSchemaIn(1, Schemas.INT32)).toBe(1);
    expect(xform.updateSchemaIn(null, Schemas.INT32)).toBeNull();
  });

  it('rejects a config with neither name nor version', () => {
    // Act
    const act = () => xform.configure({});
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('Neither schema name nor version configured');
  });

  it('fails on a non-STRUCT schema, as Kafka 3.9 does', () => {
    // Prepare
    xform.configure({ 'schema.name': 'foo' });
    // Act
    const act = () => xform.apply(sinkRecord({ valueSchema: Schemas.INT32, value: 1 }));
    // Assess
    expect(act).toThrow(new DataError('Cannot list fields on non-struct type'));
  });

  it('updates the key schema with the $Key variant', () => {
    // Prepare
    const keyXform = new SetSchemaMetadataKey();
    keyXform.configure({ 'schema.name': 'key.name', 'schema.version': 3 });
    const schema = SchemaBuilder.struct().field('id', Schemas.INT64).build();
    // Act
    const updated = keyXform.apply(sinkRecord({ keySchema: schema, key: new Struct(schema).put('id', 7) }));
    // Assess
    expect(updated?.keySchema?.name).toBe('key.name');
    expect(updated?.keySchema?.version).toBe(3);
    expectMatchingSchema(updated!.key as Struct, updated?.keySchema ?? null);
  });
});
