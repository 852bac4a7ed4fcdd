import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AvroSchemaError, RegexGenerator, SeededRandom } from '../../../../shared/connectors/datagen';

/** The regexes of Confluent's quickstarts, and a few more of the same simple kinds. */
const PATTERNS = [
  'User_[1-9]',
  'Region_[1-9]',
  'Page_[1-9][0-9]',
  'Item_[1-9][0-9]{0,2}',
  'City_[1-9]{0,2}',
  'User_[1-9]{0,1}',
  '[A-Z][1-9]{8,8}',
  '[1-9]{1}[0-9]{2}',
  '[A-Z]{2}\\d{6}[A-Z]',
  '[A-Z]{5,8}',
  '[a-z ]{10,15}',
  '[a-zA-Z]{5,8}',
  '\\[[0-9][0-9],[0-9][0-9]\\]',
  'https://www[.]acme[.]com/product/[a-z]{5}',
  'lab-\\d{1}',
  '(foo|ba[rz])+-(?:x|yy)?',
  '[^a-z0-9]{3}',
  '\\w+@\\w+\\.(com|org)',
  '^[a-f\\d]{4}-\\s?\\x41\\u0042$',
  'a.b*c+',
];

function matches(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(text);
}

describe('RegexGenerator', () => {
  it('always generates strings the pattern matches, for any seed and length bounds (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATTERNS),
        fc.nat(),
        fc.nat({ max: 30 }),
        fc.nat({ max: 30 }),
        (pattern, seed, a, b) => {
          const text = RegexGenerator.compile(pattern).generate(
            SeededRandom.forStream(seed, 0),
            Math.min(a, b),
            Math.max(a, b),
          );
          expect(matches(pattern, text), `${JSON.stringify(text)} for ${pattern}`).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('draws a length within the bounds when the pattern allows one', () => {
    // Prepare
    const generator = RegexGenerator.compile('[a-z]*');
    const random = SeededRandom.forStream(1, 2);
    // Act
    const lengths = Array.from({ length: 500 }, () => generator.generate(random, 5, 9).length);
    // Assess
    expect(new Set(lengths)).toEqual(new Set([5, 6, 7, 8, 9]));
  });

  it('gets as close to the bounds as the pattern allows, as Generex does with its default 8 to 15', () => {
    // Prepare
    const random = SeededRandom.forStream(3, 4);
    const draw = (pattern: string) =>
      new Set(Array.from({ length: 200 }, () => RegexGenerator.compile(pattern).generate(random, 8, 15).length));
    // Act / Assess
    expect(draw('Item_[1-9][0-9]{0,2}')).toEqual(new Set([8]));
    expect(draw('City_[1-9]{0,2}')).toEqual(new Set([7]));
    expect(draw('User_[1-9]')).toEqual(new Set([6]));
    expect(draw('[a-zA-Z]{5,8}')).toEqual(new Set([8]));
    expect(draw('[a-z ]{10,15}')).toEqual(new Set([10, 11, 12, 13, 14, 15]));
    expect(draw('[A-Z]{20}')).toEqual(new Set([20]));
  });

  it('picks every character of a class and every branch of an alternation', () => {
    // Prepare
    const random = SeededRandom.forStream(5, 6);
    // Act
    const digits = new Set(Array.from({ length: 500 }, () => RegexGenerator.compile('[1-9]').generate(random)));
    const words = new Set(Array.from({ length: 200 }, () => RegexGenerator.compile('red|green|blue').generate(random)));
    // Assess
    expect(digits).toEqual(new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9']));
    expect(words).toEqual(new Set(['red', 'green', 'blue']));
  });

  it('keeps unbounded repetitions short when nothing bounds them', () => {
    // Prepare
    const generator = RegexGenerator.compile('x+');
    const random = SeededRandom.forStream(7, 8);
    // Act
    const longest = Math.max(...Array.from({ length: 500 }, () => generator.generate(random).length));
    // Assess
    expect(longest).toBeLessThanOrEqual(17);
  });

  it('keeps unbounded repetitions short under a loose bound, as {"min": 5} leaves the maximum at 2^31 - 1', () => {
    // Prepare
    const generator = RegexGenerator.compile('[a-z]+');
    const random = SeededRandom.forStream(9, 10);
    // Act
    const lengths = Array.from({ length: 500 }, () => generator.generate(random, 5, 2 ** 31 - 2).length);
    // Assess
    expect(Math.min(...lengths)).toBe(5);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(21);
  });

  it('reports the shortest and longest matches', () => {
    // Act / Assess
    expect(RegexGenerator.compile('Item_[1-9][0-9]{0,2}').lengths).toEqual({ min: 6, max: 8 });
    expect(RegexGenerator.compile('a(bc)*').lengths).toEqual({ min: 1, max: Number.POSITIVE_INFINITY });
  });

  it.each([
    ['(abc', /Unclosed group/],
    ['abc)', /Unmatched closing/],
    ['[abc', /Unclosed character class/],
    ['*a', /Dangling meta character/],
    ['a{3,1}', /Illegal repetition range/],
    ['[z-a]', /Illegal character range/],
    ['(?=a)b', /Lookarounds/],
    ['\\bword', /Word boundaries/],
    ['(a)\\1', /Unsupported escape/],
    ['[^\\x00-\\x7f]', /matches no printable character/],
  ])('refuses %s', (pattern, message) => {
    // Act
    const compile = () => RegexGenerator.compile(pattern);
    // Assess
    expect(compile).toThrow(AvroSchemaError);
    expect(compile).toThrow(message);
  });
});
