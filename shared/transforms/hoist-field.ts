import {
  ConfigDef,
  ConfigType,
  type ConnectRecord,
  Importance,
  SchemaBuilder,
  Struct,
  type Transformation,
} from '../api';
import { KEY, type RecordPart, VALUE } from './util/record-part';
import { SchemaCache } from './util/schema-cache';
import { SimpleConfig } from './util/simple-config';
import { KAFKA_VERSION } from './util/version';

const FIELD_CONFIG = 'field';

const CONFIG_DEF = new ConfigDef().define(
  FIELD_CONFIG,
  ConfigType.STRING,
  undefined,
  Importance.MEDIUM,
  'Field name for the single field that will be created in the resulting Struct or Map.',
);

/**
 * Wraps the whole key or value, even a null, in a single-field Struct (schema'd) or Map
 * (schemaless) (Kafka's HoistField).
 */
export abstract class HoistField<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly OVERVIEW_DOC =
    'Wrap data using the specified field name in a Struct when schema present, or a Map in the case of schemaless data.' +
    '<p/>Use the concrete transformation type designed for the record key (<code>org.apache.kafka.connect.transforms.HoistField$Key</code>) ' +
    'or value (<code>org.apache.kafka.connect.transforms.HoistField$Value</code>).';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private fieldName = '';
  private readonly schemaUpdateCache = new SchemaCache();

  protected constructor(private readonly part: RecordPart) {}

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.fieldName = config.getString(FIELD_CONFIG) ?? '';
    this.schemaUpdateCache.clear();
  }

  apply(record: R): R | null {
    const schema = this.part.schema(record);
    const value = this.part.value(record);
    if (schema === null) return this.part.update(record, null, new Map([[this.fieldName, value]]));
    const updatedSchema = this.schemaUpdateCache.getOrBuild(schema, (s) =>
      SchemaBuilder.struct().field(this.fieldName, s).build(),
    );
    const field = updatedSchema.fields()[0] ?? this.fieldName;
    return this.part.update(record, updatedSchema, new Struct(updatedSchema).put(field, value));
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {
    this.schemaUpdateCache.clear();
  }
}

/** HoistField on the record key. */
export class HoistFieldKey<R extends ConnectRecord<R>> extends HoistField<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.HoistField$Key';
  constructor() {
    super(KEY);
  }
}

/** HoistField on the record value. */
export class HoistFieldValue<R extends ConnectRecord<R>> extends HoistField<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.HoistField$Value';
  constructor() {
    super(VALUE);
  }
}
