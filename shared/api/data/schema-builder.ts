import { SchemaError } from '../errors';
import { ConnectSchema, Field, type Schema, Type } from './schema';
import { validateValue } from './validation';

/** What `field()` and the container factories accept: a schema, or a builder still being shaped. */
export type SchemaLike = Schema | SchemaBuilder;

/**
 * A fluent builder of schemas with Kafka's method names (SchemaBuilder.struct().name('x')
 * .field('id', Schemas.INT64).optional().build()). Each attribute may be set once, as in Kafka;
 * `build()` returns an immutable ConnectSchema.
 */
export class SchemaBuilder {
  private isOptionalFlag = false;
  private defaultVal: unknown = null;
  private schemaName: string | null = null;
  private schemaVersion: number | null = null;
  private schemaDoc: string | null = null;
  private params: Record<string, string> | null = null;
  private readonly fieldMap: Map<string, Field> | null;
  private readonly set = new Set<string>();

  private constructor(
    readonly type: Type,
    private readonly mapKeySchema: Schema | null = null,
    private readonly elementSchema: Schema | null = null,
  ) {
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

  /** A builder of a primitive or STRUCT type; use array() / map() for containers. */
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

  private checkCanSet(attribute: string, current: unknown, next: unknown): void {
    if (this.set.has(attribute) && current !== next) {
      throw new SchemaError(`Invalid SchemaBuilder call: ${attribute} has already been set.`);
    }
    this.set.add(attribute);
  }

  optional(): this {
    this.checkCanSet('optional', this.isOptionalFlag, true);
    this.isOptionalFlag = true;
    return this;
  }

  required(): this {
    this.checkCanSet('optional', this.isOptionalFlag, false);
    this.isOptionalFlag = false;
    return this;
  }

  isOptional(): boolean {
    return this.isOptionalFlag;
  }

  /** Sets the default value, validated against the shape built so far. */
  defaultValue(value: unknown): this {
    this.checkCanSet('default', this.defaultVal, value);
    try {
      validateValue(this.build(), value);
    } catch (err) {
      throw new SchemaError('Invalid default value', { cause: err });
    }
    this.defaultVal = value;
    return this;
  }

  name(name: string | null): this {
    this.checkCanSet('name', this.schemaName, name);
    this.schemaName = name;
    return this;
  }

  version(version: number | null): this {
    this.checkCanSet('version', this.schemaVersion, version);
    this.schemaVersion = version;
    return this;
  }

  doc(doc: string | null): this {
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

  parameters(params: Readonly<Record<string, string>> | null): this {
    if (!params) return this;
    // Kafka keeps an empty map as given (written as "parameters":{}), so an empty object still sets it.
    this.params ??= Object.create(null) as Record<string, string>;
    for (const [name, value] of Object.entries(params)) this.parameter(name, value);
    return this;
  }

  field(name: string, schema: SchemaLike): this {
    if (!this.fieldMap) throw new SchemaError(`Cannot create fields on type ${this.type}`);
    if (name === null || name === undefined) throw new SchemaError('fieldName cannot be null.');
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

  build(): ConnectSchema {
    return new ConnectSchema(
      this.type,
      this.isOptionalFlag,
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
}

function toSchema(schema: SchemaLike): Schema {
  return schema instanceof SchemaBuilder ? schema.build() : schema;
}
