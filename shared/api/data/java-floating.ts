/**
 * Java's text forms of floating-point numbers (Double.toString, Float.toString: the shortest digits
 * that read back to the same value, as JDK 19+ prints them). Kept free of imports so BigDecimal and
 * the converters can use it without cycles.
 */

/** Java's Double.toString: "1.0", "0.001", "1.0E7", "1.234E-5", "NaN", "Infinity". */
export function javaDoubleToString(value: number): string {
  return formatJavaFloating(value, String(value));
}

/** Java's Float.toString: the shortest digits that round-trip through float32. */
export function javaFloatToString(value: number): string {
  if (!Number.isFinite(value) || value === 0) return formatJavaFloating(value, '');
  let digits = String(value);
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(value.toPrecision(precision));
    if (Math.fround(candidate) === Math.fround(value)) {
      digits = String(candidate);
      break;
    }
  }
  return formatJavaFloating(Number(digits), digits);
}

function formatJavaFloating(value: number, shortest: string): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const plain = shortest.includes('e') ? value.toFixed(20).replace(/0+$/, '') : shortest;
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  const [mantissa = '', exponent = '0'] = Number(shortest).toExponential().split('e');
  const withPoint = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${withPoint}E${Number(exponent)}`;
}
