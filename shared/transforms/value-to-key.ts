import {
  ConfigDef,
  ConfigType,
  type ConnectRecord,
  DataError,
  Importance,
  type Schema,
  SchemaBuilder,
  Struct,
  type Transformation,
} from '../api';
import { fieldValue, REPLACE_NULL_WITH_DEFAULT_DOC } from './util/record-part';
import { requireMap, requireStruct } from './util/requirements';
import { SchemaCache } from './util/schema-cache';
import { SimpleConfig } from './util/simple-config';
import { NonEmptyListValidator } from './util/validators';
import { KAFKA_VERSION } from './util/version';

const FIELDS_CONFIG = 'fields';
const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';

const CONFIG_DEF = new ConfigDef()
  .define(
    FIELDS_CONFIG,
    ConfigType.LIST,
    undefined,
    new NonEmptyListValidator(),
    Importance.HIGH,
    'Field names on the record value to extract as the record key.',
  )
  .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, ConfigType.BOOLEAN, true, Importance.MEDIUM, REPLACE_NULL_WITH_DEFAULT_DOC);

const PURPOSE = 'copying fields from value to key';

/** Replaces the record key with a new key made of some fields of the value (Kafka's ValueToKey). */
export class ValueToKey<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.ValueToKey';
  static readonly OVERVIEW_DOC =
    'Replace the record key with a new key formed from a subset of fields in the record value.';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private fields: string[] = [];
  private replaceNullWithDefault = true;
  private readonly valueToKeySchemaCache = new SchemaCache();

  version(): string {
    return KAFKA_VERSION;
  }

  configure(configs: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, configs);
    this.fields = config.getList(FIELDS_CONFIG) ?? [];
    this.replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
    this.valueToKeySchemaCache.clear();
  }

  apply(record: R): R | null {
    return record.valueSchema === null
      ? this.applySchemaless(record)
      : this.applyWithSchema(record, record.valueSchema);
  }

  private applySchemaless(record: R): R {
    const value = requireMap(record.value, PURPOSE);
    const key = new Map<unknown, unknown>();
    for (const field of this.fields) key.set(field, value.get(field) ?? null);
    return record.newRecord(
      record.topic,
      record.kafkaPartition,
      null,
      key,
      record.valueSchema,
      record.value,
      record.timestamp,
    );
  }

  private applyWithSchema(record: R, schema: Schema): R {
    const value = requireStruct(record.value, PURPOSE, schema);
    const keySchema = this.valueToKeySchemaCache.getOrBuild(value.schema, (valueSchema) => {
      const builder = SchemaBuilder.struct();
      for (const field of this.fields) {
        const fromValue = valueSchema.field(field);
        if (!fromValue) throw new DataError(`Field does not exist: ${field}`);
        builder.field(field, fromValue.schema);
      }
      return builder.build();
    });
    const key = new Struct(keySchema);
    for (const field of this.fields) key.put(field, fieldValue(value, field, this.replaceNullWithDefault));
    return record.newRecord(record.topic, record.kafkaPartition, keySchema, key, value.schema, value, record.timestamp);
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {
    this.valueToKeySchemaCache.clear();
  }
}
