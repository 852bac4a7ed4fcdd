import { SchemaError } from '../errors';
import { ConnectSchema, Field, type Schema, Type } from './schema';
import { validateValue } from './validation';

/** What `field()` and the container factories accept: a schema, or a builder still being shaped. */
export type SchemaLike = Schema | SchemaBuilder;

/**
 * A fluent builder of schemas with Kafka's method names (SchemaBuilder.struct().name('x')
 * .field('id', Schemas.INT64).optional().build()); `build()` returns an immutable ConnectSchema.
 *
 * As in Kafka, an attribute may be set again only to the same value (`name('a').name('a')` is
 * fine, `name('a').name('b')` throws), and each setter called with no argument reads the attribute
 * (Kafka's SchemaBuilder is itself a Schema: `builder.name()`, `builder.field('id')`).
 */
export class SchemaBuilder {
  private optionalFlag: boolean | null = null;
  private defaultVal: unknown = null;
  private schemaName: string | null = null;
  private schemaVersion: number | null = null;
  private schemaDoc: string | null = null;
  private params: Record<string, string> | null = null;
  private readonly fieldMap: Map<string, Field> | null;

  private constructor(
    readonly type: Type,
    private readonly mapKeySchema: Schema | null = null,
    private readonly elementSchema: Schema | null = null,
  ) {
    if (type === null || type === undefined) throw new SchemaError('type cannot be null');
    this.fieldMap = type === Type.STRUCT ? new Map() : null;
  }

  static int8 = () => new SchemaBuilder(Type.INT8);
  static int16 = () => new SchemaBuilder(Type.INT16);
  static int32 = () => new SchemaBuilder(Type.INT32);
  static int64 = () => new SchemaBuilder(Type.INT64);
  static float32 = () => new SchemaBuilder(Type.FLOAT32);
  static float64 = () => new SchemaBuilder(Type.FLOAT64);
  static bool = () => new SchemaBuilder(Type.BOOLEAN);
  static string = () => new SchemaBuilder(Type.STRING);
  static bytes = () => new SchemaBuilder(Type.BYTES);
  static struct = () => new SchemaBuilder(Type.STRUCT);

  /**
   * A builder of a primitive or STRUCT type. Unlike Kafka, ARRAY and MAP are refused here: a
   * container without element schemas is only for Values' parse results, so use array() / map().
   */
  static type(type: Type): SchemaBuilder {
    if (type === Type.ARRAY || type === Type.MAP) throw new SchemaError(`Use SchemaBuilder.${type.toLowerCase()}()`);
    return new SchemaBuilder(type);
  }

  static array(valueSchema: SchemaLike): SchemaBuilder {
    if (!valueSchema) throw new SchemaError('valueSchema cannot be null.');
    return new SchemaBuilder(Type.ARRAY, null, toSchema(valueSchema));
  }

  static map(keySchema: SchemaLike, valueSchema: SchemaLike): SchemaBuilder {
    if (!keySchema) throw new SchemaError('keySchema cannot be null.');
    if (!valueSchema) throw new SchemaError('valueSchema cannot be null.');
    return new SchemaBuilder(Type.MAP, toSchema(keySchema), toSchema(valueSchema));
  }

  /** Kafka's checkCanSet: a set attribute may only be set again to the same value. */
  private checkCanSet(attribute: string, current: unknown, next: unknown): void {
    if (current !== null && current !== undefined && current !== next) {
      throw new SchemaError(`Invalid SchemaBuilder call: ${attribute} has already been set.`);
    }
  }

  optional(): this {
    this.checkCanSet('optional', this.optionalFlag, true);
    this.optionalFlag = true;
    return this;
  }

  required(): this {
    this.checkCanSet('optional', this.optionalFlag, false);
    this.optionalFlag = false;
    return this;
  }

  isOptional(): boolean {
    return this.optionalFlag === true;
  }

  /** The default value so far. */
  defaultValue(): unknown;
  /** Sets the default value, validated against the shape built so far. @throws SchemaError "Invalid default value" */
  defaultValue(value: unknown): this;
  defaultValue(...args: [unknown?]): unknown {
    if (args.length === 0) return this.defaultVal;
    const [value] = args;
    this.checkCanSet('default', this.defaultVal, value);
    try {
      validateValue(this.build(), value);
    } catch (err) {
      throw new SchemaError('Invalid default value', { cause: err });
    }
    this.defaultVal = value ?? null;
    return this;
  }

  name(): string | null;
  name(name: string | null): this;
  name(...args: [(string | null)?]): string | null | this {
    if (args.length === 0) return this.schemaName;
    const [name = null] = args;
    this.checkCanSet('name', this.schemaName, name);
    this.schemaName = name;
    return this;
  }

  version(): number | null;
  version(version: number | null): this;
  version(...args: [(number | null)?]): number | null | this {
    if (args.length === 0) return this.schemaVersion;
    const [version = null] = args;
    this.checkCanSet('version', this.schemaVersion, version);
    this.schemaVersion = version;
    return this;
  }

  doc(): string | null;
  doc(doc: string | null): this;
  doc(...args: [(string | null)?]): string | null | this {
    if (args.length === 0) return this.schemaDoc;
    const [doc = null] = args;
    this.checkCanSet('doc', this.schemaDoc, doc);
    this.schemaDoc = doc;
    return this;
  }

  parameter(name: string, value: string): this {
    // A prototype-less object, so a parameter named "__proto__" is a parameter like any other.
    this.params ??= Object.create(null) as Record<string, string>;
    this.params[name] = value;
    return this;
  }

  /** The parameters so far (a copy), or null. */
  parameters(): Readonly<Record<string, string>> | null;
  /** Adds parameters; an empty or null map changes nothing (as Kafka's parameters(Map)). */
  parameters(params: Readonly<Record<string, string>> | null): this;
  parameters(...args: [(Readonly<Record<string, string>> | null)?]): Readonly<Record<string, string>> | null | this {
    if (args.length === 0) return this.params ? { ...this.params } : null;
    const [params] = args;
    if (params) for (const [name, value] of Object.entries(params)) this.parameter(name, value);
    return this;
  }

  /** The field of this STRUCT builder by name, or null. */
  field(name: string): Field | null;
  /** Adds a field. @throws SchemaError on a non-STRUCT builder, an empty or duplicate name, or a null schema */
  field(name: string, schema: SchemaLike): this;
  field(...args: [string, SchemaLike?]): Field | null | this {
    const [name, schema] = args;
    if (args.length === 1) {
      if (!this.fieldMap) throw new SchemaError('Cannot look up fields on non-struct type');
      return this.fieldMap.get(name) ?? null;
    }
    if (!this.fieldMap) throw new SchemaError(`Cannot create fields on type ${this.type}`);
    if (name === null || name === undefined || name === '') throw new SchemaError('fieldName cannot be null.');
    if (!schema) throw new SchemaError(`fieldSchema for field ${name} cannot be null.`);
    if (this.fieldMap.has(name)) throw new SchemaError(`Cannot create field because of field name duplication ${name}`);
    this.fieldMap.set(name, new Field(name, this.fieldMap.size, toSchema(schema)));
    return this;
  }

  /** The fields added so far, in order. */
  fields(): readonly Field[] {
    if (!this.fieldMap) throw new SchemaError('Cannot list fields on non-struct type');
    return [...this.fieldMap.values()];
  }

  /** The key schema of a MAP builder. @throws SchemaError for other types */
  keySchema(): Schema {
    if (!this.mapKeySchema) throw new SchemaError('Cannot look up key schema on non-map type');
    return this.mapKeySchema;
  }

  /** The value schema of a MAP or ARRAY builder. @throws SchemaError for other types */
  valueSchema(): Schema {
    if (!this.elementSchema) throw new SchemaError('Cannot look up value schema on non-array and non-map type');
    return this.elementSchema;
  }

  build(): ConnectSchema {
    return new ConnectSchema(
      this.type,
      this.isOptional(),
      this.defaultVal,
      this.schemaName,
      this.schemaVersion,
      this.schemaDoc,
      this.params,
      this.fieldMap ? [...this.fieldMap.values()] : null,
      this.mapKeySchema,
      this.elementSchema,
    );
  }

  /** The schema built so far (Kafka's SchemaBuilder#schema()). */
  schema(): ConnectSchema {
    return this.build();
  }
}

function toSchema(schema: SchemaLike): Schema {
  return schema instanceof SchemaBuilder ? schema.build() : schema;
}
