import { DataError } from '../errors';
import { BigDecimal } from './big-decimal';
import { javaDoubleToString, javaFloatToString } from './java-floating';
import { javaClassName, javaToString } from './java-text';
import { ConnectDate, MILLIS_PER_DAY } from './logical/date';
import { Decimal } from './logical/decimal';
import { ConnectTime } from './logical/time';
import { ConnectTimestamp } from './logical/timestamp';
import { ConnectSchema, keySchemaOrNull, type Schema, Schemas, Type, valueSchemaOrNull } from './schema';
import { SchemaAndValue } from './schema-and-value';
import { Struct } from './struct';

/**
 * Converts Connect values from one form to another (Kafka's org.apache.kafka.connect.data.Values):
 * any value to the text SimpleHeaderConverter writes, that text back to a schema and value, and
 * values to the types the `convertTo*` names say, as header readers and SMTs (InsertHeader, Cast,
 * MaskField) need.
 *
 * A JS number does not say which Java type it stands for, so where Kafka looks at a value's class
 * this looks at the schema when there is one: 1 with a FLOAT64 schema prints "1.0", with INT32 "1".
 * Without a schema an integral number is treated as a Long and any other number as a Double.
 * Dates are formatted and parsed in UTC (Kafka uses the JVM's default time zone; Connect workers
 * are normally run in UTC).
 */
export class Values {
  static readonly ISO_8601_DATE_FORMAT_PATTERN = 'yyyy-MM-dd';
  static readonly ISO_8601_TIME_FORMAT_PATTERN = "HH:mm:ss.SSS'Z'";
  static readonly ISO_8601_TIMESTAMP_FORMAT_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

  /**
   * To BOOLEAN: booleans as they are, strings parsed ("true"/"false"), anything numeric is true
   * unless it is zero. Null gives null.
   * @throws DataError when the value is none of those
   */
  static convertToBoolean(schema: Schema | null, value: unknown): boolean | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      const parsed = Values.parseString(value).value;
      if (typeof parsed === 'boolean') return parsed;
    }
    return asLong(value, schema) !== 0n;
  }

  /** To INT8, wrapping as Java's `(byte)` cast does. Null gives null. @throws DataError when not numeric */
  static convertToByte(schema: Schema | null, value: unknown): number | null {
    if (value === null || value === undefined) return null;
    return Number(BigInt.asIntN(8, asLong(value, schema)));
  }

  /** To INT16, wrapping as Java's `(short)` cast does. Null gives null. @throws DataError when not numeric */
  static convertToShort(schema: Schema | null, value: unknown): number | null {
    if (value === null || value === undefined) return null;
    return Number(BigInt.asIntN(16, asLong(value, schema)));
  }

  /** To INT32, wrapping as Java's `(int)` cast does. Null gives null. @throws DataError when not numeric */
  static convertToInteger(schema: Schema | null, value: unknown): number | null {
    if (value === null || value === undefined) return null;
    return Number(BigInt.asIntN(32, asLong(value, schema)));
  }

  /**
   * To INT64: a number when it is a safe integer, else a bigint. Fractions are truncated as
   * Java's Number#longValue does. Null gives null.
   * @throws DataError when not numeric
   */
  static convertToLong(schema: Schema | null, value: unknown): number | bigint | null {
    if (value === null || value === undefined) return null;
    return int64Value(asLong(value, schema));
  }

  /** To FLOAT32 (a number rounded to float precision). Null gives null. @throws DataError when not numeric */
  static convertToFloat(schema: Schema | null, value: unknown): number | null {
    if (value === null || value === undefined) return null;
    return Math.fround(asDouble(value, schema));
  }

  /** To FLOAT64. Null gives null. @throws DataError when not numeric */
  static convertToDouble(schema: Schema | null, value: unknown): number | null {
    if (value === null || value === undefined) return null;
    return asDouble(value, schema);
  }

  /**
   * The text form of any value (what SimpleHeaderConverter writes): strings as they are, numbers
   * and booleans as Java prints them, bytes in base64, dates by {@link Values.dateFormatFor}, and
   * lists, maps and structs in a JSON-like form whose strings are quoted. Null gives null.
   * @throws DataError for a value of no Connect type
   */
  static convertToString(schema: Schema | null, value: unknown): string | null {
    if (value === null || value === undefined) return null;
    const out: string[] = [];
    append(out, value, false, schema);
    return out.join('');
  }

  /**
   * To ARRAY: arrays as they are, strings parsed (`[1, 2]`). The schema is not used, as in Kafka.
   * @throws DataError for null and for anything else
   */
  static convertToList(_schema: Schema | null, value: unknown): unknown[] {
    return convertToArray(ARRAY_SELECTOR_SCHEMA, value);
  }

  /**
   * To MAP: maps as they are, strings parsed (`{"a": 1}`). The schema is not used, as in Kafka.
   * @throws DataError for null and for anything else
   */
  static convertToMap(_schema: Schema | null, value: unknown): Map<unknown, unknown> {
    return convertToMapValue(MAP_SELECTOR_SCHEMA, value);
  }

  /** To STRUCT: only a Struct converts. @throws DataError for null and for anything else */
  static convertToStruct(_schema: Schema | null, value: unknown): Struct {
    return convertToStructValue(STRUCT_SELECTOR_SCHEMA, value);
  }

  /**
   * To a Time (a Date on the epoch day): Dates as they are, or the time of day of a Timestamp,
   * milliseconds as numbers or numeric strings, ISO-8601 time strings.
   * @throws DataError for null and for anything that does not convert
   */
  static convertToTime(schema: Schema | null, value: unknown): Date {
    if (value === null || value === undefined) throw nullValueError();
    return convertToTimeValue(ConnectTime.schema(), schema, value) as Date;
  }

  /**
   * To a Date (midnight UTC): Dates as they are, or the day of a Timestamp, days as numbers or
   * numeric strings, ISO-8601 date strings.
   * @throws DataError for null and for anything that does not convert
   */
  static convertToDate(schema: Schema | null, value: unknown): Date {
    if (value === null || value === undefined) throw nullValueError();
    return convertToDateValue(ConnectDate.schema(), schema, value) as Date;
  }

  /**
   * To a Timestamp: Dates (from a Date or Time schema by their millis), milliseconds as numbers
   * or numeric strings, ISO-8601 timestamp strings.
   * @throws DataError for null and for anything that does not convert
   */
  static convertToTimestamp(schema: Schema | null, value: unknown): Date {
    if (value === null || value === undefined) throw nullValueError();
    return convertToTimestampValue(ConnectTimestamp.schema(), schema, value) as Date;
  }

  /**
   * To a BigDecimal: BigDecimals as they are, Decimal bytes at `scale`, numbers as Java's
   * BigDecimal.valueOf(double) (so 1 is 1.0), numeric strings exactly.
   * @throws DataError for null and for anything that does not convert
   */
  static convertToDecimal(_schema: Schema | null, value: unknown, scale: number): BigDecimal {
    if (value === null || value === undefined) throw nullValueError();
    return convertToDecimalValue(Decimal.schema(scale), value);
  }

  /**
   * A schema for a value, when one can be told from the value alone: strings, booleans, numbers
   * (integral as INT64, others FLOAT64), bytes, structs, and non-empty lists and maps whose
   * elements share a type. Null otherwise (also for Dates and BigDecimals, as in Kafka).
   */
  static inferSchema(value: unknown): Schema | null {
    switch (typeof value) {
      case 'string':
        return Schemas.STRING;
      case 'boolean':
        return Schemas.BOOLEAN;
      case 'bigint':
        return Schemas.INT64;
      case 'number':
        return Number.isInteger(value) ? Schemas.INT64 : Schemas.FLOAT64;
    }
    if (value instanceof Uint8Array) return Schemas.BYTES;
    if (Array.isArray(value)) return inferListSchema(value);
    if (value instanceof Map) return inferMapSchema(value);
    if (value instanceof Struct) return value.schema;
    return null;
  }

  /**
   * Parses the text form of a value, inferring its schema (Kafka's Values.parseString): `true` and
   * `false` are BOOLEAN; integers the smallest of INT8..INT64 that holds them, and a Decimal beyond;
   * other numbers FLOAT32 when a float holds them, else FLOAT64; `[...]` an ARRAY and `{...}` a MAP
   * (with a common element schema when the elements share one); ISO-8601 dates, times and
   * timestamps (`2019-08-23`, `14:34:54.346Z`, `2019-08-23T14:34:54.346Z`) the logical types;
   * anything else the STRING itself. Null and `null` give SchemaAndValue.NULL.
   */
  static parseString(value: string | null): SchemaAndValue {
    if (value === null || value === undefined) return SchemaAndValue.NULL;
    if (value.length === 0) return new SchemaAndValue(Schemas.STRING, value);
    return parsePlainText(value) ?? new ValueParser(new ValuesTokenizer(value)).parse(false) ?? SchemaAndValue.NULL;
  }

  /**
   * The format Kafka picks for a Date's text (also Cast's date-to-string rule): times of day (less
   * than one day after the epoch) as `HH:mm:ss.SSS'Z'`, whole days as `yyyy-MM-dd`, anything else
   * as `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`; in UTC.
   */
  static dateFormatFor(value: Date): DateFormat {
    const millis = value.getTime();
    if (millis < MILLIS_PER_DAY) return TIME_FORMAT;
    if (millis % MILLIS_PER_DAY === 0) return DATE_FORMAT;
    return TIMESTAMP_FORMAT;
  }

  /** Escapes backslashes and double quotes for a string embedded in a list or map's text. */
  static escape(value: string): string {
    return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  }
}

/** One of the three ISO-8601 formats of {@link Values.dateFormatFor}, with Java's pattern text. */
export interface DateFormat {
  readonly pattern: string;
  format(date: Date): string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** SimpleDateFormat's `yyyy`: the year of era, at least four digits (year 0 is 1 BC). */
const yearOfEra = (date: Date) => {
  const year = date.getUTCFullYear();
  return pad(year > 0 ? year : 1 - year, 4);
};
const timeOfDay = (date: Date) =>
  `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(date.getUTCMilliseconds(), 3)}Z`;
const calendarDay = (date: Date) => `${yearOfEra(date)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;

const TIME_FORMAT: DateFormat = { pattern: Values.ISO_8601_TIME_FORMAT_PATTERN, format: timeOfDay };
const DATE_FORMAT: DateFormat = { pattern: Values.ISO_8601_DATE_FORMAT_PATTERN, format: calendarDay };
const TIMESTAMP_FORMAT: DateFormat = {
  pattern: Values.ISO_8601_TIMESTAMP_FORMAT_PATTERN,
  format: (date) => `${calendarDay(date)}T${timeOfDay(date)}`,
};

const ARRAY_SELECTOR_SCHEMA = containerSchema(Type.ARRAY, null, Schemas.STRING);
const MAP_SELECTOR_SCHEMA = containerSchema(Type.MAP, Schemas.STRING, Schemas.STRING);
const STRUCT_SELECTOR_SCHEMA = new ConnectSchema(Type.STRUCT);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_TO_63 = 2 ** 63;

function nullValueError(): DataError {
  return new DataError('Unable to convert a null value to a schema that requires a value');
}

/** Kafka's "Unable to convert <value> (<class>) to <target>" message. */
function conversionError(value: unknown, target: string, cause?: unknown): DataError {
  const text = `Unable to convert ${javaToString(value)} (class ${javaClassName(value)}) to ${target}`;
  return new DataError(text, cause === undefined ? undefined : { cause });
}

/** A Java long (as a bigint in range) as the INT64 value representation: a number when safe. */
function int64Value(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

/** Java's `new BigDecimal(text)`: the whole text must be a decimal number, no blanks around it. */
function parseJavaDecimal(text: string): BigDecimal | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  return BigDecimal.parse(text);
}

/** Java's BigDecimal#longValue: the integral part, then its low 64 bits. */
function decimalLongValue(decimal: BigDecimal): bigint {
  const { unscaled, scale } = decimal;
  if (unscaled === 0n) return 0n;
  if (scale <= 0) {
    // 10^k has 2^k as a factor, so from k = 64 on the low 64 bits are all zero.
    return -scale >= 64 ? 0n : BigInt.asIntN(64, unscaled * 10n ** BigInt(-scale));
  }
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().length;
  if (scale > digits) return 0n;
  return BigInt.asIntN(64, unscaled / 10n ** BigInt(scale));
}

/** Java's Number#longValue of a double: truncated, NaN is 0, out of range clamps. */
function doubleLongValue(value: number): bigint {
  if (Number.isSafeInteger(value)) return BigInt(value);
  if (Number.isNaN(value)) return 0n;
  if (value >= TWO_TO_63) return INT64_MAX;
  if (value <= -TWO_TO_63) return INT64_MIN;
  return BigInt(Math.trunc(value));
}

/**
 * A value as a Java long (Kafka's Values.asLong): numbers, bigints, BigDecimals, numeric strings,
 * and Date/Time/Timestamp values when the schema names their logical type.
 */
function asLong(value: unknown, fromSchema: Schema | null, error?: unknown): bigint {
  if (typeof value === 'number') return doubleLongValue(value);
  if (typeof value === 'bigint') return BigInt.asIntN(64, value);
  if (value instanceof BigDecimal) return decimalLongValue(value);
  if (typeof value === 'string') {
    const decimal = parseJavaDecimal(value);
    if (decimal) return decimalLongValue(decimal);
    error ??= new SyntaxError(`Character array is not a valid decimal number: ${value}`);
  }
  if (fromSchema) {
    if (value instanceof Date) {
      switch (fromSchema.name) {
        case ConnectDate.LOGICAL_NAME:
          return BigInt(ConnectDate.fromLogical(fromSchema, value));
        case ConnectTime.LOGICAL_NAME:
          return BigInt(ConnectTime.fromLogical(fromSchema, value));
        case ConnectTimestamp.LOGICAL_NAME:
          return BigInt(ConnectTimestamp.fromLogical(fromSchema, value));
      }
    }
    throw conversionError(value, String(fromSchema), error);
  }
  throw conversionError(value, 'a number', error);
}

/** A value as a Java double (Kafka's Values.asDouble). */
function asDouble(value: unknown, schema: Schema | null): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof BigDecimal) return Number(value.toString());
  let error: unknown;
  if (typeof value === 'string') {
    if (parseJavaDecimal(value)) return Number(value);
    error = new SyntaxError(`Character array is not a valid decimal number: ${value}`);
  }
  return Number(asLong(value, schema, error));
}

/** Converts a value to the type of `toSchema` (Kafka's Values.convertTo); null only when optional. */
function convertTo(toSchema: Schema, fromSchema: Schema | null, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (toSchema.optional) return null;
    throw nullValueError();
  }
  switch (toSchema.type) {
    case Type.BYTES:
      return toSchema.name === Decimal.LOGICAL_NAME
        ? convertToDecimalValue(toSchema, value)
        : convertToBytes(toSchema, value);
    case Type.STRING:
      return Values.convertToString(fromSchema, value);
    case Type.BOOLEAN:
      return Values.convertToBoolean(fromSchema, value);
    case Type.INT8:
      return Values.convertToByte(fromSchema, value);
    case Type.INT16:
      return Values.convertToShort(fromSchema, value);
    case Type.INT32:
      if (toSchema.name === ConnectDate.LOGICAL_NAME) return convertToDateValue(toSchema, fromSchema, value);
      if (toSchema.name === ConnectTime.LOGICAL_NAME) return convertToTimeValue(toSchema, fromSchema, value);
      return Values.convertToInteger(fromSchema, value);
    case Type.INT64:
      if (toSchema.name === ConnectTimestamp.LOGICAL_NAME) return convertToTimestampValue(toSchema, fromSchema, value);
      return Values.convertToLong(fromSchema, value);
    case Type.FLOAT32:
      return Values.convertToFloat(fromSchema, value);
    case Type.FLOAT64:
      return Values.convertToDouble(fromSchema, value);
    case Type.ARRAY:
      return convertToArray(toSchema, value);
    case Type.MAP:
      return convertToMapValue(toSchema, value);
    case Type.STRUCT:
      return convertToStructValue(toSchema, value);
  }
}

function convertToDecimalValue(toSchema: Schema, value: unknown): BigDecimal {
  if (value instanceof Uint8Array) return Decimal.toLogical(toSchema, value);
  if (value instanceof BigDecimal) return value;
  if (typeof value === 'number') return BigDecimal.fromNumber(value);
  if (typeof value === 'bigint') return BigDecimal.fromNumber(Number(value));
  if (typeof value === 'string') {
    const decimal = parseJavaDecimal(value);
    if (decimal) return decimal;
    throw conversionError(value, String(toSchema), new SyntaxError(`Not a decimal number: ${value}`));
  }
  throw conversionError(value, String(toSchema));
}

function convertToBytes(toSchema: Schema, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof BigDecimal) return Decimal.fromLogical(toSchema, value);
  throw conversionError(value, String(toSchema));
}

function parsedIfString(value: unknown): unknown {
  return typeof value === 'string' ? Values.parseString(value).value : value;
}

function convertToDateValue(toSchema: Schema, fromSchema: Schema | null, value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const parsed = parsedIfString(value);
  if (parsed instanceof Date) {
    if (!fromSchema) return parsed;
    if (fromSchema.name === ConnectDate.LOGICAL_NAME) return parsed;
    if (fromSchema.name === ConnectTimestamp.LOGICAL_NAME) {
      return ConnectDate.toLogical(toSchema, Math.trunc(parsed.getTime() / MILLIS_PER_DAY));
    }
  }
  return ConnectDate.toLogical(toSchema, Number(BigInt.asIntN(32, asLong(parsed, fromSchema))));
}

function convertToTimeValue(toSchema: Schema, fromSchema: Schema | null, value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const parsed = parsedIfString(value);
  if (parsed instanceof Date) {
    if (!fromSchema) return parsed;
    if (fromSchema.name === ConnectTime.LOGICAL_NAME) return parsed;
    if (fromSchema.name === ConnectTimestamp.LOGICAL_NAME) {
      const millis = parsed.getTime() % MILLIS_PER_DAY;
      return ConnectTime.toLogical(toSchema, millis < 0 ? millis + MILLIS_PER_DAY : millis);
    }
  }
  return ConnectTime.toLogical(toSchema, Number(BigInt.asIntN(32, asLong(parsed, fromSchema))));
}

function convertToTimestampValue(toSchema: Schema, fromSchema: Schema | null, value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const parsed = parsedIfString(value);
  if (parsed instanceof Date) {
    if (!fromSchema) return parsed;
    switch (fromSchema.name) {
      case ConnectDate.LOGICAL_NAME:
        return ConnectTimestamp.toLogical(toSchema, ConnectDate.fromLogical(fromSchema, parsed) * MILLIS_PER_DAY);
      case ConnectTime.LOGICAL_NAME:
        return ConnectTimestamp.toLogical(toSchema, ConnectTime.fromLogical(fromSchema, parsed));
      case ConnectTimestamp.LOGICAL_NAME:
        return parsed;
    }
  }
  return ConnectTimestamp.toLogical(toSchema, asLong(parsed, fromSchema));
}

function convertToArray(toSchema: Schema, value: unknown): unknown[] {
  if (value === null || value === undefined) throw nullValueError();
  const parsed = parsedIfString(value);
  if (Array.isArray(parsed)) return parsed;
  throw conversionError(parsed, String(toSchema));
}

function convertToMapValue(toSchema: Schema, value: unknown): Map<unknown, unknown> {
  if (value === null || value === undefined) throw nullValueError();
  const parsed = parsedIfString(value);
  if (parsed instanceof Map) return parsed;
  throw conversionError(parsed, String(toSchema));
}

function convertToStructValue(toSchema: Schema, value: unknown): Struct {
  if (value === null || value === undefined) throw nullValueError();
  if (value instanceof Struct) return value;
  throw conversionError(value, String(toSchema));
}

/** Kafka's Values.append: the text of a value; `embedded` strings (in lists, maps, structs) are quoted. */
function append(out: string[], value: unknown, embedded: boolean, schema: Schema | null): void {
  if (value === null || value === undefined) {
    out.push('null');
  } else if (typeof value === 'string') {
    out.push(embedded ? `"${Values.escape(value)}"` : value);
  } else if (typeof value === 'number') {
    out.push(numberText(value, schema));
  } else if (typeof value === 'boolean' || typeof value === 'bigint') {
    out.push(String(value));
  } else if (value instanceof BigDecimal) {
    out.push(value.toString());
  } else if (value instanceof Uint8Array) {
    const base64 = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    out.push(embedded ? `"${base64}"` : base64);
  } else if (Array.isArray(value)) {
    const element = schema?.type === Type.ARRAY ? valueSchemaOrNull(schema) : null;
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      append(out, value[i], true, element);
    }
    out.push(']');
  } else if (value instanceof Map) {
    const isMap = schema?.type === Type.MAP;
    const keySchema = isMap ? keySchemaOrNull(schema) : null;
    const valueSchema = isMap ? valueSchemaOrNull(schema) : null;
    out.push('{');
    let first = true;
    for (const [k, v] of value) {
      if (!first) out.push(',');
      first = false;
      append(out, k, true, keySchema);
      out.push(':');
      append(out, v, true, valueSchema);
    }
    out.push('}');
  } else if (value instanceof Struct) {
    out.push('{');
    let first = true;
    for (const field of value.schema.fields()) {
      if (!first) out.push(',');
      first = false;
      append(out, field.name, true, null);
      out.push(':');
      append(out, value.get(field), true, field.schema);
    }
    out.push('}');
  } else if (value instanceof Date) {
    out.push(Values.dateFormatFor(value).format(value));
  } else {
    throw new DataError(`Failed to serialize unexpected value type ${javaClassName(value)}: ${String(value)}`);
  }
}

/** Java's text of a number, whose Java type the schema tells (else: integral is a Long, other a Double). */
function numberText(value: number, schema: Schema | null): string {
  switch (schema?.type) {
    case Type.FLOAT32:
      return javaFloatToString(value);
    case Type.FLOAT64:
      return javaDoubleToString(value);
    default:
      return Number.isSafeInteger(value) ? String(value) : javaDoubleToString(value);
  }
}

function inferListSchema(list: readonly unknown[]): Schema | null {
  if (list.length === 0) return null;
  const detector = new SchemaDetector();
  for (const element of list) if (!detector.canDetect(element)) return null;
  return containerSchema(Type.ARRAY, null, detector.schema());
}

function inferMapSchema(map: ReadonlyMap<unknown, unknown>): Schema | null {
  if (map.size === 0) return null;
  const keys = new SchemaDetector();
  const values = new SchemaDetector();
  for (const [k, v] of map) if (!keys.canDetect(k) || !values.canDetect(v)) return null;
  return containerSchema(Type.MAP, keys.schema(), values.schema());
}

/**
 * Finds the one type shared by a list's elements (Kafka's SchemaDetector). As in Kafka, the schema
 * it gives carries the type only: a struct element gives an empty STRUCT schema, a list element an
 * ARRAY schema with no element schema.
 */
class SchemaDetector {
  private knownType: Type | null = null;
  private optional = false;

  canDetect(value: unknown): boolean {
    if (value === null || value === undefined) {
      this.optional = true;
      return true;
    }
    const schema = Values.inferSchema(value);
    if (!schema) return false;
    if (this.knownType === null) this.knownType = schema.type;
    return this.knownType === schema.type;
  }

  schema(): Schema | null {
    if (this.knownType === null) return null;
    return new ConnectSchema(this.knownType, this.optional);
  }
}

/** Java's String#trim: strips every char up to U+0020 (JS's trim strips other characters). */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isBlank(text: string | null): boolean {
  return text === null || javaTrim(text).length === 0;
}

const DELIMITERS = new Set([':', ',', '{', '}', '[', ']', '"']);

/**
 * Splits the text form of a value into tokens (Kafka's Values.Parser): each unescaped delimiter
 * `: , { } [ ] "` is a token of its own, and the runs between them are tokens, whitespace kept.
 * Exported for tests.
 */
export class ValuesTokenizer {
  private index = 0;
  private nextToken: string | null = null;
  private previousToken: string | null = null;

  constructor(readonly original: string) {}

  position(): number {
    return this.index;
  }

  /** The position before any token peeked at but not consumed. */
  mark(): number {
    return this.index - (this.nextToken?.length ?? 0);
  }

  rewindTo(position: number): void {
    this.index = position;
    this.nextToken = null;
    this.previousToken = null;
  }

  hasNext(): boolean {
    return this.nextToken !== null || this.index < this.original.length;
  }

  next(): string;
  /** The text of the next `n` tokens, or null (consuming nothing) when fewer remain. */
  next(n: number): string | null;
  next(n?: number): string | null {
    if (n === undefined) {
      if (this.nextToken !== null) {
        this.previousToken = this.nextToken;
        this.nextToken = null;
      } else {
        this.previousToken = this.consumeNextToken();
      }
      return this.previousToken;
    }
    const start = this.mark();
    for (let i = 0; i < n; i++) {
      if (!this.hasNext()) {
        this.rewindTo(start);
        return null;
      }
      this.next();
    }
    return this.original.slice(start, this.position());
  }

  previous(): string | null {
    return this.previousToken;
  }

  /** Consumes the next token if it is `expected` (compared trimmed, skipping blank tokens, unless told not to). */
  canConsume(expected: string, ignoreLeadingAndTrailingWhitespace = true): boolean {
    if (!this.isNext(expected, ignoreLeadingAndTrailingWhitespace)) return false;
    this.nextToken = null;
    return true;
  }

  private isNext(expected: string, ignoreWhitespace: boolean): boolean {
    if (this.nextToken === null) {
      if (!this.hasNext()) return false;
      this.nextToken = this.consumeNextToken();
    }
    if (ignoreWhitespace) {
      while (isBlank(this.nextToken) && this.index < this.original.length) this.nextToken = this.consumeNextToken();
    }
    const token = this.nextToken as string;
    return ignoreWhitespace ? javaTrim(token) === expected : token === expected;
  }

  private consumeNextToken(): string {
    const text = this.original;
    const start = this.index;
    let escaped = false;
    while (this.index < text.length) {
      const c = text[this.index] as string;
      if (c === '\\') {
        escaped = !escaped;
      } else if (DELIMITERS.has(c) && !escaped) {
        if (start < this.index) return text.slice(start, this.index);
        this.index++;
        return c;
      } else {
        escaped = false;
      }
      this.index++;
    }
    return text.slice(start, this.index);
  }
}

/**
 * parseString's answer for the common header text, without the tokenizer: a text holding none of
 * the tokenizer's delimiters is one token, so the parser would try the literals null / true /
 * false (trimmed), then temporals and numbers (only for a leading digit, '+' or '-'), and
 * otherwise give the whole text as a STRING. This does the same for every text that cannot be a
 * temporal or a number, and returns undefined for the rest (the parser then reads it).
 */
function parsePlainText(value: string): SchemaAndValue | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // : , { } [ ] "
    if (c === 0x3a || c === 0x2c || c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x22) {
      return undefined;
    }
  }
  const token = javaTrim(value);
  if (token.length === 0) return new SchemaAndValue(Schemas.STRING, value);
  if (token === 'null') return SchemaAndValue.NULL;
  if (token === 'true') return TRUE;
  if (token === 'false') return FALSE;
  const first = token.charCodeAt(0);
  if ((first >= 0x30 && first <= 0x39) || first === 0x2b /* + */ || first === 0x2d /* - */) return undefined;
  return new SchemaAndValue(Schemas.STRING, value);
}

const TRUE = new SchemaAndValue(Schemas.BOOLEAN, true);
const FALSE = new SchemaAndValue(Schemas.BOOLEAN, false);
const ISO_8601_DATE_LENGTH = 10;
const ISO_8601_TIME_LENGTH = 13;
const ISO_8601_TIMESTAMP_LENGTH = 24;

/**
 * Kafka's Values.ValueParser over the tokens: `parse(true)` reads a value embedded in a list or map
 * (strings must be quoted there; a null literal gives null), `parse(false)` a whole text, which
 * falls back to a STRING of the whole text. A malformed list or map throws DataError inside, and
 * the top level turns that into the STRING fallback, as Kafka does.
 */
class ValueParser {
  constructor(private readonly parser: ValuesTokenizer) {}

  parse(embedded: boolean): SchemaAndValue | null {
    const parser = this.parser;
    if (!parser.hasNext()) return null;
    if (embedded && parser.canConsume('"')) return this.parseQuotedString();
    if (this.canParseSingleTokenLiteral(embedded, 'null')) return null;
    if (this.canParseSingleTokenLiteral(embedded, 'true')) return TRUE;
    if (this.canParseSingleTokenLiteral(embedded, 'false')) return FALSE;

    const start = parser.mark();
    try {
      if (parser.canConsume('[')) return this.parseArray();
      if (parser.canConsume('{')) return this.parseMap();
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      parser.rewindTo(start);
    }

    const token = parser.next();
    if (isBlank(token)) return new SchemaAndValue(Schemas.STRING, token);
    return this.parseNextToken(embedded, javaTrim(token));
  }

  /** A literal (null, true, false) counts at the top level only when nothing follows it: "true}" is a string. */
  private canParseSingleTokenLiteral(embedded: boolean, literal: string): boolean {
    const start = this.parser.mark();
    if (this.parser.canConsume(literal) && (embedded || !this.parser.hasNext())) return true;
    this.parser.rewindTo(start);
    return false;
  }

  private parseNextToken(embedded: boolean, token: string): SchemaAndValue {
    const first = token.charCodeAt(0);
    const firstIsDigit = first >= 0x30 && first <= 0x39;
    // Temporal types are the most restrictive, so they are tried first.
    if (firstIsDigit) {
      const temporal = this.parseMultipleTokensAsTemporal(token);
      if (temporal) return temporal;
    }
    if (firstIsDigit || token[0] === '+' || token[0] === '-') {
      const number = parseAsNumber(token);
      if (number) return number;
    }
    if (embedded) throw new DataError('Failed to parse embedded value');
    return new SchemaAndValue(Schemas.STRING, this.parser.original);
  }

  private parseQuotedString(): SchemaAndValue {
    let content = '';
    while (this.parser.hasNext()) {
      if (this.parser.canConsume('"')) break;
      content += this.parser.next();
    }
    // Quoted text may still be a date, time or timestamp; anything else is a string.
    return parseAsTemporal(content) ?? new SchemaAndValue(Schemas.STRING, content);
  }

  private parseArray(): SchemaAndValue {
    const parser = this.parser;
    let result: unknown[] = [];
    const elementSchema = new SchemaMerger();
    while (parser.hasNext()) {
      if (parser.canConsume(']')) {
        const common = elementSchema.schema();
        if (!common) return new SchemaAndValue(containerSchema(Type.ARRAY, null, null), result);
        const listSchema = containerSchema(Type.ARRAY, null, common);
        result = result.map((element) => convertTo(common, null, element));
        return new SchemaAndValue(listSchema, result);
      }
      if (parser.canConsume(',')) throw new DataError(`Unable to parse an empty array element: ${parser.original}`);
      const element = this.parse(true);
      elementSchema.merge(element);
      result.push(element ? element.value : null);

      const position = parser.mark();
      if (parser.canConsume(']')) parser.rewindTo(position);
      else if (!parser.canConsume(',')) throw new DataError("Array elements missing ',' delimiter");
    }
    if (parser.previous() === ',') throw new DataError(`Array is missing element after ',': ${parser.original}`);
    throw new DataError(`Array is missing terminating ']': ${parser.original}`);
  }

  private parseMap(): SchemaAndValue {
    const parser = this.parser;
    const entries: [unknown, unknown][] = [];
    const keySchema = new SchemaMerger();
    const valueSchema = new SchemaMerger();
    while (parser.hasNext()) {
      if (parser.canConsume('}')) {
        const commonKey = keySchema.schema();
        const commonValue = valueSchema.schema();
        if (commonKey && commonValue) {
          const map = new Map(
            entries.map(([k, v]) => [convertTo(commonKey, null, k), convertTo(commonValue, null, v)]),
          );
          return new SchemaAndValue(containerSchema(Type.MAP, commonKey, commonValue), map);
        }
        if (commonKey) {
          const map = new Map(entries.map(([k, v]) => [convertTo(commonKey, null, k), v]));
          return new SchemaAndValue(containerSchema(Type.MAP, commonKey, null), map);
        }
        return new SchemaAndValue(containerSchema(Type.MAP, null, null), new Map(entries));
      }
      if (parser.canConsume(',')) {
        throw new DataError(`Unable to parse a map entry with no key or value: ${parser.original}`);
      }
      const key = this.parse(true);
      if (key === null || key.value === null)
        throw new DataError(`Map entry may not have a null key: ${parser.original}`);
      if (!parser.canConsume(':')) {
        throw new DataError(`Map entry is missing ':' at ${parser.position()} in ${parser.original}`);
      }
      const value = this.parse(true);
      setEntry(entries, key.value, value ? value.value : null);
      parser.canConsume(',');
      keySchema.merge(key);
      valueSchema.merge(value);
    }
    if (parser.previous() === ',') throw new DataError(`Map is missing element after ',': ${parser.original}`);
    throw new DataError(`Map is missing terminating '}': ${parser.original}`);
  }

  /**
   * Times and timestamps hold unescaped colons, which are delimiters, so they arrive as five tokens
   * ("14", ":", "34", ":", "54.346Z"); try those first, then the token alone.
   */
  private parseMultipleTokensAsTemporal(token: string): SchemaAndValue | null {
    const position = this.parser.mark();
    const remainder = this.parser.next(4);
    if (remainder !== null) {
      const temporal = parseAsTemporal(token + remainder);
      if (temporal) return temporal;
    }
    this.parser.rewindTo(position);
    return parseAsTemporal(token);
  }
}

/** A later entry with an equal key replaces the earlier one in place, as in Java's LinkedHashMap. */
function setEntry(entries: [unknown, unknown][], key: unknown, value: unknown): void {
  for (const entry of entries) {
    if (entry[0] === key) {
      entry[1] = value;
      return;
    }
  }
  entries.push([key, value]);
}

/** An ARRAY or MAP schema whose key or value schema may be missing (Kafka's arrayOfNull, mapOfNull, mapWithNullValues). */
function containerSchema(type: Type, keySchema: Schema | null, valueSchema: Schema | null): Schema {
  return new ConnectSchema(type, false, null, null, null, null, null, null, keySchema, valueSchema);
}

function parseAsNumber(token: string): SchemaAndValue | null {
  const decimal = parseJavaDecimal(token);
  if (!decimal) return null;
  const exact = parseAsExactInteger(decimal);
  if (exact) return exact;
  if (decimal.scale !== 0) {
    // Java's BigDecimal#floatValue / doubleValue: the nearest float or double.
    const asDouble = Number(token);
    const asFloat = Math.fround(asDouble);
    if (Number.isFinite(asFloat)) return new SchemaAndValue(Schemas.FLOAT32, asFloat);
    if (Number.isFinite(asDouble)) return new SchemaAndValue(Schemas.FLOAT64, asDouble);
  }
  return new SchemaAndValue(Decimal.schema(decimal.scale), decimal);
}

/** An integral decimal as the smallest integer type that holds it; null when not integral or beyond INT64. */
function parseAsExactInteger(decimal: BigDecimal): SchemaAndValue | null {
  const { unscaled, scale } = decimal;
  let integral: bigint;
  if (scale <= 0) {
    if (unscaled !== 0n && -scale > 19) return null;
    integral = unscaled * 10n ** BigInt(-scale);
  } else {
    const digits = (unscaled < 0n ? -unscaled : unscaled).toString().length;
    if (unscaled !== 0n && scale >= digits) return null;
    const divisor = 10n ** BigInt(scale);
    if (unscaled % divisor !== 0n) return null;
    integral = unscaled / divisor;
  }
  if (integral < INT64_MIN || integral > INT64_MAX) return null;
  if (integral >= -128n && integral <= 127n) return new SchemaAndValue(Schemas.INT8, Number(integral));
  if (integral >= -32768n && integral <= 32767n) return new SchemaAndValue(Schemas.INT16, Number(integral));
  if (integral >= -2147483648n && integral <= 2147483647n) return new SchemaAndValue(Schemas.INT32, Number(integral));
  return new SchemaAndValue(Schemas.INT64, int64Value(integral));
}

function parseAsTemporal(text: string): SchemaAndValue | null {
  // Escaped colons keep a time in one token; the escapes are not part of the value.
  const token = text.replaceAll('\\:', ':');
  switch (token.length) {
    case ISO_8601_TIME_LENGTH:
      return parseAsTemporalType(token, ConnectTime.schema(), TIME_PATTERN);
    case ISO_8601_TIMESTAMP_LENGTH:
      return parseAsTemporalType(token, ConnectTimestamp.schema(), TIMESTAMP_PATTERN);
    case ISO_8601_DATE_LENGTH:
      return parseAsTemporalType(token, ConnectDate.schema(), DATE_PATTERN);
    default:
      return null;
  }
}

type DateField = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millis';
type PatternPart = DateField | { literal: string };

const DATE_PATTERN: readonly PatternPart[] = ['year', { literal: '-' }, 'month', { literal: '-' }, 'day'];
const TIME_PATTERN: readonly PatternPart[] = [
  'hour',
  { literal: ':' },
  'minute',
  { literal: ':' },
  'second',
  { literal: '.' },
  'millis',
  { literal: 'Z' },
];
const TIMESTAMP_PATTERN: readonly PatternPart[] = [...DATE_PATTERN, { literal: 'T' }, ...TIME_PATTERN];

/**
 * Parses with one of the ISO-8601 patterns as Java's lenient SimpleDateFormat does: each numeric
 * field takes the digits that follow (after spaces or tabs), literals must match, out-of-range
 * fields roll over (month 13 is January of the next year), and text after the pattern is ignored.
 * Fields absent from the pattern come from the epoch (1970-01-01T00:00:00.000 UTC).
 */
function parseAsTemporalType(token: string, schema: Schema, pattern: readonly PatternPart[]): SchemaAndValue | null {
  const fields: Record<DateField, number> = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millis: 0 };
  let i = 0;
  for (const part of pattern) {
    if (typeof part === 'object') {
      if (token[i] !== part.literal) return null;
      i++;
      continue;
    }
    while (token[i] === ' ' || token[i] === '\t') i++;
    const start = i;
    while (i < token.length && token.charCodeAt(i) >= 0x30 && token.charCodeAt(i) <= 0x39) i++;
    if (i === start) return null;
    fields[part] = Number(token.slice(start, i));
  }
  const date = new Date(0);
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, fields.millis);
  return new SchemaAndValue(schema, date);
}

/**
 * Finds a schema for values parsed side by side (Kafka's SchemaMerger): numeric types widen to the
 * widest seen (INT8 < INT16 < INT32 < INT64 < FLOAT32 < FLOAT64); any other mix has no common schema.
 */
class SchemaMerger {
  private common: Schema | null = null;
  private compatible = true;

  merge(latest: SchemaAndValue | null): void {
    if (!latest?.schema || !this.compatible) return;
    if (this.common === null) {
      this.common = latest.schema;
      return;
    }
    this.common = mergeSchemas(this.common, latest.schema);
    this.compatible = this.common !== null;
  }

  schema(): Schema | null {
    return this.common;
  }
}

const NUMERIC_RANK: Partial<Record<Type, number>> = {
  [Type.INT8]: 0,
  [Type.INT16]: 1,
  [Type.INT32]: 2,
  [Type.INT64]: 3,
  [Type.FLOAT32]: 4,
  [Type.FLOAT64]: 5,
};

function mergeSchemas(previous: Schema, next: Schema): Schema | null {
  if (previous.type !== next.type) {
    const a = NUMERIC_RANK[previous.type];
    const b = NUMERIC_RANK[next.type];
    if (a === undefined || b === undefined) return null;
    return a > b ? previous : next;
  }
  // Same type: Kafka keeps the optional one when both agree, and gives up when only one is optional.
  if (previous.optional === next.optional) return previous.optional ? previous : next;
  return null;
}
