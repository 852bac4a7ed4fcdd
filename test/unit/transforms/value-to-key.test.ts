import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DataError, SchemaBuilder, Schemas, Struct } from '../../../shared/api';
import { ValueToKey } from '../../../shared/transforms';
import { expectSchema, expectValue, sinkRecord } from './support';

describe('ValueToKey', () => {
  const xform = new ValueToKey();

  afterEach(() => xform.close());

  it('is registered under its Kafka class name', () => {
    // Assess
    expect(ValueToKey.className).toBe('org.apache.kafka.connect.transforms.ValueToKey');
    expect(xform.version()).toBe('3.9.0');
  });

  it('makes a schemaless key of the listed value fields', () => {
    // Prepare
    xform.configure({ fields: 'a,b' });
    const value = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    // Act
    const transformed = xform.apply(sinkRecord({ topic: '', value }));
    // Assess
    expect(transformed?.keySchema).toBeNull();
    expect(transformed?.key).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
  });

  it('makes a Struct key with the fields schemas', () => {
    // Prepare
    xform.configure({ fields: 'a,b' });
    const valueSchema = SchemaBuilder.struct()
      .field('a', Schemas.INT32)
      .field('b', Schemas.INT32)
      .field('c', Schemas.INT32)
      .build();
    const value = new Struct(valueSchema).put('a', 1).put('b', 2).put('c', 3);
    // Act
    const transformed = xform.apply(sinkRecord({ topic: '', valueSchema, value }));
    // Assess
    const expectedKeySchema = SchemaBuilder.struct().field('a', Schemas.INT32).field('b', Schemas.INT32).build();
    expectSchema(transformed?.keySchema, expectedKeySchema);
    expectValue(transformed?.key, new Struct(expectedKeySchema).put('a', 1).put('b', 2));
    expect(transformed?.value).toBe(value);
  });

  it('fails for a field the value schema does not have', () => {
    // Prepare
    xform.configure({ fields: 'not_exist' });
    const valueSchema = SchemaBuilder.struct().field('a', Schemas.INT32).build();
    // Act
    const act = () => xform.apply(sinkRecord({ valueSchema, value: new Struct(valueSchema).put('a', 1) }));
    // Assess
    expect(act).toThrow(new DataError('Field does not exist: not_exist'));
  });

  it.each([
    [false, null],
    [true, 42],
  ])('with replace.null.with.default=%s copies an unset field as %s', (replaceNullWithDefault, expected) => {
    // Prepare
    xform.configure({ fields: 'optional_with_default', 'replace.null.with.default': replaceNullWithDefault });
    const valueSchema = SchemaBuilder.struct()
      .field('optional_with_default', SchemaBuilder.int32().optional().defaultValue(42).build())
      .build();
    // Act
    const transformed = xform.apply(
      sinkRecord({ valueSchema, value: new Struct(valueSchema).put('optional_with_default', null) }),
    );
    // Assess
    expect((transformed!.key as Struct).getWithoutDefault('optional_with_default')).toBe(expected);
  });

  it('rejects an empty field list', () => {
    // Assess
    const act = () => xform.configure({ fields: '' });
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('Invalid value [] for configuration fields: Empty list');
  });

  it('rejects a null value, which is neither a Map nor a Struct', () => {
    // Prepare
    xform.configure({ fields: 'a' });
    // Act
    const act = () => xform.apply(sinkRecord({ value: null }));
    // Assess
    expect(act).toThrow(
      'Only Map objects supported in absence of schema for [copying fields from value to key], found: null',
    );
  });
});
