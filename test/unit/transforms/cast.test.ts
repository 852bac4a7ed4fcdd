import { afterEach, describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConfigError,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  MILLIS_PER_DAY,
  type Schema,
  SchemaBuilder,
  Schemas,
  SourceRecord,
  Struct,
  Type,
  Values,
} from '../../../shared/api';
import { CastKey, CastValue } from '../../../shared/transforms';

const MILLIS_PER_HOUR = 3_600_000;

function record(init: { keySchema?: Schema | null; key?: unknown; valueSchema?: Schema | null; value?: unknown }) {
  return new SourceRecord({ topic: 'topic', kafkaPartition: 0, ...init });
}

describe('Cast', () => {
  const xformKey = new CastKey<SourceRecord>();
  const xformValue = new CastValue<SourceRecord>();

  afterEach(() => {
    xformKey.close();
    xformValue.close();
  });

  it('is registered under Kafka class names', () => {
    // Assess
    expect(CastKey.className).toBe('org.apache.kafka.connect.transforms.Cast$Key');
    expect(CastValue.className).toBe('org.apache.kafka.connect.transforms.Cast$Value');
    expect(xformKey.version()).toBe('3.9.0');
    expect(xformValue.version()).toBe(xformKey.version());
  });

  describe('config', () => {
    it('rejects an empty spec', () => {
      // Act
      const act = () => xformKey.configure({ spec: '' });
      // Assess
      expect(act).toThrow(ConfigError);
      expect(act).toThrow('Must specify at least one field to cast.');
    });

    it('rejects an unknown type', () => {
      // Assess
      expect(() => xformKey.configure({ spec: 'foo:faketype' })).toThrow(
        'Invalid type found in casting spec: faketype',
      );
    });

    it('rejects casts to ARRAY, for a field or the whole value', () => {
      // Assess
      expect(() => xformKey.configure({ spec: 'foo:array' })).toThrow(
        'Cast transformation does not support casting to ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]',
      );
      expect(() => xformKey.configure({ spec: 'array' })).toThrow(ConfigError);
    });

    it('rejects casts to BYTES', () => {
      // Assess
      expect(() => xformKey.configure({ spec: 'foo:bytes' })).toThrow(ConfigError);
    });

    it('rejects a mapping of three parts with Kafka text (which names renames)', () => {
      // Assess
      expect(() => xformKey.configure({ spec: 'foo:int8:extra' })).toThrow(
        'Invalid value [foo:int8:extra] for configuration renames: Invalid rename mapping: foo:int8:extra',
      );
    });

    it('rejects a whole-value cast mixed with field casts', () => {
      // Assess
      expect(() => xformKey.configure({ spec: 'foo:int8,int32' })).toThrow(
        'Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec',
      );
    });
  });

  it('leaves a null value with a schema as it is', () => {
    // Prepare
    xformValue.configure({ spec: 'foo:int64' });
    const original = record({ keySchema: Schemas.STRING, key: 'key', valueSchema: Schemas.STRING, value: null });
    // Act
    const transformed = xformValue.apply(original);
    // Assess
    expect(transformed).toBe(original);
  });

  it.each([
    [false, null],
    [true, '10'],
  ])(
    'with replace.null.with.default=%s casts an unset field with a default to %s',
    (replaceNullWithDefault, expected) => {
      // Prepare
      xformValue.configure({ spec: 'magic:string', 'replace.null.with.default': replaceNullWithDefault });
      const schema = SchemaBuilder.struct()
        .field('magic', SchemaBuilder.int32().optional().defaultValue(10).build())
        .build();
      // Act
      const transformed = xformValue.apply(
        record({
          keySchema: Schemas.STRING,
          key: 'key',
          valueSchema: schema,
          value: new Struct(schema).put('magic', null),
        }),
      );
      // Assess
      expect(transformed?.valueSchema?.field('magic')?.schema.type).toBe(Type.STRING);
      expect(transformed?.valueSchema?.field('magic')?.schema.defaultValue).toBe('10');
      expect((transformed!.value as Struct).getWithoutDefault('magic')).toBe(expected);
    },
  );

  it('leaves a null schemaless value as it is', () => {
    // Prepare
    xformValue.configure({ spec: 'foo:int64' });
    const original = record({ keySchema: Schemas.STRING, key: 'key' });
    // Assess
    expect(xformValue.apply(original)).toBe(original);
  });

  it('leaves a null key, with or without schema, as it is', () => {
    // Prepare
    xformKey.configure({ spec: 'foo:int64' });
    const withSchema = record({ keySchema: Schemas.STRING, key: null, valueSchema: Schemas.STRING, value: 'value' });
    const schemaless = record({ key: null, valueSchema: Schemas.STRING, value: 'value' });
    // Assess
    expect(xformKey.apply(withSchema)).toBe(withSchema);
    expect(xformKey.apply(schemaless)).toBe(schemaless);
  });

  it("casts a whole schema'd key", () => {
    // Prepare
    xformKey.configure({ spec: 'int8' });
    // Act
    const transformed = xformKey.apply(
      record({ keySchema: Schemas.INT32, key: 42, valueSchema: Schemas.STRING, value: 'bogus' }),
    );
    // Assess
    expect(transformed?.keySchema?.type).toBe(Type.INT8);
    expect(transformed?.key).toBe(42);
  });

  it.each([
    ['int8', Type.INT8, 42],
    ['int16', Type.INT16, 42],
    ['int32', Type.INT32, 42],
    ['int64', Type.INT64, 42],
    ['float32', Type.FLOAT32, 42],
    ['float64', Type.FLOAT64, 42],
    ['string', Type.STRING, '42'],
  ])('casts a whole INT32 value 42 to %s', (spec, type, expected) => {
    // Prepare
    xformValue.configure({ spec });
    // Act
    const transformed = xformValue.apply(record({ valueSchema: Schemas.INT32, value: 42 }));
    // Assess
    expect(transformed?.valueSchema?.type).toBe(type);
    expect(transformed?.value).toBe(expected);
  });

  it.each([
    [42, true],
    [0, false],
  ])('casts a whole INT32 value %s to boolean %s', (value, expected) => {
    // Prepare
    xformValue.configure({ spec: 'boolean' });
    // Act
    const transformed = xformValue.apply(record({ valueSchema: Schemas.INT32, value }));
    // Assess
    expect(transformed?.valueSchema?.type).toBe(Type.BOOLEAN);
    expect(transformed?.value).toBe(expected);
  });

  it('casts a whole Decimal value to its text', () => {
    // Prepare
    const decimal = new BigDecimal(42n, 0);
    xformValue.configure({ spec: 'string' });
    // Act
    const transformed = xformValue.apply(record({ valueSchema: Decimal.schema(decimal.scale), value: decimal }));
    // Assess
    expect(transformed?.valueSchema?.type).toBe(Type.STRING);
    expect(transformed?.value).toBe('42');
  });

  it('casts a whole Timestamp value to its ISO text', () => {
    // Prepare
    const timestamp = new Date(MILLIS_PER_DAY + 1);
    xformValue.configure({ spec: 'string' });
    // Act
    const transformed = xformValue.apply(record({ valueSchema: ConnectTimestamp.schema(), value: timestamp }));
    // Assess
    expect(transformed?.valueSchema?.type).toBe(Type.STRING);
    expect(transformed?.value).toBe(Values.dateFormatFor(timestamp).format(timestamp));
    expect(transformed?.value).toBe('1970-01-02T00:00:00.001Z');
  });

  it('casts the schema default of a whole value too', () => {
    // Prepare
    xformValue.configure({ spec: 'int32' });
    // Act
    const transformed = xformValue.apply(
      record({ valueSchema: SchemaBuilder.float32().defaultValue(Math.fround(-42.125)).build(), value: 42.125 }),
    );
    // Assess
    expect(transformed?.valueSchema?.type).toBe(Type.INT32);
    expect(transformed?.value).toBe(42);
    expect(transformed?.valueSchema?.defaultValue).toBe(-42);
  });

  it('casts a whole schemaless key', () => {
    // Prepare
    xformKey.configure({ spec: 'int8' });
    // Act
    const transformed = xformKey.apply(record({ key: 42, valueSchema: Schemas.STRING, value: 'bogus' }));
    // Assess
    expect(transformed?.keySchema).toBeNull();
    expect(transformed?.key).toBe(42);
  });

  it.each([
    ['int8', 42],
    ['int16', 42],
    ['int32', 42],
    ['int64', 42],
    ['float32', 42],
    ['float64', 42],
    ['string', '42'],
  ])('casts a whole schemaless value 42 to %s', (spec, expected) => {
    // Prepare
    xformValue.configure({ spec });
    // Act
    const transformed = xformValue.apply(record({ value: 42 }));
    // Assess
    expect(transformed?.valueSchema).toBeNull();
    expect(transformed?.value).toBe(expected);
  });

  it.each([
    [42, true],
    [0, false],
  ])('casts a whole schemaless value %s to boolean %s', (value, expected) => {
    // Prepare
    xformValue.configure({ spec: 'boolean' });
    // Act
    const transformed = xformValue.apply(record({ value }));
    // Assess
    expect(transformed?.value).toBe(expected);
  });

  it('refuses to cast a schemaless list', () => {
    // Prepare
    xformValue.configure({ spec: 'int8' });
    // Act
    const act = () => xformValue.apply(record({ value: ['foo'] }));
    // Assess
    expect(act).toThrow(DataError);
    expect(act).toThrow(
      'Cast transformation does not support casting from ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]',
    );
  });

  it('casts logical values through their numeric encoding', () => {
    // Prepare
    xformValue.configure({
      spec: [
        'date_to_int32:int32',
        'timestamp_to_int64:int64',
        'time_to_int64:int64',
        'decimal_to_int32:int32',
        'timestamp_to_float64:float64',
        'null_timestamp_to_int32:int32',
      ].join(','),
    });
    const schema = SchemaBuilder.struct()
      .field('date_to_int32', ConnectDate.schema())
      .field('timestamp_to_int64', ConnectTimestamp.schema())
      .field('time_to_int64', ConnectTime.schema())
      .field('decimal_to_int32', Decimal.schema(0))
      .field('timestamp_to_float64', ConnectTimestamp.schema())
      .field('null_timestamp_to_int32', ConnectTimestamp.builder().optional().build())
      .build();
    // Kafka's case uses new Date(Long.MAX_VALUE), beyond a JS Date; 8.64e15 is the latest a JS Date holds.
    const value = new Struct(schema)
      .put('date_to_int32', new Date(MILLIS_PER_DAY))
      .put('timestamp_to_int64', new Date(0))
      .put('time_to_int64', new Date(1))
      .put('decimal_to_int32', new BigDecimal(2147483648n, 0))
      .put('timestamp_to_float64', new Date(8.64e15))
      .put('null_timestamp_to_int32', null);
    // Act
    const transformed = xformValue.apply(record({ valueSchema: schema, value }));
    // Assess
    const struct = transformed!.value as Struct;
    expect(struct.get('date_to_int32')).toBe(1);
    expect(struct.get('timestamp_to_int64')).toBe(0);
    expect(struct.get('time_to_int64')).toBe(1);
    expect(struct.get('decimal_to_int32')).toBe(-2147483648);
    expect(struct.get('timestamp_to_float64')).toBe(8.64e15);
    expect(struct.get('null_timestamp_to_int32')).toBeNull();
    const out = struct.schema;
    expect(out.field('date_to_int32')?.schema.type).toBe(Type.INT32);
    expect(out.field('timestamp_to_int64')?.schema.type).toBe(Type.INT64);
    expect(out.field('time_to_int64')?.schema.type).toBe(Type.INT64);
    expect(out.field('decimal_to_int32')?.schema.type).toBe(Type.INT32);
    expect(out.field('timestamp_to_float64')?.schema.type).toBe(Type.FLOAT64);
    expect(out.field('null_timestamp_to_int32')?.schema.type).toBe(Type.INT32);
  });

  it('casts logical values to text with Values date formats and BigDecimal text', () => {
    // Prepare
    const date = new Date(MILLIS_PER_DAY);
    const time = new Date(MILLIS_PER_HOUR);
    const timestamp = new Date(1_700_000_000_123);
    xformValue.configure({ spec: 'date:string,decimal:string,time:string,timestamp:string' });
    const schema = SchemaBuilder.struct()
      .field('date', ConnectDate.schema())
      .field('decimal', Decimal.schema(0))
      .field('time', ConnectTime.schema())
      .field('timestamp', ConnectTimestamp.schema())
      .build();
    const value = new Struct(schema)
      .put('date', date)
      .put('decimal', new BigDecimal(1982n, 0))
      .put('time', time)
      .put('timestamp', timestamp);
    // Act
    const struct = xformValue.apply(record({ valueSchema: schema, value }))!.value as Struct;
    // Assess
    expect(struct.get('date')).toBe('1970-01-02');
    expect(struct.get('decimal')).toBe('1982');
    expect(struct.get('time')).toBe('01:00:00.000Z');
    expect(struct.get('timestamp')).toBe('2023-11-14T22:13:20.123Z');
    for (const name of ['date', 'decimal', 'time', 'timestamp']) {
      expect(struct.schema.field(name)?.schema.type).toBe(Type.STRING);
    }
  });

  it('casts Struct fields, keeping optionality and casting defaults', () => {
    // Prepare
    const day = new Date(MILLIS_PER_DAY);
    const byteArray = Uint8Array.from([0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10]);
    xformValue.configure({
      spec: 'int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,bigdecimal:string,date:string,optional:int32,bytes:string,byteArray:string',
    });
    const schema = SchemaBuilder.struct()
      .field('int8', Schemas.INT8)
      .field('int16', Schemas.OPTIONAL_INT16)
      .field('int32', SchemaBuilder.int32().defaultValue(2).build())
      .field('int64', Schemas.INT64)
      .field('float32', Schemas.FLOAT32)
      .field('float64', SchemaBuilder.float64().defaultValue(-1.125).build())
      .field('boolean', Schemas.BOOLEAN)
      .field('string', Schemas.STRING)
      .field('bigdecimal', Decimal.schema(0))
      .field('date', ConnectDate.schema())
      .field('optional', Schemas.OPTIONAL_FLOAT32)
      .field('timestamp', ConnectTimestamp.schema())
      .field('bytes', Schemas.BYTES)
      .field('byteArray', Schemas.BYTES)
      .build();
    const value = new Struct(schema)
      .put('int8', 8)
      .put('int16', 16)
      .put('int32', 32)
      .put('int64', 64)
      .put('float32', 32)
      .put('float64', -64)
      .put('boolean', true)
      .put('bigdecimal', new BigDecimal(42n, 0))
      .put('date', day)
      .put('string', '42')
      .put('timestamp', new Date(0))
      .put('bytes', Buffer.from(byteArray))
      .put('byteArray', byteArray);
    // Act
    const struct = xformValue.apply(record({ valueSchema: schema, value }))!.value as Struct;
    // Assess
    const out = struct.schema;
    expect(struct.get('int8')).toBe(8);
    expect(out.field('int16')?.schema.optional).toBe(true);
    expect(struct.get('int16')).toBe(16);
    expect(struct.get('int32')).toBe(32);
    expect(out.field('int32')?.schema.defaultValue).toBe(2);
    expect(struct.get('int64')).toBe(true);
    expect(struct.get('float32')).toBe(32);
    expect(struct.get('float64')).toBe(true);
    expect(out.field('float64')?.schema.defaultValue).toBe(true);
    expect(struct.get('boolean')).toBe(1);
    expect(struct.get('string')).toBe(42);
    expect(struct.get('bigdecimal')).toBe('42');
    expect(struct.get('date')).toBe(Values.dateFormatFor(day).format(day));
    expect(struct.get('timestamp')).toEqual(new Date(0));
    expect(struct.get('bytes')).toBe('/ty6mHZUMhA=');
    expect(struct.get('byteArray')).toBe('/ty6mHZUMhA=');
    expect(struct.get('optional')).toBeNull();
    const types = Object.fromEntries(out.fields().map((f) => [f.name, f.schema.type]));
    expect(types).toEqual({
      int8: Type.INT16,
      int16: Type.INT32,
      int32: Type.INT64,
      int64: Type.BOOLEAN,
      float32: Type.FLOAT64,
      float64: Type.BOOLEAN,
      boolean: Type.INT8,
      string: Type.INT32,
      bigdecimal: Type.STRING,
      date: Type.STRING,
      optional: Type.INT32,
      timestamp: Type.INT64,
      bytes: Type.STRING,
      byteArray: Type.STRING,
    });
    expect(out.field('timestamp')?.schema.name).toBe(ConnectTimestamp.LOGICAL_NAME);
  });

  it('casts schemaless fields', () => {
    // Prepare
    xformValue.configure({
      spec: 'int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32',
    });
    const value = new Map<string, unknown>([
      ['int8', 8],
      ['int16', 16],
      ['int32', 32],
      ['int64', 64],
      ['float32', 32.5],
      ['float64', -64.5],
      ['boolean', true],
      ['string', '42'],
    ]);
    // Act
    const transformed = xformValue.apply(record({ value }));
    // Assess
    const map = transformed!.value as Map<string, unknown>;
    expect(transformed?.valueSchema).toBeNull();
    expect(map.get('int8')).toBe(8);
    expect(map.get('int16')).toBe(16);
    expect(map.get('int32')).toBe(32);
    expect(map.get('int64')).toBe(true);
    expect(map.get('float32')).toBe(32.5);
    expect(map.get('float64')).toBe(true);
    expect(map.get('boolean')).toBe(1);
    expect(map.get('string')).toBe(42);
  });

  describe('Java semantics of numbers', () => {
    it.each([
      ['int8', 200, -56],
      ['int8', -129, 127],
      ['int16', 40000, -25536],
      ['int32', 2 ** 31, -(2 ** 31)],
    ])('wraps integral values narrowed to %s as Java casts do (%s -> %s)', (spec, input, expected) => {
      // Prepare
      xformValue.configure({ spec });
      // Act
      const transformed = xformValue.apply(record({ valueSchema: Schemas.INT64, value: input }));
      // Assess
      expect(transformed?.value).toBe(expected);
    });

    it.each([
      ['int8', 300.7, 44],
      ['int32', 1e12, 2147483647],
      ['int32', -1e12, -2147483648],
      ['int32', Number.NaN, 0],
      ['int64', 1e300, 9223372036854775807n],
      ['boolean', 0.5, false],
    ])('narrows floating values to %s through a saturating (int) as Java does (%s -> %s)', (spec, input, expected) => {
      // Prepare
      xformValue.configure({ spec });
      // Act
      const transformed = xformValue.apply(record({ valueSchema: Schemas.FLOAT64, value: input }));
      // Assess
      expect(transformed?.value).toBe(expected);
    });

    it('prints floats and doubles as Java does', () => {
      // Prepare
      xformValue.configure({ spec: 'f:string,d:string,i:string' });
      const schema = SchemaBuilder.struct()
        .field('f', Schemas.FLOAT32)
        .field('d', Schemas.FLOAT64)
        .field('i', Schemas.INT64)
        .build();
      const value = new Struct(schema).put('f', Math.fround(0.1)).put('d', 1).put('i', 1);
      // Act
      const struct = xformValue.apply(record({ valueSchema: schema, value }))!.value as Struct;
      // Assess
      expect(struct.get('f')).toBe('0.1');
      expect(struct.get('d')).toBe('1.0');
      expect(struct.get('i')).toBe('1');
    });

    it('parses strings as Java parse methods do', () => {
      // Prepare
      xformValue.configure({ spec: 'b:boolean,f:float64,l:int64' });
      const value = new Map<string, unknown>([
        ['b', 'TRUE'],
        ['f', ' 1.5e3d '],
        ['l', '+9223372036854775807'],
      ]);
      // Act
      const map = xformValue.apply(record({ value }))!.value as Map<string, unknown>;
      // Assess
      expect(map.get('b')).toBe(true);
      expect(map.get('f')).toBe(1500);
      expect(map.get('l')).toBe(9223372036854775807n);
    });

    it('reports a string out of range for the type', () => {
      // Prepare
      xformValue.configure({ spec: 'int8' });
      // Act
      const act = () => xformValue.apply(record({ valueSchema: Schemas.STRING, value: '200' }));
      // Assess
      expect(act).toThrow(new DataError('Value (200) was out of range for requested data type'));
    });

    it('refuses bytes to numbers with the Java class in the message', () => {
      // Prepare
      xformValue.configure({ spec: 'int32' });
      // Act
      const act = () => xformValue.apply(record({ valueSchema: Schemas.BYTES, value: Uint8Array.of(1) }));
      // Assess
      expect(act).toThrow(new DataError('Unexpected type in Cast transformation: class [B'));
    });

    it('puts a null for a cast field a schemaless value does not have, as Kafka does', () => {
      // Prepare
      xformValue.configure({ spec: 'missing:int32' });
      // Act
      const map = xformValue.apply(record({ value: new Map([['a', 1]]) }))!.value as Map<string, unknown>;
      // Assess
      expect(map.has('missing')).toBe(true);
      expect(map.get('missing')).toBeNull();
    });
  });
});
