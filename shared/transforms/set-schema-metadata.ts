import {
  ConfigDef,
  ConfigError,
  ConfigType,
  type ConnectRecord,
  ConnectSchema,
  Importance,
  type Schema,
  Struct,
  type Transformation,
  Type,
} from '../api';
import { fieldValue, KEY, REPLACE_NULL_WITH_DEFAULT_DOC, type RecordPart, VALUE } from './util/record-part';
import { requireSchema } from './util/requirements';
import { SchemaCache } from './util/schema-cache';
import { SimpleConfig } from './util/simple-config';
import { KAFKA_VERSION } from './util/version';

const SCHEMA_NAME = 'schema.name';
const SCHEMA_VERSION = 'schema.version';
const REPLACE_NULL_WITH_DEFAULT = 'replace.null.with.default';

const CONFIG_DEF = new ConfigDef()
  .define(SCHEMA_NAME, ConfigType.STRING, null, Importance.HIGH, 'Schema name to set.')
  .define(SCHEMA_VERSION, ConfigType.INT, null, Importance.HIGH, 'Schema version to set.')
  .define(REPLACE_NULL_WITH_DEFAULT, ConfigType.BOOLEAN, true, Importance.MEDIUM, REPLACE_NULL_WITH_DEFAULT_DOC);

/**
 * Sets the name and/or version of the key or value schema (Kafka's SetSchemaMetadata); a Struct
 * is rebuilt on the renamed schema so it still points at its own schema. Like Kafka 3.9, it
 * rebuilds the schema with `schema.fields()`, so a non-STRUCT schema fails with
 * "Cannot list fields on non-struct type".
 */
export abstract class SetSchemaMetadata<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly OVERVIEW_DOC =
    "Set the schema name, version or both on the record's key (<code>org.apache.kafka.connect.transforms.SetSchemaMetadata$Key</code>)" +
    ' or value (<code>org.apache.kafka.connect.transforms.SetSchemaMetadata$Value</code>) schema.';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private schemaName: string | null = null;
  private schemaVersion: number | null = null;
  private replaceNullWithDefault = true;
  private readonly schemaUpdateCache = new SchemaCache();

  protected constructor(private readonly part: RecordPart) {}

  version(): string {
    return KAFKA_VERSION;
  }

  configure(configs: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, configs);
    this.schemaName = config.getString(SCHEMA_NAME);
    this.schemaVersion = config.getInt(SCHEMA_VERSION);
    this.replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT) ?? true;
    if (this.schemaName === null && this.schemaVersion === null) {
      throw new ConfigError('Neither schema name nor version configured');
    }
    this.schemaUpdateCache.clear();
  }

  apply(record: R): R | null {
    const value = this.part.value(record);
    const operatingSchema = this.part.schema(record);
    if (value === null && operatingSchema === null) return record;
    const schema = requireSchema(operatingSchema, 'updating schema metadata');
    // Kafka builds a new schema per record; it depends on the input schema only, so it is cached,
    // which also lets the next transform's cache hit by identity.
    const updatedSchema = this.schemaUpdateCache.getOrBuild(schema, (s) => this.makeUpdatedSchema(s));
    return this.part.update(record, updatedSchema, this.updateSchemaIn(value, updatedSchema));
  }

  private makeUpdatedSchema(schema: Schema): Schema {
    const isArray = schema.type === Type.ARRAY;
    const isMap = schema.type === Type.MAP;
    return new ConnectSchema(
      schema.type,
      schema.optional,
      schema.defaultValue,
      this.schemaName ?? schema.name,
      this.schemaVersion ?? schema.version,
      schema.doc,
      schema.parameters ? { ...schema.parameters } : null,
      schema.fields(),
      isMap ? schema.keySchema() : null,
      isMap || isArray ? schema.valueSchema() : null,
    );
  }

  /**
   * The key or value re-pointed at the renamed schema: a Struct is copied onto it (both schemas
   * have the same fields), anything else is returned as is.
   */
  updateSchemaIn(keyOrValue: unknown, updatedSchema: Schema): unknown {
    if (!(keyOrValue instanceof Struct)) return keyOrValue;
    const updated = new Struct(updatedSchema);
    for (const field of updatedSchema.fields()) {
      updated.put(field, fieldValue(keyOrValue, field, this.replaceNullWithDefault));
    }
    return updated;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {
    this.schemaUpdateCache.clear();
  }
}

/** SetSchemaMetadata on the record key. */
export class SetSchemaMetadataKey<R extends ConnectRecord<R>> extends SetSchemaMetadata<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.SetSchemaMetadata$Key';
  constructor() {
    super(KEY);
  }
}

/** SetSchemaMetadata on the record value. */
export class SetSchemaMetadataValue<R extends ConnectRecord<R>> extends SetSchemaMetadata<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.SetSchemaMetadata$Value';
  constructor() {
    super(VALUE);
  }
}
