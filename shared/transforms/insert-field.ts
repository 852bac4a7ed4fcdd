import {
  ConfigDef,
  ConfigError,
  ConfigType,
  type ConnectRecord,
  ConnectTimestamp,
  copySchemaBasics,
  type Field,
  Importance,
  type Schema,
  SchemaBuilder,
  Schemas,
  Struct,
  type Transformation,
} from '../api';
import { fieldValue, KEY, REPLACE_NULL_WITH_DEFAULT_DOC, type RecordPart, VALUE } from './util/record-part';
import { requireMap, requireSinkRecord, requireStruct } from './util/requirements';
import { SchemaCache } from './util/schema-cache';
import { SimpleConfig } from './util/simple-config';
import { copiesSafely, copyValue, putValue, structValues } from './util/struct-values';
import { KAFKA_VERSION } from './util/version';

const TOPIC_FIELD = 'topic.field';
const PARTITION_FIELD = 'partition.field';
const OFFSET_FIELD = 'offset.field';
const TIMESTAMP_FIELD = 'timestamp.field';
const STATIC_FIELD = 'static.field';
const STATIC_VALUE = 'static.value';
const REPLACE_NULL_WITH_DEFAULT = 'replace.null.with.default';

const OPTIONALITY_DOC =
  'Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).';

const CONFIG_DEF = new ConfigDef()
  .define(TOPIC_FIELD, ConfigType.STRING, null, Importance.MEDIUM, `Field name for Kafka topic. ${OPTIONALITY_DOC}`)
  .define(
    PARTITION_FIELD,
    ConfigType.STRING,
    null,
    Importance.MEDIUM,
    `Field name for Kafka partition. ${OPTIONALITY_DOC}`,
  )
  .define(
    OFFSET_FIELD,
    ConfigType.STRING,
    null,
    Importance.MEDIUM,
    `Field name for Kafka offset - only applicable to sink connectors.<br/>${OPTIONALITY_DOC}`,
  )
  .define(
    TIMESTAMP_FIELD,
    ConfigType.STRING,
    null,
    Importance.MEDIUM,
    `Field name for record timestamp. ${OPTIONALITY_DOC}`,
  )
  .define(
    STATIC_FIELD,
    ConfigType.STRING,
    null,
    Importance.MEDIUM,
    `Field name for static data field. ${OPTIONALITY_DOC}`,
  )
  .define(STATIC_VALUE, ConfigType.STRING, null, Importance.MEDIUM, 'Static field value, if field name configured.')
  .define(REPLACE_NULL_WITH_DEFAULT, ConfigType.BOOLEAN, true, Importance.MEDIUM, REPLACE_NULL_WITH_DEFAULT_DOC);

const PURPOSE = 'field insertion';
const OPTIONAL_TIMESTAMP_SCHEMA = ConnectTimestamp.builder().optional().build();

/** A field to insert: `name!` is required, `name?` or `name` optional (Kafka's InsertionSpec). */
interface InsertionSpec {
  readonly name: string;
  readonly optional: boolean;
}

function parseSpec(spec: string | null): InsertionSpec | null {
  if (spec === null) return null;
  if (spec.endsWith('?')) return { name: spec.slice(0, -1), optional: true };
  if (spec.endsWith('!')) return { name: spec.slice(0, -1), optional: false };
  return { name: spec, optional: true };
}

/** A derived schema with the Fields the inserted values go into. */
interface InsertPlan {
  readonly schema: Schema;
  /** By input field index: whether its value is copied without a check (see copiesSafely). */
  readonly copySafe: readonly boolean[];
  readonly topic: Field | null;
  readonly partition: Field | null;
  readonly offset: Field | null;
  readonly timestamp: Field | null;
  readonly static: Field | null;
}

/** Java's InsertionSpec#toString, which Kafka's "No value specified" message prints. */
function specText(spec: InsertionSpec): string {
  return `org.apache.kafka.connect.transforms.InsertField$InsertionSpec@${spec.name}`;
}

/**
 * Inserts the record's topic, partition, offset, timestamp and/or a static value into the key or
 * value (Kafka's InsertField). Maps get plain values; Structs get a new schema, built once per
 * input schema, with the fields appended.
 */
export abstract class InsertField<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly OVERVIEW_DOC =
    'Insert field(s) using attributes from the record metadata or a configured static value.' +
    '<p/>Use the concrete transformation type designed for the record key (<code>org.apache.kafka.connect.transforms.InsertField$Key</code>) ' +
    'or value (<code>org.apache.kafka.connect.transforms.InsertField$Value</code>).';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private topicField: InsertionSpec | null = null;
  private partitionField: InsertionSpec | null = null;
  private offsetField: InsertionSpec | null = null;
  private timestampField: InsertionSpec | null = null;
  private staticField: InsertionSpec | null = null;
  private staticValue: string | null = null;
  private replaceNullWithDefault = true;
  private readonly schemaUpdateCache = new SchemaCache<InsertPlan>();

  protected constructor(private readonly part: RecordPart) {}

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.topicField = parseSpec(config.getString(TOPIC_FIELD));
    this.partitionField = parseSpec(config.getString(PARTITION_FIELD));
    this.offsetField = parseSpec(config.getString(OFFSET_FIELD));
    this.timestampField = parseSpec(config.getString(TIMESTAMP_FIELD));
    this.staticField = parseSpec(config.getString(STATIC_FIELD));
    this.staticValue = config.getString(STATIC_VALUE);
    this.replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT) ?? true;
    if (!this.topicField && !this.partitionField && !this.offsetField && !this.timestampField && !this.staticField) {
      throw new ConfigError('No field insertion configured');
    }
    if (this.staticField && this.staticValue === null) {
      throw ConfigError.invalidValue(
        STATIC_VALUE,
        null,
        `No value specified for static field: ${specText(this.staticField)}`,
      );
    }
    this.schemaUpdateCache.clear();
  }

  apply(record: R): R | null {
    const value = this.part.value(record);
    if (value === null) return record;
    const schema = this.part.schema(record);
    return schema === null ? this.applySchemaless(record, value) : this.applyWithSchema(record, value, schema);
  }

  private applySchemaless(record: R, operating: unknown): R {
    const value = requireMap(operating, PURPOSE);
    const updated = new Map(value);
    if (this.topicField) updated.set(this.topicField.name, record.topic);
    if (this.partitionField && record.kafkaPartition !== null) {
      updated.set(this.partitionField.name, record.kafkaPartition);
    }
    if (this.offsetField) updated.set(this.offsetField.name, requireSinkRecord(record, PURPOSE).kafkaOffset);
    if (this.timestampField && record.timestamp !== null) updated.set(this.timestampField.name, record.timestamp);
    if (this.staticField && this.staticValue !== null) updated.set(this.staticField.name, this.staticValue);
    return this.part.update(record, null, updated);
  }

  private applyWithSchema(record: R, operating: unknown, schema: Schema): R {
    const value = requireStruct(operating, PURPOSE, schema);
    const plan = this.schemaUpdateCache.get(value.schema) ?? this.cachePlan(value.schema);
    const values = structValues(plan.schema);
    // The updated schema starts with the input's fields, in order, so fields pair up by index.
    const outFields = plan.schema.fields();
    const { copySafe } = plan;
    for (const field of value.schema.fields()) {
      const i = field.index;
      copyValue(
        values,
        outFields[i] as Field,
        fieldValue(value, field, this.replaceNullWithDefault),
        copySafe[i] === true,
      );
    }
    if (plan.topic) putValue(values, plan.topic, record.topic);
    if (plan.partition && record.kafkaPartition !== null) putValue(values, plan.partition, record.kafkaPartition);
    if (plan.offset) putValue(values, plan.offset, requireSinkRecord(record, PURPOSE).kafkaOffset);
    if (plan.timestamp && record.timestamp !== null) putValue(values, plan.timestamp, new Date(record.timestamp));
    if (plan.static && this.staticValue !== null) putValue(values, plan.static, this.staticValue);
    return this.part.update(record, plan.schema, Struct.ofValues(plan.schema, values));
  }

  private cachePlan(schema: Schema): InsertPlan {
    const plan = this.makePlan(schema);
    this.schemaUpdateCache.put(schema, plan);
    return plan;
  }

  private makePlan(schema: Schema): InsertPlan {
    const updated = this.makeUpdatedSchema(schema);
    const fieldOf = (spec: InsertionSpec | null) => (spec ? updated.field(spec.name) : null);
    const outFields = updated.fields();
    return {
      schema: updated,
      copySafe: schema.fields().map((field) => copiesSafely(field.schema, outFields[field.index] as Field)),
      topic: fieldOf(this.topicField),
      partition: fieldOf(this.partitionField),
      offset: fieldOf(this.offsetField),
      timestamp: fieldOf(this.timestampField),
      static: fieldOf(this.staticField),
    };
  }

  private makeUpdatedSchema(schema: Schema): Schema {
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields()) builder.field(field.name, field.schema);
    if (this.topicField) {
      builder.field(this.topicField.name, this.topicField.optional ? Schemas.OPTIONAL_STRING : Schemas.STRING);
    }
    if (this.partitionField) {
      builder.field(this.partitionField.name, this.partitionField.optional ? Schemas.OPTIONAL_INT32 : Schemas.INT32);
    }
    if (this.offsetField) {
      builder.field(this.offsetField.name, this.offsetField.optional ? Schemas.OPTIONAL_INT64 : Schemas.INT64);
    }
    if (this.timestampField) {
      builder.field(
        this.timestampField.name,
        this.timestampField.optional ? OPTIONAL_TIMESTAMP_SCHEMA : ConnectTimestamp.schema(),
      );
    }
    if (this.staticField) {
      builder.field(this.staticField.name, this.staticField.optional ? Schemas.OPTIONAL_STRING : Schemas.STRING);
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

/** InsertField on the record key. */
export class InsertFieldKey<R extends ConnectRecord<R>> extends InsertField<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.InsertField$Key';
  constructor() {
    super(KEY);
  }
}

/** InsertField on the record value. */
export class InsertFieldValue<R extends ConnectRecord<R>> extends InsertField<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.InsertField$Value';
  constructor() {
    super(VALUE);
  }
}
