import {
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  MILLIS_PER_DAY,
  type Schema,
  SchemaBuilder,
  Struct,
  Type,
} from '../../api';
import {
  type AvroField,
  type AvroPrimitive,
  type AvroRecord,
  type AvroSchema,
  type AvroUnion,
  avroTypeName,
} from './avro-schema';
import { AvroSchemaError } from './errors';
import { RegexGenerator } from './regex-generator';
import type { SeededRandom } from './seeded-random';

/** The schema attribute holding the generator arguments (avro-random-generator's ARG_PROPERTIES_PROP). */
export const ARG_PROPERTIES = 'arg.properties';

// Names and parameters Confluent's AvroData gives the Connect schemas it converts from Avro.
export const AVRO_TYPE_UNION = 'io.confluent.connect.avro.Union';
export const AVRO_TYPE_ENUM = 'io.confluent.connect.avro.Enum';
const AVRO_RECORD_DOC_PROP = 'io.confluent.connect.avro.record.doc';
const AVRO_FIELD_DOC_PREFIX_PROP = 'io.confluent.connect.avro.field.doc.';
const AVRO_ENUM_DOC_PREFIX_PROP = 'io.confluent.connect.avro.enum.doc.';
const AVRO_ENUM_DEFAULT_PREFIX_PROP = 'io.confluent.connect.avro.enum.default.';
const AVRO_FIELD_DEFAULT_FLAG_PROP = 'io.confluent.connect.avro.field.default';
const DEFAULT_SCHEMA_FULL_NAME = 'io.confluent.connect.avro.ConnectDefault';

/** The length of strings, bytes, arrays and maps when "length" is not given (avro-random-generator's LengthBounds). */
export const DEFAULT_LENGTH = { min: 8, max: 16 } as const;

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const FLOAT_MAX = 3.4028234663852886e38;

/** Lengths drawn in [min, max), as the generator's LengthBounds. */
interface LengthBounds {
  readonly min: number;
  readonly max: number;
}

/** One compiled schema: its Connect schema and how to draw a Connect value of it. */
interface Node {
  readonly schema: Schema;
  generate(random: SeededRandom): unknown;
}

type Args = Readonly<Record<string, unknown>>;

/**
 * Random values for an Avro schema, driven by the "arg.properties" of Confluent's
 * avro-random-generator (https://github.com/confluentinc/avro-random-generator), produced directly
 * as Connect values of the Connect schema Confluent's AvroData derives from the Avro schema.
 *
 * Arguments, as the generator reads them (on a type, not on a field):
 * - options: an array of values to pick from (any type; records from JSON objects). Not with
 *   length, regex, iteration or range. Options read from a file are not supported.
 * - iteration {start, step, restart, initial}: successive numbers from start by step, wrapping at
 *   restart (int, long, float, double; on a string, the int sequence as text; on a boolean, start
 *   only, alternating). Continues from `generation` values already generated.
 * - range {min, max}: numbers in [min, max) (int, long, float, double).
 * - length (n or {min, max}): sizes of strings, bytes, arrays and maps, in [min, max); 8 to 15 by default.
 * - regex: strings matching it (see RegexGenerator), prefix / suffix: text around strings.
 * - keys: arguments for the keys of a map (options, regex, length, prefix, suffix).
 * - odds: the chance of true for a boolean.
 *
 * Values: Avro records become Structs named by their full name; unions of null and one type
 * become that type, optional; other unions a Struct named io.confluent.connect.avro.Union; enums
 * strings (with AvroData's enum parameters); int date, int time-millis and long timestamp-millis
 * the Connect Date, Time and Timestamp logical types. The decimal logical type is not supported.
 */
export class AvroRandomGenerator {
  /** The Connect schema of the generated values. */
  readonly schema: Schema;
  private readonly root: Node;
  /** Iteration state per schema object, shared where a named type is used twice (the generator's IdentityHashMap). */
  private readonly iterators = new Map<AvroSchema, () => unknown>();
  private readonly compiling: AvroRecord[] = [];

  /**
   * @param generation how many values were generated before (a resumed task's current iteration):
   *   iterations continue from there
   * @throws AvroSchemaError for invalid generator arguments or a schema that cannot be generated
   */
  constructor(
    readonly avroSchema: AvroSchema,
    private readonly generation = 0,
  ) {
    this.root = this.compile(avroSchema, false, undefined);
    this.schema = this.root.schema;
  }

  /** A new value; every random draw comes from `random`. */
  generate(random: SeededRandom): unknown {
    return this.root.generate(random);
  }

  private compile(avro: AvroSchema, optional: boolean, fieldDefault: unknown): Node {
    if (avro.type === 'union') return this.union(avro, optional);
    if (avro.type === 'null') {
      throw new AvroSchemaError('Standalone null schemas are not supported by this converter');
    }
    if ((avro.type === 'bytes' || avro.type === 'fixed') && avro.logicalType === 'decimal') {
      throw new AvroSchemaError('The decimal logical type is not supported by this Datagen');
    }
    const args = argProperties(avro);
    let builder: SchemaBuilder;
    let byType: (schema: Schema) => (random: SeededRandom) => unknown;
    switch (avro.type) {
      case 'record': {
        if (this.compiling.includes(avro))
          throw new AvroSchemaError(`Recursive schemas are not supported: ${avro.fullName}`);
        this.compiling.push(avro);
        const fields = avro.fields.map((field) => ({
          field,
          node: this.compile(field.schema, false, field.defaultValue),
        }));
        this.compiling.pop();
        builder = SchemaBuilder.struct();
        if (avro.doc !== null) builder.parameter(AVRO_RECORD_DOC_PROP, avro.doc);
        for (const { field, node } of fields) {
          if (field.doc !== null) builder.parameter(AVRO_FIELD_DOC_PREFIX_PROP + field.name, field.doc);
          builder.field(field.name, node.schema);
        }
        const nodes = fields.map(({ node }) => node);
        byType = (schema) => (random) =>
          Struct.ofValues(
            schema,
            nodes.map((node) => node.generate(random)),
          );
        break;
      }
      case 'enum': {
        builder = SchemaBuilder.string();
        if (avro.doc !== null) builder.parameter(AVRO_ENUM_DOC_PREFIX_PROP + avro.name, avro.doc);
        if (avro.defaultSymbol !== null)
          builder.parameter(AVRO_ENUM_DEFAULT_PREFIX_PROP + avro.name, avro.defaultSymbol);
        builder.parameter(AVRO_TYPE_ENUM, avro.fullName);
        for (const symbol of avro.symbols) builder.parameter(`${AVRO_TYPE_ENUM}.${symbol}`, symbol);
        const symbols = avro.symbols;
        byType = () => (random) => symbols[random.nextInt(symbols.length)];
        break;
      }
      case 'array': {
        const items = this.compile(avro.items, false, undefined);
        builder = SchemaBuilder.array(items.schema);
        const bounds = lengthBounds(args.length);
        byType = () => (random) => Array.from({ length: randomLength(bounds, random) }, () => items.generate(random));
        break;
      }
      case 'map': {
        const values = this.compile(avro.values, false, undefined);
        builder = SchemaBuilder.map(SchemaBuilder.string().build(), values.schema);
        const bounds = lengthBounds(args.length);
        const key = mapKeys(args.keys);
        byType = () => (random) => {
          const map = new Map<string, unknown>();
          const length = randomLength(bounds, random);
          for (let i = 0; i < length; i++) map.set(key(random), values.generate(random));
          return map;
        };
        break;
      }
      case 'fixed':
        builder = SchemaBuilder.bytes();
        byType = () => (random) => random.nextBytes(avro.size);
        break;
      default:
        builder = primitiveBuilder(avro.type, avro.logicalType);
        byType = () => primitive(avro, args);
    }
    const schema = finish(builder, avro, optional, fieldDefault);
    let draw: (random: SeededRandom) => unknown;
    if (args.options !== undefined) draw = options(avro, schema, args);
    else if (args.iteration !== undefined) {
      const next = this.iterator(avro, args);
      draw = () => toConnect(avro, next());
    } else draw = byType(schema);
    return { schema, generate: draw };
  }

  /**
   * AvroData's unions: null and one type is that type, optional; any other union is a Struct named
   * io.confluent.connect.avro.Union with one optional field per type (named by the type, or by a
   * record's or enum's simple name), of which a value sets one. The branch is drawn uniformly.
   */
  private union(avro: AvroUnion, optional: boolean): Node {
    const { types } = avro;
    const nullIndex = types.findIndex((type) => type.type === 'null');
    if (types.length === 2 && nullIndex >= 0) {
      const member = this.compile(types[1 - nullIndex] as AvroSchema, true, undefined);
      return {
        schema: member.schema,
        generate: (random) => (random.nextInt(2) === nullIndex ? null : member.generate(random)),
      };
    }
    const builder = SchemaBuilder.struct().name(AVRO_TYPE_UNION);
    const members: (Node | null)[] = [];
    const names = new Set<string>();
    for (const type of types) {
      if (type.type === 'null') {
        if (!builder.isOptional()) builder.optional();
        members.push(null);
        continue;
      }
      const name = unionMemberFieldName(type);
      if (names.has(name)) throw new AvroSchemaError('Multiple union schemas map to the Connect union field name');
      names.add(name);
      const node = this.compile(type, true, undefined);
      builder.field(name, node.schema);
      members.push(node);
    }
    if (optional && !builder.isOptional()) builder.optional();
    const schema = builder.build();
    const indexes = types.map((type) =>
      type.type === 'null' ? -1 : schema.fields().findIndex((f) => f.name === unionMemberFieldName(type)),
    );
    return {
      schema,
      generate: (random) => {
        const branch = random.nextInt(types.length);
        const member = members[branch];
        if (!member) return null;
        const values: unknown[] = new Array(schema.fields().length).fill(null);
        values[indexes[branch] as number] = member.generate(random);
        return Struct.ofValues(schema, values);
      },
    };
  }

  /** The iteration of a schema, created once per schema object. */
  private iterator(avro: AvroSchema, args: Args): () => unknown {
    exclusive(args, 'iteration', ['length', 'regex', 'options', 'range']);
    let next = this.iterators.get(avro);
    if (!next) {
      next = newIterator(avro, args, this.generation);
      this.iterators.set(avro, next);
    }
    return next;
  }
}

function argProperties(avro: Exclude<AvroSchema, AvroUnion>): Args {
  const args = avro.props[ARG_PROPERTIES];
  if (args === undefined || args === null) return {};
  if (!isObject(args)) {
    throw new AvroSchemaError(`${ARG_PROPERTIES} property must be given as object, was ${jsonType(args)} instead`);
  }
  return args;
}

function primitiveBuilder(type: string, logicalType: string | null): SchemaBuilder {
  switch (type) {
    case 'boolean':
      return SchemaBuilder.bool();
    case 'int':
      if (logicalType === 'date') return ConnectDate.builder();
      if (logicalType === 'time-millis') return ConnectTime.builder();
      return SchemaBuilder.int32();
    case 'long':
      return logicalType === 'timestamp-millis' ? ConnectTimestamp.builder() : SchemaBuilder.int64();
    case 'float':
      return SchemaBuilder.float32();
    case 'double':
      return SchemaBuilder.float64();
    case 'bytes':
      return SchemaBuilder.bytes();
    default:
      return SchemaBuilder.string();
  }
}

/** AvroData's finishing touches: "avro*" properties as parameters, a field's default, the name, optionality. */
function finish(
  builder: SchemaBuilder,
  avro: Exclude<AvroSchema, AvroUnion>,
  optional: boolean,
  fieldDefault: unknown,
): Schema {
  for (const [key, value] of Object.entries(avro.props)) {
    if (key.startsWith('avro')) builder.parameter(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  if (fieldDefault !== undefined) builder.parameter(AVRO_FIELD_DEFAULT_FLAG_PROP, 'true');
  if ((avro.type === 'record' || avro.type === 'enum') && avro.fullName !== DEFAULT_SCHEMA_FULL_NAME) {
    builder.name(avro.fullName);
  }
  // A record's default would need a Struct of the finished schema; such defaults are left out.
  if (fieldDefault !== undefined && fieldDefault !== null && avro.type !== 'record') {
    builder.defaultValue(fromJson(avro, builder.build(), fieldDefault));
  }
  if (optional) builder.optional();
  return builder.build();
}

function unionMemberFieldName(avro: AvroSchema): string {
  return avro.type === 'record' || avro.type === 'enum' ? avro.name : avro.type;
}

/** How values of a primitive type are drawn without options or iteration. */
function primitive(avro: AvroPrimitive, args: Args): (random: SeededRandom) => unknown {
  switch (avro.type) {
    case 'boolean': {
      const odds = decimalField(ARG_PROPERTIES, 'odds', args);
      if (odds === null) return (random) => random.nextBoolean();
      if (odds < 0 || odds > 1) throw new AvroSchemaError('odds property must be in the range [0.0, 1.0]');
      return (random) => random.nextDouble() < odds;
    }
    case 'int': {
      const range = rangeOf(args);
      if (!range) return (random) => toConnect(avro, random.nextInt32());
      const min = Number(intField('range', 'min', range) ?? INT_MIN);
      const max = Number(intField('range', 'max', range) ?? INT_MAX);
      checkRange(min, max);
      return (random) => toConnect(avro, min + Math.floor(random.nextDouble() * (max - min)));
    }
    case 'long': {
      const range = rangeOf(args);
      if (!range) return (random) => toConnect(avro, random.nextLong());
      const min = integralField('range', 'min', range) ?? LONG_MIN;
      const max = integralField('range', 'max', range) ?? LONG_MAX;
      checkRange(min, max);
      const span = Number(max - min);
      if (Number.isSafeInteger(span) && Number.isSafeInteger(Number(min))) {
        const low = Number(min);
        return (random) => toConnect(avro, low + Math.floor(random.nextDouble() * span));
      }
      return (random) => toConnect(avro, min + BigInt(Math.floor(random.nextDouble() * span)));
    }
    case 'float': {
      const range = rangeOf(args);
      if (!range) return (random) => random.nextFloat();
      const min = floatField('range', 'min', range) ?? -FLOAT_MAX;
      const max = floatField('range', 'max', range) ?? FLOAT_MAX;
      checkRange(min, max);
      return (random) => Math.fround(min + random.nextFloat() * (max - min));
    }
    case 'double': {
      const range = rangeOf(args);
      if (!range) return (random) => random.nextDouble();
      const min = decimalField('range', 'min', range) ?? -Number.MAX_VALUE;
      const max = decimalField('range', 'max', range) ?? Number.MAX_VALUE;
      checkRange(min, max);
      return (random) => min + random.nextDouble() * (max - min);
    }
    case 'bytes': {
      const bounds = lengthBounds(args.length);
      return (random) => random.nextBytes(randomLength(bounds, random));
    }
    default:
      return stringGenerator(args);
  }
}

function rangeOf(args: Args): Args | null {
  if (args.range === undefined || args.range === null) return null;
  if (!isObject(args.range)) throw new AvroSchemaError('range property must be an object');
  return args.range;
}

function checkRange<T extends number | bigint>(min: T, max: T): void {
  if (min >= max) throw new AvroSchemaError("'min' field must be strictly less than 'max' field in range property");
}

/** Strings: matching "regex", else random ASCII characters, with "length", "prefix" and "suffix". */
function stringGenerator(args: Args): (random: SeededRandom) => string {
  const bounds = lengthBounds(args.length);
  const prefix = stringField('prefix', args);
  const suffix = stringField('suffix', args);
  const regex = args.regex;
  if (regex !== undefined && regex !== null) {
    if (typeof regex !== 'string') throw new AvroSchemaError('regex property must be a string');
    const generator = RegexGenerator.compile(regex);
    // Generex draws lengths in [low, high]; the bounds are [min, max), hence max - 1.
    return (random) => prefix + generator.generate(random, bounds.min, bounds.max - 1) + suffix;
  }
  return (random) => prefix + randomAscii(random, randomLength(bounds, random)) + suffix;
}

/** The generator's random strings: characters drawn from 0 to 127. */
function randomAscii(random: SeededRandom, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(random.nextInt(128));
  return text;
}

/** Map keys per the "keys" argument: options, or the string arguments; one random character by default. */
function mapKeys(keys: unknown): (random: SeededRandom) => string {
  if (keys === undefined || keys === null) return (random) => randomAscii(random, 1);
  if (!isObject(keys)) throw new AvroSchemaError('keys prop must be an object');
  if (keys.options !== undefined) {
    exclusive(keys, 'options', ['length', 'regex', 'iteration', 'range']);
    const list = optionList(keys.options);
    for (const option of list) {
      if (typeof option !== 'string') throw invalidOption('string', option);
    }
    return (random) => list[random.nextInt(list.length)] as string;
  }
  return stringGenerator(keys);
}

function options(avro: AvroSchema, schema: Schema, args: Args): (random: SeededRandom) => unknown {
  exclusive(args, 'options', ['length', 'regex', 'iteration', 'range']);
  const list = optionList(args.options);
  for (const option of list) {
    try {
      fromJson(avro, schema, option);
    } catch (err) {
      throw invalidOption(avroTypeName(avro), option, err);
    }
  }
  // Converted on each draw, so no two records share a mutable value (a Struct, an array, a Date).
  return (random) => fromJson(avro, schema, list[random.nextInt(list.length)]);
}

function optionList(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new AvroSchemaError('options property cannot be empty');
    return value;
  }
  if (isObject(value)) {
    throw new AvroSchemaError('options property given as a file is not supported: list the options in the schema');
  }
  throw new AvroSchemaError(`options prop must be an array or an object, was ${jsonType(value)} instead`);
}

function invalidOption(type: string, option: unknown, cause?: unknown): AvroSchemaError {
  return new AvroSchemaError(`Invalid option for ${type} schema: value '${JSON.stringify(option)}'`, { cause });
}

/** The generator's mutual exclusions, with its message. */
function exclusive(args: Args, given: string, excluded: readonly string[]): void {
  for (const key of excluded) {
    if (args[key] !== undefined) throw new AvroSchemaError(`Cannot specify ${key} prop when ${given} prop is given`);
  }
}

function lengthBounds(length: unknown): LengthBounds {
  if (length === undefined || length === null) return DEFAULT_LENGTH;
  if (typeof length === 'number' && Number.isInteger(length)) {
    if (length < 0) throw new AvroSchemaError('when given as integral number, length property cannot be negative');
    return { min: length, max: length + 1 };
  }
  if (isObject(length)) {
    const min = intField('length', 'min', length);
    const max = intField('length', 'max', length);
    if (min === null && max === null) {
      throw new AvroSchemaError(
        "length property must contain at least one of 'min' or 'max' fields when given as object",
      );
    }
    const low = min === null ? 0 : Number(min);
    const high = max === null ? INT_MAX : Number(max);
    if (low < 0) throw new AvroSchemaError('min field of length property cannot be negative');
    if (high <= low) throw new AvroSchemaError('max field must be strictly greater than min field for length property');
    return { min: low, max: high };
  }
  throw new AvroSchemaError(
    `length property must either be an integral number or an object, was ${jsonType(length)} instead`,
  );
}

function randomLength(bounds: LengthBounds, random: SeededRandom): number {
  return bounds.min + random.nextInt(bounds.max - bounds.min);
}

/**
 * The iteration of a schema (avro-random-generator's IntegralIterator, DecimalIterator and
 * BooleanIterator), starting as if `generation` values had been drawn already.
 */
function newIterator(avro: AvroSchema, args: Args, generation: number): () => unknown {
  const iteration = args.iteration;
  if (!isObject(iteration))
    throw new AvroSchemaError(`iteration prop must be an object, was ${jsonType(iteration)} instead`);
  switch (avro.type) {
    case 'boolean': {
      const start = iteration.start;
      if (start === undefined || start === null)
        throw new AvroSchemaError('iteration property must contain start field');
      if (typeof start !== 'boolean') {
        throw new AvroSchemaError(
          `start field of iteration property for a boolean schema must be a boolean, was ${jsonType(start)} instead`,
        );
      }
      for (const field of ['restart', 'step']) {
        if (iteration[field] !== undefined) {
          throw new AvroSchemaError(`iteration property cannot contain ${field} field for a boolean schema`);
        }
      }
      // After an odd number of values the sequence has flipped once more.
      let current = generation % 2 === 1 ? !start : start;
      return () => {
        const value = current;
        current = !current;
        return value;
      };
    }
    case 'int':
    case 'string': {
      const field = (name: string) => intField('iteration', name, iteration);
      const next = integralIterator(field('start'), field('restart'), field('step'), field('initial'), generation, 32);
      if (avro.type === 'int') return next;
      const prefix = stringField('prefix', args);
      const suffix = stringField('suffix', args);
      return () => `${prefix}${next()}${suffix}`;
    }
    case 'long': {
      const field = (name: string) => integralField('iteration', name, iteration);
      return integralIterator(field('start'), field('restart'), field('step'), field('initial'), generation, 64);
    }
    case 'float':
    case 'double': {
      const read = avro.type === 'float' ? floatField : decimalField;
      const field = (name: string) => read('iteration', name, iteration);
      return decimalIterator(field('start'), field('restart'), field('step'), field('initial'), generation, avro.type);
    }
    default:
      throw new AvroSchemaError(
        `iteration property can only be specified on numeric, boolean or string schemas, not ${avroTypeName(avro)} schema`,
      );
  }
}

/** start, restart, step the generator's way: step defaults to the direction of restart, restart to the type's end. */
function iterationBounds<T extends number | bigint>(
  start: T | null,
  restart: T | null,
  step: T | null,
  high: T,
  low: T,
  one: T,
): { start: T; restart: T; step: T } {
  if (start === null) throw new AvroSchemaError('iteration property must contain start field');
  const zero = (typeof one === 'bigint' ? 0n : 0) as T;
  const minusOne = (typeof one === 'bigint' ? -1n : -1) as T;
  if (step !== null && step === zero) throw new AvroSchemaError('step field of iteration property cannot be zero');
  if (restart === null) {
    const s = step ?? one;
    return { start, restart: s > zero ? high : low, step: s };
  }
  if (start === restart) throw new AvroSchemaError('start and restart fields of iteration property cannot be equal');
  if (step === null) return { start, restart, step: restart > start ? one : minusOne };
  if (restart > start && step < zero) {
    throw new AvroSchemaError(
      'step field of iteration property must be positive when restart field is greater than start field',
    );
  }
  if (restart < start && step > zero) {
    throw new AvroSchemaError(
      'step field of iteration property must be negative when restart field is less than start field',
    );
  }
  return { start, restart, step };
}

function integralIterator(
  startField: bigint | null,
  restartField: bigint | null,
  stepField: bigint | null,
  initialField: bigint | null,
  generation: number,
  bits: 32 | 64,
): () => number | bigint {
  const high = bits === 32 ? BigInt(INT_MAX) : LONG_MAX;
  const low = bits === 32 ? BigInt(INT_MIN) : LONG_MIN;
  const { start, restart, step } = iterationBounds(startField, restartField, stepField, high, low, 1n);
  const modulo = abs(restart - start);
  const sign = step > 0n ? 1n : -1n;
  // Offsets from start, kept with the sign of step, wrapping at |restart - start|, as IntegralIterator.
  let current = (initialField ?? start) - start;
  if (generation > 0) current = (abs(BigInt(generation) * step + current) % modulo) * sign;
  return () => {
    const result = current + start;
    current = (abs(current + step) % modulo) * sign;
    return bits === 32 ? Number(BigInt.asIntN(32, result)) : longValue(BigInt.asIntN(64, result));
  };
}

function decimalIterator(
  startField: number | null,
  restartField: number | null,
  stepField: number | null,
  initialField: number | null,
  generation: number,
  type: 'float' | 'double',
): () => number {
  const max = type === 'float' ? FLOAT_MAX : Number.MAX_VALUE;
  const { start, restart, step } = iterationBounds(startField, restartField, stepField, max, -max, 1);
  const modulo = restart - start;
  let current = (initialField ?? start) - start;
  if (generation > 0) current = (generation * step + current) % modulo;
  return () => {
    const result = current + start;
    current = (current + step) % modulo;
    return type === 'float' ? Math.fround(result) : result;
  };
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** A Java long as Connect holds it here: a number when it is exact, else a bigint. */
function longValue(n: bigint): number | bigint {
  const asNumber = Number(n);
  return Number.isSafeInteger(asNumber) ? asNumber : n;
}

/** A drawn int or long as its Connect value: the logical types become Dates, longs numbers or bigints. */
function toConnect(avro: AvroSchema, raw: unknown): unknown {
  if (avro.type === 'int' && avro.logicalType === 'date') return new Date((raw as number) * MILLIS_PER_DAY);
  if (avro.type === 'int' && avro.logicalType === 'time-millis') return new Date(raw as number);
  if (avro.type === 'long') {
    const value = typeof raw === 'bigint' ? longValue(raw) : raw;
    return avro.logicalType === 'timestamp-millis' ? new Date(Number(value)) : value;
  }
  return raw;
}

/**
 * A JSON value (an option, a default) as the Connect value of `schema`, the Connect schema of
 * `avro`. A union takes the first of its types the value fits.
 * @throws AvroSchemaError when the value does not fit
 */
function fromJson(avro: AvroSchema, schema: Schema, json: unknown): unknown {
  const mismatch = () => new AvroSchemaError(`${JSON.stringify(json)} is not a ${avroTypeName(avro)}`);
  switch (avro.type) {
    case 'null':
      if (json !== null) throw mismatch();
      return null;
    case 'boolean':
      if (typeof json !== 'boolean') throw mismatch();
      return json;
    case 'int':
      if (typeof json !== 'number' || !Number.isInteger(json) || json < INT_MIN || json > INT_MAX) throw mismatch();
      return toConnect(avro, json);
    case 'long':
      if (typeof json !== 'number' || !Number.isInteger(json)) throw mismatch();
      return toConnect(avro, json);
    case 'float':
      if (typeof json !== 'number') throw mismatch();
      return Math.fround(json);
    case 'double':
      if (typeof json !== 'number') throw mismatch();
      return json;
    case 'string':
      if (typeof json !== 'string') throw mismatch();
      return json;
    case 'bytes':
      if (typeof json !== 'string') throw mismatch();
      return new TextEncoder().encode(json);
    case 'fixed': {
      if (typeof json !== 'string') throw mismatch();
      const bytes = new TextEncoder().encode(json);
      if (bytes.length !== avro.size) throw mismatch();
      return bytes;
    }
    case 'enum':
      if (typeof json !== 'string' || !avro.symbols.includes(json)) throw mismatch();
      return json;
    case 'array': {
      if (!Array.isArray(json)) throw mismatch();
      const items = schema.valueSchema();
      return json.map((element) => fromJson(avro.items, items, element));
    }
    case 'map': {
      if (!isObject(json)) throw mismatch();
      const values = schema.valueSchema();
      return new Map(Object.entries(json).map(([k, v]) => [k, fromJson(avro.values, values, v)]));
    }
    case 'record': {
      if (!isObject(json)) throw mismatch();
      const values = avro.fields.map((field: AvroField) => {
        const fieldSchema = schema.field(field.name)?.schema as Schema;
        if (Object.hasOwn(json, field.name)) return fromJson(field.schema, fieldSchema, json[field.name]);
        if (field.defaultValue !== undefined) return fromJson(field.schema, fieldSchema, field.defaultValue);
        throw new AvroSchemaError(`Field ${field.name} not set and has no default value`);
      });
      return Struct.ofValues(schema, values);
    }
    case 'union': {
      if (schema.type !== Type.STRUCT || schema.name !== AVRO_TYPE_UNION) {
        // null and one type: the Connect schema is that type's.
        if (json === null) return null;
        const member = avro.types.find((type) => type.type !== 'null') as AvroSchema;
        return fromJson(member, schema, json);
      }
      if (json === null && avro.types.some((type) => type.type === 'null')) return null;
      for (const type of avro.types) {
        if (type.type === 'null') continue;
        const field = schema.field(unionMemberFieldName(type));
        if (!field) continue;
        let value: unknown;
        try {
          value = fromJson(type, field.schema, json);
        } catch {
          continue;
        }
        const values: unknown[] = new Array(schema.fields().length).fill(null);
        values[field.index] = value;
        return Struct.ofValues(schema, values);
      }
      throw mismatch();
    }
  }
}

function integralField(property: string, field: string, props: Args): bigint | null {
  const value = props[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new AvroSchemaError(
      `'${field}' field of ${property} property must be an integral number, was ${jsonType(value)} instead`,
    );
  }
  return BigInt(value);
}

function intField(property: string, field: string, props: Args): bigint | null {
  const value = integralField(property, field, props);
  if (value !== null && (value < BigInt(INT_MIN) || value > BigInt(INT_MAX))) {
    throw new AvroSchemaError(`'${field}' field of ${property} property must be a valid int for int schemas`);
  }
  return value;
}

function decimalField(property: string, field: string, props: Args): number | null {
  const value = props[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') {
    throw new AvroSchemaError(
      `'${field}' field of ${property} property must be a number, was ${jsonType(value)} instead`,
    );
  }
  return value;
}

function floatField(property: string, field: string, props: Args): number | null {
  const value = decimalField(property, field, props);
  if (value !== null && Math.abs(value) > FLOAT_MAX) {
    throw new AvroSchemaError(`'${field}' field of ${property} property must be a valid float for float schemas`);
  }
  return value;
}

function stringField(name: string, args: Args): string {
  const value = args[name];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new AvroSchemaError(`${name} property must be a string`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
