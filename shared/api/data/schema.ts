import { DataError, SchemaError } from '../errors';

/**
 * The types of the Connect data model (Kafka's Schema.Type), with the TypeScript value each holds:
 *
 * | type | value |
 * |---|---|
 * | INT8, INT16, INT32 | integral `number` in the type's range |
 * | INT64 | integral `number` when it is a safe integer, otherwise `bigint` (int64 precision is kept) |
 * | FLOAT32, FLOAT64 | `number` |
 * | BOOLEAN | `boolean` |
 * | STRING | `string` |
 * | BYTES | `Uint8Array` (a Buffer is one) |
 * | ARRAY | `unknown[]` |
 * | MAP | `Map<unknown, unknown>` (keys of any type, insertion order kept, as Java's Map) |
 * | STRUCT | Struct |
 *
 * Logical types change the value: Decimal holds a BigDecimal; Date, Time and Timestamp a `Date`.
 */
export const Type = {
  INT8: 'INT8',
  INT16: 'INT16',
  INT32: 'INT32',
  INT64: 'INT64',
  FLOAT32: 'FLOAT32',
  FLOAT64: 'FLOAT64',
  BOOLEAN: 'BOOLEAN',
  STRING: 'STRING',
  BYTES: 'BYTES',
  ARRAY: 'ARRAY',
  MAP: 'MAP',
  STRUCT: 'STRUCT',
} as const;
export type Type = (typeof Type)[keyof typeof Type];

/** Whether a type is a primitive (Kafka's Type#isPrimitive). */
export function isPrimitive(type: Type): boolean {
  return type !== Type.ARRAY && type !== Type.MAP && type !== Type.STRUCT;
}

/** A named, positioned field of a STRUCT schema. */
export class Field {
  constructor(
    readonly name: string,
    readonly index: number,
    readonly schema: Schema,
  ) {}

  equals(other: unknown): boolean {
    return (
      other instanceof Field &&
      other.name === this.name &&
      other.index === this.index &&
      schemaEquals(this.schema, other.schema)
    );
  }

  toString(): string {
    return `Field{name=${this.name}, index=${this.index}, schema=${this.schema}}`;
  }
}

/**
 * An immutable description of a value's shape (Kafka's Schema). Build one with SchemaBuilder, or
 * use the predefined constants on {@link Schemas}.
 */
export interface Schema {
  readonly type: Type;
  readonly optional: boolean;
  readonly defaultValue: unknown;
  readonly name: string | null;
  readonly version: number | null;
  readonly doc: string | null;
  readonly parameters: Readonly<Record<string, string>> | null;
  /** The fields of a STRUCT, in order. Throws DataError for other types. */
  fields(): readonly Field[];
  /** The field of a STRUCT by name, or null. Throws DataError for other types. */
  field(name: string): Field | null;
  /**
   * The key schema of a MAP. Throws DataError for other types, and for the rare map schema that has
   * none (see {@link keySchemaOrNull}).
   */
  keySchema(): Schema;
  /**
   * The value schema of a MAP or the element schema of an ARRAY. Throws DataError for other types,
   * and for the rare container schema that has none (see {@link valueSchemaOrNull}).
   */
  valueSchema(): Schema;
  /** The schema as it is, without a builder's mutability. */
  schema(): Schema;
}

/** The immutable Schema implementation (Kafka's ConnectSchema). */
export class ConnectSchema implements Schema {
  readonly parameters: Readonly<Record<string, string>> | null;
  private readonly fieldList: readonly Field[] | null;
  private readonly fieldsByName: ReadonlyMap<string, Field> | null;
  private hash: number | undefined;

  constructor(
    readonly type: Type,
    readonly optional = false,
    readonly defaultValue: unknown = null,
    readonly name: string | null = null,
    readonly version: number | null = null,
    readonly doc: string | null = null,
    parameters: Record<string, string> | null = null,
    fields: readonly Field[] | null = null,
    private readonly mapKeySchema: Schema | null = null,
    private readonly elementSchema: Schema | null = null,
  ) {
    this.parameters = parameters ? Object.freeze({ ...parameters }) : null;
    if (type === Type.STRUCT) {
      this.fieldList = Object.freeze([...(fields ?? [])]);
      this.fieldsByName = new Map(this.fieldList.map((f) => [f.name, f]));
    } else {
      if (fields) throw new SchemaError('Cannot specify fields on non-struct schemas');
      this.fieldList = null;
      this.fieldsByName = null;
    }
  }

  fields(): readonly Field[] {
    if (!this.fieldList) throw new DataError('Cannot list fields on non-struct type');
    return this.fieldList;
  }

  field(name: string): Field | null {
    if (!this.fieldsByName) throw new DataError('Cannot look up fields on non-struct type');
    return this.fieldsByName.get(name) ?? null;
  }

  keySchema(): Schema {
    const schema = this.keySchemaOrNull();
    if (!schema) throw new DataError('No schema defined for the keys of this map');
    return schema;
  }

  valueSchema(): Schema {
    const schema = this.valueSchemaOrNull();
    if (!schema)
      throw new DataError(
        `No schema defined for the ${this.type === Type.MAP ? 'values' : 'elements'} of this ${this.type.toLowerCase()}`,
      );
    return schema;
  }

  /** The key schema of a MAP, or null when the map has none (see {@link keySchemaOrNull}). */
  keySchemaOrNull(): Schema | null {
    if (this.type !== Type.MAP) throw new DataError('Cannot look up key schema on non-map type');
    return this.mapKeySchema;
  }

  /** The value or element schema of a MAP or ARRAY, or null when it has none (see {@link valueSchemaOrNull}). */
  valueSchemaOrNull(): Schema | null {
    if (this.type !== Type.MAP && this.type !== Type.ARRAY) {
      throw new DataError('Cannot look up value schema on non-array and non-map type');
    }
    return this.elementSchema;
  }

  schema(): Schema {
    return this;
  }

  /** A structural hash, used by schema caches (the same shape gives the same hash). */
  hashCode(): number {
    this.hash ??= hashString(schemaSignature(this));
    return this.hash;
  }

  equals(other: unknown): boolean {
    return schemaEquals(this, other as Schema);
  }

  toString(): string {
    return this.name ? `Schema{${this.name}:${this.type}}` : `Schema{${this.type}}`;
  }
}

/**
 * The key schema of a MAP schema, or null when it has none. Kafka lets `Values.parseString` build
 * MAP and ARRAY schemas without key or value schemas when the parsed entries share no type (its
 * package-private SchemaBuilder.mapOfNull / arrayOfNull); Kafka's `keySchema()` then returns null.
 * Here `keySchema()` stays non-null and throws, and code that may meet such schemas (converters)
 * asks this instead.
 * @throws DataError when the schema is not a MAP
 */
export function keySchemaOrNull(schema: Schema): Schema | null {
  if (schema instanceof ConnectSchema) return schema.keySchemaOrNull();
  return schema.keySchema();
}

/**
 * The value schema of a MAP or the element schema of an ARRAY, or null when it has none (see
 * {@link keySchemaOrNull} for when that happens).
 * @throws DataError when the schema is neither MAP nor ARRAY
 */
export function valueSchemaOrNull(schema: Schema): Schema | null {
  if (schema instanceof ConnectSchema) return schema.valueSchemaOrNull();
  return schema.valueSchema();
}

/** Kafka's Schema constants (Schema.INT8_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA, ...). */
export const Schemas = {
  INT8: new ConnectSchema(Type.INT8),
  INT16: new ConnectSchema(Type.INT16),
  INT32: new ConnectSchema(Type.INT32),
  INT64: new ConnectSchema(Type.INT64),
  FLOAT32: new ConnectSchema(Type.FLOAT32),
  FLOAT64: new ConnectSchema(Type.FLOAT64),
  BOOLEAN: new ConnectSchema(Type.BOOLEAN),
  STRING: new ConnectSchema(Type.STRING),
  BYTES: new ConnectSchema(Type.BYTES),
  OPTIONAL_INT8: new ConnectSchema(Type.INT8, true),
  OPTIONAL_INT16: new ConnectSchema(Type.INT16, true),
  OPTIONAL_INT32: new ConnectSchema(Type.INT32, true),
  OPTIONAL_INT64: new ConnectSchema(Type.INT64, true),
  OPTIONAL_FLOAT32: new ConnectSchema(Type.FLOAT32, true),
  OPTIONAL_FLOAT64: new ConnectSchema(Type.FLOAT64, true),
  OPTIONAL_BOOLEAN: new ConnectSchema(Type.BOOLEAN, true),
  OPTIONAL_STRING: new ConnectSchema(Type.STRING, true),
  OPTIONAL_BYTES: new ConnectSchema(Type.BYTES, true),
} as const;

/** Deep equality of two schemas (Kafka's ConnectSchema#equals). */
export function schemaEquals(a: Schema | null | undefined, b: Schema | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (
    a.type !== b.type ||
    a.optional !== b.optional ||
    a.name !== b.name ||
    a.version !== b.version ||
    a.doc !== b.doc ||
    !recordEquals(a.parameters, b.parameters) ||
    !valueEquals(a.defaultValue, b.defaultValue)
  ) {
    return false;
  }
  switch (a.type) {
    case Type.STRUCT: {
      const fa = a.fields();
      const fb = b.fields();
      return fa.length === fb.length && fa.every((f, i) => f.equals(fb[i]));
    }
    case Type.ARRAY:
      return schemaEquals(valueSchemaOrNull(a), valueSchemaOrNull(b));
    case Type.MAP:
      return (
        schemaEquals(keySchemaOrNull(a), keySchemaOrNull(b)) && schemaEquals(valueSchemaOrNull(a), valueSchemaOrNull(b))
      );
    default:
      return true;
  }
}

function recordEquals(a: Readonly<Record<string, string>> | null, b: Readonly<Record<string, string>> | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * Deep equality of Connect values (Java's equals as Kafka uses it): arrays and byte arrays by
 * content, maps by entries, structs by schema and values, Dates by time, numbers across number/bigint.
 */
export function valueEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a === 'bigint' || typeof b === 'bigint') return integralEquals(a, b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => valueEquals(v, b[i]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      const match = findKey(b, k);
      if (match === NOT_FOUND || !valueEquals(v, b.get(match))) return false;
    }
    return true;
  }
  if (hasEquals(a)) return a.equals(b);
  return false;
}

const NOT_FOUND = Symbol('not found');

function findKey(map: Map<unknown, unknown>, key: unknown): unknown {
  if (map.has(key)) return key;
  for (const k of map.keys()) if (valueEquals(k, key)) return k;
  return NOT_FOUND;
}

/** An INT64 may be held as a number or a bigint; both spellings of one integer are equal. */
function integralEquals(a: unknown, b: unknown): boolean {
  const big = (v: unknown) => (typeof v === 'bigint' ? v : Number.isInteger(v) ? BigInt(v as number) : undefined);
  const x = big(a);
  return x !== undefined && x === big(b);
}

function hasEquals(v: unknown): v is { equals(o: unknown): boolean } {
  return typeof v === 'object' && v !== null && typeof (v as { equals?: unknown }).equals === 'function';
}

/** A canonical text of a schema's shape, for hashing. */
function schemaSignature(s: Schema | null): string {
  if (!s) return 'null';
  const head = `${s.type}|${s.optional}|${s.name}|${s.version}|${s.doc}|${JSON.stringify(s.parameters)}`;
  switch (s.type) {
    case Type.STRUCT:
      return `${head}{${s
        .fields()
        .map((f) => `${f.name}:${schemaSignature(f.schema)}`)
        .join(',')}}`;
    case Type.ARRAY:
      return `${head}[${schemaSignature(valueSchemaOrNull(s))}]`;
    case Type.MAP:
      return `${head}<${schemaSignature(keySchemaOrNull(s))},${schemaSignature(valueSchemaOrNull(s))}>`;
    default:
      return head;
  }
}

function hashString(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}
