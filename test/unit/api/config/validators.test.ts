import { describe, expect, it } from 'vitest';
import {
  CaseInsensitiveValidString,
  CompositeValidator,
  LambdaValidator,
  NonEmptyString,
  NonEmptyStringWithoutControlChars,
  NonNullValidator,
  Range,
  ValidList,
  ValidString,
} from '../../../../shared/api';
import { javaHashSetOrder, javaStringHashCode } from '../../../../shared/api/config/java-hash-set';

// Messages and descriptions from Kafka's ConfigDef validators (clients/.../common/config/ConfigDef.java).

describe('validators', () => {
  it('describe the valid values as Kafka does', () => {
    // Act / Assess
    expect(Range.atLeast(1).toString()).toBe('[1,...]');
    expect(Range.between(0, 10).toString()).toBe('[0,...,10]');
    expect(ValidString.in('none', 'all').toString()).toBe('[none, all]');
    expect(ValidList.in('a', 'b').toString()).toBe('[a, b]');
    expect(new NonNullValidator().toString()).toBe('non-null string');
    expect(new NonEmptyString().toString()).toBe('non-empty string');
    expect(new NonEmptyStringWithoutControlChars().toString()).toBe('non-empty string without ISO control characters');
    expect(CompositeValidator.of(new NonNullValidator(), ValidString.in('a')).toString()).toBe('non-null string, [a]');
    expect(
      LambdaValidator.with(
        () => {},
        () => 'unique aliases',
      ).toString(),
    ).toBe('unique aliases');
  });

  it('reject values with Kafka message texts', () => {
    // Act / Assess
    expect(() => Range.atLeast(1).ensureValid('tasks.max', 0)).toThrow(
      'Invalid value 0 for configuration tasks.max: Value must be at least 1',
    );
    expect(() => Range.between(0, 10).ensureValid('x', 11)).toThrow(
      'Invalid value 11 for configuration x: Value must be no more than 10',
    );
    expect(() => Range.atLeast(0).ensureValid('x', null)).toThrow(
      'Invalid value null for configuration x: Value must be non-null',
    );
    expect(() => ValidString.in('none', 'all').ensureValid('errors.tolerance', 'some')).toThrow(
      'Invalid value some for configuration errors.tolerance: String must be one of: none, all',
    );
    expect(() => new NonNullValidator().ensureValid('transforms', null)).toThrow(
      'Invalid value null for configuration transforms: entry must be non null',
    );
    expect(() => new NonEmptyString().ensureValid('topic', '')).toThrow(
      'Invalid value  for configuration topic: String must be non-empty',
    );
    expect(() => new NonEmptyStringWithoutControlChars().ensureValid('name', '')).toThrow(
      'Invalid value  for configuration name: String may not be empty',
    );
    expect(() => new NonEmptyStringWithoutControlChars().ensureValid('name', 'a\tb\u0085')).toThrow(
      'String may not contain control sequences but had the following ASCII chars: 9, 133',
    );
  });

  it('list case-insensitive choices upper-cased, in the order of a Java HashSet', () => {
    // Prepare (orders checked against Java 17's Collectors.toSet())
    const eos = CaseInsensitiveValidString.in('requested', 'required');
    const boundary = CaseInsensitiveValidString.in('poll', 'interval', 'connector');

    // Act / Assess
    expect(() => eos.ensureValid('exactly.once.support', 'sometimes')).toThrow(
      'Invalid value sometimes for configuration exactly.once.support: String must be one of (case insensitive): REQUIRED, REQUESTED',
    );
    expect(boundary.toString()).toBe('(case insensitive) [INTERVAL, POLL, CONNECTOR]');
    expect(() => eos.ensureValid('exactly.once.support', 'ReQuIrEd')).not.toThrow();
  });

  it('hash strings as Java does', () => {
    // Act / Assess
    expect(javaStringHashCode('REQUESTED')).toBe(-814438578);
    expect(javaStringHashCode('')).toBe(0);
    expect(javaHashSetOrder(['GOOD', 'VALUES', 'DEFAULT'])).toEqual(['VALUES', 'GOOD', 'DEFAULT']);
  });
});
