import {
  BigDecimal,
  ConfigDef,
  ConfigType,
  type ConnectRecord,
  DataError,
  Importance,
  NonEmptyString,
  type Schema,
  Struct,
  type Transformation,
  Type,
  Values,
} from '../api';
import { fieldValue, KEY, REPLACE_NULL_WITH_DEFAULT_DOC, type RecordPart, VALUE } from './util/record-part';
import { classNameOf, requireMap, requireStruct } from './util/requirements';
import { SimpleConfig } from './util/simple-config';
import { NonEmptyListValidator } from './util/validators';
import { KAFKA_VERSION } from './util/version';

const FIELDS_CONFIG = 'fields';
const REPLACEMENT_CONFIG = 'replacement';
const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';

const CONFIG_DEF = new ConfigDef()
  .define(
    FIELDS_CONFIG,
    ConfigType.LIST,
    undefined,
    new NonEmptyListValidator(),
    Importance.HIGH,
    'Names of fields to mask.',
  )
  .define(
    REPLACEMENT_CONFIG,
    ConfigType.STRING,
    null,
    new NonEmptyString(),
    Importance.LOW,
    "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).",
  )
  .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigType.BOOLEAN, true, Importance.MEDIUM, REPLACE_NULL_WITH_DEFAULT_DOC);

const PURPOSE = 'mask fields';

/**
 * The Java class of a value, which is what Kafka's MaskField keys its masks by. A JS number's
 * class comes from its schema when there is one; schemaless, an integral number is a Long and any
 * other a Double (the data model's reading of untyped numbers).
 */
type JavaClass =
  | 'java.lang.Boolean'
  | 'java.lang.Byte'
  | 'java.lang.Short'
  | 'java.lang.Integer'
  | 'java.lang.Long'
  | 'java.lang.Float'
  | 'java.lang.Double'
  | 'java.lang.String'
  | 'java.math.BigDecimal'
  | 'java.util.Date'
  | 'java.util.List'
  | 'java.util.Map'
  | null;

const NUMBER_CLASS: Partial<Record<Type, JavaClass>> = {
  [Type.INT8]: 'java.lang.Byte',
  [Type.INT16]: 'java.lang.Short',
  [Type.INT32]: 'java.lang.Integer',
  [Type.INT64]: 'java.lang.Long',
  [Type.FLOAT32]: 'java.lang.Float',
  [Type.FLOAT64]: 'java.lang.Double',
};

function javaClassOf(value: unknown, schema: Schema | null): JavaClass {
  switch (typeof value) {
    case 'boolean':
      return 'java.lang.Boolean';
    case 'string':
      return 'java.lang.String';
    case 'bigint':
      return 'java.lang.Long';
    case 'number':
      return (schema && NUMBER_CLASS[schema.type]) || (Number.isInteger(value) ? 'java.lang.Long' : 'java.lang.Double');
  }
  if (value instanceof BigDecimal) return 'java.math.BigDecimal';
  if (value instanceof Date) return 'java.util.Date';
  if (Array.isArray(value)) return 'java.util.List';
  if (value instanceof Map) return 'java.util.Map';
  return null;
}

/** The "null value" of each type (Kafka's PRIMITIVE_VALUE_MAPPING, plus empty List and Map). */
function maskWithNullValue(value: unknown, schema: Schema | null): unknown {
  switch (javaClassOf(value, schema)) {
    case 'java.lang.Boolean':
      return false;
    case 'java.lang.Byte':
    case 'java.lang.Short':
    case 'java.lang.Integer':
    case 'java.lang.Long':
    case 'java.lang.Float':
    case 'java.lang.Double':
      return 0;
    case 'java.math.BigDecimal':
      return new BigDecimal(0n, 0);
    case 'java.util.Date':
      return new Date(0);
    case 'java.lang.String':
      return '';
    case 'java.util.List':
      return [];
    case 'java.util.Map':
      return new Map();
    default:
      throw new DataError(`Cannot mask value of type: class ${classNameOf(value, schema)}`);
  }
}

const JAVA_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The replacement converted to the value's type (Kafka's REPLACEMENT_MAPPING_FUNC). */
function maskWithCustomReplacement(value: unknown, schema: Schema | null, replacement: string): unknown {
  switch (javaClassOf(value, schema)) {
    case 'java.lang.Byte':
      return Values.convertToByte(null, replacement);
    case 'java.lang.Short':
      return Values.convertToShort(null, replacement);
    case 'java.lang.Integer':
      return Values.convertToInteger(null, replacement);
    case 'java.lang.Long':
      return Values.convertToLong(null, replacement);
    case 'java.lang.Float':
      return Values.convertToFloat(null, replacement);
    case 'java.lang.Double':
      return Values.convertToDouble(null, replacement);
    case 'java.lang.String':
      return replacement;
    case 'java.math.BigDecimal':
      // Java's `new BigDecimal(text)`; its NumberFormatException becomes this DataException.
      if (!JAVA_DECIMAL.test(replacement)) {
        throw new DataError(`Unable to convert ${replacement} (class java.lang.String) to number`);
      }
      return BigDecimal.parse(replacement);
    default:
      throw new DataError(`Cannot mask value of type class ${classNameOf(value, schema)} with custom replacement.`);
  }
}

/**
 * Replaces the listed fields by their type's "null value" (false, 0, "", empty list or map,
 * BigDecimal 0, the epoch) or by a configured replacement converted to the field's type (Kafka's
 * MaskField). Null field values stay null; the schema is unchanged.
 */
export abstract class MaskField<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly OVERVIEW_DOC =
    'Mask specified fields with a valid null value for the field type (i.e. 0, false, empty string, and so on).' +
    '<p/>For numeric and string fields, an optional replacement value can be specified that is converted to the correct type.' +
    '<p/>Use the concrete transformation type designed for the record key (<code>org.apache.kafka.connect.transforms.MaskField$Key' +
    '</code>) or value (<code>org.apache.kafka.connect.transforms.MaskField$Value</code>).';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private maskedFields = new Set<string>();
  private replacement: string | null = null;
  private replaceNullWithDefault = true;

  protected constructor(private readonly part: RecordPart) {}

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.maskedFields = new Set(config.getList(FIELDS_CONFIG));
    this.replacement = config.getString(REPLACEMENT_CONFIG);
    this.replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
  }

  apply(record: R): R | null {
    const schema = this.part.schema(record);
    const value = this.part.value(record);
    return schema === null ? this.applySchemaless(record, value) : this.applyWithSchema(record, value, schema);
  }

  private applySchemaless(record: R, operating: unknown): R {
    const value = requireMap(operating, PURPOSE);
    const updated = new Map(value);
    for (const field of this.maskedFields) updated.set(field, this.masked(value.get(field) ?? null, null));
    return this.part.update(record, null, updated);
  }

  private applyWithSchema(record: R, operating: unknown, schema: Schema): R {
    const value = requireStruct(operating, PURPOSE, schema);
    const updated = new Struct(value.schema);
    for (const field of value.schema.fields()) {
      const original = fieldValue(value, field, this.replaceNullWithDefault);
      updated.put(field, this.maskedFields.has(field.name) ? this.masked(original, field.schema) : original);
    }
    return this.part.update(record, schema, updated);
  }

  private masked(value: unknown, schema: Schema | null): unknown {
    if (value === null || value === undefined) return null;
    return this.replacement === null
      ? maskWithNullValue(value, schema)
      : maskWithCustomReplacement(value, schema, this.replacement);
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {}
}

/** MaskField on the record key. */
export class MaskFieldKey<R extends ConnectRecord<R>> extends MaskField<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.MaskField$Key';
  constructor() {
    super(KEY);
  }
}

/** MaskField on the record value. */
export class MaskFieldValue<R extends ConnectRecord<R>> extends MaskField<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.MaskField$Value';
  constructor() {
    super(VALUE);
  }
}
