import { ConfigError, type Validator } from '../../api';
import { JavaPattern } from './java-regex';

/** A list that is set and not empty (Kafka's transforms util NonEmptyListValidator). */
export class NonEmptyListValidator implements Validator {
  ensureValid(name: string, value: unknown): void {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
      throw ConfigError.invalidValue(name, value, 'Empty list');
    }
  }

  toString(): string {
    return 'non-empty list';
  }
}

/** A string that compiles as a regular expression (Kafka's transforms util RegexValidator). */
export class RegexValidator implements Validator {
  ensureValid(name: string, value: unknown): void {
    // Java's Pattern.compile(null) throws a NullPointerException, whose message is null.
    if (typeof value !== 'string') throw ConfigError.invalidValue(name, value, 'Invalid regex: null');
    try {
      JavaPattern.compile(value);
    } catch (err) {
      throw ConfigError.invalidValue(name, value, `Invalid regex: ${(err as Error).message}`);
    }
  }

  toString(): string {
    return 'valid regex';
  }
}
