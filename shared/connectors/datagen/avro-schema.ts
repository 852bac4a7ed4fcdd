import { AvroSchemaError } from './errors';

/**
 * Avro schemas as Datagen reads them: the JSON form of the Avro specification
 * (https://avro.apache.org/docs/1.11.1/specification/), parsed into a tree in which named types
 * referenced twice are the same object, with every attribute the spec does not reserve kept in
 * `props` (where "arg.properties", "logicalType" and "avro.*" live).
 */
export type AvroPrimitiveType = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

/** The JSON attributes of a schema other than those the spec reserves. */
export type AvroProps = Readonly<Record<string, unknown>>;

export interface AvroPrimitive {
  readonly type: AvroPrimitiveType;
  /** The logical type, when it applies to this type (Avro ignores one that does not, e.g. date on a long). */
  readonly logicalType: string | null;
  readonly props: AvroProps;
}

export interface AvroField {
  readonly name: string;
  readonly doc: string | null;
  readonly schema: AvroSchema;
  /** The field's default as JSON; `undefined` when it has none (JSON null is a default of null). */
  readonly defaultValue: unknown;
}

export interface AvroRecord {
  readonly type: 'record';
  readonly name: string;
  readonly namespace: string | null;
  readonly fullName: string;
  readonly doc: string | null;
  readonly fields: readonly AvroField[];
  readonly props: AvroProps;
}

export interface AvroEnum {
  readonly type: 'enum';
  readonly name: string;
  readonly namespace: string | null;
  readonly fullName: string;
  readonly doc: string | null;
  readonly symbols: readonly string[];
  readonly defaultSymbol: string | null;
  readonly props: AvroProps;
}

export interface AvroFixed {
  readonly type: 'fixed';
  readonly name: string;
  readonly namespace: string | null;
  readonly fullName: string;
  readonly size: number;
  readonly logicalType: string | null;
  readonly props: AvroProps;
}

export interface AvroArray {
  readonly type: 'array';
  readonly items: AvroSchema;
  readonly props: AvroProps;
}

export interface AvroMap {
  readonly type: 'map';
  readonly values: AvroSchema;
  readonly props: AvroProps;
}

/** A union has no attributes: it is a JSON array. */
export interface AvroUnion {
  readonly type: 'union';
  readonly types: readonly AvroSchema[];
}

export type AvroNamed = AvroRecord | AvroEnum | AvroFixed;
export type AvroSchema = AvroPrimitive | AvroRecord | AvroEnum | AvroFixed | AvroArray | AvroMap | AvroUnion;

const PRIMITIVES: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

/** Attributes with a meaning in the spec; anything else is a property (Avro's Schema.SCHEMA_RESERVED). */
const RESERVED: ReadonlySet<string> = new Set([
  'doc',
  'fields',
  'items',
  'name',
  'namespace',
  'size',
  'symbols',
  'values',
  'type',
  'aliases',
]);

/** The logical types Avro applies to each base type; any other is ignored, as Avro does. */
const LOGICAL_TYPES: Readonly<Record<string, ReadonlySet<string>>> = {
  int: new Set(['date', 'time-millis']),
  long: new Set([
    'timestamp-millis',
    'timestamp-micros',
    'time-micros',
    'local-timestamp-millis',
    'local-timestamp-micros',
  ]),
  bytes: new Set(['decimal']),
  fixed: new Set(['decimal', 'duration']),
  string: new Set(['uuid']),
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses the text of an Avro schema. Comments (`//` and `/* *\/`) are allowed, as Avro's Jackson
 * parser allows them (Confluent's clickstream quickstart has some).
 * @throws AvroSchemaError when the text is not JSON or not a valid schema
 */
export function parseAvroSchemaText(text: string): AvroSchema {
  let json: unknown;
  try {
    json = JSON.parse(stripComments(text));
  } catch (err) {
    throw new AvroSchemaError(`Invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseAvroSchema(json);
}

/**
 * Parses an Avro schema given as parsed JSON (a type name, a union array or a schema object).
 * @throws AvroSchemaError when it is not a valid schema
 */
export function parseAvroSchema(json: unknown): AvroSchema {
  return new Parser().parse(json, null);
}

/** An Avro type's name for messages: the full name of a named type, else the type. */
export function avroTypeName(schema: AvroSchema): string {
  return 'fullName' in schema ? schema.fullName : schema.type;
}

class Parser {
  private readonly names = new Map<string, AvroNamed>();

  parse(json: unknown, namespace: string | null): AvroSchema {
    if (typeof json === 'string') return this.byName(json, namespace);
    if (Array.isArray(json)) return this.union(json, namespace);
    if (json !== null && typeof json === 'object') return this.object(json as Record<string, unknown>, namespace);
    throw new AvroSchemaError(`Not a schema: ${JSON.stringify(json)}`);
  }

  private byName(name: string, namespace: string | null): AvroSchema {
    if (PRIMITIVES.has(name)) return { type: name as AvroPrimitiveType, logicalType: null, props: {} };
    const named =
      (!name.includes('.') && namespace ? this.names.get(`${namespace}.${name}`) : undefined) ?? this.names.get(name);
    if (!named) throw new AvroSchemaError(`Undefined name: ${JSON.stringify(name)}`);
    return named;
  }

  private union(members: unknown[], namespace: string | null): AvroUnion {
    const types = members.map((member) => this.parse(member, namespace));
    const seen = new Set<string>();
    for (const type of types) {
      if (type.type === 'union') throw new AvroSchemaError('Unions may not immediately contain other unions');
      const key = avroTypeName(type);
      if (seen.has(key)) throw new AvroSchemaError(`Duplicate in union: ${key}`);
      seen.add(key);
    }
    return { type: 'union', types };
  }

  private object(json: Record<string, unknown>, namespace: string | null): AvroSchema {
    const type = json.type;
    const props = propsOf(json);
    if (typeof type !== 'string') {
      // {"type": {...}} or {"type": [...]}: the nested schema, as Avro reads it.
      if (type !== null && typeof type === 'object') return this.parse(type, namespace);
      throw new AvroSchemaError(`No type: ${JSON.stringify(json)}`);
    }
    if (PRIMITIVES.has(type)) {
      return { type: type as AvroPrimitiveType, logicalType: logicalTypeOf(type, props), props };
    }
    switch (type) {
      case 'record':
      case 'error':
        return this.record(json, namespace, props);
      case 'enum':
        return this.enumeration(json, namespace, props);
      case 'fixed':
        return this.fixed(json, namespace, props);
      case 'array':
        if (!('items' in json)) throw new AvroSchemaError(`Array has no items type: ${JSON.stringify(json)}`);
        return { type: 'array', items: this.parse(json.items, namespace), props };
      case 'map':
        if (!('values' in json)) throw new AvroSchemaError(`Map has no values type: ${JSON.stringify(json)}`);
        return { type: 'map', values: this.parse(json.values, namespace), props };
      default:
        return this.byName(type, namespace);
    }
  }

  private record(json: Record<string, unknown>, enclosing: string | null, props: AvroProps): AvroRecord {
    const { name, namespace, fullName } = nameOf(json, enclosing, 'record');
    if (!Array.isArray(json.fields)) throw new AvroSchemaError(`Record has no fields: ${JSON.stringify(json)}`);
    const fields: AvroField[] = [];
    const record: AvroRecord = { type: 'record', name, namespace, fullName, doc: docOf(json), fields, props };
    // Registered before its fields are parsed, so that a field may refer to the record itself.
    this.define(record);
    const fieldNames = new Set<string>();
    for (const field of json.fields as unknown[]) {
      if (field === null || typeof field !== 'object' || Array.isArray(field)) {
        throw new AvroSchemaError(`Not a field: ${JSON.stringify(field)}`);
      }
      const spec = field as Record<string, unknown>;
      if (typeof spec.name !== 'string') throw new AvroSchemaError(`No field name: ${JSON.stringify(spec)}`);
      checkName(spec.name);
      if (fieldNames.has(spec.name)) throw new AvroSchemaError(`Duplicate field ${spec.name} in record ${fullName}`);
      fieldNames.add(spec.name);
      if (!('type' in spec)) throw new AvroSchemaError(`No field type: ${JSON.stringify(spec)}`);
      const schema = this.parse(spec.type, namespace);
      const defaultValue = spec.default;
      if (defaultValue !== undefined && !isValidDefault(schema, defaultValue)) {
        throw new AvroSchemaError(
          `Invalid default for field ${spec.name}: ${JSON.stringify(defaultValue)} not a ${avroTypeName(schema)}`,
        );
      }
      fields.push({ name: spec.name, doc: docOf(spec), schema, defaultValue });
    }
    return record;
  }

  private enumeration(json: Record<string, unknown>, enclosing: string | null, props: AvroProps): AvroEnum {
    const { name, namespace, fullName } = nameOf(json, enclosing, 'enum');
    const symbols = json.symbols;
    if (!Array.isArray(symbols) || symbols.some((s) => typeof s !== 'string')) {
      throw new AvroSchemaError(`Enum symbols must be an array of strings: ${JSON.stringify(json)}`);
    }
    const unique = new Set<string>();
    for (const symbol of symbols as string[]) {
      checkName(symbol);
      if (unique.has(symbol)) throw new AvroSchemaError(`Duplicate enum symbol: ${symbol}`);
      unique.add(symbol);
    }
    const defaultSymbol = typeof json.default === 'string' ? json.default : null;
    if (defaultSymbol !== null && !unique.has(defaultSymbol)) {
      throw new AvroSchemaError(`The Enum Default: ${defaultSymbol} is not in the enum symbol set: ${symbols}`);
    }
    const schema: AvroEnum = {
      type: 'enum',
      name,
      namespace,
      fullName,
      doc: docOf(json),
      symbols: symbols as string[],
      defaultSymbol,
      props,
    };
    this.define(schema);
    return schema;
  }

  private fixed(json: Record<string, unknown>, enclosing: string | null, props: AvroProps): AvroFixed {
    const { name, namespace, fullName } = nameOf(json, enclosing, 'fixed');
    const size = json.size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
      throw new AvroSchemaError(`Invalid or no size: ${JSON.stringify(json)}`);
    }
    const schema: AvroFixed = {
      type: 'fixed',
      name,
      namespace,
      fullName,
      size,
      logicalType: logicalTypeOf('fixed', props),
      props,
    };
    this.define(schema);
    return schema;
  }

  private define(schema: AvroNamed): void {
    if (this.names.has(schema.fullName) || PRIMITIVES.has(schema.fullName)) {
      throw new AvroSchemaError(`Can't redefine: ${schema.fullName}`);
    }
    this.names.set(schema.fullName, schema);
  }
}

function nameOf(
  json: Record<string, unknown>,
  enclosing: string | null,
  kind: string,
): { name: string; namespace: string | null; fullName: string } {
  const given = json.name;
  if (typeof given !== 'string') throw new AvroSchemaError(`No name in ${kind} schema: ${JSON.stringify(json)}`);
  const dot = given.lastIndexOf('.');
  let name = given;
  let namespace: string | null;
  if (dot >= 0) {
    namespace = given.slice(0, dot);
    name = given.slice(dot + 1);
  } else if (typeof json.namespace === 'string') {
    namespace = json.namespace === '' ? null : json.namespace;
  } else {
    namespace = enclosing;
  }
  checkName(name);
  if (namespace !== null) for (const part of namespace.split('.')) checkName(part);
  return { name, namespace, fullName: namespace ? `${namespace}.${name}` : name };
}

function checkName(name: string): void {
  if (!NAME.test(name)) throw new AvroSchemaError(`Illegal name: ${JSON.stringify(name)}`);
}

function docOf(json: Record<string, unknown>): string | null {
  return typeof json.doc === 'string' ? json.doc : null;
}

function propsOf(json: Record<string, unknown>): AvroProps {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) if (!RESERVED.has(key)) props[key] = value;
  return props;
}

function logicalTypeOf(type: string, props: AvroProps): string | null {
  const logical = props.logicalType;
  return typeof logical === 'string' && LOGICAL_TYPES[type]?.has(logical) ? logical : null;
}

/** Whether a JSON default fits a schema (Avro's Schema.isValidDefault; a union's default fits its first type). */
function isValidDefault(schema: AvroSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
    case 'long':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float':
    case 'double':
      return typeof value === 'number';
    case 'string':
    case 'bytes':
    case 'enum':
    case 'fixed':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value) && value.every((element) => isValidDefault(schema.items, element));
    case 'map':
      return isObject(value) && Object.values(value).every((element) => isValidDefault(schema.values, element));
    case 'record':
      return (
        isObject(value) &&
        schema.fields.every((field) =>
          Object.hasOwn(value, field.name)
            ? isValidDefault(field.schema, value[field.name])
            : field.defaultValue !== undefined,
        )
      );
    case 'union':
      return schema.types[0] !== undefined && isValidDefault(schema.types[0], value);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Removes `//` and `/* *\/` comments outside JSON strings. */
function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      out += text.slice(start, i);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      out += ' ';
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
