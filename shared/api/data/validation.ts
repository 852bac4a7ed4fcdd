import { DataError } from '../errors';
import { BigDecimal } from './big-decimal';
import { javaClassName } from './java-text';
import { keySchemaOrNull, type Schema, schemaEquals, Type, valueSchemaOrNull } from './schema';
import { Struct } from './struct';

const INT_RANGES = {
  [Type.INT8]: [-128, 127],
  [Type.INT16]: [-32768, 32767],
  [Type.INT32]: [-2147483648, 2147483647],
} as const;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The logical types whose values are not their base type's (Kafka's LOGICAL_TYPE_CLASSES). */
const LOGICAL_VALUE_CHECKS: Record<string, (value: unknown) => boolean> = {
  'org.apache.kafka.connect.data.Decimal': (v) => v instanceof BigDecimal,
  'org.apache.kafka.connect.data.Date': (v) => v instanceof Date,
  'org.apache.kafka.connect.data.Time': (v) => v instanceof Date,
  'org.apache.kafka.connect.data.Timestamp': (v) => v instanceof Date,
};

/**
 * Checks that a value fits a schema, as Kafka's ConnectSchema.validateValue does, with its messages.
 * @param field the field name for messages; omitted for a whole value
 * @throws DataError when the value does not fit
 */
export function validateValue(schema: Schema, value: unknown, field?: string): void {
  // A primitive value of its schema's type is the common case (every put of a flat struct): it
  // needs neither the walk below nor the location text, which only error messages read.
  if (
    value !== null &&
    value !== undefined &&
    schema.type !== Type.STRUCT &&
    schema.type !== Type.ARRAY &&
    schema.type !== Type.MAP &&
    fitsType(schema, value)
  ) {
    return;
  }
  validateAt(schema, value, field === undefined ? 'value' : `field: "${field}"`);
}

function validateAt(schema: Schema, value: unknown, location: string): void {
  if (value === null || value === undefined) {
    if (!schema.optional) {
      throw new DataError(`Invalid value: null used for required ${location}, schema type: ${schema.type}`);
    }
    return;
  }
  if (!fitsType(schema, value)) {
    const named = schema.name ? ` "${schema.name}"` : '';
    throw new DataError(
      `Invalid Java object for schema${named} with type ${schema.type}: class ${javaClassName(value)} for ${location}`,
    );
  }
  switch (schema.type) {
    case Type.STRUCT: {
      const struct = value as Struct;
      if (!schemaEquals(struct.schema, schema)) throw new DataError('Struct schemas do not match.');
      struct.validate();
      break;
    }
    case Type.ARRAY: {
      const elementLocation = `element of array ${location}`;
      const elementSchema = schemaAt(valueSchemaOrNull(schema), elementLocation);
      for (const element of value as unknown[]) validateAt(elementSchema, element, elementLocation);
      break;
    }
    case Type.MAP: {
      const keyLocation = `key of map ${location}`;
      const valueLocation = `value of map ${location}`;
      const keySchema = schemaAt(keySchemaOrNull(schema), keyLocation);
      const valueSchema = schemaAt(valueSchemaOrNull(schema), valueLocation);
      for (const [k, v] of value as Map<unknown, unknown>) {
        validateAt(keySchema, k, keyLocation);
        validateAt(valueSchema, v, valueLocation);
      }
      break;
    }
  }
}

function schemaAt(schema: Schema | null, location: string): Schema {
  if (!schema) throw new DataError(`No schema defined for ${location}`);
  return schema;
}

function fitsType(schema: Schema, value: unknown): boolean {
  const logical = schema.name ? LOGICAL_VALUE_CHECKS[schema.name] : undefined;
  if (logical) return logical(value);
  switch (schema.type) {
    case Type.INT8:
    case Type.INT16:
    case Type.INT32: {
      const [min, max] = INT_RANGES[schema.type];
      return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
    }
    case Type.INT64:
      if (typeof value === 'bigint') return value >= INT64_MIN && value <= INT64_MAX;
      return typeof value === 'number' && Number.isInteger(value);
    case Type.FLOAT32:
    case Type.FLOAT64:
      return typeof value === 'number';
    case Type.BOOLEAN:
      return typeof value === 'boolean';
    case Type.STRING:
      return typeof value === 'string';
    case Type.BYTES:
      return value instanceof Uint8Array;
    case Type.ARRAY:
      return Array.isArray(value);
    case Type.MAP:
      return value instanceof Map;
    case Type.STRUCT:
      return value instanceof Struct;
  }
}
