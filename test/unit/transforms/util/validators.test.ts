import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../shared/api';
import { NonEmptyListValidator, RegexValidator } from '../../../../shared/transforms/util/validators';

describe('NonEmptyListValidator', () => {
  it('rejects a null list', () => {
    // Assess
    expect(() => new NonEmptyListValidator().ensureValid('foo', null)).toThrow(ConfigError);
  });

  it('rejects an empty list', () => {
    // Assess
    expect(() => new NonEmptyListValidator().ensureValid('foo', [])).toThrow(
      'Invalid value [] for configuration foo: Empty list',
    );
  });

  it('accepts a list with an element', () => {
    // Assess
    expect(() => new NonEmptyListValidator().ensureValid('foo', ['foo'])).not.toThrow();
    expect(String(new NonEmptyListValidator())).toBe('non-empty list');
  });
});

describe('RegexValidator', () => {
  it('accepts a valid regex and rejects an invalid one', () => {
    // Assess
    expect(() => new RegexValidator().ensureValid('regex', 'a.*')).not.toThrow();
    expect(() => new RegexValidator().ensureValid('regex', '(')).toThrow(
      /^Invalid value \( for configuration regex: Invalid regex: /,
    );
    expect(String(new RegexValidator())).toBe('valid regex');
  });
});
