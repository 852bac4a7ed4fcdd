import {
  BigDecimal,
  type ConfigDef,
  ConnectDate,
  ConnectSchema,
  ConnectTime,
  ConnectTimestamp,
  type Converter,
  ConverterType,
  DataError,
  Decimal,
  type Field,
  type HeaderConverter,
  javaClassName,
  keySchemaOrNull,
  type Schema,
  SchemaAndValue,
  SchemaBuilder,
  Struct,
  schemaEquals,
  Type,
  valueSchemaOrNull,
} from '../../api';
import { TYPE_CONFIG, withConverterType } from '../converter-config';
import { LruCache } from '../lru-cache';
import { decodeUtf8 } from '../utf8';
import { KAFKA_VERSION } from '../version';
import { DecimalFormat, JsonConverterConfig } from './json-converter-config';
import { JsonNumber, readJson } from './json-reader';
import { CONNECT_TYPES, JSON_TYPE_NAMES, JsonSchema } from './json-schema';
import {
  entriesOf,
  hasIndexLikeKey,
  isIntegralNode,
  isObjectNode,
  type JsonObject,
  member,
  NEEDS_EXACT_READ,
  numberValue,
  type ValueReader,
  ValueReaders,
} from './json-value-reader';
import { jsonBase64, jsonDouble, jsonFloat, jsonInteger, quoteJsonString } from './json-writer';

const ENVELOPE_ERROR =
  'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.' +
  ' If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.';
const READ_ERROR = 'Converting byte[] to Kafka Connect data failed due to serialization error: ';

/** The text before the schema in Kafka's own compact envelope, and between schema and payload. */
const ENVELOPE_HEAD = '{"schema":';
const ENVELOPE_MIDDLE = ',"payload":';

/** A schema as written: its JSON, and the envelope's bytes up to the payload. */
interface WrittenSchema {
  readonly schema: Schema;
  readonly json: string;
  readonly head: Buffer;
}

const NULL_SCHEMA_HEAD = Buffer.from(`${ENVELOPE_HEAD}null${ENVELOPE_MIDDLE}`, 'utf8');

/** A schema read from JSON, with its compiled value reader. */
interface ReadSchemaEntry {
  readonly schema: Schema | null;
  readonly read: ValueReader;
  /** Set once a payload of this schema needed the exact reader: later ones go there directly. */
  exact: boolean;
  /** The bytes `{"schema":S,"payload":` of Kafka's compact envelope with this schema, once seen. */
  prefix: Buffer | null;
}

/**
 * Kafka's JsonConverter: Connect data to JSON and back, with the `{"schema": ..., "payload": ...}`
 * envelope when `schemas.enable` is true (the default). Its bytes match Kafka's for the same data,
 * including Jackson's number and string forms (see json-writer.ts). Also a HeaderConverter.
 *
 * Reading takes the native `JSON.parse` path and falls back to an exact reader only when a value
 * needs digits JSON.parse loses (INT64 beyond 2^53, NUMERIC decimals). Schemas are cached both ways
 * (`schemas.cache.size`, LRU), and the schema of Kafka's own compact envelope is recognised by its
 * text, so a batch of records sharing a schema parses only their payloads.
 */
export class JsonConverter implements Converter, HeaderConverter {
  static readonly className = 'org.apache.kafka.connect.json.JsonConverter';

  private schemasEnabled = true;
  private decimalNumeric = false;
  private replaceNullWithDefault = true;
  private fromConnectSchemaCache = new LruCache<number, WrittenSchema[]>(1000);
  private lastWritten: WrittenSchema | null = null;
  private toConnectSchemaCache = new LruCache<string, ReadSchemaEntry>(1000);
  private lastRead: ReadSchemaEntry | null = null;
  private readers = new ValueReaders(true);

  constructor() {
    this.applyConfig(new JsonConverterConfig({ [TYPE_CONFIG]: ConverterType.VALUE }));
  }

  version(): string {
    return KAFKA_VERSION;
  }

  config(): ConfigDef {
    return JsonConverterConfig.configDef();
  }

  /**
   * Configures from the converter's properties. With `isKey` (the Converter form) `converter.type`
   * is set to key or value; without it (the HeaderConverter form) the configs must carry it.
   * @throws ConfigError for invalid or missing keys
   */
  configure(configs: Readonly<Record<string, unknown>>, isKey?: boolean): void {
    this.applyConfig(new JsonConverterConfig(withConverterType(configs, isKey)));
  }

  private applyConfig(config: JsonConverterConfig): void {
    this.schemasEnabled = config.schemasEnabled;
    this.decimalNumeric = config.decimalFormat === DecimalFormat.NUMERIC;
    this.replaceNullWithDefault = config.replaceNullWithDefault;
    this.fromConnectSchemaCache = new LruCache(config.schemaCacheSize);
    this.lastWritten = null;
    this.toConnectSchemaCache = new LruCache(config.schemaCacheSize);
    this.lastRead = null;
    this.readers = new ValueReaders(config.replaceNullWithDefault);
  }

  /** The number of schemas cached for writing (Kafka's sizeOfFromConnectSchemaCache, for tests). */
  sizeOfFromConnectSchemaCache(): number {
    let size = 0;
    for (const bucket of this.fromConnectSchemaCache.values()) size += bucket.length;
    return size;
  }

  /** The number of schemas cached for reading (Kafka's sizeOfToConnectSchemaCache, for tests). */
  sizeOfToConnectSchemaCache(): number {
    return this.toConnectSchemaCache.size;
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, value);
  }

  /**
   * Connect data to JSON bytes; null schema and null value give null (a tombstone).
   * @throws DataError when the value does not fit the schema, or has no JSON form
   */
  fromConnectData(_topic: string, schema: Schema | null, value: unknown): Uint8Array | null {
    if (schema === null && (value === null || value === undefined)) return null;
    const payload = this.toJson(schema, value) ?? 'null';
    if (!this.schemasEnabled) return Buffer.from(payload, 'utf8');
    // The envelope up to the payload is encoded once per schema; each record encodes its payload only.
    const head = schema ? this.writtenSchema(schema).head : NULL_SCHEMA_HEAD;
    const out = Buffer.allocUnsafe(head.length + Buffer.byteLength(payload, 'utf8') + 1);
    head.copy(out, 0);
    const end = head.length + out.write(payload, head.length, 'utf8');
    out[end] = 0x7d; /* } */
    return out;
  }

  /**
   * JSON bytes to Connect data; null gives SchemaAndValue.NULL. With schemas enabled the input must
   * be the envelope; without, the schema is null and values are inferred (integers INT64, other
   * numbers FLOAT64, objects MAPs).
   * @throws DataError for malformed JSON, a missing envelope, or a payload that does not fit its schema
   */
  toConnectData(_topic: string, value: Uint8Array | null): SchemaAndValue {
    if (value === null || value === undefined) return SchemaAndValue.NULL;
    if (!this.schemasEnabled) return this.readSchemaless(decodeUtf8(value));
    return this.readSameEnvelopeBytes(value) ?? this.readEnvelope(decodeUtf8(value));
  }

  // ---------------------------------------------------------------------------------------------
  // Connect -> JSON

  /**
   * The JSON text of a schema (Kafka's asJsonSchema), with Kafka's member order: type, then items |
   * keys, values | fields, then optional, name, version, doc, parameters, default; each struct
   * field is its schema with "field" appended last.
   */
  asJsonSchema(schema: Schema): string {
    return this.writtenSchema(schema).json;
  }

  /** The cached JSON of a schema, and the bytes of the envelope up to its payload. */
  private writtenSchema(schema: Schema): WrittenSchema {
    const last = this.lastWritten;
    if (last !== null && last.schema === schema) return last;
    const hash = schema instanceof ConnectSchema ? schema.hashCode() : 0;
    const bucket = this.fromConnectSchemaCache.get(hash);
    let entry = bucket?.find((e) => e.schema === schema || schemaEquals(e.schema, schema));
    if (!entry) {
      const json = this.schemaToJson(schema);
      entry = { schema, json, head: Buffer.from(`${ENVELOPE_HEAD}${json}${ENVELOPE_MIDDLE}`, 'utf8') };
      if (bucket) bucket.push(entry);
      else this.fromConnectSchemaCache.put(hash, [entry]);
    }
    this.lastWritten = entry;
    return entry;
  }

  private schemaToJson(schema: Schema): string {
    let out = `{"type":"${JSON_TYPE_NAMES[schema.type]}"`;
    switch (schema.type) {
      case Type.ARRAY:
        out += `,"items":${this.nestedSchemaJson(valueSchemaOrNull(schema))}`;
        break;
      case Type.MAP:
        out += `,"keys":${this.nestedSchemaJson(keySchemaOrNull(schema))}`;
        out += `,"values":${this.nestedSchemaJson(valueSchemaOrNull(schema))}`;
        break;
      case Type.STRUCT:
        out += ',"fields":[';
        schema.fields().forEach((field, i) => {
          const fieldJson = this.schemaToJson(field.schema);
          out += `${i > 0 ? ',' : ''}${fieldJson.slice(0, -1)},"field":${quoteJsonString(field.name)}}`;
        });
        out += ']';
        break;
    }
    out += `,"optional":${schema.optional}`;
    if (schema.name !== null) out += `,"name":${quoteJsonString(schema.name)}`;
    if (schema.version !== null) out += `,"version":${schema.version}`;
    if (schema.doc !== null) out += `,"doc":${quoteJsonString(schema.doc)}`;
    if (schema.parameters !== null) {
      const entries = Object.entries(schema.parameters).map(([k, v]) => `${quoteJsonString(k)}:${quoteJsonString(v)}`);
      out += `,"parameters":{${entries.join(',')}}`;
    }
    if (schema.defaultValue !== null && schema.defaultValue !== undefined) {
      out += `,"default":${this.toJson(schema, schema.defaultValue)}`;
    }
    return `${out}}`;
  }

  /** A nested schema; Kafka writes a missing one (an ARRAY or MAP parsed by Values) as null. */
  private nestedSchemaJson(schema: Schema | null): string {
    return schema ? this.schemaToJson(schema) : 'null';
  }

  /**
   * The JSON text of a value (Kafka's convertToJson); null only for a null value without schema
   * (which containers write as null).
   */
  private toJson(schema: Schema | null, value: unknown): string | null {
    if (value === null || value === undefined) {
      if (schema === null) return null;
      if (schema.defaultValue !== null && schema.defaultValue !== undefined && this.replaceNullWithDefault) {
        return this.toJson(schema, schema.defaultValue);
      }
      if (schema.optional) return 'null';
      throw new DataError('Conversion error: null value for field that is required and has no default value');
    }
    if (schema === null) return this.schemalessToJson(value);
    if (schema.name !== null) {
      const logical = this.logicalToJson(schema, value);
      if (logical !== undefined) return logical;
    }
    switch (schema.type) {
      case Type.INT8:
      case Type.INT16:
      case Type.INT32:
        if (typeof value === 'number' && Number.isInteger(value)) return String(value);
        break;
      case Type.INT64:
        if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)))
          return jsonInteger(value);
        break;
      case Type.FLOAT32:
        if (typeof value === 'number') return jsonFloat(value);
        break;
      case Type.FLOAT64:
        if (typeof value === 'number') return jsonDouble(value);
        break;
      case Type.BOOLEAN:
        if (typeof value === 'boolean') return value ? 'true' : 'false';
        break;
      case Type.STRING:
        if (typeof value === 'string') return quoteJsonString(value);
        break;
      case Type.BYTES:
        if (value instanceof Uint8Array) return jsonBase64(value);
        throw new DataError(`Invalid type for bytes type: class ${javaClassName(value)}`);
      case Type.ARRAY:
        if (Array.isArray(value)) return this.arrayToJson(valueSchemaOrNull(schema), value);
        break;
      case Type.MAP:
        if (value instanceof Map) return this.mapToJson(schema, value);
        break;
      case Type.STRUCT:
        if (value instanceof Struct) return this.structToJson(schema, value);
        break;
    }
    throw new DataError(`Invalid type for ${schema.type}: class ${javaClassName(value)}`);
  }

  /** A value without schema, typed by its JS type (Kafka's ConnectSchema.schemaType of its class). */
  private schemalessToJson(value: unknown): string | null {
    switch (typeof value) {
      case 'string':
        return quoteJsonString(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'bigint':
        return jsonInteger(value);
      case 'number':
        // A safe integer stands for a Java Long; any other number for a Double (a long never needs more).
        return Number.isSafeInteger(value) ? String(value) : jsonDouble(value);
    }
    if (value instanceof Uint8Array) return jsonBase64(value);
    if (Array.isArray(value)) return this.arrayToJson(null, value);
    if (value instanceof Map) return this.mapToJson(null, value);
    if (value instanceof Struct) throw new DataError('Mismatching schema.');
    throw new DataError(`Java class class ${javaClassName(value)} does not have corresponding schema type.`);
  }

  private logicalToJson(schema: Schema, value: unknown): string | undefined {
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        if (!(value instanceof BigDecimal)) {
          throw new DataError(`Invalid type for Decimal, expected BigDecimal but was class ${javaClassName(value)}`);
        }
        return this.decimalNumeric ? value.toString() : jsonBase64(Decimal.fromLogical(schema, value));
      case ConnectDate.LOGICAL_NAME:
        if (!(value instanceof Date)) {
          throw new DataError(`Invalid type for Date, expected Date but was class ${javaClassName(value)}`);
        }
        return String(ConnectDate.fromLogical(schema, value));
      case ConnectTime.LOGICAL_NAME:
        if (!(value instanceof Date)) {
          throw new DataError(`Invalid type for Time, expected Date but was class ${javaClassName(value)}`);
        }
        return String(ConnectTime.fromLogical(schema, value));
      case ConnectTimestamp.LOGICAL_NAME:
        if (!(value instanceof Date)) {
          throw new DataError(`Invalid type for Timestamp, expected Date but was class ${javaClassName(value)}`);
        }
        return String(ConnectTimestamp.fromLogical(schema, value));
      default:
        return undefined;
    }
  }

  private arrayToJson(elementSchema: Schema | null, list: readonly unknown[]): string {
    let out = '[';
    for (let i = 0; i < list.length; i++) {
      if (i > 0) out += ',';
      out += this.toJson(elementSchema, list[i]) ?? 'null';
    }
    return `${out}]`;
  }

  /** String-keyed maps as JSON objects; others as arrays of [key, value] pairs (Kafka's two map forms). */
  private mapToJson(schema: Schema | null, map: ReadonlyMap<unknown, unknown>): string {
    const keySchema = schema === null ? null : keySchemaOrNull(schema);
    const valueSchema = schema === null ? null : valueSchemaOrNull(schema);
    // Without a key schema (schemaless, or a map schema Values parsed) the keys decide, as in Kafka's schemaless case.
    let objectMode = keySchema === null;
    if (keySchema !== null) {
      objectMode = keySchema.type === Type.STRING;
    } else {
      for (const key of map.keys()) {
        if (typeof key !== 'string') {
          objectMode = false;
          break;
        }
      }
    }
    let out = objectMode ? '{' : '[';
    let first = true;
    for (const [k, v] of map) {
      if (!first) out += ',';
      first = false;
      const key = this.toJson(keySchema, k) ?? 'null';
      const value = this.toJson(valueSchema, v) ?? 'null';
      // Kafka names the member by the key node's text (asText): a string key as itself, null as "null".
      out += objectMode ? `${key === 'null' ? '"null"' : key}:${value}` : `[${key},${value}]`;
    }
    return out + (objectMode ? '}' : ']');
  }

  private structToJson(schema: Schema, struct: Struct): string {
    if (struct.schema !== schema && !schemaEquals(struct.schema, schema)) throw new DataError('Mismatching schema.');
    const fields = schema.fields();
    const names = memberNames(fields);
    let out = '{';
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as (typeof fields)[number];
      out += `${names[i]}${this.toJson(field.schema, struct.getWithoutDefault(field)) ?? 'null'}`;
    }
    return `${out}}`;
  }

  // ---------------------------------------------------------------------------------------------
  // JSON -> Connect

  private readSchemaless(text: string): SchemaAndValue {
    let node: unknown;
    try {
      node = JSON.parse(text);
    } catch {
      return this.readExact(text, false);
    }
    try {
      return result(null, this.readers.readerFor(null)(node));
    } catch (err) {
      if (err === NEEDS_EXACT_READ) return this.readExact(text, false);
      throw err;
    }
  }

  /**
   * The fastest path, for Kafka's own compact envelope `{"schema":S,"payload":P}` whose bytes up to
   * P are the previous such record's: one memcmp, then only P is decoded and parsed. Undefined when
   * the record is not of that form or P is not plain JSON; the text paths then read it.
   */
  private readSameEnvelopeBytes(bytes: Uint8Array): SchemaAndValue | undefined {
    const entry = this.lastRead;
    if (entry === null || entry.prefix === null) return undefined;
    const start = entry.prefix.length;
    let end = bytes.length;
    while (end > start && isJsonWhitespace(bytes[end - 1] as number)) end--;
    if (end <= start || bytes[end - 1] !== 0x7d /* } */) return undefined;
    if (!startsWith(bytes, entry.prefix)) return undefined;
    if (entry.exact) return this.readExact(decodeUtf8(bytes), true, entry);
    let payload: unknown = plainJsonString(bytes, start, end - 1);
    if (payload === null) {
      try {
        payload = JSON.parse(decodeUtf8(bytes, start, end - 1));
      } catch {
        return undefined;
      }
    }
    try {
      return result(entry.schema, entry.read(payload));
    } catch (err) {
      if (err !== NEEDS_EXACT_READ) throw err;
      // This schema's payloads need the exact reader (big INT64s, NUMERIC decimals): go there directly from now on.
      entry.exact = true;
      return this.readExact(decodeUtf8(bytes), true, entry);
    }
  }

  private readEnvelope(text: string): SchemaAndValue {
    if (text.startsWith(ENVELOPE_HEAD)) {
      const fast = this.readCompactEnvelope(text);
      if (fast !== undefined) return fast;
    }
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch {
      return this.readExact(text, true);
    }
    if (!isPlainObject(root) || !hasExactlyEnvelopeKeys(root)) throw new DataError(ENVELOPE_ERROR);
    let entry: ReadSchemaEntry | undefined;
    try {
      const schemaNode = root.schema;
      entry = this.readSchemaEntry(JSON.stringify(schemaNode), schemaNode);
      if (entry.exact) return this.readExact(text, true, entry);
      return result(entry.schema, entry.read(root.payload));
    } catch (err) {
      if (err !== NEEDS_EXACT_READ) throw err;
      if (entry) entry.exact = true;
      return this.readExact(text, true, entry);
    }
  }

  /**
   * The compact envelope's text path: S is found by structure and looked up by its text in the
   * cache, so only P is parsed, and the record's prefix is kept for readSameEnvelopeBytes.
   * Undefined when the text is not in that form, or anything is off: the general path then reads
   * it, and reports errors.
   */
  private readCompactEnvelope(text: string): SchemaAndValue | undefined {
    const schemaEnd = skipJsonValue(text, ENVELOPE_HEAD.length);
    if (schemaEnd < 0 || !text.startsWith(ENVELOPE_MIDDLE, schemaEnd)) return undefined;
    let end = text.length;
    while (end > 0 && isJsonWhitespace(text.charCodeAt(end - 1))) end--;
    if (text.charCodeAt(end - 1) !== 0x7d /* } */) return undefined;
    const schemaText = text.slice(ENVELOPE_HEAD.length, schemaEnd);
    let entry: ReadSchemaEntry;
    try {
      entry = this.readSchemaEntry(schemaText, () => JSON.parse(schemaText));
    } catch {
      return undefined;
    }
    entry.prefix ??= Buffer.from(`${ENVELOPE_HEAD}${schemaText}${ENVELOPE_MIDDLE}`, 'utf8');
    this.lastRead = entry;
    if (entry.exact) return this.readExact(text, true, entry);
    let payload: unknown;
    try {
      payload = JSON.parse(text.slice(schemaEnd + ENVELOPE_MIDDLE.length, end - 1));
    } catch {
      return undefined;
    }
    try {
      return result(entry.schema, entry.read(payload));
    } catch (err) {
      if (err !== NEEDS_EXACT_READ) throw err;
      entry.exact = true;
      return this.readExact(text, true, entry);
    }
  }

  /**
   * Reads with the exact reader (numbers keep their digits, objects their order). `known` is the
   * envelope's schema when a faster path already read it.
   */
  private readExact(text: string, envelope: boolean, known?: ReadSchemaEntry): SchemaAndValue {
    let root: unknown;
    try {
      root = readJson(text);
    } catch (err) {
      throw new DataError(READ_ERROR, { cause: err });
    }
    if (!envelope) return result(null, this.readers.readerFor(null)(root));
    if (
      !(root instanceof Map) ||
      root.size !== 2 ||
      !root.has(JsonSchema.ENVELOPE_SCHEMA_FIELD_NAME) ||
      !root.has(JsonSchema.ENVELOPE_PAYLOAD_FIELD_NAME)
    ) {
      throw new DataError(ENVELOPE_ERROR);
    }
    const schemaNode = root.get(JsonSchema.ENVELOPE_SCHEMA_FIELD_NAME);
    const entry = known ?? this.readSchemaEntry(`exact:${exactText(schemaNode)}`, schemaNode);
    return result(entry.schema, entry.read(root.get(JsonSchema.ENVELOPE_PAYLOAD_FIELD_NAME)));
  }

  /**
   * The cached schema for a schema node, keyed by its JSON text; built and cached when absent.
   * `node` may be a function giving the node, so a cache hit parses nothing.
   * May throw NEEDS_EXACT_READ (parameter names out of document order): callers then read exactly.
   */
  private readSchemaEntry(key: string, node: unknown): ReadSchemaEntry {
    const cached = this.toConnectSchemaCache.get(key);
    if (cached !== undefined) return cached;
    const schema = this.asConnectSchema(typeof node === 'function' ? node() : node);
    const entry: ReadSchemaEntry = { schema, read: this.readers.readerFor(schema), exact: false, prefix: null };
    this.toConnectSchemaCache.put(key, entry);
    return entry;
  }

  /**
   * A Connect schema from its JSON form (Kafka's asConnectSchema); null for JSON null.
   * @throws DataError for an unknown type or a malformed schema
   */
  asConnectSchema(node: unknown): Schema | null {
    if (node === null || node === undefined) return null;
    const typeNode = isObjectNode(node) ? member(node, JsonSchema.SCHEMA_TYPE_FIELD_NAME) : undefined;
    if (typeof typeNode !== 'string') throw new DataError("Schema must contain 'type' field");
    const object = node as JsonObject;
    const type = CONNECT_TYPES.get(typeNode);
    let builder: SchemaBuilder;
    switch (type) {
      case undefined:
        throw new DataError(`Unknown schema type: ${typeNode}`);
      case Type.ARRAY: {
        const items = member(object, JsonSchema.ARRAY_ITEMS_FIELD_NAME);
        if (items === null || items === undefined) throw new DataError('Array schema did not specify the element type');
        builder = SchemaBuilder.array(this.asConnectSchema(items) as Schema);
        break;
      }
      case Type.MAP: {
        const keys = member(object, JsonSchema.MAP_KEY_FIELD_NAME);
        if (keys === undefined) throw new DataError('Map schema did not specify the key type');
        const values = member(object, JsonSchema.MAP_VALUE_FIELD_NAME);
        if (values === undefined) throw new DataError('Map schema did not specify the value type');
        builder = SchemaBuilder.map(this.asConnectSchema(keys) as Schema, this.asConnectSchema(values) as Schema);
        break;
      }
      case Type.STRUCT: {
        builder = SchemaBuilder.struct();
        const fields = member(object, JsonSchema.STRUCT_FIELDS_FIELD_NAME);
        if (!Array.isArray(fields)) throw new DataError('Struct schema\'s "fields" argument is not an array.');
        for (const field of fields) {
          const name = isObjectNode(field) ? member(field, JsonSchema.STRUCT_FIELD_NAME_FIELD_NAME) : undefined;
          if (typeof name !== 'string') throw new DataError("Struct schema's field name not specified properly");
          builder.field(name, this.asConnectSchema(field) as Schema);
        }
        break;
      }
      default:
        builder = SchemaBuilder.type(type);
    }

    if (member(object, JsonSchema.SCHEMA_OPTIONAL_FIELD_NAME) === true) builder.optional();
    else builder.required();

    const name = member(object, JsonSchema.SCHEMA_NAME_FIELD_NAME);
    if (typeof name === 'string') builder.name(name);

    const version = member(object, JsonSchema.SCHEMA_VERSION_FIELD_NAME);
    if (isIntegralNode(version)) builder.version(numberValue(version) | 0);

    const doc = member(object, JsonSchema.SCHEMA_DOC_FIELD_NAME);
    if (typeof doc === 'string') builder.doc(doc);

    const params = member(object, JsonSchema.SCHEMA_PARAMETERS_FIELD_NAME);
    if (isObjectNode(params)) {
      if (!(params instanceof Map) && hasIndexLikeKey(params)) throw NEEDS_EXACT_READ;
      for (const [key, value] of entriesOf(params)) {
        if (typeof value !== 'string') throw new DataError('Schema parameters must have string values.');
        builder.parameter(key, value);
      }
    }

    const defaultNode = member(object, JsonSchema.SCHEMA_DEFAULT_FIELD_NAME);
    if (defaultNode !== undefined) builder.defaultValue(this.readers.readerFor(builder.build())(defaultNode));

    return builder.build();
  }
}

const MEMBER_NAMES = new WeakMap<readonly Field[], string[]>();

/** The `"name":` prefixes of a struct's members, made once per schema. */
function memberNames(fields: readonly Field[]): string[] {
  let names = MEMBER_NAMES.get(fields);
  if (names === undefined) {
    names = fields.map((f, i) => `${i > 0 ? ',' : ''}${quoteJsonString(f.name)}:`);
    MEMBER_NAMES.set(fields, names);
  }
  return names;
}

function result(schema: Schema | null, value: unknown): SchemaAndValue {
  return schema === null && (value === null || value === undefined)
    ? SchemaAndValue.NULL
    : new SchemaAndValue(schema, value);
}

function isPlainObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function hasExactlyEnvelopeKeys(root: Record<string, unknown>): boolean {
  let count = 0;
  for (const _ in root) count++;
  return count === 2 && Object.hasOwn(root, 'schema') && Object.hasOwn(root, 'payload');
}

/**
 * The value of a JSON string literal spanning exactly bytes[start, end) when it holds only printable
 * ASCII and no escape (a typical string key's payload): what JSON.parse gives for it, without
 * decoding and parsing. Null for anything else, which JSON.parse then reads.
 */
function plainJsonString(bytes: Uint8Array, start: number, end: number): string | null {
  if (end - start < 2 || end - start > 256 || bytes[start] !== 0x22 || bytes[end - 1] !== 0x22) return null;
  let text = '';
  for (let i = start + 1; i < end - 1; i++) {
    const c = bytes[i] as number;
    // Control characters are invalid in JSON strings, quotes end them, backslashes escape.
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return null;
    text += String.fromCharCode(c);
  }
  return text;
}

/**
 * Whether `bytes` begins with `prefix`. Buffer#compare's argument checks cost more than comparing a
 * short prefix (a key's schema) in JavaScript; a long one (a struct's) is compared natively.
 */
function startsWith(bytes: Uint8Array, prefix: Buffer): boolean {
  const length = prefix.length;
  if (bytes.length < length) return false;
  if (length > 64) return prefix.compare(bytes, 0, length) === 0;
  for (let i = 0; i < length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The end of the JSON value starting at `pos` (just past it), found by structure alone (strings,
 * brackets); -1 when it does not end. The value is parsed afterwards, which catches what this skips.
 */
function skipJsonValue(text: string, pos: number): number {
  const first = text.charCodeAt(pos);
  if (first === 0x22) return skipString(text, pos);
  if (first !== 0x7b && first !== 0x5b) {
    let i = pos;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x2c || c === 0x7d || c === 0x5d || isJsonWhitespace(c)) break;
      i++;
    }
    return i > pos ? i : -1;
  }
  let depth = 0;
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = skipString(text, i) - 1;
      if (i < 0) return -1;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Just past the string starting at `pos` (a quote); -1 when it does not end. */
function skipString(text: string, pos: number): number {
  let i = pos + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let j = quote - 1; j > pos && text.charCodeAt(j) === 0x5c; j--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** A canonical text of an exact-reader node, to key the schema cache. */
function exactText(node: unknown): string {
  if (node instanceof JsonNumber) return node.text;
  if (node instanceof Map) return `{${[...node].map(([k, v]) => `${JSON.stringify(k)}:${exactText(v)}`).join(',')}}`;
  if (Array.isArray(node)) return `[${node.map(exactText).join(',')}]`;
  return JSON.stringify(node ?? null);
}
