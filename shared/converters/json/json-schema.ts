import { Type } from '../../api';

/** The field and type names of Kafka's JSON schema format (Kafka's JsonSchema). */
export const JsonSchema = {
  ENVELOPE_SCHEMA_FIELD_NAME: 'schema',
  ENVELOPE_PAYLOAD_FIELD_NAME: 'payload',
  SCHEMA_TYPE_FIELD_NAME: 'type',
  SCHEMA_OPTIONAL_FIELD_NAME: 'optional',
  SCHEMA_NAME_FIELD_NAME: 'name',
  SCHEMA_VERSION_FIELD_NAME: 'version',
  SCHEMA_DOC_FIELD_NAME: 'doc',
  SCHEMA_PARAMETERS_FIELD_NAME: 'parameters',
  SCHEMA_DEFAULT_FIELD_NAME: 'default',
  ARRAY_ITEMS_FIELD_NAME: 'items',
  MAP_KEY_FIELD_NAME: 'keys',
  MAP_VALUE_FIELD_NAME: 'values',
  STRUCT_FIELDS_FIELD_NAME: 'fields',
  STRUCT_FIELD_NAME_FIELD_NAME: 'field',
  BOOLEAN_TYPE_NAME: 'boolean',
  INT8_TYPE_NAME: 'int8',
  INT16_TYPE_NAME: 'int16',
  INT32_TYPE_NAME: 'int32',
  INT64_TYPE_NAME: 'int64',
  FLOAT_TYPE_NAME: 'float',
  DOUBLE_TYPE_NAME: 'double',
  BYTES_TYPE_NAME: 'bytes',
  STRING_TYPE_NAME: 'string',
  ARRAY_TYPE_NAME: 'array',
  MAP_TYPE_NAME: 'map',
  STRUCT_TYPE_NAME: 'struct',
} as const;

/** Connect type -> JSON schema type name. Note FLOAT32 is "float" and FLOAT64 "double". */
export const JSON_TYPE_NAMES: Readonly<Record<Type, string>> = {
  [Type.BOOLEAN]: JsonSchema.BOOLEAN_TYPE_NAME,
  [Type.INT8]: JsonSchema.INT8_TYPE_NAME,
  [Type.INT16]: JsonSchema.INT16_TYPE_NAME,
  [Type.INT32]: JsonSchema.INT32_TYPE_NAME,
  [Type.INT64]: JsonSchema.INT64_TYPE_NAME,
  [Type.FLOAT32]: JsonSchema.FLOAT_TYPE_NAME,
  [Type.FLOAT64]: JsonSchema.DOUBLE_TYPE_NAME,
  [Type.BYTES]: JsonSchema.BYTES_TYPE_NAME,
  [Type.STRING]: JsonSchema.STRING_TYPE_NAME,
  [Type.ARRAY]: JsonSchema.ARRAY_TYPE_NAME,
  [Type.MAP]: JsonSchema.MAP_TYPE_NAME,
  [Type.STRUCT]: JsonSchema.STRUCT_TYPE_NAME,
};

/** JSON schema type name -> Connect type. */
export const CONNECT_TYPES: ReadonlyMap<string, Type> = new Map(
  Object.entries(JSON_TYPE_NAMES).map(([type, name]) => [name, type as Type]),
);
