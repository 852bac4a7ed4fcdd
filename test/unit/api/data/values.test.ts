import { describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  keySchemaOrNull,
  type Schema,
  SchemaAndValue,
  SchemaBuilder,
  Schemas,
  Struct,
  schemaEquals,
  Type,
  Values,
  valueEquals,
  valueSchemaOrNull,
} from '../../../../shared/api';
import { ValuesTokenizer } from '../../../../shared/api/data/values';

// Inputs and expected outputs follow Apache Kafka's ValuesTest (connect/api).

const MILLIS_PER_DAY = 86_400_000;
const WHITESPACE = '\n \t \t\n';

const STRING_MAP = new Map([
  ['foo', '123'],
  ['bar', 'baz'],
]);
const STRING_MAP_SCHEMA = SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build();
const STRING_SHORT_MAP = new Map([
  ['foo', 12345],
  ['bar', 0],
  ['baz', -4321],
]);
const STRING_SHORT_MAP_SCHEMA = SchemaBuilder.map(Schemas.STRING, Schemas.INT16).build();
const STRING_INT_MAP = new Map([
  ['foo', 1234567890],
  ['bar', 0],
  ['baz', -987654321],
]);
const STRING_INT_MAP_SCHEMA = SchemaBuilder.map(Schemas.STRING, Schemas.INT32).build();
const INT_LIST = [1234567890, -987654321];
const INT_LIST_SCHEMA = SchemaBuilder.array(Schemas.INT32).build();
const STRING_LIST = ['foo', 'bar'];
const STRING_LIST_SCHEMA = SchemaBuilder.array(Schemas.STRING).build();

function expectSchema(actual: Schema | null, expected: Schema | null): void {
  expect(schemaEquals(actual, expected), `${actual} should equal ${expected}`).toBe(true);
}

function expectValue(actual: unknown, expected: unknown): void {
  expect(valueEquals(actual, expected), `${String(actual)} should equal ${String(expected)}`).toBe(true);
}

/** Kafka's ValuesTest#roundTrip: to text, then parsed back into the type of `schema`. */
function roundTrip(schema: Schema, fromSchema: Schema | null, value: unknown): unknown {
  const text = Values.convertToString(fromSchema, value);
  switch (schema.type) {
    case Type.STRING:
      return Values.convertToString(Schemas.STRING, text);
    case Type.INT8:
      return Values.convertToByte(Schemas.STRING, text);
    case Type.INT16:
      return Values.convertToShort(Schemas.STRING, text);
    case Type.INT32:
      return Values.convertToInteger(Schemas.STRING, text);
    case Type.INT64:
      return Values.convertToLong(Schemas.STRING, text);
    case Type.FLOAT32:
      return Values.convertToFloat(Schemas.STRING, text);
    case Type.FLOAT64:
      return Values.convertToDouble(Schemas.STRING, text);
    case Type.BOOLEAN:
      return Values.convertToBoolean(Schemas.STRING, text);
    case Type.ARRAY:
      return Values.convertToList(Schemas.STRING, text);
    case Type.MAP:
      return Values.convertToMap(Schemas.STRING, text);
    default:
      throw new Error(`unexpected schema type ${schema.type}`);
  }
}

describe('Values.parseString', () => {
  it('gives the null schema and value for null text', () => {
    // Act
    const result = Values.parseString(null);
    // Assess
    expect(result.schema).toBeNull();
    expect(result.value).toBeNull();
  });

  it('gives a STRING for the empty text', () => {
    // Act
    const result = Values.parseString('');
    // Assess
    expectSchema(result.schema, Schemas.STRING);
    expect(result.value).toBe('');
  });

  it('ends on text holding the char Java iterators use as their end marker (KAFKA-10574)', () => {
    // Prepare
    const text = Buffer.from([0xef, 0xbf, 0xbf]).toString('utf8');
    // Act
    const result = Values.parseString(text);
    // Assess
    expect(result.schema?.type).toBe(Type.STRING);
    expect(result.value).toBe(text);
  });

  it.each([
    ['unquoted map keys', '{foo: 3}'],
    ['unquoted map values', '{3: foo}'],
    ['unquoted array elements', '[foo]'],
    ['text beginning with null', 'null='],
    ['text beginning with true', 'true}'],
    ['text beginning with false', 'false]'],
    ['a map without commas', '{6:9 4:20}'],
    ['an array without commas', '[0 1 2]'],
    ['a map with a null key', '{null: 3}'],
    ['a list with extra delimiters', '[1, 2, 3,,,]'],
    ['a list with null last', '[1, null]'],
    ['a list with null first', '[null, 1]'],
  ])('keeps %s as the whole STRING', (_what, text) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expect(result.schema?.type).toBe(Type.STRING);
    expect(result.value).toBe(text);
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('reads %s surrounded by whitespace as a BOOLEAN', (literal, expected) => {
    // Act
    const result = Values.parseString(WHITESPACE + literal + WHITESPACE);
    // Assess
    expectSchema(result.schema, Schemas.BOOLEAN);
    expect(result.value).toBe(expected);
  });

  it('reads null, even surrounded by whitespace, as the null schema and value', () => {
    // Act
    const bare = Values.parseString('null');
    const padded = Values.parseString(`${WHITESPACE}null${WHITESPACE}`);
    // Assess
    expect(bare).toBe(SchemaAndValue.NULL);
    expect(padded).toBe(SchemaAndValue.NULL);
  });

  it('reads boolean literals embedded in an array', () => {
    // Act
    const result = Values.parseString('[true, false]');
    // Assess
    expect(result.schema?.type).toBe(Type.ARRAY);
    expect(result.schema?.valueSchema().type).toBe(Type.BOOLEAN);
    expect(result.value).toEqual([true, false]);
  });

  it('reads boolean literals embedded in a map', () => {
    // Act
    const result = Values.parseString('{true: false, false: true}');
    // Assess
    expect(result.schema?.keySchema().type).toBe(Type.BOOLEAN);
    expect(result.schema?.valueSchema().type).toBe(Type.BOOLEAN);
    expect(result.value).toEqual(
      new Map([
        [true, false],
        [false, true],
      ]),
    );
  });

  it('reads {} as an empty MAP with no key or value schema', () => {
    // Act
    const result = Values.parseString('{}');
    // Assess
    expect(result.schema?.type).toBe(Type.MAP);
    expect(keySchemaOrNull(result.schema as Schema)).toBeNull();
    expect(valueSchemaOrNull(result.schema as Schema)).toBeNull();
    expect(result.value).toEqual(new Map());
  });

  it('reads [] as an empty ARRAY with no element schema', () => {
    // Act
    const result = Values.parseString('[]');
    // Assess
    expect(result.schema?.type).toBe(Type.ARRAY);
    expect(valueSchemaOrNull(result.schema as Schema)).toBeNull();
    expect(result.value).toEqual([]);
  });

  it('reads null map values and keeps the key schema', () => {
    // Act
    const result = Values.parseString('{3: null}');
    // Assess
    expect(result.schema?.type).toBe(Type.MAP);
    expect(result.schema?.keySchema().type).toBe(Type.INT8);
    expect(result.value).toEqual(new Map([[3, null]]));
  });

  it('reads null array elements', () => {
    // Act
    const result = Values.parseString('[null]');
    // Assess
    expect(result.schema?.type).toBe(Type.ARRAY);
    expect(result.value).toEqual([null]);
  });

  it.each([
    ['[1, 2, 300, "four"]', [1, 2, 300, 'four']],
    ['[2, 300, "four", 1]', [2, 300, 'four', 1]],
    ['[300, "four", 1, 2]', [300, 'four', 1, 2]],
    ['["four", 1, 2, 300]', ['four', 1, 2, 300]],
  ])('reads %s, whose elements share no type, as an ARRAY with no element schema', (text, expected) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expect(result.schema?.type).toBe(Type.ARRAY);
    expect(valueSchemaOrNull(result.schema as Schema)).toBeNull();
    expect(result.value).toEqual(expected);
  });

  it.each([
    '{1:1, 2:1, 300:300, "four":1}',
    '{2:1, 300:300, "four":1, 1:1}',
    '{300:300, "four":1, 1:1, 2:1}',
    '{"four":1, 1:1, 2:1, 300:300}',
  ])('reads %s, whose keys share no type, as a MAP with neither key nor value schema', (text) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expect(result.schema?.type).toBe(Type.MAP);
    expect(keySchemaOrNull(result.schema as Schema)).toBeNull();
    expect(valueSchemaOrNull(result.schema as Schema)).toBeNull();
    expectValue(
      result.value,
      new Map<unknown, unknown>([
        [1, 1],
        [2, 1],
        [300, 300],
        ['four', 1],
      ]),
    );
  });

  it.each([
    '{1:1, 2:1, 300:300, 4:"four"}',
    '{2:1, 300:300, 4:"four", 1:1}',
    '{300:300, 4:"four", 1:1, 2:1}',
    '{4:"four", 1:1, 2:1, 300:300}',
  ])('reads %s, whose values share no type, as a MAP with an INT16 key schema only', (text) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expectSchema(keySchemaOrNull(result.schema as Schema), Schemas.INT16);
    expect(valueSchemaOrNull(result.schema as Schema)).toBeNull();
    expectValue(
      result.value,
      new Map<unknown, unknown>([
        [1, 1],
        [2, 1],
        [300, 300],
        [4, 'four'],
      ]),
    );
  });

  it.each([
    ['[[]]', Type.ARRAY, null, Type.ARRAY],
    ['[{}]', Type.ARRAY, null, Type.MAP],
    ['{"a":{}}', Type.MAP, Type.STRING, Type.MAP],
    ['{"a":[]}', Type.MAP, Type.STRING, Type.ARRAY],
  ])('reads the nested containers of %s', (text, type, keyType, valueType) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expect(result.schema?.type).toBe(type);
    if (keyType) expect(result.schema?.keySchema().type).toBe(keyType);
    expect(result.schema?.valueSchema().type).toBe(valueType);
  });

  it('reads an ISO-8601 timestamp as a Timestamp in UTC', () => {
    // Act
    const result = Values.parseString('2019-08-23T14:34:54.346Z');
    // Assess
    expectSchema(result.schema, ConnectTimestamp.schema());
    expect(result.value).toEqual(new Date('2019-08-23T14:34:54.346Z'));
  });

  it('reads an ISO-8601 date as a Date', () => {
    // Act
    const result = Values.parseString('2019-08-23');
    // Assess
    expectSchema(result.schema, ConnectDate.schema());
    expect(result.value).toEqual(new Date('2019-08-23T00:00:00.000Z'));
  });

  it('reads an ISO-8601 time as a Time on the epoch day', () => {
    // Act
    const result = Values.parseString('14:34:54.346Z');
    // Assess
    expectSchema(result.schema, ConnectTime.schema());
    expect(result.value).toEqual(new Date('1970-01-01T14:34:54.346Z'));
  });

  it('reads timestamps and times whose colons are escaped', () => {
    // Act
    const timestamp = Values.parseString('2019-08-23T14\\:34\\:54.346Z');
    const time = Values.parseString('14\\:34\\:54.346Z');
    // Assess
    expectSchema(timestamp.schema, ConnectTimestamp.schema());
    expect(timestamp.value).toEqual(new Date('2019-08-23T14:34:54.346Z'));
    expectSchema(time.schema, ConnectTime.schema());
    expect(time.value).toEqual(new Date('1970-01-01T14:34:54.346Z'));
  });

  it.each([
    ['[2019-08-23]', ConnectDate.schema(), [new Date('2019-08-23T00:00:00Z')]],
    ['[14:34:54.346Z]', ConnectTime.schema(), [new Date('1970-01-01T14:34:54.346Z')]],
    ['[2019-08-23T14:34:54.346Z]', ConnectTimestamp.schema(), [new Date('2019-08-23T14:34:54.346Z')]],
    [
      '[2019-08-23T14:34:54.346Z,2019-01-23T15:12:34.567Z,   2019-04-23T19:12:34.567Z]',
      ConnectTimestamp.schema(),
      [
        new Date('2019-08-23T14:34:54.346Z'),
        new Date('2019-01-23T15:12:34.567Z'),
        new Date('2019-04-23T19:12:34.567Z'),
      ],
    ],
  ])('reads the temporal elements of %s with their logical schema', (text, elementSchema, expected) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expect(result.schema?.type).toBe(Type.ARRAY);
    expectSchema(result.schema?.valueSchema() ?? null, elementSchema);
    expect(result.value).toEqual(expected);
  });

  it.each([
    ['quoted', '{"k1":"14:34:54.346Z"}'],
    ['unquoted', '{"k1":14:34:54.346Z}'],
  ])('reads a %s time map value as a Time', (_how, text) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expectSchema(result.schema?.keySchema() ?? null, Schemas.STRING);
    expectSchema(result.schema?.valueSchema() ?? null, ConnectTime.schema());
    expect(result.value).toEqual(new Map([['k1', new Date('1970-01-01T14:34:54.346Z')]]));
  });

  it('keeps quoted numbers as strings and decimals beyond INT64 as Decimals, with no common schema', () => {
    // Prepare: Java's List#toString of ["\"1.0\"", Long.MAX+1, Long.MIN-1, (byte) 1, (byte) 1]
    const text = '["1.0", 9223372036854775808, -9223372036854775809, 1, 1]';
    // Act
    const result = Values.parseString(text);
    // Assess
    expect(result.schema?.type).toBe(Type.ARRAY);
    expect(valueSchemaOrNull(result.schema as Schema)).toBeNull();
    expectValue(result.value, [
      '1.0',
      new BigDecimal(9223372036854775808n, 0),
      new BigDecimal(-9223372036854775809n, 0),
      1,
      1,
    ]);
  });

  it('reads an array of integers beyond INT64 as an array of Decimal(0)', () => {
    // Act
    const result = Values.parseString('[9223372036854775808, -9223372036854775809]');
    // Assess
    expectSchema(result.schema?.valueSchema() ?? null, Decimal.schema(0));
    expectValue(result.value, [new BigDecimal(9223372036854775808n, 0), new BigDecimal(-9223372036854775809n, 0)]);
  });

  it.each([
    ['9223372036854775808', 9223372036854775808n],
    ['-9223372036854775809', -9223372036854775809n],
  ])('reads the integer %s beyond INT64 as a Decimal of scale 0', (text, unscaled) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expectSchema(result.schema, Decimal.schema(0));
    expect(result.value).toBeInstanceOf(BigDecimal);
    expect((result.value as BigDecimal).unscaled).toBe(unscaled);
  });

  it.each([
    ['127', Schemas.INT8, 127],
    ['-128', Schemas.INT8, -128],
    ['32767', Schemas.INT16, 32767],
    ['-32768', Schemas.INT16, -32768],
    ['2147483647', Schemas.INT32, 2147483647],
    ['-2147483648', Schemas.INT32, -2147483648],
    ['9223372036854775807', Schemas.INT64, 9223372036854775807n],
    ['-9223372036854775808', Schemas.INT64, -9223372036854775808n],
    ['4294967296', Schemas.INT64, 4294967296],
  ])('reads the integer %s as the smallest integer type that holds it', (text, schema, value) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expectSchema(result.schema, schema);
    expect(result.value).toBe(value);
  });

  it.each([
    ['3.4028235E38', Schemas.FLOAT32, Math.fround(3.4028235e38)],
    ['-3.4028235E38', Schemas.FLOAT32, Math.fround(-3.4028235e38)],
    ['1.7976931348623157E308', Schemas.FLOAT64, 1.7976931348623157e308],
    ['-1.7976931348623157E308', Schemas.FLOAT64, -1.7976931348623157e308],
  ])('reads %s as the narrowest floating type that holds it', (text, schema, value) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expectSchema(result.schema, schema);
    expect(result.value).toBe(value);
  });

  it.each([
    ['1.0', Schemas.INT8, 1],
    ['1.1', Schemas.FLOAT32, Math.fround(1.1)],
    ['300.0', Schemas.INT16, 300],
    ['300.01', Schemas.FLOAT32, Math.fround(300.01)],
    ['66000.0', Schemas.INT32, 66000],
    ['66000.0008', Schemas.FLOAT32, Math.fround(66000.0008)],
  ])('reads %s with no fractional part as an integer, else as a float', (text, schema, value) => {
    // Act
    const result = Values.parseString(text);
    // Assess
    expectSchema(result.schema, schema);
    expect(result.value).toBe(value);
  });
});

describe('Values conversions', () => {
  it.each([
    Schemas.INT8,
    Schemas.OPTIONAL_INT8,
    Schemas.INT16,
    Schemas.INT32,
    Schemas.INT64,
    Schemas.FLOAT32,
    Schemas.FLOAT64,
    Schemas.BOOLEAN,
    Schemas.STRING,
    Schemas.OPTIONAL_STRING,
  ])('converts null to null as %s', (schema) => {
    // Act
    const result = roundTrip(schema, Schemas.STRING, null);
    // Assess
    expect(result).toBeNull();
  });

  it.each([
    [Schemas.BOOLEAN, false, false],
    [Schemas.BOOLEAN, 'false', false],
    [Schemas.BOOLEAN, '0', false],
    [Schemas.BOOLEAN, true, true],
    [Schemas.BOOLEAN, 'true', true],
    [Schemas.BOOLEAN, '1', true],
    [Schemas.INT8, 0, 0],
    [Schemas.INT8, 1, 1],
    [Schemas.INT64, 1, 1],
    [Schemas.FLOAT32, 1, 1],
    [Schemas.FLOAT64, 1, 1],
    [Schemas.STRING, 'simple', 'simple'],
    [Schemas.STRING, '', ''],
    [Schemas.STRING, 'null', 'null'],
    [Schemas.STRING, 'three"blind\\"mice', 'three"blind\\"mice'],
    [
      Schemas.STRING,
      "string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':",
      "string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':",
    ],
  ])('round-trips through text as %s: %j gives %j', (schema, value, expected) => {
    // Act
    const once = roundTrip(schema, schema, value);
    const twice = roundTrip(schema, schema, once);
    // Assess
    expect(once).toEqual(expected);
    expect(twice).toEqual(expected);
  });

  it.each([
    ['string keys', STRING_MAP_SCHEMA, STRING_MAP],
    ['string keys and short values', STRING_SHORT_MAP_SCHEMA, STRING_SHORT_MAP],
    ['string keys and integer values', STRING_INT_MAP_SCHEMA, STRING_INT_MAP],
    ['string values', STRING_LIST_SCHEMA, STRING_LIST],
    ['integer values', INT_LIST_SCHEMA, INT_LIST],
  ])('round-trips a container with %s through text', (_what, schema, value) => {
    // Act
    const text = Values.convertToString(schema, value);
    const parsed = Values.parseString(text);
    const again = Values.parseString(Values.convertToString(parsed.schema, parsed.value));
    // Assess
    expectSchema(parsed.schema, schema);
    expect(parsed.value).toEqual(value);
    expectSchema(again.schema, schema);
    expect(again.value).toEqual(value);
  });

  it.each([
    ['{"foo":"123","bar":"baz"}', STRING_MAP_SCHEMA, STRING_MAP],
    ['{ "foo" : "123", \n"bar" : "baz" } ', STRING_MAP_SCHEMA, STRING_MAP],
    ['{"foo":12345,"bar":0,"baz":-4321}', STRING_SHORT_MAP_SCHEMA, STRING_SHORT_MAP],
    [' { "foo" :  12345 , "bar" : 0,  "baz" : -4321 }  ', STRING_SHORT_MAP_SCHEMA, STRING_SHORT_MAP],
    ['{"foo":1234567890,"bar":0,"baz":-987654321}', STRING_INT_MAP_SCHEMA, STRING_INT_MAP],
    [' { "foo" :  1234567890 , "bar" : 0,  "baz" : -987654321 }  ', STRING_INT_MAP_SCHEMA, STRING_INT_MAP],
  ])('reads the map text %j with the common value type', (text, schema, expected) => {
    // Act
    const parsed = Values.parseString(text);
    const map = Values.convertToMap(Schemas.STRING, text);
    // Assess
    expectSchema(parsed.schema, schema);
    expect(parsed.value).toEqual(expected);
    expect(map).toEqual(expected);
  });

  it('widens a list of integers to the largest integer type', () => {
    // Act
    const list = Values.convertToList(Schemas.STRING, '[1, 2, 32768]');
    // Assess
    expect(list).toEqual([1, 2, 32768]);
  });

  it.each([
    ['float', '3.4028235E38', Math.fround(3.4028235e38)],
    ['double', '1.7976931348623157E308', 1.7976931348623157e308],
  ])('widens a list of integers and a %s to that floating type', (_type, text, last) => {
    // Act
    const list = Values.convertToList(Schemas.STRING, `[1, 2, ${text}]`);
    // Assess
    expect(list).toEqual([1, 2, last]);
  });

  it.each([
    ['a list with extra delimiters', () => Values.convertToList(Schemas.STRING, '[1, 2, 3,,,]')],
    ['a list with no common type and blanks', () => Values.convertToList(Schemas.STRING, '[1, 2, 3, "four",,,]')],
    [
      'a map with a blank entry',
      () => Values.convertToMap(Schemas.STRING, ' { "foo" :  1234567890 ,, "bar" : 0,  "baz" : -987654321 }  '),
    ],
    [
      'a malformed map',
      () => Values.convertToMap(Schemas.STRING, ' { "foo" :  1234567890 , "a", "bar" : 0,  "baz" : -987654321 }  '),
    ],
    ['a map of blank entries only', () => Values.convertToMap(Schemas.STRING, ' { ,,  , , }  ')],
    [
      'a map of strings with blank entries',
      () => Values.convertToMap(Schemas.STRING, ' { "foo" :  "1234567890" ,, "bar" : "0",  "baz" : "boz" }  '),
    ],
    ['a string that is no boolean', () => Values.convertToBoolean(Schemas.STRING, '"green"')],
    ['a null Time', () => Values.convertToTime(null, null)],
    ['a null Date', () => Values.convertToDate(null, null)],
    ['a null Timestamp', () => Values.convertToTimestamp(null, null)],
    ['a null Decimal', () => Values.convertToDecimal(null, null, 1)],
    ['null to a Struct', () => Values.convertToStruct(SchemaBuilder.struct().build(), null)],
    ['a string to a Struct', () => Values.convertToStruct(SchemaBuilder.struct().build(), '')],
  ])('refuses to convert %s', (_what, act) => {
    // Act + Assess
    expect(act).toThrow(DataError);
  });

  it('passes a Struct through convertToStruct', () => {
    // Prepare
    const struct = new Struct(SchemaBuilder.struct().build());
    // Act
    const result = Values.convertToStruct(struct.schema, struct);
    // Assess
    expect(result).toBe(struct);
  });

  it('names the value, its Java class and the target in a conversion error', () => {
    // Act + Assess
    expect(() => Values.convertToInteger(null, 'green')).toThrow(
      'Unable to convert green (class java.lang.String) to a number',
    );
    expect(() => Values.convertToLong(Schemas.STRING, true)).toThrow(
      'Unable to convert true (class java.lang.Boolean) to Schema{STRING}',
    );
  });

  it('wraps integers into the narrower types as Java casts do', () => {
    // Act + Assess
    expect(Values.convertToByte(null, 300)).toBe(44);
    expect(Values.convertToShort(null, 65537)).toBe(1);
    expect(Values.convertToInteger(null, 2 ** 32 + 5)).toBe(5);
    expect(Values.convertToInteger(null, '1.9')).toBe(1);
    expect(Values.convertToLong(null, '9223372036854775807')).toBe(9223372036854775807n);
    expect(Values.convertToLong(null, 1e30)).toBe(9223372036854775807n);
    expect(Values.convertToFloat(null, '1.1')).toBe(Math.fround(1.1));
    expect(Values.convertToDouble(null, 12n)).toBe(12);
  });

  it('converts Time values from Dates, Timestamps and milliseconds', () => {
    // Prepare
    const current = new Date(1_700_000_123_456);
    const currentMillis = current.getTime() % MILLIS_PER_DAY;
    // Act
    const copied = Values.convertToTime(ConnectTime.schema(), current);
    const fromTimestamp = Values.convertToTime(ConnectTimestamp.schema(), current);
    const fromText = Values.convertToTime(ConnectTime.schema(), String(currentMillis));
    const fromNumber = Values.convertToTime(ConnectTime.schema(), currentMillis);
    // Assess
    expect(copied).toEqual(current);
    expect(fromTimestamp).toEqual(new Date(currentMillis));
    expect(fromText.getTime()).toBe(currentMillis);
    expect(fromNumber.getTime()).toBe(currentMillis);
  });

  it('converts Date values from Dates, Timestamps and days', () => {
    // Prepare
    const current = new Date(1_700_000_123_456);
    const days = Math.trunc(current.getTime() / MILLIS_PER_DAY);
    const currentDate = new Date(days * MILLIS_PER_DAY);
    // Act
    const copied = Values.convertToDate(ConnectDate.schema(), current);
    const fromTimestamp = Values.convertToDate(ConnectTimestamp.schema(), currentDate);
    const fromText = Values.convertToDate(ConnectDate.schema(), String(days));
    const fromNumber = Values.convertToDate(ConnectDate.schema(), days);
    // Assess
    expect(copied).toEqual(current);
    expect(fromTimestamp).toEqual(currentDate);
    expect(fromText).toEqual(currentDate);
    expect(fromNumber).toEqual(currentDate);
  });

  it('converts Timestamp values from Dates, Times and milliseconds', () => {
    // Prepare
    const current = new Date(1_700_000_123_456);
    const currentMillis = current.getTime() % MILLIS_PER_DAY;
    const currentDate = new Date(current.getTime() - currentMillis);
    // Act
    const copied = Values.convertToTimestamp(ConnectTimestamp.schema(), current);
    const fromDate = Values.convertToTimestamp(ConnectDate.schema(), currentDate);
    const fromTimeMillis = Values.convertToTimestamp(ConnectTime.schema(), currentMillis);
    const fromText = Values.convertToTimestamp(ConnectTimestamp.schema(), String(current.getTime()));
    const fromNumber = Values.convertToTimestamp(ConnectTimestamp.schema(), current.getTime());
    // Assess
    expect(copied).toEqual(current);
    expect(fromDate).toEqual(currentDate);
    expect(fromTimeMillis).toEqual(new Date(currentMillis));
    expect(fromText).toEqual(current);
    expect(fromNumber).toEqual(current);
  });

  it('converts every form of one number to the same BigDecimal', () => {
    // Prepare: Java's Float 1.0f prints "1.0", a BigDecimal of scale 1
    const expected = BigDecimal.parse('1.0');
    const bytes = Decimal.fromLogical(Decimal.schema(1), expected);
    // Act + Assess
    expect(Values.convertToDecimal(null, 1, 1)).toEqual(expected);
    expect(Values.convertToDecimal(null, '1.0', 1)).toEqual(expected);
    expect(Values.convertToDecimal(null, expected, 1)).toBe(expected);
    expect(Values.convertToDecimal(null, bytes, 1)).toEqual(expected);
  });
});

describe('Values.convertToString', () => {
  it('writes nested containers with quoted, escaped strings', () => {
    // Prepare
    const value = new Map<unknown, unknown>([['a', [1, 'x"y\\z', null]]]);
    // Act
    const text = Values.convertToString(null, value);
    // Assess
    expect(text).toBe('{"a":[1,"x\\"y\\\\z",null]}');
  });

  it('writes numbers as Java prints their schema type', () => {
    // Act + Assess
    expect(Values.convertToString(Schemas.FLOAT64, 1)).toBe('1.0');
    expect(Values.convertToString(Schemas.FLOAT32, Math.fround(1.1))).toBe('1.1');
    expect(Values.convertToString(Schemas.INT32, 1)).toBe('1');
    expect(Values.convertToString(null, 1.5e-7)).toBe('1.5E-7');
    expect(Values.convertToString(null, 9007199254740993n)).toBe('9007199254740993');
    expect(Values.convertToString(SchemaBuilder.array(Schemas.FLOAT64).build(), [1, 2.5])).toBe('[1.0,2.5]');
  });

  it('writes bytes in base64, quoted only when embedded', () => {
    // Act + Assess
    expect(Values.convertToString(Schemas.BYTES, Uint8Array.of(1, 2, 3))).toBe('AQID');
    expect(Values.convertToString(null, [Uint8Array.of(1, 2, 3)])).toBe('["AQID"]');
  });

  it('writes a struct as an object of its fields, defaults filled in', () => {
    // Prepare
    const schema = SchemaBuilder.struct()
      .field('name', Schemas.STRING)
      .field('age', SchemaBuilder.int32().optional().defaultValue(7))
      .build();
    const struct = new Struct(schema).put('name', 'Ann');
    // Act
    const text = Values.convertToString(schema, struct);
    // Assess
    expect(text).toBe('{"name":"Ann","age":7}');
  });

  it('writes Dates unquoted, in the format dateFormatFor picks', () => {
    // Act
    const text = Values.convertToString(null, [new Date('2019-08-23T00:00:00Z'), new Date(1000)]);
    // Assess
    expect(text).toBe('[2019-08-23,00:00:01.000Z]');
  });

  it('escapes backslashes and quotes', () => {
    // Act + Assess
    expect(Values.escape('three"blind\\"mice')).toBe('three\\"blind\\\\\\"mice');
  });
});

describe('Values.dateFormatFor', () => {
  it.each([
    [new Date(0), "HH:mm:ss.SSS'Z'", '00:00:00.000Z'],
    [new Date(52_494_346), "HH:mm:ss.SSS'Z'", '14:34:54.346Z'],
    [new Date(-1000), "HH:mm:ss.SSS'Z'", '23:59:59.000Z'],
    [new Date('2019-08-23T00:00:00Z'), 'yyyy-MM-dd', '2019-08-23'],
    [new Date('2019-08-23T14:34:54.346Z'), "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", '2019-08-23T14:34:54.346Z'],
    [new Date('+010000-02-03T00:00:00Z'), 'yyyy-MM-dd', '10000-02-03'],
    // Kafka compares the millis with one day, so any instant before the epoch prints as a time of day.
    [new Date('0099-02-03T00:00:00Z'), "HH:mm:ss.SSS'Z'", '00:00:00.000Z'],
  ])('formats %o with %s as %s', (date, pattern, text) => {
    // Act
    const format = Values.dateFormatFor(date);
    // Assess
    expect(format.pattern).toBe(pattern);
    expect(format.format(date)).toBe(text);
  });
});

describe('Values.inferSchema', () => {
  it.each([
    ['a string', 'x', Schemas.STRING],
    ['a boolean', true, Schemas.BOOLEAN],
    ['an integral number', 3, Schemas.INT64],
    ['a bigint', 3n, Schemas.INT64],
    ['a fractional number', 1.5, Schemas.FLOAT64],
    ['bytes', new Uint8Array(1), Schemas.BYTES],
    ['a list of strings', ['a', null], SchemaBuilder.array(Schemas.OPTIONAL_STRING).build()],
    ['a map', new Map([['a', true]]), SchemaBuilder.map(Schemas.STRING, Schemas.BOOLEAN).build()],
  ])('infers the schema of %s', (_what, value, schema) => {
    // Act + Assess
    expectSchema(Values.inferSchema(value), schema);
  });

  it('infers a struct’s own schema', () => {
    // Prepare
    const struct = new Struct(SchemaBuilder.struct().build());
    // Act + Assess
    expect(Values.inferSchema(struct)).toBe(struct.schema);
  });

  it.each([
    ['an empty list', []],
    ['a list holding an object', [{}]],
    ['an empty map', new Map()],
    ['a map holding objects', new Map([[{}, {}]])],
    ['a list of mixed types', ['a', 1]],
    ['a Date', new Date(0)],
  ])('infers no schema for %s', (_what, value) => {
    // Act + Assess
    expect(Values.inferSchema(value)).toBeNull();
  });
});

describe('ValuesTokenizer', () => {
  function assertTokens(input: string, ...expected: string[]): void {
    const parser = new ValuesTokenizer(input);
    for (const token of expected) {
      expect(parser.hasNext()).toBe(true);
      const position = parser.mark();
      expect(parser.next()).toBe(token);
      expect(parser.position()).toBe(position + token.length);
      expect(parser.previous()).toBe(token);
      parser.rewindTo(position);
      expect(parser.position()).toBe(position);
      expect(parser.next()).toBe(token);
      expect(parser.mark()).toBe(position + token.length);
    }
    expect(parser.hasNext()).toBe(false);
    parser.rewindTo(0);
    for (const fresh of [parser, new ValuesTokenizer(input)]) {
      for (const token of expected) {
        if (token.trim() === '') continue;
        const position = fresh.mark();
        expect(fresh.canConsume(token.trim())).toBe(true);
        fresh.rewindTo(position);
        expect(fresh.canConsume(token, false)).toBe(true);
      }
    }
  }

  it('consumes several tokens at once, or none when fewer remain', () => {
    // Prepare
    const parser = new ValuesTokenizer('a:b:c:d:e:f:g:h');
    // Act + Assess
    expect(parser.next(5)).toBe('a:b:c');
    expect(parser.next()).toBe(':');
    expect(parser.next()).toBe('d');
    expect(parser.next()).toBe(':');
    expect(parser.next(8)).toBeNull();
    expect(parser.next()).toBe('e');
  });

  it.each(['  ', 'simple', 'simple string', 'simple \n\t\bstring', "'simple' string", 'si\\mple', 'si\\\\mple'])(
    'keeps %j without delimiters as one token',
    (input) => {
      assertTokens(input, input);
    },
  );

  it.each(['si\\"mple', 'si\\{mple', 'si\\}mple', 'si\\]mple', 'si\\[mple', 'si\\:mple', 'si\\,mple'])(
    'keeps %j with an escaped delimiter as one token',
    (input) => {
      assertTokens(input, input);
    },
  );

  it.each([
    ['a{b', ['a', '{', 'b']],
    ['a}b', ['a', '}', 'b']],
    ['a[b', ['a', '[', 'b']],
    ['a]b', ['a', ']', 'b']],
    ['a:b', ['a', ':', 'b']],
    ['a,b', ['a', ',', 'b']],
    ['a"b', ['a', '"', 'b']],
    ['{b', ['{', 'b']],
    ['}b', ['}', 'b']],
    [':b', [':', 'b']],
    ['"b', ['"', 'b']],
    ['{', ['{']],
    ['"', ['"']],
    ['"simple" string', ['"', 'simple', '"', ' string']],
    ['a{bc}d', ['a', '{', 'bc', '}', 'd']],
    ['a { b c } d', ['a ', '{', ' b c ', '}', ' d']],
  ])('splits %j at its delimiters', (input, tokens) => {
    assertTokens(input, ...tokens);
  });
});
