import {
  ConfigDef,
  ConfigError,
  ConfigType,
  type ConnectRecord,
  copySchemaBasics,
  DataError,
  Importance,
  type Schema,
  SchemaBuilder,
  Struct,
  type Transformation,
  ValidString,
} from '../api';
import { fieldValue, KEY, REPLACE_NULL_WITH_DEFAULT_DOC, type RecordPart, VALUE } from './util/record-part';
import { requireMap, requireStruct } from './util/requirements';
import { SchemaCache } from './util/schema-cache';
import { SimpleConfig } from './util/simple-config';
import { NonEmptyListValidator } from './util/validators';
import { KAFKA_VERSION } from './util/version';

const FIELDS_FIELD = 'fields';
const HEADERS_FIELD = 'headers';
const OPERATION_FIELD = 'operation';
const MOVE_OPERATION = 'move';
const COPY_OPERATION = 'copy';
const REPLACE_NULL_WITH_DEFAULT_FIELD = 'replace.null.with.default';

const CONFIG_DEF = new ConfigDef()
  .define(
    FIELDS_FIELD,
    ConfigType.LIST,
    undefined,
    new NonEmptyListValidator(),
    Importance.HIGH,
    'Field names in the record whose values are to be copied or moved to headers.',
  )
  .define(
    HEADERS_FIELD,
    ConfigType.LIST,
    undefined,
    new NonEmptyListValidator(),
    Importance.HIGH,
    'Header names, in the same order as the field names listed in the fields configuration property.',
  )
  .define(
    OPERATION_FIELD,
    ConfigType.STRING,
    undefined,
    ValidString.in(MOVE_OPERATION, COPY_OPERATION),
    Importance.HIGH,
    'Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), ' +
      'or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value).',
  )
  .define(REPLACE_NULL_WITH_DEFAULT_FIELD, ConfigType.BOOLEAN, true, Importance.MEDIUM, REPLACE_NULL_WITH_DEFAULT_DOC);

/**
 * Copies or moves fields of the key or value into headers (Kafka's HeaderFrom). With a schema the
 * header carries the field's schema, and a move rebuilds the Struct without the moved fields.
 */
export abstract class HeaderFrom<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly OVERVIEW_DOC =
    "Moves or copies fields in the key/value of a record into that record's headers. " +
    'Corresponding elements of <code>fields</code> and ' +
    '<code>headers</code> together identify a field and the header it should be ' +
    'moved or copied to. ' +
    'Use the concrete transformation type designed for the record ' +
    'key (<code>org.apache.kafka.connect.transforms.HeaderFrom$Key</code>) or value (<code>org.apache.kafka.connect.transforms.HeaderFrom$Value</code>).';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private fields: string[] = [];
  private headers: string[] = [];
  private operation: typeof MOVE_OPERATION | typeof COPY_OPERATION = COPY_OPERATION;
  private replaceNullWithDefault = true;
  private readonly moveSchemaCache = new SchemaCache();

  protected constructor(private readonly part: RecordPart) {}

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.fields = config.getList(FIELDS_FIELD) ?? [];
    this.headers = config.getList(HEADERS_FIELD) ?? [];
    if (this.headers.length !== this.fields.length) {
      throw new ConfigError(
        `'${FIELDS_FIELD}' config must have the same number of elements as '${HEADERS_FIELD}' config.`,
      );
    }
    this.operation = config.getString(OPERATION_FIELD) === MOVE_OPERATION ? MOVE_OPERATION : COPY_OPERATION;
    this.replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_FIELD) ?? true;
    this.moveSchemaCache.clear();
  }

  apply(record: R): R | null {
    const value = this.part.value(record);
    const schema = this.part.schema(record);
    return schema === null ? this.applySchemaless(record, value) : this.applyWithSchema(record, value, schema);
  }

  private applyWithSchema(record: R, operating: unknown, operatingSchema: Schema): R {
    const updatedHeaders = record.headers.duplicate();
    const value = requireStruct(operating, `header ${this.operation}`, operatingSchema);
    let updatedSchema = operatingSchema;
    let updatedValue = value;
    if (this.operation === MOVE_OPERATION) {
      updatedSchema = this.moveSchemaCache.getOrBuild(operatingSchema, (s) => this.moveSchema(s));
      updatedValue = new Struct(updatedSchema);
      for (const field of updatedSchema.fields()) {
        updatedValue.put(field, fieldValue(value, field.name, this.replaceNullWithDefault));
      }
    }
    for (let i = 0; i < this.fields.length; i++) {
      const fieldName = this.fields[i] as string;
      const field = value.schema.field(fieldName);
      const headerValue = field ? fieldValue(value, field.name, this.replaceNullWithDefault) : null;
      // Kafka dereferences the missing field's schema here (a NullPointerException).
      const fieldSchema = operatingSchema.field(fieldName)?.schema;
      if (!fieldSchema) throw new DataError(`Field does not exist: ${fieldName}`);
      updatedHeaders.add(this.headers[i] as string, headerValue, fieldSchema);
    }
    return this.part.update(record, updatedSchema, updatedValue, updatedHeaders);
  }

  private moveSchema(operatingSchema: Schema): Schema {
    const builder = copySchemaBasics(operatingSchema, SchemaBuilder.struct());
    for (const field of operatingSchema.fields()) {
      if (!this.fields.includes(field.name)) builder.field(field.name, field.schema);
    }
    return builder.build();
  }

  private applySchemaless(record: R, operating: unknown): R {
    const updatedHeaders = record.headers.duplicate();
    const value = requireMap(operating, `header ${this.operation}`);
    const updatedValue = new Map(value);
    for (let i = 0; i < this.fields.length; i++) {
      const fieldName = this.fields[i] as string;
      const headerValue = value.get(fieldName) ?? null;
      if (this.operation === MOVE_OPERATION) updatedValue.delete(fieldName);
      updatedHeaders.add(this.headers[i] as string, headerValue, null);
    }
    return this.part.update(record, null, updatedValue, updatedHeaders);
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {
    this.moveSchemaCache.clear();
  }
}

/** HeaderFrom on the record key. */
export class HeaderFromKey<R extends ConnectRecord<R>> extends HeaderFrom<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.HeaderFrom$Key';
  constructor() {
    super(KEY);
  }
}

/** HeaderFrom on the record value. */
export class HeaderFromValue<R extends ConnectRecord<R>> extends HeaderFrom<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.HeaderFrom$Value';
  constructor() {
    super(VALUE);
  }
}
