import { ConfigError } from '../errors';
import { javaHashSetOrder } from './java-hash-set';

/**
 * Checks a parsed configuration value (Kafka's ConfigDef.Validator); throws ConfigError with Kafka's
 * message text when the value is not allowed. `toString()` describes the valid values for docs.
 */
export interface Validator {
  ensureValid(name: string, value: unknown): void;
  toString(): string;
}

/** A number range, either end open, both ends inclusive (Kafka's ConfigDef.Range). */
export class Range implements Validator {
  private constructor(
    private readonly min: number | null,
    private readonly max: number | null,
  ) {}

  static atLeast(min: number): Range {
    return new Range(min, null);
  }

  static between(min: number, max: number): Range {
    return new Range(min, max);
  }

  ensureValid(name: string, value: unknown): void {
    if (value === null || value === undefined) throw ConfigError.invalidValue(name, null, 'Value must be non-null');
    const n = Number(value);
    if (this.min !== null && n < this.min)
      throw ConfigError.invalidValue(name, value, `Value must be at least ${this.min}`);
    if (this.max !== null && n > this.max) {
      throw ConfigError.invalidValue(name, value, `Value must be no more than ${this.max}`);
    }
  }

  toString(): string {
    if (this.min === null && this.max === null) return '[...]';
    if (this.min === null) return `[...,${this.max}]`;
    if (this.max === null) return `[${this.min},...]`;
    return `[${this.min},...,${this.max}]`;
  }
}

/** One of a fixed set of strings, case-sensitive (Kafka's ConfigDef.ValidString). */
export class ValidString implements Validator {
  private constructor(private readonly valid: readonly string[]) {}

  static in(...valid: string[]): ValidString {
    return new ValidString(valid);
  }

  ensureValid(name: string, value: unknown): void {
    if (!this.valid.includes(value as string)) {
      throw ConfigError.invalidValue(name, value, `String must be one of: ${this.valid.join(', ')}`);
    }
  }

  toString(): string {
    return `[${this.valid.join(', ')}]`;
  }
}

/**
 * One of a fixed set of strings, ignoring case (Kafka's ConfigDef.CaseInsensitiveValidString).
 * Kafka keeps the choices upper-cased in a HashSet and prints them in that set's order, so the
 * message for "requested", "required" reads "REQUIRED, REQUESTED"; this keeps that text.
 */
export class CaseInsensitiveValidString implements Validator {
  private readonly upper: readonly string[];

  private constructor(valid: readonly string[]) {
    this.upper = javaHashSetOrder(valid.map((v) => v.toUpperCase()));
  }

  static in(...valid: string[]): CaseInsensitiveValidString {
    return new CaseInsensitiveValidString(valid);
  }

  ensureValid(name: string, value: unknown): void {
    if (typeof value !== 'string' || !this.upper.includes(value.toUpperCase())) {
      throw ConfigError.invalidValue(name, value, `String must be one of (case insensitive): ${this.upper.join(', ')}`);
    }
  }

  toString(): string {
    return `(case insensitive) [${this.upper.join(', ')}]`;
  }
}

/** Every element of a list is one of a fixed set (Kafka's ConfigDef.ValidList). */
export class ValidList implements Validator {
  private constructor(private readonly element: ValidString) {}

  static in(...valid: string[]): ValidList {
    return new ValidList(ValidString.in(...valid));
  }

  ensureValid(name: string, value: unknown): void {
    for (const item of (value as string[] | null) ?? []) this.element.ensureValid(name, item);
  }

  toString(): string {
    return this.element.toString();
  }
}

/** A list of at most `maxSize` elements (Kafka's ConfigDef.ListSize). */
export class ListSize implements Validator {
  private constructor(private readonly maxSize: number) {}

  static atMostOfSize(maxSize: number): ListSize {
    return new ListSize(maxSize);
  }

  ensureValid(name: string, value: unknown): void {
    const size = Array.isArray(value) ? value.length : 0;
    if (size > this.maxSize) {
      throw ConfigError.invalidValue(name, value, `exceeds maximum list size of [${this.maxSize}].`);
    }
  }

  toString(): string {
    return `List containing maximum of ${this.maxSize} elements`;
  }
}

/** A string that, when set, is not empty (Kafka's ConfigDef.NonEmptyString). */
export class NonEmptyString implements Validator {
  ensureValid(name: string, value: unknown): void {
    if (value === '') throw ConfigError.invalidValue(name, value, 'String must be non-empty');
  }

  toString(): string {
    return 'non-empty string';
  }
}

/** A value that is set (Kafka's ConfigDef.NonNullValidator). */
export class NonNullValidator implements Validator {
  ensureValid(name: string, value: unknown): void {
    // Kafka passes the string "null" as the value, so the text reads "Invalid value null ...".
    if (value === null || value === undefined) throw ConfigError.invalidValue(name, 'null', 'entry must be non null');
  }

  toString(): string {
    return 'non-null string';
  }
}

/** A non-empty string with no ISO control characters (Kafka's ConfigDef.NonEmptyStringWithoutControlChars). */
export class NonEmptyStringWithoutControlChars implements Validator {
  static nonEmptyStringWithoutControlChars(): NonEmptyStringWithoutControlChars {
    return new NonEmptyStringWithoutControlChars();
  }

  ensureValid(name: string, value: unknown): void {
    // A missing name is reported by the required-key check; null passes here (as in Kafka).
    if (value === null || value === undefined) return;
    const text = String(value);
    if (text === '') throw ConfigError.invalidValue(name, value, 'String may not be empty');
    const illegal: number[] = [];
    // Kafka walks UTF-16 indexes and reads the code point at each (Character.isISOControl).
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i) ?? 0;
      if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) illegal.push(code);
    }
    if (illegal.length > 0) {
      throw ConfigError.invalidValue(
        name,
        value,
        `String may not contain control sequences but had the following ASCII chars: ${illegal.join(', ')}`,
      );
    }
  }

  toString(): string {
    return 'non-empty string without ISO control characters';
  }
}

/** All of several validators, in order (Kafka's ConfigDef.CompositeValidator). */
export class CompositeValidator implements Validator {
  private constructor(private readonly validators: readonly Validator[]) {}

  static of(...validators: Validator[]): CompositeValidator {
    return new CompositeValidator(validators);
  }

  ensureValid(name: string, value: unknown): void {
    for (const validator of this.validators) validator.ensureValid(name, value);
  }

  toString(): string {
    return this.validators.map(String).join(', ');
  }
}

/** A validator from a function (Kafka's ConfigDef.LambdaValidator). */
export class LambdaValidator implements Validator {
  private constructor(
    private readonly check: (name: string, value: unknown) => void,
    private readonly description: () => string,
  ) {}

  static with(check: (name: string, value: unknown) => void, description: () => string): LambdaValidator {
    return new LambdaValidator(check, description);
  }

  ensureValid(name: string, value: unknown): void {
    this.check(name, value);
  }

  toString(): string {
    return this.description();
  }
}
