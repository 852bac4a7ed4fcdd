import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConnectTimestamp,
  DataError,
  SchemaBuilder,
  Schemas,
  Struct,
  validateValue,
} from '../../../shared/api';
import { InsertFieldKey, InsertFieldValue } from '../../../shared/transforms';
import { expectSchema, expectValue, sinkRecord, sourceRecord } from './support';

const ALL_FIELDS = {
  'topic.field': 'topic_field!',
  'partition.field': 'partition_field',
  'timestamp.field': 'timestamp_field?',
  'static.field': 'instance_id',
  'static.value': 'my-instance-id',
};

describe('InsertField', () => {
  const xformKey = new InsertFieldKey();
  const xformValue = new InsertFieldValue();

  afterEach(() => {
    xformKey.close();
    xformValue.close();
  });

  it('is registered under Kafka class names and reports the Kafka version', () => {
    // Assess
    expect(InsertFieldKey.className).toBe('org.apache.kafka.connect.transforms.InsertField$Key');
    expect(InsertFieldValue.className).toBe('org.apache.kafka.connect.transforms.InsertField$Value');
    expect(xformKey.version()).toBe('3.9.0');
    expect(xformValue.version()).toBe(xformKey.version());
  });

  it('requires a Struct when the value has a schema', () => {
    // Prepare
    xformValue.configure({ 'topic.field': 'topic_field' });
    const record = sourceRecord({ topic: '', valueSchema: Schemas.INT32, value: 42 });
    // Act
    const act = () => xformValue.apply(record);
    // Assess
    expect(act).toThrow(DataError);
    expect(act).toThrow('Only Struct objects supported for [field insertion], found: java.lang.Integer');
  });

  it('requires a Map when the value has no schema', () => {
    // Prepare
    xformValue.configure({ 'topic.field': 'topic_field' });
    // Act
    const act = () => xformValue.apply(sourceRecord({ value: 'text' }));
    // Assess
    expect(act).toThrow(
      'Only Map objects supported in absence of schema for [field insertion], found: java.lang.String',
    );
  });

  it('copies the schema and inserts the configured fields into a Struct', () => {
    // Prepare
    xformValue.configure(ALL_FIELDS);
    const simpleStructSchema = SchemaBuilder.struct()
      .name('name')
      .version(1)
      .doc('doc')
      .field('magic', Schemas.OPTIONAL_INT64)
      .build();
    const simpleStruct = new Struct(simpleStructSchema).put('magic', 42);
    const record = sourceRecord({
      topic: 'test',
      valueSchema: simpleStructSchema,
      value: simpleStruct,
      timestamp: 789,
    });
    // Act
    const transformed = xformValue.apply(record);
    // Assess
    const schema = transformed?.valueSchema;
    const value = transformed?.value as Struct;
    expect(schema?.name).toBe('name');
    expect(schema?.version).toBe(1);
    expect(schema?.doc).toBe('doc');
    expectSchema(schema?.field('magic')?.schema, Schemas.OPTIONAL_INT64);
    expect(value.getInt64('magic')).toBe(42);
    expectSchema(schema?.field('topic_field')?.schema, Schemas.STRING);
    expect(value.getString('topic_field')).toBe('test');
    expectSchema(schema?.field('partition_field')?.schema, Schemas.OPTIONAL_INT32);
    expect(value.getInt32('partition_field')).toBe(0);
    expectSchema(schema?.field('timestamp_field')?.schema, ConnectTimestamp.builder().optional().build());
    expect((value.get('timestamp_field') as Date).getTime()).toBe(789);
    expectSchema(schema?.field('instance_id')?.schema, Schemas.OPTIONAL_STRING);
    expect(value.getString('instance_id')).toBe('my-instance-id');
  });

  it('builds the updated schema once per input schema', () => {
    // Prepare
    xformValue.configure(ALL_FIELDS);
    const schema = SchemaBuilder.struct().field('magic', Schemas.OPTIONAL_INT64).build();
    const equalSchema = SchemaBuilder.struct().field('magic', Schemas.OPTIONAL_INT64).build();
    // Act
    const first = xformValue.apply(sourceRecord({ valueSchema: schema, value: new Struct(schema), timestamp: 1 }));
    const second = xformValue.apply(
      sourceRecord({ kafkaPartition: 1, valueSchema: schema, value: new Struct(schema) }),
    );
    const third = xformValue.apply(sourceRecord({ valueSchema: equalSchema, value: new Struct(equalSchema) }));
    // Assess
    expect(second?.valueSchema).toBe(first?.valueSchema);
    expect(third?.valueSchema).toBe(first?.valueSchema);
  });

  it('inserts the configured fields into a schemaless value', () => {
    // Prepare
    xformValue.configure(ALL_FIELDS);
    const record = sourceRecord({ topic: 'test', value: new Map([['magic', 42]]), timestamp: 123 });
    // Act
    const transformed = xformValue.apply(record);
    // Assess
    const value = transformed?.value as Map<string, unknown>;
    expect(transformed?.valueSchema).toBeNull();
    expect(value.get('magic')).toBe(42);
    expect(value.get('topic_field')).toBe('test');
    expect(value.get('partition_field')).toBe(0);
    expect(value.get('timestamp_field')).toBe(123);
    expect(value.get('instance_id')).toBe('my-instance-id');
  });

  it('leaves a schemaless tombstone unchanged', () => {
    // Prepare
    xformValue.configure(ALL_FIELDS);
    // Act
    const transformed = xformValue.apply(sourceRecord({ value: null }));
    // Assess
    expect(transformed?.value).toBeNull();
    expect(transformed?.valueSchema).toBeNull();
  });

  it("leaves a schema'd tombstone unchanged", () => {
    // Prepare
    xformValue.configure(ALL_FIELDS);
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

  it('inserts fields into the key of a tombstone', () => {
    // Prepare
    xformKey.configure(ALL_FIELDS);
    const record = sourceRecord({ key: new Map([['magic', 42]]), value: null });
    // Act
    const transformed = xformKey.apply(record);
    // Assess
    const key = transformed?.key as Map<string, unknown>;
    expect(key.get('magic')).toBe(42);
    expect(key.get('topic_field')).toBe('test');
    expect(key.get('partition_field')).toBe(0);
    expect(key.get('timestamp_field')).toBeUndefined();
    expect(key.get('instance_id')).toBe('my-instance-id');
    expect(transformed?.value).toBeNull();
  });

  it('returns the very record when the key is null', () => {
    // Prepare
    xformKey.configure(ALL_FIELDS);
    const record = sourceRecord({ key: null, value: new Map([['magic', 42]]) });
    // Act
    const transformed = xformKey.apply(record);
    // Assess
    expect(transformed).toBe(record);
  });

  it.each([
    [false, null],
    [true, 42],
  ])('with replace.null.with.default=%s copies an unset optional field as %s', (replaceNullWithDefault, expected) => {
    // Prepare
    xformValue.configure({ ...ALL_FIELDS, 'replace.null.with.default': replaceNullWithDefault });
    const magicFieldSchema = SchemaBuilder.int64().optional().defaultValue(42).build();
    const schema = SchemaBuilder.struct()
      .name('name')
      .version(1)
      .doc('doc')
      .field('magic_with_default', magicFieldSchema)
      .build();
    const record = sourceRecord({
      valueSchema: schema,
      value: new Struct(schema).put('magic_with_default', null),
      timestamp: 789,
    });
    // Act
    const transformed = xformValue.apply(record);
    // Assess
    expectSchema(transformed?.valueSchema?.field('magic_with_default')?.schema, magicFieldSchema);
    expect((transformed!.value as Struct).getInt64('magic_with_default')).toBe(expected);
  });

  it('inserts the offset of a sink record, as a required INT64 with !', () => {
    // Prepare
    xformValue.configure({ 'offset.field': 'offset!' });
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    // Act
    const transformed = xformValue.apply(
      sinkRecord({ kafkaOffset: 1234, valueSchema: schema, value: new Struct(schema).put('id', 1) }),
    );
    // Assess
    expectSchema(transformed?.valueSchema?.field('offset')?.schema, Schemas.INT64);
    expect((transformed!.value as Struct).get('offset')).toBe(1234);
  });

  it('refuses the offset of a source record with Kafka message', () => {
    // Prepare
    xformValue.configure({ 'offset.field': 'offset' });
    // Act
    const act = () => xformValue.apply(sourceRecord({ value: new Map() }));
    // Assess
    expect(act).toThrow(
      new DataError(
        'Only SinkRecord supported for [field insertion], found: org.apache.kafka.connect.source.SourceRecord',
      ),
    );
  });

  it('rejects a config without any field to insert', () => {
    // Act
    const act = () => xformValue.configure({});
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('No field insertion configured');
  });

  it('rejects a static field without a static value', () => {
    // Act
    const act = () => xformValue.configure({ 'static.field': 'instance_id' });
    // Assess
    expect(act).toThrow(/^Invalid value null for configuration static.value: No value specified for static field/);
  });

  it('produces Structs that validate against the updated schema', () => {
    // Prepare
    xformValue.configure({ ...ALL_FIELDS, 'offset.field': 'offset' });
    const schema = SchemaBuilder.struct().field('a', Schemas.STRING).field('b', Schemas.OPTIONAL_FLOAT64).build();
    // Act
    const transformed = xformValue.apply(
      sinkRecord({ valueSchema: schema, value: new Struct(schema).put('a', 'x'), timestamp: 5 }),
    );
    // Assess
    expect(() => validateValue(transformed!.valueSchema as never, transformed?.value)).not.toThrow();
    expectValue((transformed!.value as Struct).get('timestamp_field'), new Date(5));
  });
});
