import {
  BigDecimal,
  ConfigDef,
  ConfigError,
  ConfigType,
  ConnectDate,
  type ConnectRecord,
  ConnectTime,
  ConnectTimestamp,
  copySchemaBasics,
  DataError,
  type Field,
  Importance,
  javaDoubleToString,
  javaFloatToString,
  LambdaValidator,
  type Schema,
  SchemaBuilder,
  Struct,
  type Transformation,
  Type,
  Values,
} from '../api';
import {
  type IntegerBits,
  type JavaNumber,
  javaDoubleValue,
  javaFloatValue,
  javaIntegerValue,
  javaSplit,
  NumberFormatError,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInteger,
} from './util/java-lang';
import { fieldValue, KEY, REPLACE_NULL_WITH_DEFAULT_DOC, type RecordPart, VALUE } from './util/record-part';
import { classNameOf, requireMap, requireStruct } from './util/requirements';
import { SchemaCache } from './util/schema-cache';
import { SimpleConfig } from './util/simple-config';
import { copiesSafely, copyValue, putValue, structValues } from './util/struct-values';
import { KAFKA_VERSION } from './util/version';

const SPEC_CONFIG = 'spec';
const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';
const PURPOSE = 'cast types';

const SUPPORTED_CAST_INPUT_TYPES: readonly Type[] = [
  Type.INT8,
  Type.INT16,
  Type.INT32,
  Type.INT64,
  Type.FLOAT32,
  Type.FLOAT64,
  Type.BOOLEAN,
  Type.STRING,
  Type.BYTES,
];
const SUPPORTED_CAST_OUTPUT_TYPES: readonly Type[] = [
  Type.INT8,
  Type.INT16,
  Type.INT32,
  Type.INT64,
  Type.FLOAT32,
  Type.FLOAT64,
  Type.BOOLEAN,
  Type.STRING,
];

/** A derived schema with, by field position, each field's target type (undefined: not cast). */
interface CastPlan {
  readonly schema: Schema;
  readonly targets: readonly (Type | undefined)[];
  /** By field position: whether a field that is not cast is copied without a check (see copiesSafely). */
  readonly copySafe: readonly boolean[];
}

/** The parsed `spec`: per-field target types, or one type for the whole value. */
interface CastSpec {
  readonly casts: ReadonlyMap<string, Type>;
  readonly wholeValueCastType: Type | null;
}

function toType(text: string): Type {
  const name = text.trim().toUpperCase();
  if (!Object.hasOwn(Type, name)) throw new ConfigError(`Invalid type found in casting spec: ${text.trim()}`);
  return Type[name as keyof typeof Type];
}

function validOutputType(type: Type): Type {
  if (!SUPPORTED_CAST_OUTPUT_TYPES.includes(type)) {
    throw new ConfigError(
      `Cast transformation does not support casting to ${type}; supported types are [${SUPPORTED_CAST_OUTPUT_TYPES.join(', ')}]`,
    );
  }
  return type;
}

function validInputType(type: Type): Type {
  if (!SUPPORTED_CAST_INPUT_TYPES.includes(type)) {
    throw new DataError(
      `Cast transformation does not support casting from ${type}; supported types are [${SUPPORTED_CAST_INPUT_TYPES.join(', ')}]`,
    );
  }
  return type;
}

/** Kafka's Cast.parseFieldTypes, with its ConfigException texts (the `renames` key name included). */
function parseFieldTypes(mappings: readonly string[]): CastSpec {
  const casts = new Map<string, Type>();
  let wholeValueCastType: Type | null = null;
  for (const mapping of mappings) {
    const parts = javaSplit(mapping, ':');
    if (parts.length > 2) throw ConfigError.invalidValue('renames', mappings, `Invalid rename mapping: ${mapping}`);
    if (parts.length === 1) {
      wholeValueCastType = validOutputType(toType(parts[0] as string));
    } else if (parts.length === 2) {
      casts.set((parts[0] as string).trim(), validOutputType(toType(parts[1] as string)));
    } else {
      // Java's ":".split(":") is empty, and reading parts[1] an ArrayIndexOutOfBoundsException.
      throw new ConfigError('Index 1 out of bounds for length 0');
    }
  }
  if (wholeValueCastType !== null && mappings.length > 1) {
    throw new ConfigError(
      'Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec',
    );
  }
  return { casts, wholeValueCastType };
}

const CONFIG_DEF = new ConfigDef()
  .define(
    SPEC_CONFIG,
    ConfigType.LIST,
    undefined,
    LambdaValidator.with(
      (_name, value) => {
        const list = value as string[] | null;
        if (!list || list.length === 0) throw new ConfigError('Must specify at least one field to cast.');
        parseFieldTypes(list);
      },
      () => 'list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>',
    ),
    Importance.HIGH,
    'List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of ' +
      'Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, ' +
      'int64, float32, float64, boolean, and string. Note that binary fields can only be cast to string.',
  )
  .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigType.BOOLEAN, true, Importance.MEDIUM, REPLACE_NULL_WITH_DEFAULT_DOC);

/**
 * Casts fields, or the whole key/value, to another primitive type (Kafka's Cast): numbers narrow
 * and widen as Java's casts do, strings parse as Java's parse methods do, booleans become 1/0,
 * bytes become base64 text, and Date/Time/Timestamp/Decimal values cast through their numeric
 * encoding (or, to string, through Values' date formats and BigDecimal's text).
 */
export abstract class Cast<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly OVERVIEW_DOC =
    'Cast fields or the entire key or value to a specific type, e.g. to force an integer field to a smaller ' +
    'width. Cast from integers, floats, boolean and string to any other type, ' +
    'and cast binary to string (base64 encoded).' +
    '<p/>Use the concrete transformation type designed for the record key (<code>org.apache.kafka.connect.transforms.Cast$Key</code>) ' +
    'or value (<code>org.apache.kafka.connect.transforms.Cast$Value</code>).';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private spec: CastSpec = { casts: new Map(), wholeValueCastType: null };
  private replaceNullWithDefault = true;
  private readonly schemaUpdateCache = new SchemaCache<CastPlan>();

  protected constructor(private readonly part: RecordPart) {}

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.spec = parseFieldTypes(config.getList(SPEC_CONFIG) ?? []);
    this.schemaUpdateCache.clear();
    this.replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
  }

  apply(record: R): R | null {
    const value = this.part.value(record);
    if (value === null) return record;
    const schema = this.part.schema(record);
    return schema === null ? this.applySchemaless(record, value) : this.applyWithSchema(record, value, schema);
  }

  private applySchemaless(record: R, operating: unknown): R {
    const { casts, wholeValueCastType } = this.spec;
    if (wholeValueCastType !== null) {
      return this.part.update(record, null, castValueToType(null, operating, wholeValueCastType));
    }
    const value = requireMap(operating, PURPOSE);
    const updated = new Map(value);
    for (const [field, type] of casts) updated.set(field, castValueToType(null, value.get(field) ?? null, type));
    return this.part.update(record, null, updated);
  }

  private applyWithSchema(record: R, operating: unknown, schema: Schema): R {
    const plan = this.schemaUpdateCache.get(schema) ?? this.cachePlan(schema);
    const updatedSchema = plan.schema;
    const { wholeValueCastType } = this.spec;
    if (wholeValueCastType !== null) {
      return this.part.update(record, updatedSchema, castValueToType(schema, operating, wholeValueCastType));
    }
    const value = requireStruct(operating, PURPOSE, schema);
    // The plan is by field position of the record's schema; a Struct on another schema goes by name, as in Kafka.
    if (value.schema !== schema) return this.part.update(record, updatedSchema, this.castByName(value, updatedSchema));
    const values = structValues(updatedSchema);
    const outFields = updatedSchema.fields();
    for (const field of value.schema.fields()) {
      const original = fieldValue(value, field, this.replaceNullWithDefault);
      const targetType = plan.targets[field.index];
      const out = outFields[field.index] as Field;
      if (targetType === undefined) copyValue(values, out, original, plan.copySafe[field.index] === true);
      else putValue(values, out, castValueToType(field.schema, original, targetType));
    }
    return this.part.update(record, updatedSchema, Struct.ofValues(updatedSchema, values));
  }

  private cachePlan(schema: Schema): CastPlan {
    const plan = this.buildPlan(schema);
    this.schemaUpdateCache.put(schema, plan);
    return plan;
  }

  private castByName(value: Struct, updatedSchema: Schema): Struct {
    const { casts } = this.spec;
    const updated = new Struct(updatedSchema);
    for (const field of value.schema.fields()) {
      const original = fieldValue(value, field, this.replaceNullWithDefault);
      const targetType = casts.get(field.name);
      updated.put(
        field.name,
        targetType !== undefined ? castValueToType(field.schema, original, targetType) : original,
      );
    }
    return updated;
  }

  private buildPlan(valueSchema: Schema): CastPlan {
    const schema = this.buildSchema(valueSchema);
    if (this.spec.wholeValueCastType !== null) return { schema, targets: [], copySafe: [] };
    const outFields = schema.fields();
    return {
      schema,
      targets: valueSchema.fields().map((f) => this.spec.casts.get(f.name)),
      copySafe: valueSchema.fields().map((f) => copiesSafely(f.schema, outFields[f.index] as Field)),
    };
  }

  private buildSchema(valueSchema: Schema): Schema {
    const { casts, wholeValueCastType } = this.spec;
    let builder: SchemaBuilder;
    if (wholeValueCastType !== null) {
      builder = copySchemaBasics(valueSchema, convertFieldType(wholeValueCastType));
    } else {
      builder = copySchemaBasics(valueSchema, SchemaBuilder.struct());
      for (const field of valueSchema.fields()) {
        const target = casts.get(field.name);
        if (target === undefined) {
          builder.field(field.name, field.schema);
          continue;
        }
        const fieldBuilder = convertFieldType(target);
        if (field.schema.optional) fieldBuilder.optional();
        if (field.schema.defaultValue !== null && field.schema.defaultValue !== undefined) {
          fieldBuilder.defaultValue(castValueToType(field.schema, field.schema.defaultValue, fieldBuilder.type));
        }
        builder.field(field.name, fieldBuilder.build());
      }
    }
    if (valueSchema.optional) builder.optional();
    if (valueSchema.defaultValue !== null && valueSchema.defaultValue !== undefined) {
      builder.defaultValue(castValueToType(valueSchema, valueSchema.defaultValue, builder.type));
    }
    return builder.build();
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {
    this.schemaUpdateCache.clear();
  }
}

function convertFieldType(type: Type): SchemaBuilder {
  switch (type) {
    case Type.INT8:
      return SchemaBuilder.int8();
    case Type.INT16:
      return SchemaBuilder.int16();
    case Type.INT32:
      return SchemaBuilder.int32();
    case Type.INT64:
      return SchemaBuilder.int64();
    case Type.FLOAT32:
      return SchemaBuilder.float32();
    case Type.FLOAT64:
      return SchemaBuilder.float64();
    case Type.BOOLEAN:
      return SchemaBuilder.bool();
    case Type.STRING:
      return SchemaBuilder.string();
    default:
      throw new DataError(`Unexpected type in Cast transformation: ${type}`);
  }
}

/** The Connect type of a schemaless value (Kafka's ConnectSchema.schemaType of its class), or null. */
function inferType(value: unknown): Type | null {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? Type.INT64 : Type.FLOAT64;
    case 'bigint':
      return Type.INT64;
    case 'boolean':
      return Type.BOOLEAN;
    case 'string':
      return Type.STRING;
  }
  if (value instanceof Uint8Array) return Type.BYTES;
  if (Array.isArray(value)) return Type.ARRAY;
  if (value instanceof Map) return Type.MAP;
  if (value instanceof Struct) return Type.STRUCT;
  return null;
}

/** A logical value as its underlying number (Date: days, Time: millis of day, Timestamp: epoch millis). */
function encodeLogicalType(schema: Schema, value: unknown): unknown {
  switch (schema.name) {
    case ConnectDate.LOGICAL_NAME:
      return ConnectDate.fromLogical(schema, value as Date);
    case ConnectTime.LOGICAL_NAME:
      return ConnectTime.fromLogical(schema, value as Date);
    case ConnectTimestamp.LOGICAL_NAME:
      return ConnectTimestamp.fromLogical(schema, value as Date);
    default:
      return value;
  }
}

/**
 * Casts one value (Kafka's Cast.castValueToType). `inputType` is the schema's type, or the
 * inferred one; it also says whether a JS number stands for a Java integral or floating value.
 */
function castValueToType(schema: Schema | null, value: unknown, targetType: Type): unknown {
  if (value === null || value === undefined) return null;
  const inferredType = schema ? schema.type : inferType(value);
  if (inferredType === null) {
    throw new DataError(
      `Cast transformation was passed a value of type class ${classNameOf(value)} which is not supported by Connect's data API`,
    );
  }
  validInputType(inferredType);
  let input: unknown = value;
  let floating = inferredType === Type.FLOAT32 || inferredType === Type.FLOAT64;
  if (schema?.name && targetType !== Type.STRING) {
    input = encodeLogicalType(schema, value);
    if (input !== value) floating = false;
  }
  try {
    switch (targetType) {
      case Type.INT8:
        return castToInteger(input, floating, 8);
      case Type.INT16:
        return castToInteger(input, floating, 16);
      case Type.INT32:
        return castToInteger(input, floating, 32);
      case Type.INT64:
        return castToInteger(input, floating, 64);
      case Type.FLOAT32:
        return castToFloating(input, floating, true);
      case Type.FLOAT64:
        return castToFloating(input, floating, false);
      case Type.BOOLEAN:
        return castToBoolean(input, floating);
      case Type.STRING:
        return castToString(input, inferredType);
      default:
        throw new DataError(`${targetType} is not supported in the Cast transformation.`);
    }
  } catch (err) {
    if (!(err instanceof NumberFormatError)) throw err;
    throw new DataError(`Value (${String(input)}) was out of range for requested data type`, { cause: err });
  }
}

/** The value as a Java Number, or null when it is not one (Boolean, String, byte[] ...). */
function asJavaNumber(value: unknown, floating: boolean): JavaNumber | null {
  if (typeof value === 'number') return { value, floating: floating || !Number.isInteger(value) };
  if (typeof value === 'bigint' || value instanceof BigDecimal) return value;
  return null;
}

function unexpectedType(value: unknown): DataError {
  return new DataError(`Unexpected type in Cast transformation: class ${classNameOf(value)}`);
}

function castToInteger(value: unknown, floating: boolean, bits: IntegerBits): number | bigint {
  const number = asJavaNumber(value, floating);
  if (number !== null) return javaIntegerValue(number, bits);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return parseJavaInteger(value, bits);
  throw unexpectedType(value);
}

function castToFloating(value: unknown, floating: boolean, float32: boolean): number {
  const number = asJavaNumber(value, floating);
  if (number !== null) return float32 ? javaFloatValue(number) : javaDoubleValue(number);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return float32 ? parseJavaFloat(value) : parseJavaDouble(value);
  throw unexpectedType(value);
}

function castToBoolean(value: unknown, floating: boolean): boolean {
  const number = asJavaNumber(value, floating);
  if (number !== null) {
    const long = javaIntegerValue(number, 64);
    return long !== 0 && long !== 0n;
  }
  if (typeof value === 'boolean') return value;
  // Boolean.parseBoolean: "true" in any case, anything else false.
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  throw unexpectedType(value);
}

function castToString(value: unknown, inputType: Type): string {
  if (value instanceof Date) return Values.dateFormatFor(value).format(value);
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (typeof value === 'number') {
    if (inputType === Type.FLOAT32) return javaFloatToString(value);
    if (inputType === Type.FLOAT64 || !Number.isInteger(value)) return javaDoubleToString(value);
    return String(value);
  }
  return String(value);
}

/** Cast on the record key. */
export class CastKey<R extends ConnectRecord<R>> extends Cast<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.Cast$Key';
  constructor() {
    super(KEY);
  }
}

/** Cast on the record value. */
export class CastValue<R extends ConnectRecord<R>> extends Cast<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.Cast$Value';
  constructor() {
    super(VALUE);
  }
}
