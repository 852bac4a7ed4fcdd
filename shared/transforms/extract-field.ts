import { ConfigDef, ConfigType, type ConnectRecord, Importance, type Transformation } from '../api';
import { IllegalArgumentError } from './errors';
import {
  appendFieldSyntaxVersionConfig,
  FieldSyntaxVersion,
  fieldSyntaxVersionFromConfig,
  SingleFieldPath,
} from './util/field-path';
import { KEY, REPLACE_NULL_WITH_DEFAULT_DOC, type RecordPart, VALUE } from './util/record-part';
import { requireMapOrNull, requireStructOrNull } from './util/requirements';
import { SimpleConfig } from './util/simple-config';
import { KAFKA_VERSION } from './util/version';

const FIELD_CONFIG = 'field';
const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';

const CONFIG_DEF = appendFieldSyntaxVersionConfig(
  new ConfigDef()
    .define(FIELD_CONFIG, ConfigType.STRING, undefined, Importance.MEDIUM, 'Field name to extract.')
    .define(
      REPLACE_NULL_WITH_DEFAULT_CONFIG,
      ConfigType.BOOLEAN,
      true,
      Importance.MEDIUM,
      REPLACE_NULL_WITH_DEFAULT_DOC,
    ),
);

const PURPOSE = 'field extraction';

/**
 * Replaces the key or value by one of its fields (Kafka's ExtractField); with
 * `field.syntax.version=V2` the field may be a dotted path into nested Structs or Maps. A null
 * key/value passes through; an unknown field of a schema'd value fails, a schemaless one gives null.
 */
export abstract class ExtractField<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly OVERVIEW_DOC =
    'Extract the specified field from a Struct when schema present, or a Map in the case of schemaless data. ' +
    'Any null values are passed through unmodified.' +
    '<p/>Use the concrete transformation type designed for the record key (<code>org.apache.kafka.connect.transforms.ExtractField$Key</code>) ' +
    'or value (<code>org.apache.kafka.connect.transforms.ExtractField$Value</code>).';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private fieldPath = new SingleFieldPath('', FieldSyntaxVersion.V1);
  private originalPath = '';
  private replaceNullWithDefault = true;

  protected constructor(private readonly part: RecordPart) {}

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.originalPath = config.getString(FIELD_CONFIG) ?? '';
    this.fieldPath = new SingleFieldPath(this.originalPath, fieldSyntaxVersionFromConfig(config));
    this.replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
  }

  apply(record: R): R | null {
    const schema = this.part.schema(record);
    if (schema === null) {
      const value = requireMapOrNull(this.part.value(record), PURPOSE);
      return this.part.update(record, null, value === null ? null : this.fieldPath.valueFromMap(value));
    }
    const value = requireStructOrNull(this.part.value(record), PURPOSE, schema);
    const field = this.fieldPath.fieldFrom(schema);
    if (!field) throw new IllegalArgumentError(`Unknown field: ${this.originalPath}`);
    return this.part.update(
      record,
      field.schema,
      value === null ? null : this.fieldPath.valueFromStruct(value, this.replaceNullWithDefault),
    );
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {}
}

/** ExtractField on the record key. */
export class ExtractFieldKey<R extends ConnectRecord<R>> extends ExtractField<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.ExtractField$Key';
  constructor() {
    super(KEY);
  }
}

/** ExtractField on the record value. */
export class ExtractFieldValue<R extends ConnectRecord<R>> extends ExtractField<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.ExtractField$Value';
  constructor() {
    super(VALUE);
  }
}
