import { ConfigError } from '../errors';
import type { ConfigDef } from './config-def';
import { Password } from './password';

/**
 * A parsed, validated config (Kafka's AbstractConfig): construction throws the first ConfigError,
 * and typed getters read values by key, so code never reads raw `props['key']` strings.
 */
export class AbstractConfig {
  private readonly values: Map<string, unknown>;
  private readonly originalProps: Readonly<Record<string, unknown>>;

  constructor(
    readonly definition: ConfigDef,
    originals: Readonly<Record<string, unknown>>,
  ) {
    for (const key of Object.keys(originals)) {
      if (typeof key !== 'string') throw new ConfigError(`Key ${String(key)} was supplied that is not a string.`);
    }
    this.originalProps = { ...originals };
    this.values = definition.parse(originals);
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

  /** A CLASS value: the class name as configured. */
  getClass(key: string): string | null {
    return this.get(key) as string | null;
  }

  getPassword(key: string): Password | null {
    const value = this.get(key);
    return value instanceof Password || value === null ? value : new Password(String(value));
  }

  /** Every parsed value, declared keys only. */
  parsedValues(): ReadonlyMap<string, unknown> {
    return this.values;
  }

  /** The config as given, including keys the definition does not declare. */
  originals(): Record<string, unknown> {
    return { ...this.originalProps };
  }

  /** The given config's string values (Kafka's originalsStrings). */
  originalsStrings(): Record<string, string> {
    const strings: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.originalProps)) {
      if (typeof v !== 'string') throw new ConfigError(`Value ${String(v)} for key ${k} is not a string.`);
      strings[k] = v;
    }
    return strings;
  }

  /** The given keys that start with `prefix`, with the prefix stripped unless `strip` is false. */
  originalsWithPrefix(prefix: string, strip = true): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.originalProps)) {
      if (k.startsWith(prefix) && k.length > prefix.length) result[strip ? k.slice(prefix.length) : k] = v;
    }
    return result;
  }
}
