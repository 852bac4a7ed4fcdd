import {
  type ConnectRecord,
  DataError,
  javaClassName,
  type Schema,
  SinkRecord,
  SourceRecord,
  Struct,
  Type,
} from '../../api';

/**
 * The shape checks every Kafka transform makes before it touches a key or value, with Kafka's
 * DataException texts (connect/transforms/.../util/Requirements.java), so error messages, logs and
 * DLQ headers read exactly as they do on a JVM worker.
 */

/** A schemaless key or value: Connect's MAP representation (a JS Map, as documented on `Type`). */
export type ValueMap = Map<unknown, unknown>;

export function requireSchema(schema: Schema | null, purpose: string): Schema {
  if (!schema) throw new DataError(`Schema required for [${purpose}]`);
  return schema;
}

/**
 * @param schema the value's schema when the caller knows it; it decides the Java class a number
 * prints as (an INT32 value is a java.lang.Integer), since a JS number alone cannot say.
 */
export function requireMap(value: unknown, purpose: string, schema?: Schema | null): ValueMap {
  if (!(value instanceof Map)) {
    throw new DataError(
      `Only Map objects supported in absence of schema for [${purpose}], found: ${classNameOf(value, schema)}`,
    );
  }
  return value;
}

export function requireMapOrNull(value: unknown, purpose: string, schema?: Schema | null): ValueMap | null {
  return value === null || value === undefined ? null : requireMap(value, purpose, schema);
}

export function requireStruct(value: unknown, purpose: string, schema?: Schema | null): Struct {
  if (!(value instanceof Struct)) {
    throw new DataError(`Only Struct objects supported for [${purpose}], found: ${classNameOf(value, schema)}`);
  }
  return value;
}

export function requireStructOrNull(value: unknown, purpose: string, schema?: Schema | null): Struct | null {
  return value === null || value === undefined ? null : requireStruct(value, purpose, schema);
}

export function requireSinkRecord<R extends ConnectRecord<R>>(record: R, purpose: string): SinkRecord {
  if (!(record instanceof SinkRecord)) {
    throw new DataError(`Only SinkRecord supported for [${purpose}], found: ${recordClassName(record)}`);
  }
  return record;
}

const NUMBER_CLASS_BY_TYPE: Partial<Record<Type, string>> = {
  [Type.INT8]: 'java.lang.Byte',
  [Type.INT16]: 'java.lang.Short',
  [Type.INT32]: 'java.lang.Integer',
  [Type.INT64]: 'java.lang.Long',
  [Type.FLOAT32]: 'java.lang.Float',
  [Type.FLOAT64]: 'java.lang.Double',
};

/** The Java class name Kafka prints for a value (`nullSafeClassName`), refined by its schema when known. */
export function classNameOf(value: unknown, schema?: Schema | null): string {
  if ((typeof value === 'number' || typeof value === 'bigint') && schema) {
    const named = NUMBER_CLASS_BY_TYPE[schema.type];
    if (named) return named;
  }
  return javaClassName(value);
}

/** The records' Java class names (the contract's record classes carry no javaClassName of their own). */
function recordClassName(record: unknown): string {
  if (record instanceof SourceRecord) return 'org.apache.kafka.connect.source.SourceRecord';
  if (record instanceof SinkRecord) return 'org.apache.kafka.connect.sink.SinkRecord';
  return javaClassName(record);
}
