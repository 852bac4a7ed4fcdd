import { ConfigError } from '../errors';
import { ConfigValue } from './config-value';
import { Password } from './password';
import type { Validator } from './validators';

/** The types a configuration value can have (Kafka's ConfigDef.Type). */
export const ConfigType = {
  BOOLEAN: 'BOOLEAN',
  STRING: 'STRING',
  INT: 'INT',
  SHORT: 'SHORT',
  LONG: 'LONG',
  DOUBLE: 'DOUBLE',
  LIST: 'LIST',
  /** A plugin class name; parsed as a trimmed string (the plugin registry checks that it exists). */
  CLASS: 'CLASS',
  /** A secret: parsed to a Password, shown as "[hidden]" by validation and logs. */
  PASSWORD: 'PASSWORD',
} as const;
export type ConfigType = (typeof ConfigType)[keyof typeof ConfigType];

export const Importance = { HIGH: 'HIGH', MEDIUM: 'MEDIUM', LOW: 'LOW' } as const;
export type Importance = (typeof Importance)[keyof typeof Importance];

export const Width = { NONE: 'NONE', SHORT: 'SHORT', MEDIUM: 'MEDIUM', LONG: 'LONG' } as const;
export type Width = (typeof Width)[keyof typeof Width];

/** Marks a key that has no default, so it is required (Kafka's ConfigDef.NO_DEFAULT_VALUE). */
export const NO_DEFAULT_VALUE: unique symbol = Symbol('NO_DEFAULT_VALUE');

/** Suggests valid values and visibility of a key given the other parsed values (Kafka's Recommender). */
export interface Recommender {
  validValues(name: string, parsedConfig: ReadonlyMap<string, unknown>): unknown[];
  visible(name: string, parsedConfig: ReadonlyMap<string, unknown>): boolean;
}

/** How a key is declared; everything but name, type, importance and documentation is optional. */
export interface ConfigKeyInit {
  name: string;
  type: ConfigType;
  /** The default, in parsed or string form; omit or NO_DEFAULT_VALUE for a required key. */
  defaultValue?: unknown;
  validator?: Validator | null;
  importance: Importance;
  documentation: string | null;
  group?: string | null;
  orderInGroup?: number;
  width?: Width;
  displayName?: string;
  dependents?: readonly string[];
  recommender?: Recommender | null;
  internalConfig?: boolean;
}

/** A declared key with its parsed default (Kafka's ConfigDef.ConfigKey). */
export class ConfigKey {
  readonly name: string;
  readonly type: ConfigType;
  readonly defaultValue: unknown;
  readonly validator: Validator | null;
  readonly importance: Importance;
  readonly documentation: string | null;
  readonly group: string | null;
  readonly orderInGroup: number;
  readonly width: Width;
  readonly displayName: string;
  readonly dependents: readonly string[];
  readonly recommender: Recommender | null;
  readonly internalConfig: boolean;

  constructor(init: ConfigKeyInit) {
    this.name = init.name;
    this.type = init.type;
    const raw = init.defaultValue === undefined ? NO_DEFAULT_VALUE : init.defaultValue;
    this.defaultValue = raw === NO_DEFAULT_VALUE ? NO_DEFAULT_VALUE : parseType(init.name, raw, init.type);
    this.validator = init.validator ?? null;
    if (this.validator && this.defaultValue !== NO_DEFAULT_VALUE)
      this.validator.ensureValid(init.name, this.defaultValue);
    this.importance = init.importance;
    this.documentation = init.documentation;
    this.group = init.group ?? null;
    this.orderInGroup = init.orderInGroup ?? -1;
    this.width = init.width ?? Width.NONE;
    this.displayName = init.displayName ?? init.name;
    this.dependents = init.dependents ?? [];
    this.recommender = init.recommender ?? null;
    this.internalConfig = init.internalConfig ?? false;
  }

  hasDefault(): boolean {
    return this.defaultValue !== NO_DEFAULT_VALUE;
  }
}

/**
 * The declared keys of a plugin or of the framework (Kafka's ConfigDef): types, defaults,
 * validators and docs, declared once, then used to parse configs and to validate them for the
 * REST API's ConfigInfos. Keys keep their definition order.
 */
export class ConfigDef {
  private readonly keys = new Map<string, ConfigKey>();
  private readonly groupNames: string[] = [];

  constructor(base?: ConfigDef) {
    if (base) {
      for (const key of base.keys.values()) this.keys.set(key.name, key);
      this.groupNames.push(...base.groupNames);
    }
  }

  /** Declares a key: the object form, or Kafka's short form (name, type, default, importance, doc). */
  define(init: ConfigKeyInit | ConfigKey): this;
  define(name: string, type: ConfigType, defaultValue: unknown, importance: Importance, documentation: string): this;
  define(
    name: string,
    type: ConfigType,
    defaultValue: unknown,
    validator: Validator | null,
    importance: Importance,
    documentation: string,
  ): this;
  define(
    first: ConfigKeyInit | ConfigKey | string,
    type?: ConfigType,
    defaultValue?: unknown,
    validatorOrImportance?: Validator | Importance | null,
    importanceOrDoc?: Importance | string,
    documentation?: string,
  ): this {
    if (typeof first !== 'string') return this.defineKey(first instanceof ConfigKey ? first : new ConfigKey(first));
    const hasValidator = documentation !== undefined;
    return this.defineKey(
      new ConfigKey({
        name: first,
        type: type as ConfigType,
        defaultValue,
        validator: hasValidator ? (validatorOrImportance as Validator | null) : null,
        importance: (hasValidator ? importanceOrDoc : validatorOrImportance) as Importance,
        documentation: (hasValidator ? documentation : importanceOrDoc) as string,
      }),
    );
  }

  private defineKey(key: ConfigKey): this {
    if (this.keys.has(key.name)) throw new ConfigError(`Configuration ${key.name} is defined twice.`);
    if (key.group !== null && !this.groupNames.includes(key.group)) this.groupNames.push(key.group);
    this.keys.set(key.name, key);
    return this;
  }

  /** Declares an internal key, hidden from docs and validation output (Kafka's defineInternal). */
  defineInternal(name: string, type: ConfigType, defaultValue: unknown, importance: Importance): this {
    return this.defineKey(
      new ConfigKey({ name, type, defaultValue, importance, documentation: '', internalConfig: true }),
    );
  }

  /** The declared keys, in definition order. */
  configKeys(): ReadonlyMap<string, ConfigKey> {
    return this.keys;
  }

  names(): string[] {
    return [...this.keys.keys()];
  }

  /** Group names, in the order first used. */
  groups(): readonly string[] {
    return this.groupNames;
  }

  /**
   * Adds every key of `child` under `prefix`, in `group`, numbering them from `startingOrder`
   * (Kafka's ConfigDef#embed). Dependents and recommenders are re-pointed at the prefixed names.
   */
  embed(prefix: string, group: string, startingOrder: number, child: ConfigDef): this {
    let order = startingOrder;
    for (const key of child.keys.values()) {
      this.defineKey(
        new ConfigKey({
          ...key,
          name: prefix + key.name,
          defaultValue: key.defaultValue,
          group,
          orderInGroup: order++,
          displayName: key.displayName,
          dependents: key.dependents.map((d) => prefix + d),
          recommender: key.recommender ? prefixedRecommender(prefix, key.recommender) : null,
        }),
      );
    }
    return this;
  }

  /**
   * Parses and validates a config map; throws the first ConfigError, like Kafka's ConfigDef#parse.
   * Returns every declared key, with defaults applied.
   */
  parse(props: Readonly<Record<string, unknown>>): Map<string, unknown> {
    const values = new Map<string, unknown>();
    for (const key of this.keys.values()) {
      const value = parseValue(key, props[key.name], Object.hasOwn(props, key.name));
      values.set(key.name, value);
    }
    return values;
  }

  /**
   * Validates a string config without throwing (Kafka's ConfigDef#validateAll): one ConfigValue per
   * declared key, in definition order, each with its parsed value, errors, recommendations and
   * visibility. Dependents are parsed after their parents so recommenders see their values.
   */
  validateAll(props: Readonly<Record<string, string>>): Map<string, ConfigValue> {
    const results = new Map<string, ConfigValue>();
    for (const name of this.keys.keys()) results.set(name, new ConfigValue(name));
    for (const name of this.undefinedDependents()) {
      const value = new ConfigValue(name);
      value.addErrorMessage(`${name} is referred in the dependents, but not defined.`);
      value.visible = false;
      results.set(name, value);
    }
    const parsed = new Map<string, unknown>();
    const roots = this.configsWithNoParent();
    for (const name of roots) this.parseForValidate(name, props, parsed, results, new Set());
    for (const name of roots) this.recommend(name, parsed, results, new Set());
    return results;
  }

  /** The same as validateAll, as a list. */
  validate(props: Readonly<Record<string, string>>): ConfigValue[] {
    return [...this.validateAll(props).values()];
  }

  private parseForValidate(
    name: string,
    props: Readonly<Record<string, string>>,
    parsed: Map<string, unknown>,
    results: Map<string, ConfigValue>,
    seen: Set<string>,
  ): void {
    const key = this.keys.get(name);
    const result = results.get(name);
    if (!key || !result || seen.has(name)) return;
    seen.add(name);
    let value: unknown = null;
    if (Object.hasOwn(props, name)) {
      try {
        value = parseType(name, props[name], key.type);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        result.addErrorMessage(err.message);
      }
    } else if (!key.hasDefault()) {
      result.addErrorMessage(`Missing required configuration "${name}" which has no default value.`);
    } else {
      value = key.defaultValue;
    }
    if (key.validator) {
      try {
        key.validator.ensureValid(name, value);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        result.addErrorMessage(err.message);
      }
    }
    result.value = value;
    parsed.set(name, value);
    for (const dependent of key.dependents) this.parseForValidate(dependent, props, parsed, results, seen);
  }

  private recommend(
    name: string,
    parsed: Map<string, unknown>,
    results: Map<string, ConfigValue>,
    seen: Set<string>,
  ): void {
    const key = this.keys.get(name);
    const result = results.get(name);
    if (!key || !result || seen.has(name)) return;
    seen.add(name);
    if (key.recommender) {
      try {
        let recommended = key.recommender.validValues(name, parsed);
        if (result.recommendedValues.length > 0) {
          const original = new Set(result.recommendedValues);
          recommended = recommended.filter((v) => original.has(v));
        }
        result.recommendedValues = recommended;
        result.visible = key.recommender.visible(name, parsed);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        result.addErrorMessage(err.message);
      }
    }
    for (const dependent of key.dependents) this.recommend(dependent, parsed, results, seen);
  }

  private configsWithNoParent(): string[] {
    const dependents = new Set<string>();
    for (const key of this.keys.values()) for (const d of key.dependents) dependents.add(d);
    return [...this.keys.keys()].filter((name) => !dependents.has(name));
  }

  private undefinedDependents(): string[] {
    const undefinedNames = new Set<string>();
    for (const key of this.keys.values()) {
      for (const d of key.dependents) if (!this.keys.has(d)) undefinedNames.add(d);
    }
    return [...undefinedNames];
  }
}

function parseValue(key: ConfigKey, raw: unknown, isSet: boolean): unknown {
  let value: unknown;
  if (isSet) value = parseType(key.name, raw, key.type);
  else if (!key.hasDefault())
    throw new ConfigError(`Missing required configuration "${key.name}" which has no default value.`, {
      key: key.name,
    });
  else value = key.defaultValue;
  key.validator?.ensureValid(key.name, value);
  return value;
}

const COMMA_WITH_WHITESPACE = /\s*,\s*/;

/**
 * Parses a raw value (usually a string) to its type, with Kafka's ConfigDef.parseType messages.
 * Strings are trimmed; LIST splits on commas with surrounding whitespace; null stays null.
 */
export function parseType(name: string, value: unknown, type: ConfigType): unknown {
  if (value === null || value === undefined) return null;
  const trimmed = typeof value === 'string' ? value.trim() : null;
  const wrongType = (expected: string) =>
    ConfigError.invalidValue(name, value, `Expected value to be ${expected}, but it was a ${javaTypeName(value)}`);
  switch (type) {
    case ConfigType.BOOLEAN:
      if (typeof value === 'boolean') return value;
      if (trimmed?.toLowerCase() === 'true') return true;
      if (trimmed?.toLowerCase() === 'false') return false;
      throw ConfigError.invalidValue(name, value, 'Expected value to be either true or false');
    case ConfigType.PASSWORD:
      if (value instanceof Password) return value;
      if (trimmed !== null) return new Password(trimmed);
      throw wrongType('a string');
    case ConfigType.STRING:
    case ConfigType.CLASS:
      if (trimmed !== null) return trimmed;
      if (type === ConfigType.CLASS)
        throw ConfigError.invalidValue(name, value, 'Expected a Class instance or class name.');
      throw wrongType('a string');
    case ConfigType.INT:
      return parseInteger(name, value, trimmed, 32, 'a 32-bit integer');
    case ConfigType.SHORT:
      return parseInteger(name, value, trimmed, 16, 'a 16-bit integer');
    case ConfigType.LONG:
      return parseInteger(name, value, trimmed, 64, 'a 64-bit integer');
    case ConfigType.DOUBLE:
      if (typeof value === 'number') return value;
      if (trimmed !== null) {
        const n = Number(trimmed);
        if (trimmed === '' || Number.isNaN(n))
          throw ConfigError.invalidValue(name, value, 'Not a number of type DOUBLE');
        return n;
      }
      throw wrongType('a double');
    case ConfigType.LIST:
      if (Array.isArray(value)) return value;
      if (trimmed !== null) return trimmed === '' ? [] : trimmed.split(COMMA_WITH_WHITESPACE);
      throw ConfigError.invalidValue(name, value, 'Expected a comma separated list.');
  }
}

const INTEGER_TEXT = /^[+-]?\d+$/;

function parseInteger(name: string, value: unknown, trimmed: string | null, bits: 16 | 32 | 64, expected: string) {
  const max = 2n ** BigInt(bits - 1) - 1n;
  const min = -(2n ** BigInt(bits - 1));
  let n: bigint;
  if (typeof value === 'number' && Number.isInteger(value)) n = BigInt(value);
  else if (typeof value === 'bigint') n = value;
  else if (trimmed !== null) {
    if (!INTEGER_TEXT.test(trimmed))
      throw ConfigError.invalidValue(name, value, `Not a number of type ${typeOfBits(bits)}`);
    n = BigInt(trimmed);
  } else {
    throw ConfigError.invalidValue(
      name,
      value,
      `Expected value to be ${expected}, but it was a ${javaTypeName(value)}`,
    );
  }
  if (n < min || n > max) throw ConfigError.invalidValue(name, value, `Not a number of type ${typeOfBits(bits)}`);
  return Number(n);
}

function typeOfBits(bits: 16 | 32 | 64): ConfigType {
  return bits === 16 ? ConfigType.SHORT : bits === 32 ? ConfigType.INT : ConfigType.LONG;
}

function javaTypeName(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'java.lang.Integer' : 'java.lang.Double';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (typeof value === 'object' && value !== null) return 'java.util.HashMap';
  return typeof value;
}

/**
 * A value's text in a config map (Kafka's ConfigDef.convertToString): lists joined with ",",
 * passwords as their value (callers showing it to users must hide it), null as null.
 */
export function convertToString(value: unknown, type: ConfigType | null): string | null {
  if (value === null || value === undefined || value === NO_DEFAULT_VALUE) return null;
  if (type === ConfigType.LIST && Array.isArray(value)) return value.join(',');
  if (value instanceof Password) return value.value();
  return String(value);
}

function prefixedRecommender(prefix: string, inner: Recommender): Recommender {
  const unprefixed = (parsed: ReadonlyMap<string, unknown>) => {
    const view = new Map<string, unknown>();
    for (const [k, v] of parsed) if (k.startsWith(prefix)) view.set(k.slice(prefix.length), v);
    return view;
  };
  return {
    validValues: (name, parsed) => inner.validValues(name.slice(prefix.length), unprefixed(parsed)),
    visible: (name, parsed) => inner.visible(name.slice(prefix.length), unprefixed(parsed)),
  };
}
