import { ConfigError, isPluginClass, type PluginClass, type Validator } from '../api';

/**
 * A plugin interface of the contract, checked structurally: TypeScript interfaces leave nothing at
 * run time, so "implements Converter" means "has Converter's methods" (what the type checker means too).
 */
export interface PluginInterface {
  /** Kafka's simple name of the interface, used in its error texts. */
  readonly simpleName: string;
  /** Kafka's full name, used in validator descriptions. */
  readonly javaName: string;
  readonly methods: readonly string[];
}

export const PluginInterfaces = {
  CONVERTER: {
    simpleName: 'Converter',
    javaName: 'org.apache.kafka.connect.storage.Converter',
    methods: ['configure', 'fromConnectData', 'toConnectData'],
  },
  HEADER_CONVERTER: {
    simpleName: 'HeaderConverter',
    javaName: 'org.apache.kafka.connect.storage.HeaderConverter',
    methods: ['configure', 'toConnectHeader', 'fromConnectHeader'],
  },
  TRANSFORMATION: {
    simpleName: 'Transformation',
    javaName: 'org.apache.kafka.connect.transforms.Transformation',
    methods: ['configure', 'apply', 'config'],
  },
  PREDICATE: {
    simpleName: 'Predicate',
    javaName: 'org.apache.kafka.connect.transforms.predicates.Predicate',
    methods: ['configure', 'test', 'config'],
  },
} as const satisfies Record<string, PluginInterface>;

/** Whether instances of `cls` have every method of `iface`, looked up on the prototype chain. */
export function implementsInterface(cls: PluginClass<unknown>, iface: PluginInterface): boolean {
  const proto = cls.prototype as Record<string, unknown> | undefined;
  return iface.methods.every((method) => typeof proto?.[method] === 'function');
}

/**
 * Kafka's Utils.ensureConcreteSubclass: throws "Class class X does not implement the Converter
 * interface" (a ConfigError without key) when `cls` is not a plugin of that interface.
 */
export function ensureImplements(iface: PluginInterface, cls: PluginClass<unknown>): void {
  if (!implementsInterface(cls, iface)) {
    throw new ConfigError(`Class class ${cls.className} does not implement the ${iface.simpleName} interface`);
  }
}

/** A CLASS value that implements an interface of the contract (Kafka's ConcreteSubClassValidator). */
export class ConcreteSubClassValidator implements Validator {
  private constructor(private readonly iface: PluginInterface) {}

  static forSuperClass(iface: PluginInterface): ConcreteSubClassValidator {
    return new ConcreteSubClassValidator(iface);
  }

  ensureValid(_name: string, value: unknown): void {
    // Null when the class could not be found (already reported); a plain name when parsed without a loader.
    if (!isPluginClass(value)) return;
    ensureImplements(this.iface, value);
  }

  toString(): string {
    return `A concrete subclass of ${this.iface.javaName}`;
  }
}

/** A CLASS value whose class can be instantiated with no arguments (Kafka's InstantiableClassValidator). */
export class InstantiableClassValidator implements Validator {
  ensureValid(name: string, value: unknown): void {
    if (!isPluginClass(value)) return;
    let instance: unknown;
    try {
      instance = new value();
    } catch {
      // Java wraps a constructor's exception in an InvocationTargetException, whose message is
      // null, so Kafka's text stops at "Could not instantiate class".
      throw ConfigError.invalidValue(name, value.className, 'Could not instantiate class');
    }
    closeQuietly(instance);
  }

  toString(): string {
    return 'A class with a public, no-argument constructor';
  }
}

/**
 * A Java regular expression (Kafka's RegexValidator from connect-transforms). The pattern is
 * compiled with JavaScript's RegExp, so the reason after "Invalid regex: " is V8's, not Java's.
 */
export class RegexValidator implements Validator {
  ensureValid(name: string, value: unknown): void {
    try {
      compileJavaRegex(String(value));
    } catch (err) {
      throw ConfigError.invalidValue(name, value, `Invalid regex: ${(err as Error).message}`);
    }
  }

  toString(): string {
    return 'valid regex';
  }
}

/** Compiles a Java regex for whole-string matching (Java's Matcher#matches). Throws SyntaxError. */
export function compileJavaRegex(pattern: string): RegExp {
  // Compiled alone first, so a pattern such as "a)|(b" cannot turn valid inside the wrapper.
  new RegExp(pattern);
  return new RegExp(`^(?:${pattern})$`);
}

export function closeQuietly(instance: unknown): void {
  try {
    const close = (instance as { close?: unknown } | null)?.close;
    if (typeof close !== 'function') return;
    const result: unknown = close.call(instance);
    if (result instanceof Promise) result.catch(() => {});
  } catch {
    // Kafka's Utils.maybeCloseQuietly: a failure to close a probe instance is not the user's error.
  }
}
