import { describe, expect, it } from 'vitest';
import { JavaPattern, JavaReplacement } from '../../../../shared/transforms/util/java-regex';

describe('JavaPattern', () => {
  it('matches only whole inputs with matches()', () => {
    // Prepare
    const pattern = JavaPattern.compile('my-prefix-.*');
    // Assess
    expect(pattern.matches('my-prefix-a')).toBe(true);
    expect(pattern.matches('x-my-prefix-a')).toBe(false);
  });

  it('anchors alternations as a whole', () => {
    // Assess
    expect(JavaPattern.compile('a|b').matches('ab')).toBe(false);
    expect(JavaPattern.compile('a|b').matches('b')).toBe(true);
  });

  it('reads the Java forms JS lacks', () => {
    // Assess
    expect(JavaPattern.compile('(?i)abc').matches('ABC')).toBe(true);
    expect(JavaPattern.compile('\\Aabc\\z').matches('abc')).toBe(true);
    expect(JavaPattern.compile('\\Qa.b\\E').matches('a.b')).toBe(true);
    expect(JavaPattern.compile('\\Qa.b\\E').matches('axb')).toBe(false);
    expect(JavaPattern.compile('a*+b').matches('aaab')).toBe(true);
    expect(JavaPattern.compile('(?>ab)c').matches('abc')).toBe(true);
    expect(JavaPattern.compile('\\p{Alpha}+\\p{Digit}').matches('abc1')).toBe(true);
    expect(JavaPattern.compile('\\P{Digit}+').matches('abc')).toBe(true);
    expect(JavaPattern.compile('[a+]+').matches('a+a')).toBe(true);
    expect(JavaPattern.compile('a{2}+b').matches('aab')).toBe(true);
    expect(JavaPattern.compile('a+?b').matches('aab')).toBe(true);
  });

  it('counts groups', () => {
    // Assess
    expect(JavaPattern.compile('(a)(?:b)(?<c>c)').groupCount).toBe(2);
  });

  it('rejects invalid patterns', () => {
    // Assess
    expect(() => JavaPattern.compile('[')).toThrow(SyntaxError);
    expect(() => JavaPattern.compile('*')).toThrow(SyntaxError);
  });
});

describe('JavaReplacement', () => {
  const replace = (regex: string, replacement: string, input: string) => {
    const pattern = JavaPattern.compile(regex);
    return new JavaReplacement(replacement, pattern.groupCount).replaceFirst(pattern, input);
  };

  it('expands $n, ${name} and \\ escapes, and leaves $ in text alone when escaped', () => {
    // Assess
    expect(replace('(\\w+)-(\\d+)', '$2-$1', 'abc-12')).toBe('12-abc');
    expect(replace('(?<w>\\w+)', '<${w}>', 'abc')).toBe('<abc>');
    expect(replace('a', '\\$\\\\', 'a')).toBe('$\\');
  });

  it('gives an empty text for a group that did not take part', () => {
    // Assess
    expect(replace('(a)|(b)', '[$1$2]', 'b')).toBe('[b]');
  });

  it.each([
    ['$', 'Illegal group reference: group index is missing'],
    ['$x', 'Illegal group reference'],
    ['\\', 'character to be escaped is missing'],
    ['$3', 'No group 3'],
    ['${nope', "named capturing group is missing trailing '}'"],
  ])('fails on %s as Java does, at replacement time', (replacement, message) => {
    // Prepare
    const pattern = JavaPattern.compile('(a)(b)');
    const parsed = new JavaReplacement(replacement, pattern.groupCount);
    // Assess
    expect(parsed.replaceFirst(pattern, 'zz')).toBe('zz');
    expect(() => parsed.replaceFirst(pattern, 'ab')).toThrow(message);
  });
});
