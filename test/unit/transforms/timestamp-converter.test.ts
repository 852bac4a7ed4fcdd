import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConnectDate,
  ConnectError,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  type Schema,
  SchemaBuilder,
  Schemas,
  SourceRecord,
  Struct,
} from '../../../shared/api';
import { TimestampConverter, TimestampConverterKey, TimestampConverterValue } from '../../../shared/transforms';
import { expectSchema } from './support';

const EPOCH = new Date(0);
const TIME = new Date(1234);
const DATE = new Date(86_400_000);
const DATE_PLUS_TIME = new Date(86_401_234);
const DATE_PLUS_TIME_UNIX = 86_401_234;
const DATE_PLUS_TIME_UNIX_MICROS = DATE_PLUS_TIME_UNIX * 1000 + 123;
const DATE_PLUS_TIME_UNIX_NANOS = DATE_PLUS_TIME_UNIX_MICROS * 1000 + 456;
const DATE_PLUS_TIME_UNIX_SECONDS = 86_401;
const STRING_DATE_FMT = 'yyyy MM dd HH mm ss SSS z';
const DATE_PLUS_TIME_STRING = '1970 01 02 00 00 01 234 UTC';

const { OPTIONAL_DATE_SCHEMA, OPTIONAL_TIME_SCHEMA, OPTIONAL_TIMESTAMP_SCHEMA } = TimestampConverter;

function record(schema: Schema | null, value: unknown): SourceRecord {
  return new SourceRecord({ topic: 'topic', kafkaPartition: 0, valueSchema: schema, value });
}

describe('TimestampConverter', () => {
  const xformKey = new TimestampConverterKey<SourceRecord>();
  const xformValue = new TimestampConverterValue<SourceRecord>();

  afterEach(() => {
    xformKey.close();
    xformValue.close();
  });

  function convert(config: Record<string, unknown>, schema: Schema | null, value: unknown): SourceRecord {
    xformValue.configure(config);
    return xformValue.apply(record(schema, value)) as SourceRecord;
  }

  it('is registered under Kafka class names', () => {
    // Assess
    expect(TimestampConverterKey.className).toBe('org.apache.kafka.connect.transforms.TimestampConverter$Key');
    expect(TimestampConverterValue.className).toBe('org.apache.kafka.connect.transforms.TimestampConverter$Value');
    expect(xformKey.version()).toBe('3.9.0');
  });

  describe('config', () => {
    it('requires a target type', () => {
      // Assess
      expect(() => xformValue.configure({})).toThrow(
        'Missing required configuration "target.type" which has no default value.',
      );
    });

    it('rejects an unknown target type', () => {
      // Assess
      expect(() => xformValue.configure({ 'target.type': 'invalid' })).toThrow(
        'Invalid value invalid for configuration target.type: String must be one of: string, unix, Date, Time, Timestamp',
      );
    });

    it('rejects an unknown unix precision and accepts seconds', () => {
      // Assess
      expect(() => xformValue.configure({ 'target.type': 'unix', 'unix.precision': 'invalid' })).toThrow(ConfigError);
      expect(() => xformValue.configure({ 'target.type': 'unix', 'unix.precision': 'seconds' })).not.toThrow();
    });

    it('requires a format for string timestamps', () => {
      // Assess
      expect(() => xformValue.configure({ 'target.type': 'string' })).toThrow(
        'TimestampConverter requires format option to be specified when using string timestamps',
      );
    });

    it('rejects a format SimpleDateFormat would reject', () => {
      // Assess
      expect(() => xformValue.configure({ 'target.type': 'string', format: 'bad-format' })).toThrow(
        'TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: bad-format',
      );
    });
  });

  describe('without schemas, from Timestamp', () => {
    it.each([
      ['Timestamp', DATE_PLUS_TIME],
      ['Date', DATE],
      ['Time', TIME],
      ['unix', DATE_PLUS_TIME_UNIX],
    ])('converts to %s', (targetType, expected) => {
      // Act
      const transformed = convert({ 'target.type': targetType }, null, DATE_PLUS_TIME);
      // Assess
      expect(transformed.valueSchema).toBeNull();
      expect(transformed.value).toEqual(expected);
    });

    it('converts to string', () => {
      // Act
      const transformed = convert({ 'target.type': 'string', format: STRING_DATE_FMT }, null, DATE_PLUS_TIME);
      // Assess
      expect(transformed.valueSchema).toBeNull();
      expect(transformed.value).toBe(DATE_PLUS_TIME_STRING);
    });
  });

  describe('without schemas, to Timestamp', () => {
    it.each([
      ['Date', DATE, DATE],
      ['Time', TIME, TIME],
      ['unix', DATE_PLUS_TIME_UNIX, DATE_PLUS_TIME],
    ])('converts from %s', (_from, input, expected) => {
      // Act
      const transformed = convert({ 'target.type': 'Timestamp' }, null, input);
      // Assess
      expect(transformed.valueSchema).toBeNull();
      expect(transformed.value).toEqual(expected);
    });

    it('converts from string', () => {
      // Act
      const transformed = convert({ 'target.type': 'Timestamp', format: STRING_DATE_FMT }, null, DATE_PLUS_TIME_STRING);
      // Assess
      expect(transformed.value).toEqual(DATE_PLUS_TIME);
    });
  });

  describe('with schemas, from Timestamp', () => {
    it.each([
      ['Timestamp', ConnectTimestamp.schema(), DATE_PLUS_TIME],
      ['Date', ConnectDate.schema(), DATE],
      ['Time', ConnectTime.schema(), TIME],
      ['unix', Schemas.INT64, DATE_PLUS_TIME_UNIX],
    ])('converts to %s', (targetType, schema, expected) => {
      // Act
      const transformed = convert({ 'target.type': targetType }, ConnectTimestamp.schema(), DATE_PLUS_TIME);
      // Assess
      expectSchema(transformed.valueSchema, schema);
      expect(transformed.value).toEqual(expected);
    });

    it('converts to string', () => {
      // Act
      const transformed = convert(
        { 'target.type': 'string', format: STRING_DATE_FMT },
        ConnectTimestamp.schema(),
        DATE_PLUS_TIME,
      );
      // Assess
      expectSchema(transformed.valueSchema, Schemas.STRING);
      expect(transformed.value).toBe(DATE_PLUS_TIME_STRING);
    });
  });

  describe('with schemas, to Timestamp', () => {
    it.each([
      ['Date', ConnectDate.schema(), DATE, DATE],
      ['Time', ConnectTime.schema(), TIME, TIME],
      ['unix', Schemas.INT64, DATE_PLUS_TIME_UNIX, DATE_PLUS_TIME],
      ['string', Schemas.STRING, DATE_PLUS_TIME_STRING, DATE_PLUS_TIME],
    ])('converts from %s', (_from, schema, input, expected) => {
      // Act
      const transformed = convert({ 'target.type': 'Timestamp', format: STRING_DATE_FMT }, schema, input);
      // Assess
      expectSchema(transformed.valueSchema, ConnectTimestamp.schema());
      expect(transformed.value).toEqual(expected);
    });
  });

  describe('null values', () => {
    it.each(['string', 'Date', 'Timestamp', 'unix', 'Time'])(
      'passes a schemaless null value and a null in a null Map field through (%s)',
      (targetType) => {
        // Act
        const whole = convert({ 'target.type': targetType, format: STRING_DATE_FMT }, null, null);
        const field = convert({ 'target.type': targetType, format: STRING_DATE_FMT, field: 'ts' }, null, null);
        // Assess
        expect(whole.valueSchema).toBeNull();
        expect(whole.value).toBeNull();
        expect(field.valueSchema).toBeNull();
        expect(field.value).toBeNull();
      },
    );

    const ORIGINALS: Schema[] = [
      Schemas.OPTIONAL_INT64,
      OPTIONAL_TIME_SCHEMA,
      OPTIONAL_DATE_SCHEMA,
      Schemas.OPTIONAL_STRING,
      OPTIONAL_TIMESTAMP_SCHEMA,
    ];
    const TARGETS: [string, Schema][] = [
      ['Timestamp', OPTIONAL_TIMESTAMP_SCHEMA],
      ['unix', Schemas.OPTIONAL_INT64],
      ['Time', OPTIONAL_TIME_SCHEMA],
      ['Date', OPTIONAL_DATE_SCHEMA],
      ['string', Schemas.OPTIONAL_STRING],
    ];
    const CASES = TARGETS.flatMap(([target, expected]) =>
      ORIGINALS.map((original) => [target, original.name ?? original.type, original, expected] as const),
    );

    it.each(CASES)('gives a null %s with the optional schema for a null %s value', (target, _n, original, expected) => {
      // Act
      const transformed = convert({ 'target.type': target, format: STRING_DATE_FMT }, original, null);
      // Assess
      expectSchema(transformed.valueSchema, expected);
      expect(transformed.value).toBeNull();
    });

    it.each(CASES)('gives a null %s field for a null %s field and a null Struct', (target, _n, original, expected) => {
      // Prepare
      const config = { 'target.type': target, format: STRING_DATE_FMT, field: 'ts' };
      const structSchema = () => SchemaBuilder.struct().field('ts', original).field('other', Schemas.STRING);
      const expectedSchema = () => SchemaBuilder.struct().field('ts', expected).field('other', Schemas.STRING);
      const schema = structSchema().build();
      // Act
      const withNullField = convert(config, schema, new Struct(schema).put('ts', null).put('other', 'test'));
      const nullStruct = convert(config, structSchema().optional().build(), null);
      // Assess
      expectSchema(withNullField.valueSchema, expectedSchema().build());
      expect((withNullField.value as Struct).get('ts')).toBeNull();
      expectSchema(nullStruct.valueSchema, expectedSchema().optional().build());
      expect(nullStruct.value).toBeNull();
    });
  });

  describe('one field', () => {
    it('converts a schemaless field', () => {
      // Act
      const transformed = convert({ 'target.type': 'Date', field: 'ts' }, null, new Map([['ts', DATE_PLUS_TIME]]));
      // Assess
      expect(transformed.valueSchema).toBeNull();
      expect(transformed.value).toEqual(new Map([['ts', DATE]]));
    });

    it('converts a Struct field and its schema', () => {
      // Prepare
      const schema = SchemaBuilder.struct().field('ts', Schemas.INT64).field('other', Schemas.STRING).build();
      const original = new Struct(schema).put('ts', DATE_PLUS_TIME_UNIX).put('other', 'test');
      // Act
      const transformed = convert({ 'target.type': 'Timestamp', field: 'ts' }, schema, original);
      // Assess
      expectSchema(
        transformed.valueSchema,
        SchemaBuilder.struct().field('ts', ConnectTimestamp.schema()).field('other', Schemas.STRING).build(),
      );
      expect((transformed.value as Struct).get('ts')).toEqual(DATE_PLUS_TIME);
      expect((transformed.value as Struct).get('other')).toBe('test');
    });

    // Kafka's parameterised case sets false whatever its parameter, so it is one case here.
    it('with replace.null.with.default=false leaves a null field with a default null', () => {
      // Prepare
      const schema = SchemaBuilder.struct()
        .field('ts', SchemaBuilder.int64().optional().defaultValue(0).build())
        .field('other', Schemas.STRING)
        .build();
      const original = new Struct(schema).put('ts', null).put('other', 'test');
      // Act
      const transformed = convert(
        { 'target.type': 'Timestamp', field: 'ts', 'replace.null.with.default': false },
        schema,
        original,
      );
      // Assess
      expectSchema(
        transformed.valueSchema,
        SchemaBuilder.struct()
          .field('ts', ConnectTimestamp.builder().optional().build())
          .field('other', Schemas.STRING)
          .build(),
      );
      expect((transformed.value as Struct).get('ts')).toBeNull();
      expect((transformed.value as Struct).get('other')).toBe('test');
    });

    it('with replace.null.with.default=true converts the default of a null field', () => {
      // Prepare
      const schema = SchemaBuilder.struct()
        .field('ts', SchemaBuilder.int64().optional().defaultValue(0).build())
        .build();
      // Act
      const transformed = convert({ 'target.type': 'Timestamp', field: 'ts' }, schema, new Struct(schema));
      // Assess
      expect((transformed.value as Struct).get('ts')).toEqual(EPOCH);
    });

    it.each([
      ['microseconds', DATE_PLUS_TIME_UNIX_MICROS, DATE_PLUS_TIME],
      ['nanoseconds', DATE_PLUS_TIME_UNIX_NANOS, DATE_PLUS_TIME],
      ['seconds', DATE_PLUS_TIME_UNIX_SECONDS, new Date(86_401_000)],
    ])('reads a unix field in %s', (precision, input, expected) => {
      // Prepare
      const schema = SchemaBuilder.struct().field('ts', Schemas.INT64).build();
      // Act
      const transformed = convert(
        { 'target.type': 'Timestamp', field: 'ts', 'unix.precision': precision },
        schema,
        new Struct(schema).put('ts', input),
      );
      // Assess
      expectSchema(transformed.valueSchema, SchemaBuilder.struct().field('ts', ConnectTimestamp.schema()).build());
      expect((transformed.value as Struct).get('ts')).toEqual(expected);
    });
  });

  it.each([
    ['microseconds', 86_401_234_000],
    ['nanoseconds', 86_401_234_000_000],
    ['seconds', DATE_PLUS_TIME_UNIX_SECONDS],
  ])('writes unix %s from a string, losing sub-millisecond digits', (precision, expected) => {
    // Act
    const transformed = convert(
      { 'target.type': 'unix', 'unix.precision': precision, format: STRING_DATE_FMT },
      null,
      DATE_PLUS_TIME_STRING,
    );
    // Assess
    expect(transformed.valueSchema).toBeNull();
    expect(transformed.value).toBe(expected);
  });

  it('keeps int64 precision for nanoseconds beyond 2^53', () => {
    // Act
    const transformed = convert(
      { 'target.type': 'unix', 'unix.precision': 'nanoseconds' },
      null,
      new Date(1_700_000_000_123),
    );
    const back = convert(
      { 'target.type': 'Timestamp', 'unix.precision': 'nanoseconds' },
      null,
      1_700_000_000_123_456_789n,
    );
    // Assess
    expect(transformed.value).toBe(1_700_000_000_123_000_000n);
    expect(back.value).toEqual(new Date(1_700_000_000_123));
  });

  it('converts the key with the $Key variant', () => {
    // Prepare
    xformKey.configure({ 'target.type': 'Timestamp' });
    // Act
    const transformed = xformKey.apply(new SourceRecord({ topic: 'topic', kafkaPartition: 0, key: DATE_PLUS_TIME }));
    // Assess
    expect(transformed?.keySchema).toBeNull();
    expect(transformed?.key).toEqual(DATE_PLUS_TIME);
  });

  describe('errors', () => {
    it('reports a string that does not match the format', () => {
      // Act
      const act = () => convert({ 'target.type': 'Timestamp', format: 'yyyy-MM-dd' }, null, 'not a date');
      // Assess
      expect(act).toThrow(
        new DataError('Could not parse timestamp: value (not a date) does not match pattern (yyyy-MM-dd)'),
      );
    });

    it('reports a schemaless value of no timestamp type', () => {
      // Act
      const act = () => convert({ 'target.type': 'Timestamp' }, null, 1.5);
      // Assess
      expect(act).toThrow('TimestampConverter does not support class java.lang.Double objects as timestamps');
    });

    it('reports a schema of no timestamp type', () => {
      // Act
      const act = () => convert({ 'target.type': 'Timestamp' }, Schemas.BOOLEAN, true);
      // Assess
      expect(act).toThrow(ConnectError);
      expect(act).toThrow('Schema Schema{BOOLEAN} does not correspond to a known timestamp type format');
    });

    it('reports a string timestamp without a format to parse it', () => {
      // Act
      const act = () => convert({ 'target.type': 'unix' }, null, '2020-01-01');
      // Assess
      expect(act).toThrow(TypeError);
    });
  });

  it('converts dates before 1970 to the right day and time of day', () => {
    // Prepare
    const before = new Date(Date.UTC(1969, 11, 31, 23, 59, 58, 500));
    // Act
    const date = convert({ 'target.type': 'Date' }, null, before);
    const time = convert({ 'target.type': 'Time' }, null, before);
    // Assess
    expect(date.value).toEqual(new Date(Date.UTC(1969, 11, 31)));
    expect(time.value).toEqual(new Date(86_398_500));
  });
});
