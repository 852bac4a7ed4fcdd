import { DataError } from '../errors';
import { BigDecimal } from './big-decimal';
import { javaToString } from './java-text';
import { type Schema, Type } from './schema';
import { Struct } from './struct';

/** One record header: a key with a schema'd value (Kafka's Header). */
export interface Header {
  readonly key: string;
  readonly schema: Schema | null;
  readonly value: unknown;
}

/** The list duplicate() hands the constructor (set and taken within one synchronous call). */
let sharing: Header[] | null = null;

/**
 * The ordered, multi-valued headers of a record (Kafka's ConnectHeaders). A key may appear more
 * than once; order is kept. Records share nothing: `duplicate()` before handing headers on.
 */
export class Headers implements Iterable<Header> {
  private list: Header[];
  /**
   * Whether `list` may be another Headers' list too (after duplicate()): it is copied before its
   * first change, so a transformation chain that never touches headers copies none of them.
   */
  private shared = false;

  constructor(headers?: Iterable<Header>) {
    if (sharing !== null) {
      // duplicate(): take the list it hands over, to copy on first change.
      this.list = sharing;
      this.shared = true;
      sharing = null;
    } else {
      this.list = headers === undefined ? [] : Array.isArray(headers) ? headers.slice() : [...headers];
    }
  }

  get size(): number {
    return this.list.length;
  }

  isEmpty(): boolean {
    return this.list.length === 0;
  }

  [Symbol.iterator](): Iterator<Header> {
    return this.list[Symbol.iterator]();
  }

  toArray(): readonly Header[] {
    return this.list;
  }

  /**
   * Appends a header. `schema` may be null for a schemaless value; otherwise the value must be of
   * the schema's type (Kafka's ConnectHeaders#checkSchemaMatches, a shallow check).
   * @throws DataError when the value does not match its schema
   */
  add(key: string, value: unknown, schema: Schema | null = null): this {
    if (key === null || key === undefined) throw new TypeError('Header key cannot be null');
    checkSchemaMatches(schema, value ?? null);
    this.own().push({ key, schema, value: value ?? null });
    return this;
  }

  addHeader(header: Header): this {
    this.own().push(header);
    return this;
  }

  allWithName(key: string): Header[] {
    return this.list.filter((h) => h.key === key);
  }

  lastWithName(key: string): Header | null {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const header = this.list[i];
      if (header?.key === key) return header;
    }
    return null;
  }

  /** Removes every header with this key. */
  remove(key: string): this {
    this.list = this.list.filter((h) => h.key !== key);
    this.shared = false;
    return this;
  }

  /** Keeps only the last header of each key (or of the given key). */
  retainLatest(key?: string): this {
    const seen = new Set<string>();
    const kept: Header[] = [];
    for (let i = this.list.length - 1; i >= 0; i--) {
      const header = this.list[i] as Header;
      if ((key === undefined || header.key === key) && seen.has(header.key)) continue;
      seen.add(header.key);
      kept.push(header);
    }
    this.list = kept.reverse();
    this.shared = false;
    return this;
  }

  clear(): this {
    this.list = [];
    this.shared = false;
    return this;
  }

  duplicate(): Headers {
    this.shared = true;
    sharing = this.list;
    return new Headers();
  }

  /** The list, made this Headers' own first when it may be shared. */
  private own(): Header[] {
    if (this.shared) {
      this.list = this.list.slice();
      this.shared = false;
    }
    return this.list;
  }
}

const LOGICAL_DATE_NAMES: Partial<Record<Type, readonly string[]>> = {
  [Type.INT32]: ['org.apache.kafka.connect.data.Date', 'org.apache.kafka.connect.data.Time'],
  [Type.INT64]: ['org.apache.kafka.connect.data.Timestamp'],
};

/** Kafka's ConnectHeaders#checkSchemaMatches: the value's top-level type fits the schema. */
function checkSchemaMatches(schema: Schema | null, value: unknown): void {
  if (schema === null) return;
  if (value === null) {
    if (!schema.optional) throw new DataError(`A null value requires an optional schema but was ${schema}`);
    return;
  }
  if (!matches(schema, value)) {
    throw new DataError(`The value ${javaToString(value, schema)} is not compatible with the schema ${schema}`);
  }
}

function matches(schema: Schema, value: unknown): boolean {
  if (value instanceof Date)
    return schema.name !== null && (LOGICAL_DATE_NAMES[schema.type] ?? []).includes(schema.name);
  switch (schema.type) {
    case Type.BYTES:
      return (
        value instanceof Uint8Array ||
        (value instanceof BigDecimal && schema.name === 'org.apache.kafka.connect.data.Decimal')
      );
    case Type.STRING:
      return typeof value === 'string';
    case Type.BOOLEAN:
      return typeof value === 'boolean';
    case Type.INT8:
    case Type.INT16:
    case Type.INT32:
      return typeof value === 'number' && Number.isInteger(value);
    case Type.INT64:
      return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
    case Type.FLOAT32:
    case Type.FLOAT64:
      return typeof value === 'number';
    case Type.ARRAY:
      return Array.isArray(value);
    case Type.MAP:
      return value instanceof Map;
    case Type.STRUCT:
      return value instanceof Struct;
  }
}
