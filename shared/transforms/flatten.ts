import {
  ConfigDef,
  ConfigType,
  type ConnectRecord,
  copySchemaBasics,
  DataError,
  Importance,
  javaClassName,
  type Schema,
  SchemaBuilder,
  Struct,
  type Transformation,
  Type,
} from '../api';
import { KEY, type RecordPart, VALUE } from './util/record-part';
import { requireMap, requireStructOrNull, type ValueMap } from './util/requirements';
import { SchemaCache } from './util/schema-cache';
import { SimpleConfig } from './util/simple-config';
import { KAFKA_VERSION } from './util/version';

const DELIMITER_CONFIG = 'delimiter';
const DELIMITER_DEFAULT = '.';

const CONFIG_DEF = new ConfigDef().define(
  DELIMITER_CONFIG,
  ConfigType.STRING,
  DELIMITER_DEFAULT,
  Importance.MEDIUM,
  'Delimiter to insert between field names from the input record when generating field names for the output record',
);

const PURPOSE = 'flattening';

/** Whether a schema'd field is copied as is (primitives and arrays are, structs are flattened). */
function isLeafType(type: Type): boolean {
  return type !== Type.STRUCT && type !== Type.MAP;
}

/**
 * Flattens nested Structs (schema'd) or Maps (schemaless) into one level, joining field names with
 * the delimiter (Kafka's Flatten). Arrays are left as they are; a flattened field is optional when
 * any ancestor is, and takes its default from the nearest ancestor that has one.
 */
export abstract class Flatten<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly OVERVIEW_DOC =
    'Flatten a nested data structure, generating names for each field by concatenating the field names at each ' +
    'level with a configurable delimiter character. Applies to Struct when schema present, or a Map ' +
    "in the case of schemaless data. Array fields and their contents are not modified. The default delimiter is '.'." +
    '<p/>Use the concrete transformation type designed for the record key (<code>org.apache.kafka.connect.transforms.Flatten$Key</code>) ' +
    'or value (<code>org.apache.kafka.connect.transforms.Flatten$Value</code>).';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private delimiter = DELIMITER_DEFAULT;
  private readonly schemaUpdateCache = new SchemaCache();

  protected constructor(private readonly part: RecordPart) {}

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.delimiter = config.getString(DELIMITER_CONFIG) ?? DELIMITER_DEFAULT;
    this.schemaUpdateCache.clear();
  }

  apply(record: R): R | null {
    const value = this.part.value(record);
    if (value === null) return record;
    const schema = this.part.schema(record);
    return schema === null ? this.applySchemaless(record, value) : this.applyWithSchema(record, value, schema);
  }

  private fieldName(prefix: string, name: unknown): unknown {
    return prefix === '' ? name : `${prefix}${this.delimiter}${String(name)}`;
  }

  private applySchemaless(record: R, operating: unknown): R {
    const value = requireMap(operating, PURPOSE);
    const flattened = new Map<unknown, unknown>();
    this.flattenMap(value, '', flattened);
    return this.part.update(record, null, flattened);
  }

  private flattenMap(original: ValueMap, prefix: string, into: ValueMap): void {
    for (const [key, value] of original) {
      const name = this.fieldName(prefix, key);
      if (value === null || value === undefined) {
        into.set(name, null);
        continue;
      }
      if (value instanceof Map) {
        this.flattenMap(value, String(name), into);
      } else if (value instanceof Struct) {
        throw new DataError(
          `Flatten transformation does not support class ${Struct.javaClassName} for record without schemas (for field ${String(name)}).`,
        );
      } else if (isConnectValue(value)) {
        into.set(name, value);
      } else {
        throw new DataError(
          `Flatten transformation was passed a value of type class ${javaClassName(value)} which is not supported by Connect's data API`,
        );
      }
    }
  }

  private applyWithSchema(record: R, operating: unknown, schema: Schema): R {
    const value = requireStructOrNull(operating, PURPOSE, schema);
    const updatedSchema = this.schemaUpdateCache.getOrBuild(schema, (s) => {
      const builder = copySchemaBasics(s, SchemaBuilder.struct());
      this.buildUpdatedSchema(s, '', builder, s.optional, s.defaultValue as Struct | null);
      return builder.build();
    });
    if (value === null) return this.part.update(record, updatedSchema, null);
    const updated = new Struct(updatedSchema);
    this.buildWithSchema(value, '', updated);
    return this.part.update(record, updatedSchema, updated);
  }

  /**
   * Adds the flattened fields of `schema` to `newSchema`: a field is optional when any ancestor is,
   * and its default is its own, else the one the ancestors' default Struct holds for it.
   */
  private buildUpdatedSchema(
    schema: Schema,
    prefix: string,
    newSchema: SchemaBuilder,
    optional: boolean,
    defaultFromParent: Struct | null,
  ): void {
    for (const field of schema.fields()) {
      const name = this.fieldName(prefix, field.name) as string;
      const fieldIsOptional = optional || field.schema.optional;
      let fieldDefault: unknown = null;
      if (field.schema.defaultValue !== null && field.schema.defaultValue !== undefined) {
        fieldDefault = field.schema.defaultValue;
      } else if (defaultFromParent) {
        fieldDefault = defaultFromParent.get(field);
      }
      if (field.schema.type === Type.STRUCT) {
        this.buildUpdatedSchema(field.schema, name, newSchema, fieldIsOptional, fieldDefault as Struct | null);
      } else if (isLeafType(field.schema.type)) {
        newSchema.field(name, convertFieldSchema(field.schema, fieldIsOptional, fieldDefault));
      } else {
        throw unsupportedWithSchema(field.schema.type, name);
      }
    }
  }

  private buildWithSchema(struct: Struct | null, prefix: string, into: Struct): void {
    if (!struct) return;
    for (const field of struct.schema.fields()) {
      const name = this.fieldName(prefix, field.name) as string;
      if (field.schema.type === Type.STRUCT) {
        // Kafka reads nested structs with getStruct, which ignores field defaults.
        this.buildWithSchema(struct.getWithoutDefault(field) as Struct | null, name, into);
      } else if (isLeafType(field.schema.type)) {
        into.put(name, struct.get(field));
      } else {
        throw unsupportedWithSchema(field.schema.type, name);
      }
    }
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {}
}

/** The flattened field's schema: the original's basics, optional and default as inherited. */
function convertFieldSchema(orig: Schema, optional: boolean, defaultFromParent: unknown): Schema {
  const builder = copySchemaBasics(orig);
  if (optional) builder.optional();
  if (defaultFromParent !== null && defaultFromParent !== undefined) builder.defaultValue(defaultFromParent);
  return builder.build();
}

function unsupportedWithSchema(type: Type, name: string): DataError {
  return new DataError(`Flatten transformation does not support ${type} for record with schemas (for field ${name}).`);
}

/** Whether a schemaless value has a Connect type Flatten copies (Kafka's ConnectSchema.schemaType != null). */
function isConnectValue(value: unknown): boolean {
  switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'string':
      return true;
    default:
      return value instanceof Uint8Array || Array.isArray(value);
  }
}

/** Flatten on the record key. */
export class FlattenKey<R extends ConnectRecord<R>> extends Flatten<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.Flatten$Key';
  constructor() {
    super(KEY);
  }
}

/** Flatten on the record value. */
export class FlattenValue<R extends ConnectRecord<R>> extends Flatten<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.Flatten$Value';
  constructor() {
    super(VALUE);
  }
}
