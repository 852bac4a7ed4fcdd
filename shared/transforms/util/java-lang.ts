import { BigDecimal } from '../../api';

/**
 * Java's java.lang behaviour that Kafka's transforms lean on and JS does not share: String#split,
 * the Byte/Short/Integer/Long/Float/Double parse methods and the narrowing conversions of
 * Number#byteValue ... #doubleValue. An INT64 result is a number when it is a safe integer and a
 * bigint otherwise, as the data model holds it.
 */

/** Java's String#split on a literal separator: trailing empty strings are removed. */
export function javaSplit(text: string, separator: string): string[] {
  const parts = text.split(separator);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 1 && parts[0] === '' && text.length > 0) return [];
  return parts;
}

/** Java's NumberFormatException: the text is not a number of the asked type. */
export class NumberFormatError extends Error {
  override name = 'NumberFormatError';
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const BITS_RANGE = {
  8: [-128n, 127n],
  16: [-32768n, 32767n],
  32: [-2147483648n, 2147483647n],
  64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

export type IntegerBits = 8 | 16 | 32 | 64;

/** Byte.parseByte, Short.parseShort, Integer.parseInt, Long.parseLong (radix 10). */
export function parseJavaInteger(text: string, bits: IntegerBits): number | bigint {
  if (!INTEGER_TEXT.test(text)) throw new NumberFormatError(`For input string: "${text}"`);
  const value = BigInt(text);
  const [min, max] = BITS_RANGE[bits];
  if (value < min || value > max) {
    throw new NumberFormatError(
      bits === 64 || bits === 32 ? `For input string: "${text}"` : `Value out of range. Value:"${text}" Radix:10`,
    );
  }
  return fromBigInt(value);
}

const DECIMAL_FLOAT = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)[fFdD]?$/;

/** Double.parseDouble: Java's float literal syntax, surrounding whitespace (chars <= ' ') ignored. */
export function parseJavaDouble(text: string): number {
  const trimmed = javaTrim(text);
  if (DECIMAL_FLOAT.test(trimmed)) {
    return Number(trimmed.replace(/[fFdD]$/, '').replace(/^([+-]?)Infinity$/, '$1Infinity'));
  }
  const hex = HEX_FLOAT.exec(trimmed);
  if (hex && (hex[2] || hex[3])) {
    const [, sign, whole = '', fraction = '', exponent = '0'] = hex;
    const mantissa = Number.parseInt(`${whole}${fraction}` || '0', 16);
    const value = mantissa * 2 ** (Number(exponent) - 4 * fraction.length);
    return sign === '-' ? -value : value;
  }
  throw new NumberFormatError(trimmed === '' ? 'empty String' : `For input string: "${trimmed}"`);
}

/** Float.parseFloat. */
export function parseJavaFloat(text: string): number {
  return Math.fround(parseJavaDouble(text));
}

/** String#trim: strips chars up to and including space. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return text.slice(start, end);
}

/**
 * A Java Number as the data model holds one: a JS number that is integral (Byte .. Long) or
 * floating (Float, Double), a bigint (a Long beyond 2^53), or a BigDecimal.
 */
export type JavaNumber = { value: number; floating: boolean } | bigint | BigDecimal;

/** Number#byteValue / shortValue / intValue / longValue: Java's narrowing conversions. */
export function javaIntegerValue(number: JavaNumber, bits: IntegerBits): number | bigint {
  if (typeof number === 'bigint') return fromBigInt(BigInt.asIntN(bits, number));
  if (number instanceof BigDecimal) return fromBigInt(BigInt.asIntN(bits, truncate(number)));
  const { value, floating } = number;
  if (!floating) {
    // Fast paths for safe integers: ToInt32 is exactly Java's low-32-bit narrowing below 2^53.
    if (bits === 64 && Number.isSafeInteger(value)) return value;
    if (bits !== 64 && Number.isSafeInteger(value)) {
      const low32 = value | 0;
      return bits === 32 ? low32 : bits === 16 ? (low32 << 16) >> 16 : (low32 << 24) >> 24;
    }
    return fromBigInt(BigInt.asIntN(bits, BigInt(value)));
  }
  // (byte) and (short) of a floating value go through (int), which saturates; NaN becomes 0.
  if (Number.isNaN(value)) return 0;
  if (bits === 64) return fromBigInt(saturate(value, BITS_RANGE[64]));
  const asInt = saturate(value, BITS_RANGE[32]);
  return fromBigInt(BigInt.asIntN(bits, asInt));
}

/** Number#doubleValue. */
export function javaDoubleValue(number: JavaNumber): number {
  if (typeof number === 'bigint') return Number(number);
  if (number instanceof BigDecimal) return Number(number.toString());
  return number.value;
}

/** Number#floatValue. */
export function javaFloatValue(number: JavaNumber): number {
  return Math.fround(javaDoubleValue(number));
}

function saturate(value: number, [min, max]: readonly [bigint, bigint]): bigint {
  const truncated = Math.trunc(value);
  if (truncated <= Number(min)) return min;
  if (truncated >= Number(max)) return max;
  return BigInt(truncated);
}

/** BigDecimal#toBigInteger: the integral part, rounding toward zero. */
function truncate(decimal: BigDecimal): bigint {
  if (decimal.scale <= 0) return decimal.unscaled * 10n ** BigInt(-decimal.scale);
  return decimal.unscaled / 10n ** BigInt(decimal.scale);
}

/** A bigint as the data model's integral value: a number when safe, else the bigint. */
export function fromBigInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
