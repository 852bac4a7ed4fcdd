import { BigDecimal } from './big-decimal';
import { javaDoubleToString, javaFloatToString } from './java-floating';
import { keySchemaOrNull, type Schema, Type, valueSchemaOrNull } from './schema';

export { javaDoubleToString, javaFloatToString };

/**
 * Java's text forms of Connect values, for output that must read as Kafka's does: error messages
 * that name a value's class, and `String.valueOf(value)` (the FileStream sink's line format,
 * Struct#toString). A JS number is ambiguous between Java's integer and floating types, so a schema,
 * when known, decides how it prints (1 as INT32 is "1", as FLOAT64 "1.0").
 */

/** The Java class name Kafka would print for a value (`nullSafeClassName`), e.g. "java.lang.String". */
export function javaClassName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return 'java.lang.String';
    case 'boolean':
      return 'java.lang.Boolean';
    case 'bigint':
      return 'java.lang.Long';
    case 'number':
      return Number.isInteger(value) ? 'java.lang.Long' : 'java.lang.Double';
  }
  if (value instanceof Uint8Array) return '[B';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (value instanceof Map) return 'java.util.HashMap';
  if (value instanceof Date) return 'java.util.Date';
  if (value instanceof BigDecimal) return 'java.math.BigDecimal';
  const ctor = (value as { constructor?: { javaClassName?: string; name?: string } }).constructor;
  return ctor?.javaClassName ?? ctor?.name ?? 'java.lang.Object';
}

/** `String.valueOf(value)` as Java prints a Connect value, guided by its schema when there is one. */
export function javaToString(value: unknown, schema?: Schema | null): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return numberToString(value, schema?.type);
  if (typeof value === 'bigint' || typeof value === 'boolean' || typeof value === 'string') return String(value);
  if (value instanceof Date) return javaDateToString(value);
  if (value instanceof Uint8Array) return `[B@${contentHash(value).toString(16)}`;
  if (Array.isArray(value)) {
    const element = schema?.type === Type.ARRAY ? valueSchemaOrNull(schema) : null;
    return `[${value.map((v) => javaToString(v, element)).join(', ')}]`;
  }
  if (value instanceof Map) {
    const [keySchema, valueSchema] =
      schema?.type === Type.MAP ? [keySchemaOrNull(schema), valueSchemaOrNull(schema)] : [null, null];
    const entries = [...value].map(([k, v]) => `${javaToString(k, keySchema)}=${javaToString(v, valueSchema)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

function numberToString(value: number, type: Type | undefined): string {
  if (type === Type.FLOAT32) return javaFloatToString(value);
  if (type === Type.FLOAT64 || (type === undefined && !Number.isInteger(value))) return javaDoubleToString(value);
  return String(value);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** java.util.Date#toString in a UTC JVM: "Thu Jan 01 00:00:00 UTC 1970". */
export function javaDateToString(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

function contentHash(bytes: Uint8Array): number {
  let h = 1;
  for (const b of bytes) h = (Math.imul(31, h) + ((b << 24) >> 24)) | 0;
  return h >>> 0;
}
