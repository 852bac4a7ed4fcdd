import { describe, expect, it } from 'vitest';
import { BigDecimal } from '../../../../shared/api';

describe('BigDecimal', () => {
  it.each([
    ['12.345', 12345n, 3],
    ['-0.5', -5n, 1],
    ['1E+3', 1n, -3],
    ['1.5e-7', 15n, 8],
    ['.5', 5n, 1],
    ['5.', 5n, 0],
    ['0012', 12n, 0],
  ])('parses Java’s text form %s', (text, unscaled, scale) => {
    // Act
    const value = BigDecimal.parse(text);
    // Assess
    expect(value.unscaled).toBe(unscaled);
    expect(value.scale).toBe(scale);
  });

  it.each(['', 'abc', '1.2.3', 'e5', '--1'])('refuses %j', (text) => {
    // Act + Assess
    expect(() => BigDecimal.parse(text)).toThrow(SyntaxError);
  });

  it.each([
    [new BigDecimal(156n, 2), '1.56', '1.56'],
    [new BigDecimal(-156n, 2), '-1.56', '-1.56'],
    [new BigDecimal(1n, -3), '1E+3', '1000'],
    [new BigDecimal(123n, 5), '0.00123', '0.00123'],
    [new BigDecimal(1n, 7), '1E-7', '0.0000001'],
    [new BigDecimal(0n, 2), '0.00', '0.00'],
    [new BigDecimal(0n, -2), '0E+2', '0'],
    [new BigDecimal(15600n, 4), '1.5600', '1.5600'],
  ])('prints %s as Java’s toString %s and toPlainString %s', (value, text, plain) => {
    // Act + Assess
    expect(value.toString()).toBe(text);
    expect(value.toPlainString()).toBe(plain);
  });

  it.each([
    [1, 10n, 1],
    [0.1, 1n, 1],
    [1e20, 10n, -19],
    [-2.5, -25n, 1],
  ])('makes %d what Java’s BigDecimal.valueOf(double) makes', (value, unscaled, scale) => {
    // Act
    const decimal = BigDecimal.fromNumber(value);
    // Assess
    expect(decimal.unscaled).toBe(unscaled);
    expect(decimal.scale).toBe(scale);
  });

  it('counts the scale in equality but not in comparison, as Java does', () => {
    // Act + Assess
    expect(BigDecimal.parse('1.0').equals(BigDecimal.parse('1.00'))).toBe(false);
    expect(BigDecimal.parse('1.0').compareTo(BigDecimal.parse('1.00'))).toBe(0);
    expect(BigDecimal.parse('1.5').compareTo(BigDecimal.parse('2'))).toBe(-1);
  });

  it('rescales without losing digits, and refuses to round', () => {
    // Act + Assess
    expect(BigDecimal.parse('1.5').setScale(3).toString()).toBe('1.500');
    expect(BigDecimal.parse('1.500').setScale(1).toString()).toBe('1.5');
    expect(() => BigDecimal.parse('1.55').setScale(1)).toThrow(RangeError);
  });
});
