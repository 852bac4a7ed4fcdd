import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DataError,
  type Header,
  Headers,
  type Schema,
  SchemaBuilder,
  Schemas,
  SourceRecord,
  Struct,
} from '../../../shared/api';
import { HeaderFromKey, HeaderFromValue } from '../../../shared/transforms';
import { expectHeaders, expectSchema, expectValue } from './support';

/** Kafka's HeaderFromTest.RecordBuilder: fields of a key or value, and headers. */
class RecordBuilder {
  readonly fields: string[] = [];
  readonly fieldSchemas: Schema[] = [];
  readonly fieldValues: unknown[] = [];
  private readonly headers: Header[] = [];

  withField(name: string, schema: Schema, value: unknown): this {
    this.fields.push(name);
    this.fieldSchemas.push(schema);
    this.fieldValues.push(value);
    return this;
  }

  addHeader(key: string, schema: Schema, value: unknown): this {
    this.headers.push({ key, schema, value });
    return this;
  }

  schemaless(keyTransform: boolean): SourceRecord {
    const map = new Map<string, unknown>();
    this.fields.forEach((name, i) => {
      map.set(name, this.fieldValues[i]);
    });
    return this.sourceRecord(keyTransform, null, map);
  }

  withSchema(keyTransform: boolean): SourceRecord {
    const builder = SchemaBuilder.struct();
    this.fields.forEach((name, i) => {
      builder.field(name, this.fieldSchemas[i] as Schema);
    });
    const schema = builder.build();
    const struct = new Struct(schema);
    this.fields.forEach((name, i) => {
      struct.put(name, this.fieldValues[i]);
    });
    return this.sourceRecord(keyTransform, schema, struct);
  }

  private sourceRecord(keyTransform: boolean, schema: Schema | null, keyOrValue: unknown): SourceRecord {
    // Schemaless transforms give headers without a schema.
    const headers = new Headers(schema ? this.headers : this.headers.map((h) => ({ ...h, schema: null })));
    return new SourceRecord({
      sourcePartition: { foo: 'bar' },
      sourceOffset: { baz: 'quxx' },
      topic: 'topic',
      kafkaPartition: 0,
      keySchema: keyTransform ? schema : null,
      key: keyTransform ? keyOrValue : 'key',
      valueSchema: keyTransform ? null : schema,
      value: keyTransform ? 'value' : keyOrValue,
      timestamp: 0,
      headers,
    });
  }
}

type Case = [string, RecordBuilder, string[], string[], 'copy' | 'move', boolean, RecordBuilder];

const STRING = Schemas.STRING;
const structSchema = SchemaBuilder.struct().field('foo', STRING).build();
const struct = new Struct(structSchema).put('foo', 'foo-value');
const optionalWithDefault = () => SchemaBuilder.string().defaultValue('default').optional().build();

const CASES: Case[] = [
  [
    'basic copy',
    new RecordBuilder()
      .withField('field1', STRING, 'field1-value')
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value'),
    ['field1'],
    ['inserted1'],
    'copy',
    true,
    new RecordBuilder()
      .withField('field1', STRING, 'field1-value')
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value')
      .addHeader('inserted1', STRING, 'field1-value'),
  ],
  [
    'basic move',
    new RecordBuilder()
      .withField('field1', STRING, 'field1-value')
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value'),
    ['field1'],
    ['inserted1'],
    'move',
    true,
    new RecordBuilder()
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value')
      .addHeader('inserted1', STRING, 'field1-value'),
  ],
  [
    'copy with preexisting header',
    new RecordBuilder()
      .withField('field1', STRING, 'field1-value')
      .withField('field2', STRING, 'field2-value')
      .addHeader('inserted1', STRING, 'existing-value'),
    ['field1'],
    ['inserted1'],
    'copy',
    true,
    new RecordBuilder()
      .withField('field1', STRING, 'field1-value')
      .withField('field2', STRING, 'field2-value')
      .addHeader('inserted1', STRING, 'existing-value')
      .addHeader('inserted1', STRING, 'field1-value'),
  ],
  [
    'move with preexisting header',
    new RecordBuilder()
      .withField('field1', STRING, 'field1-value')
      .withField('field2', STRING, 'field2-value')
      .addHeader('inserted1', STRING, 'existing-value'),
    ['field1'],
    ['inserted1'],
    'move',
    true,
    new RecordBuilder()
      .withField('field2', STRING, 'field2-value')
      .addHeader('inserted1', STRING, 'existing-value')
      .addHeader('inserted1', STRING, 'field1-value'),
  ],
  [
    'copy with struct value',
    new RecordBuilder()
      .withField('field1', structSchema, struct)
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value'),
    ['field1'],
    ['inserted1'],
    'copy',
    true,
    new RecordBuilder()
      .withField('field1', structSchema, struct)
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value')
      .addHeader('inserted1', structSchema, struct),
  ],
  [
    'move with struct value',
    new RecordBuilder()
      .withField('field1', structSchema, struct)
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value'),
    ['field1'],
    ['inserted1'],
    'move',
    true,
    new RecordBuilder()
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value')
      .addHeader('inserted1', structSchema, struct),
  ],
  [
    'two headers from same field',
    new RecordBuilder()
      .withField('field1', STRING, 'field1-value')
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value'),
    ['field1', 'field1'],
    ['inserted1', 'inserted2'],
    'move',
    true,
    new RecordBuilder()
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value')
      .addHeader('inserted1', STRING, 'field1-value')
      .addHeader('inserted2', STRING, 'field1-value'),
  ],
  [
    'two fields to same header',
    new RecordBuilder()
      .withField('field1', STRING, 'field1-value')
      .withField('field2', STRING, 'field2-value')
      .addHeader('header1', STRING, 'existing-value'),
    ['field1', 'field2'],
    ['inserted1', 'inserted1'],
    'move',
    true,
    new RecordBuilder()
      .addHeader('header1', STRING, 'existing-value')
      .addHeader('inserted1', STRING, 'field1-value')
      .addHeader('inserted1', STRING, 'field2-value'),
  ],
  [
    'Copy null field without default',
    new RecordBuilder()
      .withField('field1', optionalWithDefault(), 'field1-value')
      .withField('field2', optionalWithDefault(), null)
      .addHeader('header1', STRING, 'existing-value'),
    ['field1', 'field2'],
    ['inserted1', 'inserted2'],
    'copy',
    false,
    new RecordBuilder()
      .withField('field1', optionalWithDefault(), 'field1-value')
      .withField('field2', optionalWithDefault(), null)
      .addHeader('header1', STRING, 'existing-value')
      .addHeader('inserted1', optionalWithDefault(), 'field1-value')
      .addHeader('inserted2', optionalWithDefault(), null),
  ],
  [
    'Move null field without default',
    new RecordBuilder()
      .withField('field1', optionalWithDefault(), 'field1-value')
      .withField('field2', optionalWithDefault(), null)
      .addHeader('header1', STRING, 'existing-value'),
    ['field1', 'field2'],
    ['inserted1', 'inserted2'],
    'move',
    false,
    new RecordBuilder()
      .addHeader('header1', STRING, 'existing-value')
      .addHeader('inserted1', optionalWithDefault(), 'field1-value')
      .addHeader('inserted2', optionalWithDefault(), null),
  ],
];

const ALL_CASES = [true, false].flatMap((keyTransform) =>
  CASES.map(
    ([description, ...rest]) => [`${description} (${keyTransform ? 'key' : 'value'})`, keyTransform, ...rest] as const,
  ),
);

function config(headers: string[], fields: string[], operation: string, replaceNullWithDefault: boolean) {
  return { headers, fields, operation, 'replace.null.with.default': replaceNullWithDefault };
}

function expectSameRecord(expected: SourceRecord, actual: SourceRecord | null): void {
  expect(actual).not.toBeNull();
  const record = actual as SourceRecord;
  expect(record.sourcePartition).toEqual(expected.sourcePartition);
  expect(record.sourceOffset).toEqual(expected.sourceOffset);
  expect(record.topic).toBe(expected.topic);
  expect(record.kafkaPartition).toBe(expected.kafkaPartition);
  expectSchema(record.keySchema, expected.keySchema);
  expectValue(record.key, expected.key);
  expectSchema(record.valueSchema, expected.valueSchema);
  expectValue(record.value, expected.value);
  expect(record.timestamp).toBe(expected.timestamp);
  expectHeaders(record.headers, expected.headers);
}

describe('HeaderFrom', () => {
  it('is registered under Kafka class names', () => {
    // Assess
    expect(HeaderFromKey.className).toBe('org.apache.kafka.connect.transforms.HeaderFrom$Key');
    expect(HeaderFromValue.className).toBe('org.apache.kafka.connect.transforms.HeaderFrom$Value');
    expect(new HeaderFromValue().version()).toBe('3.9.0');
  });

  it.each(ALL_CASES)('schemaless: %s', (_d, keyTransform, original, fields, headers, operation, rnwd, expected) => {
    // Prepare
    const xform = keyTransform ? new HeaderFromKey<SourceRecord>() : new HeaderFromValue<SourceRecord>();
    xform.configure(config(headers, fields, operation, rnwd));
    // Act
    const transformed = xform.apply(original.schemaless(keyTransform));
    // Assess
    expectSameRecord(expected.schemaless(keyTransform), transformed);
  });

  it.each(ALL_CASES)('with schema: %s', (_d, keyTransform, original, fields, headers, operation, rnwd, expected) => {
    // Prepare
    const xform = keyTransform ? new HeaderFromKey<SourceRecord>() : new HeaderFromValue<SourceRecord>();
    xform.configure(config(headers, fields, operation, rnwd));
    // Act
    const transformed = xform.apply(original.withSchema(keyTransform));
    // Assess
    expectSameRecord(expected.withSchema(keyTransform), transformed);
  });

  it.each([true, false])('rejects more fields than headers (key=%s)', (keyTransform) => {
    // Prepare
    const xform = keyTransform ? new HeaderFromKey<SourceRecord>() : new HeaderFromValue<SourceRecord>();
    // Act
    const act = () => xform.configure(config(['foo'], ['foo', 'bar'], 'copy', true));
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow("'fields' config must have the same number of elements as 'headers' config.");
  });

  it.each([true, false])('rejects more headers than fields (key=%s)', (keyTransform) => {
    // Prepare
    const xform = keyTransform ? new HeaderFromKey<SourceRecord>() : new HeaderFromValue<SourceRecord>();
    // Act
    const act = () => xform.configure(config(['foo', 'bar'], ['foo'], 'copy', true));
    // Assess
    expect(act).toThrow(ConfigError);
  });

  it.each([true, false])('rejects empty headers and fields (key=%s)', (keyTransform) => {
    // Prepare
    const xform = keyTransform ? new HeaderFromKey<SourceRecord>() : new HeaderFromValue<SourceRecord>();
    // Act
    const act = () => xform.configure(config([], [], 'copy', true));
    // Assess
    expect(act).toThrow('Invalid value [] for configuration fields: Empty list');
  });

  it('rejects an unknown operation', () => {
    // Act
    const act = () => new HeaderFromValue().configure(config(['h'], ['f'], 'swap', true));
    // Assess
    expect(act).toThrow('Invalid value swap for configuration operation: String must be one of: move, copy');
  });

  it("requires a Struct for schema'd data, naming the operation", () => {
    // Prepare
    const xform = new HeaderFromValue();
    xform.configure(config(['h'], ['f'], 'move', true));
    const record = new SourceRecord({ topic: 't', valueSchema: Schemas.STRING, value: 'x' });
    // Act
    const act = () => xform.apply(record);
    // Assess
    expect(act).toThrow(new DataError('Only Struct objects supported for [header move], found: java.lang.String'));
  });
});
