import { DataError } from '../errors';
import { javaToString } from './java-text';
import { type Field, type Schema, schemaEquals, Type, valueEquals } from './schema';
import { validateValue } from './validation';

/** The values array Struct.ofValues hands its constructor (set and taken within one synchronous call). */
let adopting: unknown[] | null = null;

/** Arrays of nulls by length, copied rather than filled: a packed copy is several times faster than fill(). */
const NULLS: unknown[][] = [];

function nullValues(count: number): unknown[] {
  let template = NULLS[count];
  if (template === undefined) {
    template = [];
    for (let i = 0; i < count; i++) template.push(null);
    NULLS[count] = template;
  }
  return template.slice();
}

/**
 * A structured value bound to a STRUCT schema (Kafka's Struct). `put` validates each value against
 * its field's schema; `get` falls back to the field's default, `getWithoutDefault` does not.
 */
export class Struct {
  static readonly javaClassName = 'org.apache.kafka.connect.data.Struct';
  private readonly values: unknown[];

  readonly schema: Schema;

  /** An empty struct of a STRUCT schema (or of the schema a SchemaBuilder has built so far, as Kafka allows). */
  constructor(schema: Schema | { build(): Schema }) {
    const adopted = adopting;
    adopting = null;
    const built = 'build' in schema ? schema.build() : schema;
    if (built.type !== Type.STRUCT) throw new DataError(`Not a struct schema: ${built}`);
    this.schema = built;
    this.values = adopted ?? nullValues(built.fields().length);
  }

  /**
   * A struct holding `values` in field order (the array itself, which the struct now owns), taken
   * as they are: no value is validated. For
   * converters that build each value from the field's own schema (Kafka validates in every `put`,
   * which re-walks nested structs, arrays and maps once per level). Call `validate()` when unsure.
   * @throws DataError when the schema is not a STRUCT or the count of values is not the count of fields
   */
  static ofValues(schema: Schema, values: unknown[]): Struct {
    const built = 'build' in schema ? (schema as { build(): Schema }).build() : schema;
    if (built.type !== Type.STRUCT) throw new DataError(`Not a struct schema: ${built}`);
    const count = built.fields().length;
    if (values.length !== count) {
      throw new DataError(`Struct schema has ${count} fields, but ${values.length} values were given`);
    }
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
    // The constructor takes this array in place of a new one (one allocation per struct, not two).
    adopting = values;
    return new Struct(built);
  }

  /** The value of a field, or its schema's default when the value is null. */
  get(field: string | Field): unknown {
    const f = this.lookupField(field);
    return this.values[f.index] ?? f.schema.defaultValue ?? null;
  }

  /** The value of a field as set, null when unset, ignoring defaults. */
  getWithoutDefault(field: string | Field): unknown {
    return this.values[this.lookupField(field).index] ?? null;
  }

  getInt8(field: string): number | null {
    return this.getCheckType(field, Type.INT8) as number | null;
  }
  getInt16(field: string): number | null {
    return this.getCheckType(field, Type.INT16) as number | null;
  }
  getInt32(field: string): number | null {
    return this.getCheckType(field, Type.INT32) as number | null;
  }
  getInt64(field: string): number | bigint | null {
    return this.getCheckType(field, Type.INT64) as number | bigint | null;
  }
  getFloat32(field: string): number | null {
    return this.getCheckType(field, Type.FLOAT32) as number | null;
  }
  getFloat64(field: string): number | null {
    return this.getCheckType(field, Type.FLOAT64) as number | null;
  }
  getBoolean(field: string): boolean | null {
    return this.getCheckType(field, Type.BOOLEAN) as boolean | null;
  }
  getString(field: string): string | null {
    return this.getCheckType(field, Type.STRING) as string | null;
  }
  getBytes(field: string): Uint8Array | null {
    return this.getCheckType(field, Type.BYTES) as Uint8Array | null;
  }
  getArray(field: string): unknown[] | null {
    return this.getCheckType(field, Type.ARRAY) as unknown[] | null;
  }
  getMap(field: string): Map<unknown, unknown> | null {
    return this.getCheckType(field, Type.MAP) as Map<unknown, unknown> | null;
  }
  getStruct(field: string): Struct | null {
    return this.getCheckType(field, Type.STRUCT) as Struct | null;
  }

  /** Sets a field's value after validating it against the field's schema. Returns this, for chaining. */
  put(field: string | Field, value: unknown): this {
    const f = this.lookupField(field);
    validateValue(f.schema, value, f.name);
    this.values[f.index] = value ?? null;
    return this;
  }

  /** Checks every field: required fields without a default must be set (Kafka's Struct#validate). */
  validate(): void {
    for (const field of this.schema.fields()) {
      const value = this.values[field.index];
      if ((value === null || value === undefined) && (field.schema.optional || field.schema.defaultValue !== null)) {
        continue;
      }
      validateValue(field.schema, value, field.name);
    }
  }

  /** A hash consistent with equals (Kafka's Struct#hashCode): equal structs hash alike. */
  hashCode(): number {
    let h = hashOf(this.schema);
    for (const value of this.values) h = (Math.imul(31, h) + hashOf(value)) | 0;
    return h;
  }

  equals(other: unknown): boolean {
    if (!(other instanceof Struct) || !schemaEquals(this.schema, other.schema)) return false;
    const fields = this.schema.fields();
    return fields.every((f) => valueEquals(this.values[f.index], other.values[f.index]));
  }

  /** Java's form, as Kafka's FileStream sink prints it: `Struct{a=1,b=x}`, null fields left out. */
  toString(): string {
    const parts: string[] = [];
    for (const field of this.schema.fields()) {
      const value = this.values[field.index];
      if (value !== null && value !== undefined) parts.push(`${field.name}=${javaToString(value, field.schema)}`);
    }
    return `Struct{${parts.join(',')}}`;
  }

  private lookupField(field: string | Field): Field {
    if (typeof field !== 'string') {
      if (!field) throw new DataError('field cannot be null.');
      return field;
    }
    const found = this.schema.field(field);
    if (!found) throw new DataError(`${field} is not a valid field name`);
    return found;
  }

  private getCheckType(fieldName: string, type: Type): unknown {
    const field = this.lookupField(fieldName);
    if (field.schema.type !== type) throw new DataError(`Field '${fieldName}' is not of type ${type}`);
    return this.values[field.index] ?? null;
  }
}

/** A content hash of a Connect value, consistent with valueEquals (numbers and bigints of one integer hash alike). */
function hashOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  switch (typeof value) {
    case 'boolean':
      return value ? 1231 : 1237;
    case 'bigint':
      return hashText(value.toString());
    case 'number':
      return Number.isInteger(value) ? hashText(BigInt(value).toString()) : hashText(String(value));
    case 'string':
      return hashText(value);
  }
  if (value instanceof Uint8Array) {
    let h = 1;
    for (const b of value) h = (Math.imul(31, h) + b) | 0;
    return h;
  }
  if (value instanceof Date) return hashText(String(value.getTime()));
  if (Array.isArray(value)) {
    let h = 1;
    for (const v of value) h = (Math.imul(31, h) + hashOf(v)) | 0;
    return h;
  }
  if (value instanceof Map) {
    // Order-free, as map equality is.
    let h = 0;
    for (const [k, v] of value) h = (h + (hashOf(k) ^ hashOf(v))) | 0;
    return h;
  }
  const hashable = value as { hashCode?: () => number; toString(): string };
  return typeof hashable.hashCode === 'function' ? hashable.hashCode() : hashText(String(value));
}

function hashText(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}
