import { afterEach, describe, expect, it } from 'vitest';
import { SchemaBuilder, Schemas, type Struct, Type } from '../../../shared/api';
import { HoistFieldKey, HoistFieldValue } from '../../../shared/transforms';
import { expectSchema, sinkRecord } from './support';

describe('HoistField', () => {
  const xform = new HoistFieldKey();

  afterEach(() => xform.close());

  it('is registered under Kafka class names', () => {
    // Assess
    expect(HoistFieldKey.className).toBe('org.apache.kafka.connect.transforms.HoistField$Key');
    expect(HoistFieldValue.className).toBe('org.apache.kafka.connect.transforms.HoistField$Value');
    expect(xform.version()).toBe('3.9.0');
  });

  it('wraps a schemaless key in a Map', () => {
    // Prepare
    xform.configure({ field: 'magic' });
    // Act
    const transformed = xform.apply(sinkRecord({ key: 42 }));
    // Assess
    expect(transformed?.keySchema).toBeNull();
    expect(transformed?.key).toEqual(new Map([['magic', 42]]));
  });

  it("wraps a schema'd key in a Struct with the original schema", () => {
    // Prepare
    xform.configure({ field: 'magic' });
    // Act
    const transformed = xform.apply(sinkRecord({ keySchema: Schemas.INT32, key: 42 }));
    // Assess
    expect(transformed?.keySchema?.type).toBe(Type.STRUCT);
    expectSchema(transformed?.keySchema?.field('magic')?.schema, Schemas.INT32);
    expect((transformed!.key as Struct).get('magic')).toBe(42);
  });

  it('gives a schemaless Map that can be changed afterwards', () => {
    // Prepare
    xform.configure({ field: 'magic' });
    // Act
    const key = xform.apply(sinkRecord({ key: 420 }))?.key as Map<string, unknown>;
    key.set('k', 'v');
    // Assess
    expect(key).toEqual(
      new Map<string, unknown>([
        ['magic', 420],
        ['k', 'v'],
      ]),
    );
  });

  it('wraps a null value too', () => {
    // Prepare
    const value = new HoistFieldValue();
    value.configure({ field: 'line' });
    // Act
    const schemaless = value.apply(sinkRecord({ value: null }));
    const withSchema = value.apply(sinkRecord({ valueSchema: Schemas.OPTIONAL_STRING, value: null }));
    // Assess
    expect(schemaless?.value).toEqual(new Map([['line', null]]));
    expect((withSchema!.value as Struct).get('line')).toBeNull();
  });

  it('builds the wrapping schema once per input schema', () => {
    // Prepare
    xform.configure({ field: 'magic' });
    const schema = SchemaBuilder.string().optional().build();
    // Act
    const first = xform.apply(sinkRecord({ keySchema: schema, key: 'a' }));
    const second = xform.apply(sinkRecord({ keySchema: SchemaBuilder.string().optional().build(), key: 'b' }));
    // Assess
    expect(second?.keySchema).toBe(first?.keySchema);
  });
});
