import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  type Field,
  keySchemaOrNull,
  type Schema,
  Struct,
  Type,
  valueSchemaOrNull,
} from '../../api';
import { JsonNumber } from './json-reader';

/**
 * JSON nodes to Connect values (Kafka's JsonConverter#convertToConnect), compiled once per schema
 * into a function, so reading a record walks closures instead of re-inspecting the schema.
 *
 * A node comes from either reader: JSON.parse (numbers as numbers, objects as plain objects) or
 * readJson (numbers as JsonNumber, objects as Maps). Where JSON.parse lost what the value needs
 * (an integer beyond 2^53, a NUMERIC decimal's digits, the order of index-like keys) a reader
 * throws NEEDS_EXACT_READ and the record is read again exactly.
 *
 * Where a node is not of its schema's JSON type, the value is what Jackson's accessors give, as in
 * Kafka: a string read as INT32 is 0, a number read as STRING or BYTES null, anything but `true`
 * read as BOOLEAN false.
 */

/** Thrown by a reader of JSON.parse output that needs the exact reader's nodes. */
export const NEEDS_EXACT_READ = new Error('needs the exact JSON reader');

/** Reads one node (undefined: absent) as a Connect value. */
export type ValueReader = (node: unknown) => unknown;

/** A JSON object as either reader gives it: a plain object from JSON.parse, a Map from readJson. */
export type JsonObject = Record<string, unknown> | Map<string, unknown>;

/**
 * The readers of one converter: its `replace.null.with.default` setting, and a memo of the readers
 * compiled so far (per schema object).
 */
export class ValueReaders {
  private readonly memo = new WeakMap<Schema, ValueReader>();

  constructor(private readonly replaceNullWithDefault: boolean) {}

  /** The reader of a schema; null gives the schemaless reader (types inferred from the JSON). */
  readerFor(schema: Schema | null): ValueReader {
    if (schema === null) return readSchemaless;
    let reader = this.memo.get(schema);
    if (reader === undefined) {
      reader = this.compile(schema);
      this.memo.set(schema, reader);
    }
    return reader;
  }

  private compile(schema: Schema): ValueReader {
    const base = this.compileBase(schema);
    const { defaultValue, optional, type } = schema;
    const useDefault = defaultValue !== null && defaultValue !== undefined && this.replaceNullWithDefault;
    return (node) => {
      if (node === null || node === undefined) {
        // Kafka's order: the default (when replace.null.with.default), then null when optional.
        if (useDefault) return defaultValue;
        if (optional) return null;
        throw new DataError(`Invalid null value for required ${type} field`);
      }
      return base(node);
    };
  }

  private compileBase(schema: Schema): ValueReader {
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        return (node) => readDecimal(schema, node);
      case ConnectDate.LOGICAL_NAME:
        return (node) => ConnectDate.toLogical(schema, intNodeValue(node, 'Date'));
      case ConnectTime.LOGICAL_NAME:
        return (node) => ConnectTime.toLogical(schema, intNodeValue(node, 'Time'));
      case ConnectTimestamp.LOGICAL_NAME:
        return (node) => {
          if (!isIntegralNode(node)) {
            throw new DataError(
              `Invalid type for Timestamp, underlying representation should be integral but was ${nodeType(node)}`,
            );
          }
          return ConnectTimestamp.toLogical(schema, longValue(node));
        };
    }
    switch (schema.type) {
      case Type.BOOLEAN:
        return (node) => node === true;
      case Type.INT8:
        return (node) => (intValue(node) << 24) >> 24;
      case Type.INT16:
        return (node) => (intValue(node) << 16) >> 16;
      case Type.INT32:
        return intValue;
      case Type.INT64:
        return longValue;
      case Type.FLOAT32:
        return (node) => Math.fround(doubleValue(node)) + 0;
      case Type.FLOAT64:
        return doubleValue;
      case Type.STRING:
        return (node) => (typeof node === 'string' ? node : null);
      case Type.BYTES:
        return (node) => {
          if (typeof node !== 'string') return null;
          const bytes = decodeBase64(node);
          if (bytes === null)
            throw new DataError('Invalid bytes field', { cause: new SyntaxError('Illegal base64 text') });
          return bytes;
        };
      case Type.ARRAY:
        return arrayReader(this.readerFor(valueSchemaOrNull(schema)));
      case Type.MAP:
        return this.compileMap(schema);
      case Type.STRUCT:
        return this.compileStruct(schema);
    }
  }

  private compileMap(schema: Schema): ValueReader {
    const keySchema = keySchemaOrNull(schema);
    const readValue = this.readerFor(valueSchemaOrNull(schema));
    if (keySchema === null || keySchema.type === Type.STRING) {
      return (node) => {
        if (!isObjectNode(node)) {
          throw new DataError(`Maps with string fields should be encoded as JSON objects, but found ${nodeType(node)}`);
        }
        return objectToMap(node, readValue);
      };
    }
    const readKey = this.readerFor(keySchema);
    return (node) => {
      if (!Array.isArray(node)) {
        throw new DataError(
          `Maps with non-string fields should be encoded as JSON array of tuples, but found ${nodeType(node)}`,
        );
      }
      const map = new Map<unknown, unknown>();
      for (const entry of node) {
        if (!Array.isArray(entry)) {
          throw new DataError(`Found invalid map entry instead of array tuple: ${nodeType(entry)}`);
        }
        if (entry.length !== 2) {
          throw new DataError(`Found invalid map entry, expected length 2 but found :${entry.length}`);
        }
        map.set(readKey(entry[0]), readValue(entry[1]));
      }
      return map;
    };
  }

  private compileStruct(schema: Schema): ValueReader {
    const fields = schema.fields();
    const count = fields.length;
    const names = fields.map((f) => f.name);
    const readers = fields.map((f) => this.readerFor(f.schema));
    // A name Object.prototype also has ("constructor", "__proto__") needs an own-property check.
    const plain = names.map((name) => !(name in Object.prototype));
    return (node) => {
      if (!isObjectNode(node)) {
        throw new DataError(`Structs should be encoded as JSON objects, but found ${nodeType(node)}`);
      }
      const values = new Array(count);
      if (node instanceof Map) {
        for (let i = 0; i < count; i++)
          values[i] = checked(fields, i, (readers[i] as ValueReader)(node.get(names[i] as string)));
      } else {
        for (let i = 0; i < count; i++) {
          const name = names[i] as string;
          const raw = plain[i] || Object.hasOwn(node, name) ? node[name] : undefined;
          values[i] = checked(fields, i, (readers[i] as ValueReader)(raw));
        }
      }
      return Struct.ofValues(schema, values);
    };
  }
}

/**
 * Kafka's Struct#put validates; the one way a read value can miss its field's schema is a null from
 * a node of another JSON type (a number read as STRING), so that is what is checked.
 */
function checked(fields: readonly Field[], index: number, value: unknown): unknown {
  if (value === null) {
    const field = fields[index];
    if (field && !field.schema.optional) {
      throw new DataError(
        `Invalid value: null used for required field: "${field.name}", schema type: ${field.schema.type}`,
      );
    }
  }
  return value;
}

/** Kafka iterates the node: an array's elements, an object's member values, nothing for others. */
function arrayReader(readElement: ValueReader): ValueReader {
  return (node) => {
    if (Array.isArray(node)) {
      const list = new Array(node.length);
      for (let i = 0; i < node.length; i++) list[i] = readElement(node[i]);
      return list;
    }
    if (!isObjectNode(node)) return [];
    const list: unknown[] = [];
    if (node instanceof Map) for (const v of node.values()) list.push(readElement(v));
    else for (const k in node) list.push(readElement(node[k]));
    return list;
  };
}

function objectToMap(node: JsonObject, readValue: ValueReader): Map<unknown, unknown> {
  const map = new Map<unknown, unknown>();
  if (node instanceof Map) {
    for (const [k, v] of node) map.set(k, readValue(v));
    return map;
  }
  for (const k in node) {
    // JS objects list index-like keys ("1", "2") first, in numeric order, not in the document's.
    if (isIndexLike(k)) throw NEEDS_EXACT_READ;
    map.set(k, readValue(node[k]));
  }
  return map;
}

/** Without schema: booleans, strings, integers as INT64, other numbers as FLOAT64, arrays, objects as MAPs. */
function readSchemaless(node: unknown): unknown {
  switch (typeof node) {
    case 'boolean':
    case 'string':
      return node;
    case 'number':
      return Number.isInteger(node) ? longValue(node) : node;
    case 'undefined':
      return null;
  }
  if (node === null) return null;
  if (node instanceof JsonNumber) return node.integral ? longValue(node) : doubleValue(node);
  if (Array.isArray(node)) {
    const list = new Array(node.length);
    for (let i = 0; i < node.length; i++) list[i] = readSchemaless(node[i]);
    return list;
  }
  return objectToMap(node as JsonObject, readSchemaless);
}

function readDecimal(schema: Schema, node: unknown): BigDecimal {
  if (typeof node === 'number') throw NEEDS_EXACT_READ;
  if (node instanceof JsonNumber) return BigDecimal.parse(node.text);
  if (typeof node === 'string') {
    try {
      const bytes = decodeBase64(node);
      if (bytes === null) throw new SyntaxError('Illegal base64 text');
      return Decimal.toLogical(schema, bytes);
    } catch (err) {
      throw new DataError('Invalid bytes for Decimal field', { cause: err });
    }
  }
  throw new DataError(
    `Invalid type for Decimal, underlying representation should be numeric or bytes but was ${nodeType(node)}`,
  );
}

/** An int node's value for Date and Time (Kafka's isInt check; an integral-valued number is accepted). */
function intNodeValue(node: unknown, logicalName: string): number {
  const value = typeof node === 'number' ? node : node instanceof JsonNumber ? node.toNumber() : Number.NaN;
  if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
    throw new DataError(
      `Invalid type for ${logicalName}, underlying representation should be integer but was ${nodeType(node)}`,
    );
  }
  return value;
}

export function isObjectNode(node: unknown): node is JsonObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && !(node instanceof JsonNumber);
}

/** A member of a JSON object, undefined when absent (never an Object.prototype property). */
export function member(node: JsonObject, key: string): unknown {
  if (node instanceof Map) return node.get(key);
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

export function entriesOf(node: JsonObject): Iterable<[string, unknown]> {
  return node instanceof Map ? node : Object.entries(node);
}

/** Whether JS would list this key out of document order (a canonical array index). */
function isIndexLike(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && /^(0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}

/** Whether a plain object has a key JS lists out of document order. */
export function hasIndexLikeKey(node: Record<string, unknown>): boolean {
  for (const key in node) if (isIndexLike(key)) return true;
  return false;
}

/** Jackson's JsonNodeType name of a node, for messages. */
export function nodeType(node: unknown): string {
  if (node === undefined) return 'MISSING';
  if (node === null) return 'NULL';
  if (typeof node === 'boolean') return 'BOOLEAN';
  if (typeof node === 'number' || node instanceof JsonNumber) return 'NUMBER';
  if (typeof node === 'string') return 'STRING';
  if (Array.isArray(node)) return 'ARRAY';
  return 'OBJECT';
}

/**
 * Kafka's isIntegralNumber(), for Timestamp values and schema versions: here any integral-valued
 * number (so 1.0E12 too, which Jackson reads as a decimal), the same whichever reader read it.
 */
export function isIntegralNode(node: unknown): boolean {
  if (typeof node === 'number') return Number.isInteger(node);
  return node instanceof JsonNumber && (node.integral || Number.isInteger(node.toNumber()));
}

export function numberValue(node: unknown): number {
  return typeof node === 'number' ? node : node instanceof JsonNumber ? node.toNumber() : 0;
}

const TWO_TO_53 = 2 ** 53;

/** Jackson's intValue(): a number's integral part, wrapped to 32 bits; 0 for non-numbers. */
function intValue(node: unknown): number {
  if (typeof node === 'number') {
    if (node < TWO_TO_53 && node > -TWO_TO_53) return Math.trunc(node) | 0;
    throw NEEDS_EXACT_READ;
  }
  if (node instanceof JsonNumber) return Number(BigInt.asIntN(32, integralPart(node)));
  return 0;
}

/** Jackson's longValue(): a number's integral part, wrapped to 64 bits (a number when safe, else a bigint); 0 for non-numbers. */
function longValue(node: unknown): number | bigint {
  if (typeof node === 'number') {
    if (node < TWO_TO_53 && node > -TWO_TO_53) return Math.trunc(node) + 0;
    throw NEEDS_EXACT_READ;
  }
  if (node instanceof JsonNumber) {
    const value = BigInt.asIntN(64, integralPart(node));
    return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
  }
  return 0;
}

/** Jackson's doubleValue(): the nearest double (never -0: Kafka reads through BigDecimal, which has none); 0 for non-numbers. */
function doubleValue(node: unknown): number {
  if (typeof node === 'number') return node + 0;
  if (node instanceof JsonNumber) return node.toNumber() + 0;
  return 0;
}

/** The exact integral part of a JSON number (Java's BigDecimal#toBigInteger). */
function integralPart(node: JsonNumber): bigint {
  if (node.integral) return BigInt(node.text);
  const { unscaled, scale } = BigDecimal.parse(node.text);
  if (unscaled === 0n) return 0n;
  if (scale <= 0) {
    // From 10^64 on, the low 64 bits (all that int and long keep) are zero.
    return -scale >= 64 ? 0n : unscaled * 10n ** BigInt(-scale);
  }
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().length;
  return scale >= digits ? 0n : unscaled / 10n ** BigInt(scale);
}

const BASE64_SIMPLE = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_WITH_SPACES = /^(?:[\x00-\x20]*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==))*[\x00-\x20]*$/;

/** Base64 as Jackson reads it (padding required, whitespace between quads allowed); null when malformed. */
function decodeBase64(text: string): Uint8Array | null {
  const simple = text.length % 4 === 0 && BASE64_SIMPLE.test(text);
  if (!simple && !BASE64_WITH_SPACES.test(text)) return null;
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
