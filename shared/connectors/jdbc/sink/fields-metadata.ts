import { ConnectError, isPrimitive, type Schema, Schemas, Type } from '../../../api';
import type { SinkField } from '../dialect/sink-field';
import { DEFAULT_KAFKA_PK_NAMES, PrimaryKeyMode } from './jdbc-sink-config';

/** Which columns a record writes, and which of them form the key (Confluent's FieldsMetadata). */
export interface FieldsMetadata {
  readonly keyFieldNames: readonly string[];
  readonly nonKeyFieldNames: readonly string[];
  /** Every column, in Confluent's order: the Kafka coordinates, then value fields, then the rest by name. */
  readonly allFields: ReadonlyMap<string, SinkField>;
}

/**
 * Confluent's FieldsMetadata.extract: the key columns from pk.mode / pk.fields, the other columns
 * from the value struct's fields (filtered by fields.whitelist).
 * @throws ConnectError with Confluent's texts when the schemas do not fit the pk.mode
 */
export function extractFieldsMetadata(
  tableName: string,
  pkMode: PrimaryKeyMode,
  configuredPkFields: readonly string[],
  fieldsWhitelist: ReadonlySet<string>,
  keySchema: Schema | null,
  valueSchema: Schema | null,
): FieldsMetadata {
  if (valueSchema !== null && valueSchema.type !== Type.STRUCT) {
    throw new ConnectError('Value schema must be of type Struct');
  }
  const allFields = new Map<string, SinkField>();
  const keyFieldNames: string[] = [];
  const addKey = (name: string, schema: Schema) => {
    if (!keyFieldNames.includes(name)) keyFieldNames.push(name);
    allFields.set(name, { name, schema, isPrimaryKey: true });
  };

  switch (pkMode) {
    case PrimaryKeyMode.NONE:
      break;
    case PrimaryKeyMode.KAFKA: {
      let names: readonly string[] = DEFAULT_KAFKA_PK_NAMES;
      if (configuredPkFields.length === 3) names = configuredPkFields;
      else if (configuredPkFields.length !== 0) {
        throw new ConnectError(
          `PK mode for table '${tableName}' is KAFKA so there should either be no field names defined for defaults ` +
            `[${DEFAULT_KAFKA_PK_NAMES.join(', ')}] to be applicable, or exactly 3, defined fields are: [${configuredPkFields.join(', ')}]`,
        );
      }
      addKey(names[0] as string, Schemas.STRING);
      addKey(names[1] as string, Schemas.INT32);
      addKey(names[2] as string, Schemas.INT64);
      break;
    }
    case PrimaryKeyMode.RECORD_KEY: {
      if (keySchema === null) {
        throw new ConnectError(`PK mode for table '${tableName}' is RECORD_KEY, but record key schema is missing`);
      }
      if (isPrimitive(keySchema.type)) {
        if (configuredPkFields.length !== 1) {
          throw new ConnectError(
            'Need exactly one PK column defined since the key schema for records is a primitive type, ' +
              `defined columns are: [${configuredPkFields.join(', ')}]`,
          );
        }
        addKey(configuredPkFields[0] as string, keySchema);
      } else if (keySchema.type === Type.STRUCT) {
        const names = configuredPkFields.length === 0 ? keySchema.fields().map((f) => f.name) : configuredPkFields;
        for (const name of names) {
          const field = keySchema.field(name);
          if (!field) {
            throw new ConnectError(
              `PK mode for table '${tableName}' is RECORD_KEY with configured PK fields [${configuredPkFields.join(', ')}], ` +
                `but record key schema does not contain field: ${name}`,
            );
          }
          addKey(name, field.schema);
        }
      } else {
        throw new ConnectError(`Key schema must be primitive type or Struct, but is of type: ${keySchema.type}`);
      }
      break;
    }
    case PrimaryKeyMode.RECORD_VALUE: {
      if (valueSchema === null) {
        throw new ConnectError(`PK mode for table '${tableName}' is RECORD_VALUE, but record value schema is missing`);
      }
      const names = configuredPkFields.length === 0 ? valueSchema.fields().map((f) => f.name) : configuredPkFields;
      for (const name of names) {
        const field = valueSchema.field(name);
        if (!field) {
          throw new ConnectError(
            `PK mode for table '${tableName}' is RECORD_VALUE with configured PK fields [${configuredPkFields.join(', ')}], ` +
              `but record value schema does not contain field: ${name}`,
          );
        }
        addKey(name, field.schema);
      }
      break;
    }
    default:
      throw new ConnectError(`Unknown primary key mode: ${pkMode}`);
  }

  const nonKeyFieldNames: string[] = [];
  if (valueSchema !== null) {
    for (const field of valueSchema.fields()) {
      if (keyFieldNames.includes(field.name)) continue;
      if (fieldsWhitelist.size > 0 && !fieldsWhitelist.has(field.name)) continue;
      nonKeyFieldNames.push(field.name);
      allFields.set(field.name, { name: field.name, schema: field.schema, isPrimaryKey: false });
    }
  }
  if (allFields.size === 0)
    throw new ConnectError(`No fields found using key and value schemas for table: ${tableName}`);

  const ordered = new Map<string, SinkField>();
  for (const name of DEFAULT_KAFKA_PK_NAMES) {
    const field = allFields.get(name);
    if (field) ordered.set(name, field);
  }
  for (const field of valueSchema?.fields() ?? []) {
    const known = allFields.get(field.name);
    if (known) ordered.set(field.name, known);
  }
  for (const name of [...allFields.keys()].sort()) {
    if (!ordered.has(name)) ordered.set(name, allFields.get(name) as SinkField);
  }
  return { keyFieldNames, nonKeyFieldNames, allFields: ordered };
}
