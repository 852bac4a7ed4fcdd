import { javaDoubleToString } from '../data/java-text';
import { ConfigError } from '../errors';
import { type ClassLoader, isPluginClass, javaClassToString } from './class-loader';
import { ConfigValue } from './config-value';
import { Password } from './password';
import { LambdaValidator, type Validator } from './validators';

/** The types a configuration value can have (Kafka's ConfigDef.Type). */
export const ConfigType = {
  BOOLEAN: 'BOOLEAN',
  STRING: 'STRING',
  INT: 'INT',
  SHORT: 'SHORT',
  LONG: 'LONG',
  DOUBLE: 'DOUBLE',
  LIST: 'LIST',
  /**
   * A plugin class. With a ClassLoader the value parses to the class (unknown names fail with
   * "Class X could not be found."); without one it stays the trimmed name.
   */
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
  /** Defaults to the name, as in Kafka's short `define` forms. */
  displayName?: string;
  dependents?: readonly string[];
  recommender?: Recommender | null;
  internalConfig?: boolean;
  /** Shown instead of the default in generated docs (Kafka's alternativeString). */
  alternativeString?: string | null;
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
  readonly alternativeString: string | null;

  /** Throws ConfigError when the default does not parse or its validator rejects it. */
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
    this.alternativeString = init.alternativeString ?? null;
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

  /** A new definition, or a copy of `base` to extend (Kafka's `new ConfigDef(base)`). */
  constructor(base?: ConfigDef) {
    if (base) {
      for (const key of base.keys.values()) this.keys.set(key.name, key);
      this.groupNames.push(...base.groupNames);
    }
  }

  /** Declares a key: the object form, or Kafka's short forms (name, type, default, [validator,] importance, doc). */
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

  /**
   * Declares an internal key, hidden from generated docs (Kafka's defineInternal). Kafka gives
   * internal keys the group "" (so "" joins the group list) and order -1.
   */
  defineInternal(
    name: string,
    type: ConfigType,
    defaultValue: unknown,
    importance: Importance,
    validator: Validator | null = null,
    documentation = '',
  ): this {
    return this.defineKey(
      new ConfigKey({
        name,
        type,
        defaultValue,
        validator,
        importance,
        documentation,
        group: '',
        internalConfig: true,
      }),
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

  /** The parsed defaults of the keys that have one (Kafka's defaultValues). */
  defaultValues(): Map<string, unknown> {
    const defaults = new Map<string, unknown>();
    for (const key of this.keys.values()) if (key.hasDefault()) defaults.set(key.name, key.defaultValue);
    return defaults;
  }

  /**
   * Adds every key of `child` under `prefix` (Kafka's ConfigDef#embed): in the child's documented
   * order (see sortedConfigs), in group `group` (or "group: childGroup"), numbered from
   * `startingOrder`. Validators see the unprefixed name, as in Kafka, so their messages name the
   * child's key; dependents and recommenders are re-pointed at the prefixed names.
   */
  embed(prefix: string, group: string, startingOrder: number, child: ConfigDef): this {
    let order = startingOrder;
    for (const key of child.sortedConfigs()) {
      this.defineKey(
        new ConfigKey({
          name: prefix + key.name,
          type: key.type,
          defaultValue: key.defaultValue,
          validator: key.validator ? embeddedValidator(prefix, key.validator) : null,
          importance: key.importance,
          documentation: key.documentation,
          group: group + (key.group === null ? '' : `: ${key.group}`),
          orderInGroup: order++,
          width: key.width,
          displayName: key.displayName,
          dependents: key.dependents.map((d) => prefix + d),
          recommender: key.recommender ? prefixedRecommender(prefix, key.recommender) : null,
          internalConfig: key.internalConfig,
          alternativeString: key.alternativeString,
        }),
      );
    }
    return this;
  }

  /**
   * Parses and validates a config map; throws the first ConfigError, like Kafka's ConfigDef#parse.
   * Returns every declared key, with defaults applied. `classLoader` resolves CLASS values.
   */
  parse(props: Readonly<Record<string, unknown>>, classLoader?: ClassLoader): Map<string, unknown> {
    const undefinedNames = this.undefinedDependents();
    if (undefinedNames.length > 0) {
      throw new ConfigError(
        `Some configurations in are referred in the dependents, but not defined: ${undefinedNames.join(',')}`,
      );
    }
    const values = new Map<string, unknown>();
    for (const key of this.keys.values()) {
      values.set(key.name, this.parseValue(key, props[key.name], Object.hasOwn(props, key.name), classLoader));
    }
    return values;
  }

  /** One key's value: parsed when set, else its default (or ConfigError when required), then validated. */
  parseValue(key: ConfigKey, raw: unknown, isSet: boolean, classLoader?: ClassLoader): unknown {
    let value: unknown;
    if (isSet) value = parseType(key.name, raw, key.type, classLoader);
    else if (!key.hasDefault())
      throw new ConfigError(`Missing required configuration "${key.name}" which has no default value.`, {
        key: key.name,
      });
    else value = key.defaultValue;
    key.validator?.ensureValid(key.name, value);
    return value;
  }

  /**
   * Validates a string config without throwing (Kafka's ConfigDef#validateAll): one ConfigValue per
   * declared key, in definition order, each with its parsed value, errors, recommendations and
   * visibility. Dependents are parsed after their parents so recommenders see their values; like
   * Kafka, a key that is the dependent of two parents is checked twice (its errors repeat).
   */
  validateAll(props: Readonly<Record<string, string>>, classLoader?: ClassLoader): Map<string, ConfigValue> {
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
    for (const name of roots) this.parseForValidate(name, props, parsed, results, new Set(), classLoader);
    for (const name of roots) this.recommend(name, parsed, results, new Set());
    return results;
  }

  /** The same as validateAll, as a list. */
  validate(props: Readonly<Record<string, string>>, classLoader?: ClassLoader): ConfigValue[] {
    return [...this.validateAll(props, classLoader).values()];
  }

  /** `path` holds the keys being visited, so a dependency cycle stops instead of recursing forever. */
  private parseForValidate(
    name: string,
    props: Readonly<Record<string, string>>,
    parsed: Map<string, unknown>,
    results: Map<string, ConfigValue>,
    path: Set<string>,
    classLoader: ClassLoader | undefined,
  ): void {
    const key = this.keys.get(name);
    const result = results.get(name);
    if (!key || !result || path.has(name)) return;
    let value: unknown = null;
    if (Object.hasOwn(props, name)) {
      try {
        value = parseType(name, props[name], key.type, classLoader);
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
    path.add(name);
    for (const dependent of key.dependents) this.parseForValidate(dependent, props, parsed, results, path, classLoader);
    path.delete(name);
  }

  private recommend(name: string, parsed: Map<string, unknown>, results: Map<string, ConfigValue>, path: Set<string>) {
    const key = this.keys.get(name);
    const result = results.get(name);
    if (!key || !result || path.has(name)) return;
    if (key.recommender) {
      try {
        let recommended = [...key.recommender.validValues(name, parsed)];
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
    path.add(name);
    for (const dependent of key.dependents) this.recommend(dependent, parsed, results, path);
    path.delete(name);
  }

  /** Keys no other key lists as a dependent (Kafka's getConfigsWithNoParent), in definition order. */
  configsWithNoParent(): string[] {
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

  /**
   * Keys in documented order (Kafka's sortedConfigs): ungrouped first, then by group in the order
   * groups were first used, then by order in group; ties put required keys first, then higher
   * importance, then the name.
   */
  sortedConfigs(): ConfigKey[] {
    const groupOrder = new Map(this.groupNames.map((g, i) => [g, i]));
    const rank = { HIGH: 0, MEDIUM: 1, LOW: 2 } as const;
    return [...this.keys.values()].sort((a, b) => {
      const byGroup =
        a.group === null
          ? b.group === null
            ? 0
            : -1
          : b.group === null
            ? 1
            : (groupOrder.get(a.group) ?? 0) - (groupOrder.get(b.group) ?? 0);
      if (byGroup !== 0) return byGroup;
      if (a.orderInGroup !== b.orderInGroup) return a.orderInGroup < b.orderInGroup ? -1 : 1;
      if (!a.hasDefault() && b.hasDefault()) return -1;
      if (!b.hasDefault() && a.hasDefault()) return 1;
      if (a.importance !== b.importance) return rank[a.importance] - rank[b.importance];
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
  }

  /** The keys as reStructuredText (Kafka's toRst), internal keys left out. */
  toRst(): string {
    let out = '';
    for (const key of this.sortedConfigs()) {
      if (key.internalConfig) continue;
      out += `${configKeyRst(key)}\n`;
    }
    return out;
  }

  /** The keys as reStructuredText with group headings and dependents (Kafka's toEnrichedRst). */
  toEnrichedRst(): string {
    let out = '';
    let lastGroup = '';
    for (const key of this.sortedConfigs()) {
      if (key.internalConfig) continue;
      if (key.group !== null) {
        if (lastGroup.toLowerCase() !== key.group.toLowerCase()) {
          out += `${key.group}\n${'^'.repeat(key.group.length)}\n\n`;
        }
        lastGroup = key.group;
      }
      out += configKeyRst(key);
      if (key.dependents.length > 0) {
        out += `  * Dependents: ${key.dependents.map((d) => `\`\`${d}\`\``).join(', ')}\n`;
      }
      out += '\n';
    }
    return out;
  }

  /** The keys as an HTML table (Kafka's toHtmlTable), with an update-mode column when modes are given. */
  toHtmlTable(dynamicUpdateModes: ReadonlyMap<string, string> = new Map()): string {
    const hasModes = dynamicUpdateModes.size > 0;
    let out = '<table class="data-table"><tbody>\n<tr>\n';
    for (const header of DOC_HEADERS) out += `<th>${header}</th>\n`;
    if (hasModes) out += '<th>Dynamic Update Mode</th>\n';
    out += '</tr>\n';
    for (const key of this.sortedConfigs()) {
      if (key.internalConfig) continue;
      out += '<tr>\n';
      // Kafka writes an extra </td> after each cell; kept so generated docs match byte for byte.
      for (const header of DOC_HEADERS) out += `<td>${docValue(key, header)}</td></td>`;
      if (hasModes) out += `<td>${dynamicUpdateModes.get(key.name) ?? 'read-only'}</td>`;
      out += '</tr>\n';
    }
    return `${out}</tbody></table>`;
  }

  /** The keys as an HTML list (Kafka's toHtml). */
  toHtml(
    headerDepth = 4,
    idGenerator: (name: string) => string = (name) => name,
    dynamicUpdateModes: ReadonlyMap<string, string> = new Map(),
  ): string {
    let out = '<ul class="config-list">\n';
    for (const key of this.sortedConfigs()) {
      if (key.internalConfig) continue;
      const id = idGenerator(key.name);
      out += '<li>\n';
      out += `<h${headerDepth}><a id="${key.name}"></a><a id="${id}" href="#${id}">${key.name}</a></h${headerDepth}>\n`;
      out += `<p>${key.documentation === null ? '' : key.documentation.replaceAll('\n', '<br>')}</p>\n`;
      out += '<table><tbody>\n';
      for (const header of DOC_HEADERS) {
        if (header === 'Name' || header === 'Description') continue;
        const value =
          header === 'Default' && key.alternativeString !== null ? key.alternativeString : docValue(key, header);
        out += `<tr><th>${header}:</th><td>${value}</td></tr>\n`;
      }
      if (dynamicUpdateModes.size > 0) {
        out += `<tr><th>Update Mode:</th><td>${dynamicUpdateModes.get(key.name) ?? 'read-only'}</td></tr>\n`;
      }
      out += '</tbody></table>\n</li>\n';
    }
    return `${out}</ul>\n`;
  }
}

const DOC_HEADERS = ['Name', 'Description', 'Type', 'Default', 'Valid Values', 'Importance'] as const;

function docValue(key: ConfigKey, header: (typeof DOC_HEADERS)[number]): string {
  switch (header) {
    case 'Name':
      return key.name;
    case 'Description':
      return key.documentation ?? 'null';
    case 'Type':
      return key.type.toLowerCase();
    case 'Default': {
      if (!key.hasDefault()) return '';
      if (key.defaultValue === null) return 'null';
      const text = convertToString(key.defaultValue, key.type) ?? '';
      if (text === '') return '""';
      if (key.name.endsWith('.bytes')) return text + niceMemoryUnits(Number(key.defaultValue));
      if (key.name.endsWith('.ms')) return text + niceTimeUnits(Number(key.defaultValue));
      return text;
    }
    case 'Valid Values':
      return key.validator ? key.validator.toString() : '';
    case 'Importance':
      return key.importance.toLowerCase();
  }
}

function configKeyRst(key: ConfigKey): string {
  let out = `\`\`${key.name}\`\`\n`;
  if (key.documentation !== null) {
    for (const line of key.documentation.split('\n')) if (line.length > 0) out += `  ${line}\n\n`;
  } else {
    out += '\n';
  }
  out += `  * Type: ${docValue(key, 'Type')}\n`;
  if (key.hasDefault()) out += `  * Default: ${docValue(key, 'Default')}\n`;
  if (key.validator) out += `  * Valid Values: ${docValue(key, 'Valid Values')}\n`;
  out += `  * Importance: ${docValue(key, 'Importance')}\n`;
  return out;
}

/** " (2 kibibytes)" for a whole number of binary units, else "" (Kafka's niceMemoryUnits). */
export function niceMemoryUnits(bytes: number): string {
  let value = bytes;
  let i = 0;
  while (value !== 0 && i < 4 && value % 1024 === 0) {
    value /= 1024;
    i++;
  }
  const units = ['kibibyte', 'mebibyte', 'gibibyte', 'tebibyte'];
  if (i === 0) return '';
  return ` (${value} ${units[i - 1]}${value === 1 ? ')' : 's)'}`;
}

/** " (2 minutes)" for a whole number of seconds, minutes, hours or days, else "" (Kafka's niceTimeUnits). */
export function niceTimeUnits(millis: number): string {
  const divisors = [1000, 60, 60, 24];
  const units = ['second', 'minute', 'hour', 'day'];
  let value = millis;
  let i = 0;
  while (value !== 0 && i < 4 && value % (divisors[i] as number) === 0) {
    value /= divisors[i] as number;
    i++;
  }
  if (i === 0) return '';
  return ` (${value} ${units[i - 1]}${value > 1 ? 's)' : ')'}`;
}

const COMMA_WITH_WHITESPACE = /\s*,\s*/;
/** What Java's Double.parseDouble accepts (decimal forms; hex floats are left out). */
const JAVA_DOUBLE_TEXT = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;

/**
 * Parses a raw value (usually a string) to its type, with Kafka's ConfigDef.parseType messages.
 * Strings are trimmed; LIST splits on commas with surrounding whitespace; null stays null.
 * CLASS values are looked up with `classLoader` when one is given.
 */
export function parseType(name: string, value: unknown, type: ConfigType, classLoader?: ClassLoader): unknown {
  if (value === null || value === undefined) return null;
  const trimmed = typeof value === 'string' ? javaTrim(value) : null;
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
      if (trimmed !== null) return trimmed;
      throw wrongType('a string');
    case ConfigType.CLASS:
      if (isPluginClass(value)) return value;
      if (trimmed !== null) {
        if (!classLoader) return trimmed;
        const cls = classLoader.loadClass(trimmed);
        if (cls === null) throw ConfigError.invalidValue(name, value, `Class ${value} could not be found.`);
        return cls;
      }
      throw ConfigError.invalidValue(name, value, 'Expected a Class instance or class name.');
    case ConfigType.INT:
      return parseInteger(name, value, trimmed, 32, wrongType);
    case ConfigType.SHORT:
      return parseInteger(name, value, trimmed, 16, wrongType);
    case ConfigType.LONG:
      return parseInteger(name, value, trimmed, 64, wrongType);
    case ConfigType.DOUBLE:
      if (typeof value === 'number') return value;
      if (trimmed !== null) {
        if (!JAVA_DOUBLE_TEXT.test(trimmed)) throw ConfigError.invalidValue(name, value, 'Not a number of type DOUBLE');
        return Number(trimmed.replace(/[fFdD]$/, ''));
      }
      throw wrongType('a double');
    case ConfigType.LIST:
      if (Array.isArray(value)) return value;
      if (trimmed !== null) return trimmed === '' ? [] : trimmed.split(COMMA_WITH_WHITESPACE);
      throw ConfigError.invalidValue(name, value, 'Expected a comma separated list.');
  }
}

/**
 * Java's String#trim, which Kafka applies to every string value: it strips all characters up to
 * U+0020 (control characters included) and nothing else, where JavaScript's trim strips Unicode spaces.
 */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const INTEGER_NAMES = { 16: 'a 16-bit integer (short)', 32: 'a 32-bit integer', 64: 'a 64-bit integer (long)' };

function parseInteger(
  name: string,
  value: unknown,
  trimmed: string | null,
  bits: 16 | 32 | 64,
  wrongType: (expected: string) => ConfigError,
): number {
  const max = 2n ** BigInt(bits - 1) - 1n;
  const min = -(2n ** BigInt(bits - 1));
  if (trimmed !== null) {
    const n = INTEGER_TEXT.test(trimmed) ? BigInt(trimmed) : null;
    if (n === null || n < min || n > max) {
      throw ConfigError.invalidValue(name, value, `Not a number of type ${typeOfBits(bits)}`);
    }
    return Number(n);
  }
  // A number given as a value (not a string) must already fit, as a Java Integer must for INT.
  if (typeof value === 'number' && Number.isInteger(value) && value >= Number(min) && value <= Number(max))
    return value;
  if (typeof value === 'bigint' && value >= min && value <= max) return Number(value);
  throw wrongType(INTEGER_NAMES[bits]);
}

function typeOfBits(bits: 16 | 32 | 64): ConfigType {
  return bits === 16 ? ConfigType.SHORT : bits === 32 ? ConfigType.INT : ConfigType.LONG;
}

/** The Java class name Kafka prints for a value of the wrong type. */
function javaTypeName(value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'java.lang.Double';
    return value >= -(2 ** 31) && value < 2 ** 31 ? 'java.lang.Integer' : 'java.lang.Long';
  }
  if (typeof value === 'bigint') return 'java.lang.Long';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'string') return 'java.lang.String';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (value instanceof Password) return 'org.apache.kafka.common.config.types.Password';
  if (isPluginClass(value)) return 'java.lang.Class';
  return 'java.lang.Object';
}

/**
 * A parsed value's text (Kafka's ConfigDef.convertToString): lists joined with ",", classes by
 * name, doubles as Java prints them, passwords as "[hidden]", null as null. Use
 * convertToStringMapWithPasswordValues where the secret itself is needed.
 */
export function convertToString(value: unknown, type: ConfigType | null): string | null {
  if (value === null || value === undefined || value === NO_DEFAULT_VALUE) return null;
  if (type === ConfigType.LIST && Array.isArray(value)) return value.map((v) => convertToString(v, null)).join(',');
  if (type === ConfigType.CLASS && isPluginClass(value)) return value.className;
  if (type === ConfigType.DOUBLE && typeof value === 'number') return javaDoubleToString(value);
  return javaObjectToString(value);
}

/**
 * Every value as a string, passwords included in clear (Kafka's convertToStringMapWithPasswordValues).
 * Never log the result. Null values are left out.
 */
export function convertToStringMapWithPasswordValues(configs: ReadonlyMap<string, unknown>): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of configs) {
    let text: string | null;
    if (value instanceof Password) text = value.value();
    else if (Array.isArray(value)) text = convertToString(value, ConfigType.LIST);
    else if (isPluginClass(value)) text = convertToString(value, ConfigType.CLASS);
    else text = convertToString(value, null);
    if (text !== null) result.set(key, text);
  }
  return result;
}

/** Java's toString of a config value: a Password hides itself, a class prints as "class X". */
function javaObjectToString(value: unknown): string {
  if (isPluginClass(value)) return javaClassToString(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === null ? 'null' : javaObjectToString(v))).join(', ')}]`;
  return String(value);
}

/** Kafka's embeddedValidator: the child's validator sees its own (unprefixed) key name. */
function embeddedValidator(prefix: string, base: Validator): Validator {
  return LambdaValidator.with(
    (name, value) => base.ensureValid(name.slice(prefix.length), value),
    () => base.toString(),
  );
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
