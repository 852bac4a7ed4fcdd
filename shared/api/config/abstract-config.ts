import type { PluginClass } from '../connector/plugin';
import { ConfigError } from '../errors';
import { type ClassLoader, isPluginClass } from './class-loader';
import type { ConfigDef, ConfigType } from './config-def';
import { Password } from './password';

/**
 * A parsed, validated config (Kafka's AbstractConfig): construction throws the first ConfigError,
 * and typed getters read values by key, so code never reads raw `props['key']` strings.
 * `classLoader` resolves CLASS values (plugin names and aliases); without it they stay names.
 */
export class AbstractConfig {
  private readonly values: Map<string, unknown>;
  private readonly originalProps: Readonly<Record<string, unknown>>;

  constructor(
    readonly definition: ConfigDef,
    originals: Readonly<Record<string, unknown>>,
    protected readonly classLoader?: ClassLoader,
  ) {
    for (const key of Object.keys(originals)) {
      if (typeof key !== 'string') throw new ConfigError(`Key ${String(key)} was supplied that is not a string.`);
    }
    this.originalProps = { ...originals };
    this.values = definition.parse(originals, classLoader);
  }

  get(key: string): unknown {
    if (!this.values.has(key)) throw new ConfigError(`Unknown configuration '${key}'`);
    return this.values.get(key);
  }

  getString(key: string): string | null {
    return this.get(key) as string | null;
  }

  getInt(key: string): number | null {
    return this.get(key) as number | null;
  }

  getShort(key: string): number | null {
    return this.get(key) as number | null;
  }

  getLong(key: string): number | null {
    return this.get(key) as number | null;
  }

  getDouble(key: string): number | null {
    return this.get(key) as number | null;
  }

  getBoolean(key: string): boolean | null {
    return this.get(key) as boolean | null;
  }

  getList(key: string): string[] | null {
    return this.get(key) as string[] | null;
  }

  /** A CLASS value's class name: the loaded class's Java name, or the name as configured when not loaded. */
  getClass(key: string): string | null {
    const value = this.get(key);
    return isPluginClass(value) ? value.className : (value as string | null);
  }

  /** A CLASS value's class, when the config was parsed with a ClassLoader; null when unset or not loaded. */
  getPluginClass<T>(key: string): PluginClass<T> | null {
    const value = this.get(key);
    return isPluginClass(value) ? (value as PluginClass<T>) : null;
  }

  getPassword(key: string): Password | null {
    const value = this.get(key);
    return value instanceof Password || value === null ? value : new Password(String(value));
  }

  /** The declared type of a key, or null when the definition has no such key (Kafka's typeOf). */
  typeOf(key: string): ConfigType | null {
    return this.definition.configKeys().get(key)?.type ?? null;
  }

  /** The documentation of a key, or null when the definition has no such key (Kafka's documentationOf). */
  documentationOf(key: string): string | null {
    return this.definition.configKeys().get(key)?.documentation ?? null;
  }

  /** Every parsed value, declared keys only (Kafka's values()). */
  parsedValues(): ReadonlyMap<string, unknown> {
    return this.values;
  }

  /** The config as given, including keys the definition does not declare. */
  originals(): Record<string, unknown> {
    return { ...this.originalProps };
  }

  /** The given config's string values (Kafka's originalsStrings); throws when a value is not a string. */
  originalsStrings(): Record<string, string> {
    const strings: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.originalProps)) {
      if (typeof v !== 'string') throw new ConfigError(`Value ${String(v)} for key ${k} is not a string.`);
      strings[k] = v;
    }
    return strings;
  }

  /** The given keys that start with `prefix` (and are longer), with the prefix stripped unless `strip` is false. */
  originalsWithPrefix(prefix: string, strip = true): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.originalProps)) {
      if (k.startsWith(prefix) && k.length > prefix.length) result[strip ? k.slice(prefix.length) : k] = v;
    }
    return result;
  }

  /**
   * Every parsed value, with values given under `prefix` overriding them (Kafka's
   * valuesWithPrefixOverride). A prefixed key is parsed with the definition of the key without the
   * prefix, or without the prefix and one more dotted segment ("listener.x." + "mech.sasl.key").
   */
  valuesWithPrefixOverride(prefix: string): Map<string, unknown> {
    const result = new Map(this.values);
    const keys = this.definition.configKeys();
    for (const [name, raw] of Object.entries(this.originalProps)) {
      if (!name.startsWith(prefix) || name.length <= prefix.length) continue;
      const withoutPrefix = name.slice(prefix.length);
      const key = keys.get(withoutPrefix) ?? keys.get(withoutPrefix.slice(withoutPrefix.indexOf('.') + 1));
      if (key) result.set(withoutPrefix, this.definition.parseValue(key, raw, true, this.classLoader));
    }
    return result;
  }

  /**
   * When any key is given under `prefix`, only those (prefix stripped, declared keys only, parsed);
   * otherwise every parsed value (Kafka's valuesWithPrefixAllOrNothing).
   */
  valuesWithPrefixAllOrNothing(prefix: string): Map<string, unknown> {
    const withPrefix = this.originalsWithPrefix(prefix);
    if (Object.keys(withPrefix).length === 0) return new Map(this.values);
    const result = new Map<string, unknown>();
    for (const [name, raw] of Object.entries(withPrefix)) {
      const key = this.definition.configKeys().get(name);
      if (key) result.set(name, this.definition.parseValue(key, raw, true, this.classLoader));
    }
    return result;
  }
}
