/**
 * Java's text forms of floating-point numbers, Double.toString and Float.toString as JDK 19+
 * prints them: the fewest digits that read back to the same value, but at least two (so the
 * closest two-digit decimal when one digit would do: Double.MIN_VALUE is "4.9E-324", not
 * "5.0E-324"), plain between 10^-3 and 10^7 ("0.001", "1234567.0"), else computerized scientific
 * notation ("1.0E7", "1.5E-7"). Kept free of imports so BigDecimal and the converters can use it.
 */

/** Java's Double.toString: "1.0", "0.001", "1.0E7", "1.234E-5", "4.9E-324", "NaN", "Infinity". */
export function javaDoubleToString(value: number): string {
  if (!Number.isFinite(value) || value === 0) return special(value);
  // Between 10^-3 and 10^7 both languages print plain decimals with the same shortest digits
  // (JS switches to exponents only below 10^-6 or from 10^21); Java adds ".0" to whole numbers.
  const magnitude = value < 0 ? -value : value;
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const plain = String(value);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  let exponential = value.toExponential();
  if (!exponential.includes('.')) exponential = value.toExponential(1);
  return formatDecimal(exponential);
}

/** Java's Float.toString of a number rounded to float32: the fewest digits that read back to the same float. */
export function javaFloatToString(value: number): string {
  const float = Math.fround(value);
  if (!Number.isFinite(float) || float === 0) return special(float);
  for (let fractionDigits = 1; fractionDigits <= 8; fractionDigits++) {
    const candidate = float.toExponential(fractionDigits);
    if (Math.fround(Number(candidate)) === float)
      return formatDecimal(fractionDigits === 1 ? candidate : trimmed(candidate));
    // One significant digit never suffices alone: Java prints at least two (the closest pair).
  }
  return formatDecimal(float.toExponential(8));
}

function special(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return Object.is(value, -0) ? '-0.0' : '0.0';
}

/** "1.50e+3" -> "1.5e+3": an exponential form without trailing zeros in its fraction (one digit kept). */
function trimmed(exponential: string): string {
  return exponential.replace(/(\.\d*?)0+e/, (_m, kept: string) => `${kept.length > 1 ? kept : '.0'}e`);
}

/** JS exponential form "-d.ddde±n" (at least one fraction digit) to Java's layout. */
function formatDecimal(exponential: string): string {
  const negative = exponential.startsWith('-');
  const [mantissa = '', exponentText = '0'] = (negative ? exponential.slice(1) : exponential).split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent >= -3 && exponent < 7) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits.replace(/0+$/, '') || '0'}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1).replace(/0+$/, '');
    return `${sign}${whole}.${fraction || '0'}`;
  }
  const fraction = digits.slice(1).replace(/0+$/, '');
  return `${sign}${digits[0]}.${fraction || '0'}E${exponent}`;
}
