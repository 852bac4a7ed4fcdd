import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DataError, SchemaBuilder, Schemas, Struct } from '../../../shared/api';
import { ReplaceFieldKey, ReplaceFieldValue } from '../../../shared/transforms';
import { expectSchema, sinkRecord } from './support';

const SCHEMA = SchemaBuilder.struct()
  .field('dont', Schemas.STRING)
  .field('abc', Schemas.INT32)
  .field('foo', Schemas.BOOLEAN)
  .field('etc', Schemas.STRING)
  .build();

function schemalessValue(): Map<string, unknown> {
  return new Map<string, unknown>([
    ['dont', 'whatever'],
    ['abc', 42],
    ['foo', true],
    ['etc', 'etc'],
  ]);
}

describe('ReplaceField', () => {
  const xformKey = new ReplaceFieldKey();
  const xform = new ReplaceFieldValue();

  afterEach(() => {
    xformKey.close();
    xform.close();
  });

  it('is registered under Kafka class names', () => {
    // Assess
    expect(ReplaceFieldKey.className).toBe('org.apache.kafka.connect.transforms.ReplaceField$Key');
    expect(ReplaceFieldValue.className).toBe('org.apache.kafka.connect.transforms.ReplaceField$Value');
    expect(xform.version()).toBe('3.9.0');
  });

  it('passes a schemaless tombstone through', () => {
    // Prepare
    xform.configure({ include: 'abc,foo', renames: 'abc:xyz,foo:bar' });
    // Act
    const transformed = xform.apply(sinkRecord({ value: null }));
    // Assess
    expect(transformed?.value).toBeNull();
    expect(transformed?.valueSchema).toBeNull();
  });

  it("passes a schema'd tombstone through", () => {
    // Prepare
    xform.configure({ include: 'abc,foo', renames: 'abc:xyz,foo:bar' });
    // Act
    const transformed = xform.apply(sinkRecord({ valueSchema: SCHEMA, value: null }));
    // Assess
    expect(transformed?.value).toBeNull();
    expectSchema(transformed?.valueSchema, SCHEMA);
  });

  it('excludes and renames fields of a schemaless value', () => {
    // Prepare
    xform.configure({ exclude: 'dont', renames: 'abc:xyz,foo:bar' });
    // Act
    const transformed = xform.apply(sinkRecord({ value: schemalessValue() }));
    // Assess
    expect(transformed?.value).toEqual(
      new Map<string, unknown>([
        ['xyz', 42],
        ['bar', true],
        ['etc', 'etc'],
      ]),
    );
  });

  it('includes and renames fields of a Struct', () => {
    // Prepare
    xform.configure({ include: 'abc,foo', renames: 'abc:xyz,foo:bar' });
    const value = new Struct(SCHEMA).put('dont', 'whatever').put('abc', 42).put('foo', true).put('etc', 'etc');
    // Act
    const transformed = xform.apply(sinkRecord({ valueSchema: SCHEMA, value }));
    // Assess
    const updated = transformed?.value as Struct;
    expect(updated.schema.fields().map((f) => f.name)).toEqual(['xyz', 'bar']);
    expect(updated.getInt32('xyz')).toBe(42);
    expect(updated.getBoolean('bar')).toBe(true);
  });

  it('still reads the deprecated whitelist as include', () => {
    // Prepare
    xform.configure({ whitelist: 'abc,foo', renames: 'abc:xyz,foo:bar' });
    const value = new Struct(SCHEMA).put('dont', 'whatever').put('abc', 42).put('foo', true).put('etc', 'etc');
    // Act
    const transformed = xform.apply(sinkRecord({ valueSchema: SCHEMA, value }));
    const tombstone = xform.apply(sinkRecord({ value: null }));
    // Assess
    expect((transformed!.value as Struct).schema.fields().map((f) => f.name)).toEqual(['xyz', 'bar']);
    expect(tombstone?.value).toBeNull();
  });

  it('still reads the deprecated blacklist as exclude', () => {
    // Prepare
    xform.configure({ blacklist: 'dont', renames: 'abc:xyz,foo:bar' });
    // Act
    const transformed = xform.apply(sinkRecord({ value: schemalessValue() }));
    // Assess
    const updated = transformed?.value as Map<string, unknown>;
    expect(updated.size).toBe(3);
    expect(updated.get('xyz')).toBe(42);
    expect(updated.get('bar')).toBe(true);
    expect(updated.get('etc')).toBe('etc');
  });

  it('prefers exclude over a deprecated blacklist given with it', () => {
    // Prepare
    xform.configure({ exclude: 'etc', blacklist: 'dont' });
    // Act
    const transformed = xform.apply(sinkRecord({ value: schemalessValue() }));
    // Assess
    expect([...(transformed!.value as Map<string, unknown>).keys()]).toEqual(['dont', 'abc', 'foo']);
  });

  it('lets exclude win over include', () => {
    // Prepare
    xform.configure({ include: 'abc,foo', exclude: 'foo' });
    // Act
    const transformed = xform.apply(sinkRecord({ value: schemalessValue() }));
    // Assess
    expect([...(transformed!.value as Map<string, unknown>).keys()]).toEqual(['abc']);
  });

  it.each([
    [false, null],
    [true, 42],
  ])('with replace.null.with.default=%s copies an unset value field as %s', (replaceNullWithDefault, expected) => {
    // Prepare
    xform.configure({
      include: 'abc',
      renames: 'abc:optional_with_default',
      'replace.null.with.default': String(replaceNullWithDefault),
    });
    const schema = SchemaBuilder.struct()
      .field('abc', SchemaBuilder.int32().optional().defaultValue(42).build())
      .build();
    // Act
    const transformed = xform.apply(sinkRecord({ valueSchema: schema, value: new Struct(schema).put('abc', null) }));
    // Assess
    const updated = transformed?.value as Struct;
    expect(updated.schema.fields()).toHaveLength(1);
    expect(updated.getWithoutDefault('optional_with_default')).toBe(expected);
  });

  it.each([
    [false, null],
    [true, 42],
  ])('with replace.null.with.default=%s copies an unset key field as %s', (replaceNullWithDefault, expected) => {
    // Prepare
    xformKey.configure({
      include: 'abc',
      renames: 'abc:optional_with_default',
      'replace.null.with.default': String(replaceNullWithDefault),
    });
    const schema = SchemaBuilder.struct()
      .field('abc', SchemaBuilder.int32().optional().defaultValue(42).build())
      .build();
    // Act
    const transformed = xformKey.apply(sinkRecord({ keySchema: schema, key: new Struct(schema).put('abc', null) }));
    // Assess
    const updated = transformed?.key as Struct;
    expect(updated.schema.fields()).toHaveLength(1);
    expect(updated.getWithoutDefault('optional_with_default')).toBe(expected);
  });

  it('rejects a rename mapping that is not a pair, naming the renames key', () => {
    // Act
    const act = () => xform.configure({ renames: 'abc:xyz,foo' });
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('Invalid value [abc:xyz, foo] for configuration renames: Invalid rename mapping: foo');
  });

  it('requires a Struct for a schema and reports the Java class otherwise', () => {
    // Prepare
    xform.configure({ exclude: 'a' });
    // Act
    const act = () => xform.apply(sinkRecord({ valueSchema: Schemas.STRING, value: 'text' }));
    // Assess
    expect(act).toThrow(
      new DataError('Only Struct objects supported for [field replacement], found: java.lang.String'),
    );
  });
});
