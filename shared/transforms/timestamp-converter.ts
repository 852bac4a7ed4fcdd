import {
  ConfigDef,
  ConfigError,
  ConfigType,
  ConnectDate,
  ConnectError,
  type ConnectRecord,
  ConnectTime,
  ConnectTimestamp,
  copySchemaBasics,
  DataError,
  Importance,
  MILLIS_PER_DAY,
  type Schema,
  SchemaBuilder,
  Schemas,
  Struct,
  type Transformation,
  Type,
  ValidString,
} from '../api';
import { fromBigInt } from './util/java-lang';
import { fieldValue, KEY, REPLACE_NULL_WITH_DEFAULT_DOC, type RecordPart, VALUE } from './util/record-part';
import { classNameOf, requireMap, requireStructOrNull } from './util/requirements';
import { SchemaCache } from './util/schema-cache';
import { SimpleConfig } from './util/simple-config';
import { DateParseError, SimpleDateFormat } from './util/simple-date-format';
import { KAFKA_VERSION } from './util/version';

const FIELD_CONFIG = 'field';
const TARGET_TYPE_CONFIG = 'target.type';
const FORMAT_CONFIG = 'format';
const UNIX_PRECISION_CONFIG = 'unix.precision';
const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';

const TYPE_STRING = 'string';
const TYPE_UNIX = 'unix';
const TYPE_DATE = 'Date';
const TYPE_TIME = 'Time';
const TYPE_TIMESTAMP = 'Timestamp';
type TimestampType =
  | typeof TYPE_STRING
  | typeof TYPE_UNIX
  | typeof TYPE_DATE
  | typeof TYPE_TIME
  | typeof TYPE_TIMESTAMP;

const UNIX_PRECISION_MILLIS = 'milliseconds';
const UNIX_PRECISION_MICROS = 'microseconds';
const UNIX_PRECISION_NANOS = 'nanoseconds';
const UNIX_PRECISION_SECONDS = 'seconds';

const PURPOSE = 'converting timestamp formats';

const OPTIONAL_DATE_SCHEMA = ConnectDate.builder().optional().build();
const OPTIONAL_TIMESTAMP_SCHEMA = ConnectTimestamp.builder().optional().build();
const OPTIONAL_TIME_SCHEMA = ConnectTime.builder().optional().build();

const CONFIG_DEF = new ConfigDef()
  .define(
    FIELD_CONFIG,
    ConfigType.STRING,
    '',
    Importance.HIGH,
    'The field containing the timestamp, or empty if the entire value is a timestamp',
  )
  .define(
    TARGET_TYPE_CONFIG,
    ConfigType.STRING,
    undefined,
    ValidString.in(TYPE_STRING, TYPE_UNIX, TYPE_DATE, TYPE_TIME, TYPE_TIMESTAMP),
    Importance.HIGH,
    'The desired timestamp representation: string, unix, Date, Time, or Timestamp',
  )
  .define(
    FORMAT_CONFIG,
    ConfigType.STRING,
    '',
    Importance.MEDIUM,
    'A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string ' +
      'or used to parse the input if the input is a string.',
  )
  .define(
    UNIX_PRECISION_CONFIG,
    ConfigType.STRING,
    UNIX_PRECISION_MILLIS,
    ValidString.in(UNIX_PRECISION_NANOS, UNIX_PRECISION_MICROS, UNIX_PRECISION_MILLIS, UNIX_PRECISION_SECONDS),
    Importance.LOW,
    'The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. ' +
      'Used to generate the output when type=unix or used to parse the input if the input is a Long.' +
      'Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.',
  )
  .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigType.BOOLEAN, true, Importance.MEDIUM, REPLACE_NULL_WITH_DEFAULT_DOC);

interface Config {
  readonly field: string;
  readonly type: TimestampType;
  readonly format: SimpleDateFormat | null;
  readonly unixPrecision: string;
}

/** One timestamp representation: to and from the universal java.util.Date (Kafka's TimestampTranslator). */
interface TimestampTranslator {
  toRaw(config: Config, orig: unknown): Date;
  typeSchema(isOptional: boolean): Schema;
  toType(config: Config, orig: Date): unknown;
}

/** Milliseconds per unit of each unix precision (TimeUnit conversions; toMillis truncates toward zero). */
const UNITS_PER_MILLI: Record<string, bigint> = {
  [UNIX_PRECISION_SECONDS]: 0n,
  [UNIX_PRECISION_MILLIS]: 1n,
  [UNIX_PRECISION_MICROS]: 1000n,
  [UNIX_PRECISION_NANOS]: 1_000_000n,
};

const TRANSLATORS: Record<TimestampType, TimestampTranslator> = {
  [TYPE_STRING]: {
    toRaw(config, orig) {
      if (typeof orig !== 'string') {
        throw new DataError(`Expected string timestamp to be a String, but found class ${classNameOf(orig)}`);
      }
      const format = config.format as SimpleDateFormat;
      try {
        return format.parse(orig);
      } catch (err) {
        if (!(err instanceof DateParseError)) throw err;
        throw new DataError(
          `Could not parse timestamp: value (${orig}) does not match pattern (${format.toPattern()})`,
          { cause: err },
        );
      }
    },
    typeSchema: (isOptional) => (isOptional ? Schemas.OPTIONAL_STRING : Schemas.STRING),
    toType: (config, orig) => (config.format as SimpleDateFormat).format(orig),
  },
  [TYPE_UNIX]: {
    toRaw(config, orig) {
      if (!isLong(orig)) {
        throw new DataError(`Expected Unix timestamp to be a Long, but found class ${classNameOf(orig)}`);
      }
      const unixTime = BigInt(orig);
      const perMilli = UNITS_PER_MILLI[config.unixPrecision] ?? 1n;
      const millis = perMilli === 0n ? saturatedLong(unixTime * 1000n) : unixTime / perMilli;
      return new Date(Number(millis));
    },
    typeSchema: (isOptional) => (isOptional ? Schemas.OPTIONAL_INT64 : Schemas.INT64),
    toType(config, orig) {
      const millis = BigInt(orig.getTime());
      const perMilli = UNITS_PER_MILLI[config.unixPrecision] ?? 1n;
      return fromBigInt(perMilli === 0n ? millis / 1000n : saturatedLong(millis * perMilli));
    },
  },
  [TYPE_DATE]: {
    toRaw(_config, orig) {
      if (!(orig instanceof Date)) {
        throw new DataError(`Expected Date to be a java.util.Date, but found class ${classNameOf(orig)}`);
      }
      return orig;
    },
    typeSchema: (isOptional) => (isOptional ? OPTIONAL_DATE_SCHEMA : ConnectDate.schema()),
    toType: (_config, orig) => {
      const t = orig.getTime();
      return new Date(t - mod(t, MILLIS_PER_DAY));
    },
  },
  [TYPE_TIME]: {
    toRaw(_config, orig) {
      if (!(orig instanceof Date)) {
        throw new DataError(`Expected Time to be a java.util.Date, but found class ${classNameOf(orig)}`);
      }
      return orig;
    },
    typeSchema: (isOptional) => (isOptional ? OPTIONAL_TIME_SCHEMA : ConnectTime.schema()),
    toType: (_config, orig) => new Date(mod(orig.getTime(), MILLIS_PER_DAY)),
  },
  [TYPE_TIMESTAMP]: {
    toRaw(_config, orig) {
      if (!(orig instanceof Date)) {
        throw new DataError(`Expected Timestamp to be a java.util.Date, but found class ${classNameOf(orig)}`);
      }
      return orig;
    },
    typeSchema: (isOptional) => (isOptional ? OPTIONAL_TIMESTAMP_SCHEMA : ConnectTimestamp.schema()),
    toType: (_config, orig) => orig,
  },
};

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** TimeUnit conversions saturate at Long.MIN_VALUE / Long.MAX_VALUE instead of overflowing. */
function saturatedLong(value: bigint): bigint {
  return value > LONG_MAX ? LONG_MAX : value < LONG_MIN ? LONG_MIN : value;
}

/** A java.lang.Long as the data model holds it: an integral number or a bigint. */
function isLong(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
}

/** The non-negative remainder, as the UTC Calendar's time-of-day fields are for dates before 1970. */
function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/**
 * Converts timestamps between unix epoch numbers (`unix.precision`), strings (`format`, a
 * SimpleDateFormat pattern in UTC), and the Connect Date, Time and Timestamp logical types, for
 * the whole key/value or one field of it (Kafka's TimestampConverter). The input type comes from
 * the schema, or from the Java type of a schemaless value.
 */
export abstract class TimestampConverter<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly OVERVIEW_DOC =
    'Convert timestamps between different formats such as Unix epoch, strings, and Connect Date/Timestamp types.' +
    'Applies to individual fields or to the entire value.' +
    '<p/>Use the concrete transformation type designed for the record key (<code>org.apache.kafka.connect.transforms.TimestampConverter$Key</code>) ' +
    'or value (<code>org.apache.kafka.connect.transforms.TimestampConverter$Value</code>).';
  static readonly CONFIG_DEF = CONFIG_DEF;
  static readonly OPTIONAL_DATE_SCHEMA = OPTIONAL_DATE_SCHEMA;
  static readonly OPTIONAL_TIMESTAMP_SCHEMA = OPTIONAL_TIMESTAMP_SCHEMA;
  static readonly OPTIONAL_TIME_SCHEMA = OPTIONAL_TIME_SCHEMA;

  private settings: Config = { field: '', type: TYPE_TIMESTAMP, format: null, unixPrecision: UNIX_PRECISION_MILLIS };
  private replaceNullWithDefault = true;
  private readonly schemaUpdateCache = new SchemaCache();

  protected constructor(private readonly part: RecordPart) {}

  version(): string {
    return KAFKA_VERSION;
  }

  configure(configs: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, configs);
    const field = config.getString(FIELD_CONFIG) ?? '';
    const type = config.getString(TARGET_TYPE_CONFIG) as TimestampType;
    const formatPattern = config.getString(FORMAT_CONFIG) ?? '';
    const unixPrecision = config.getString(UNIX_PRECISION_CONFIG) ?? UNIX_PRECISION_MILLIS;
    this.schemaUpdateCache.clear();
    this.replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
    if (type === TYPE_STRING && formatPattern.trim() === '') {
      throw new ConfigError('TimestampConverter requires format option to be specified when using string timestamps');
    }
    let format: SimpleDateFormat | null = null;
    if (formatPattern.trim() !== '') {
      try {
        format = new SimpleDateFormat(formatPattern);
      } catch (err) {
        throw new ConfigError(
          `TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: ${formatPattern}`,
          { cause: err },
        );
      }
    }
    this.settings = { field, type, format, unixPrecision };
  }

  apply(record: R): R | null {
    const schema = this.part.schema(record);
    return schema === null ? this.applySchemaless(record) : this.applyWithSchema(record, schema);
  }

  private applyWithSchema(record: R, schema: Schema): R {
    const { field, type } = this.settings;
    const value = this.part.value(record);
    if (field === '') {
      const updatedSchema = TRANSLATORS[type].typeSchema(schema.optional);
      return this.part.update(record, updatedSchema, this.convertTimestamp(value, timestampTypeFromSchema(schema)));
    }
    const struct = requireStructOrNull(value, PURPOSE, schema);
    const updatedSchema = this.schemaUpdateCache.getOrBuild(schema, (s) => this.makeUpdatedSchema(s));
    return this.part.update(record, updatedSchema, this.applyValueWithSchema(struct, updatedSchema));
  }

  private makeUpdatedSchema(schema: Schema): Schema {
    const { field: target, type } = this.settings;
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields()) {
      builder.field(
        field.name,
        field.name === target ? TRANSLATORS[type].typeSchema(field.schema.optional) : field.schema,
      );
    }
    if (schema.optional) builder.optional();
    if (schema.defaultValue !== null && schema.defaultValue !== undefined) {
      builder.defaultValue(this.applyValueWithSchema(schema.defaultValue as Struct, builder.build()));
    }
    return builder.build();
  }

  private applyValueWithSchema(value: Struct | null, updatedSchema: Schema): Struct | null {
    if (value === null) return null;
    const updated = new Struct(updatedSchema);
    for (const field of value.schema.fields()) {
      const original = fieldValue(value, field, this.replaceNullWithDefault);
      updated.put(
        field.name,
        field.name === this.settings.field
          ? this.convertTimestamp(original, timestampTypeFromSchema(field.schema))
          : original,
      );
    }
    return updated;
  }

  private applySchemaless(record: R): R {
    const raw = this.part.value(record);
    const { field } = this.settings;
    if (raw === null || field === '') return this.part.update(record, null, this.convertTimestamp(raw, null));
    const value = requireMap(raw, PURPOSE);
    const updated = new Map(value);
    updated.set(field, this.convertTimestamp(value.get(field) ?? null, null));
    return this.part.update(record, null, updated);
  }

  /** Converts from the given (or, when null, inferred) representation to the target one. */
  private convertTimestamp(timestamp: unknown, timestampFormat: TimestampType | null): unknown {
    if (timestamp === null || timestamp === undefined) return null;
    const source = TRANSLATORS[timestampFormat ?? inferTimestampType(timestamp)];
    const raw = source.toRaw(this.settings, timestamp);
    return TRANSLATORS[this.settings.type].toType(this.settings, raw);
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {
    this.schemaUpdateCache.clear();
  }
}

/** The representation a schema stands for: a logical type's name, else STRING or INT64. */
function timestampTypeFromSchema(schema: Schema): TimestampType {
  if (schema.name === ConnectTimestamp.LOGICAL_NAME) return TYPE_TIMESTAMP;
  if (schema.name === ConnectDate.LOGICAL_NAME) return TYPE_DATE;
  if (schema.name === ConnectTime.LOGICAL_NAME) return TYPE_TIME;
  if (schema.type === Type.STRING) return TYPE_STRING;
  if (schema.type === Type.INT64) return TYPE_UNIX;
  throw new ConnectError(`Schema ${schema} does not correspond to a known timestamp type format`);
}

/** The representation of a schemaless value, by its Java type (a Date is taken as a Timestamp). */
function inferTimestampType(timestamp: unknown): TimestampType {
  if (timestamp instanceof Date) return TYPE_TIMESTAMP;
  if (isLong(timestamp)) return TYPE_UNIX;
  if (typeof timestamp === 'string') return TYPE_STRING;
  throw new DataError(`TimestampConverter does not support class ${classNameOf(timestamp)} objects as timestamps`);
}

/** TimestampConverter on the record key. */
export class TimestampConverterKey<R extends ConnectRecord<R>> extends TimestampConverter<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.TimestampConverter$Key';
  constructor() {
    super(KEY);
  }
}

/** TimestampConverter on the record value. */
export class TimestampConverterValue<R extends ConnectRecord<R>> extends TimestampConverter<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.TimestampConverter$Value';
  constructor() {
    super(VALUE);
  }
}
