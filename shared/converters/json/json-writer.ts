import { javaDoubleToString, javaFloatToString } from '../../api';

/**
 * The text Jackson writes for JSON strings and numbers, as Kafka's JsonSerializer configures it
 * (the defaults of jackson-core's UTF8JsonGenerator):
 * - strings: `"` and `\` escaped, control characters as \b \t \n \f \r or `\u00XX` with upper-case
 *   hex, every UTF-16 surrogate (also the two halves of an emoji) as its own `\uXXXX` escape
 *   (COMBINE_UNICODE_SURROGATES_IN_UTF8 is off), everything else as itself in UTF-8;
 * - doubles and floats as Java's Double.toString / Float.toString (1.0, 1.0E20, 1.5E-7), and the
 *   non-finite ones as the strings "NaN", "Infinity", "-Infinity" (QUOTE_NON_NUMERIC_NUMBERS is on).
 */

// Characters that need escaping: quote, backslash, controls, surrogates.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const HEX = '0123456789ABCDEF';
const SHORT_ESCAPES: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

/** A JSON string literal, escaped as Jackson escapes it. */
export function quoteJsonString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && (c < 0xd800 || c > 0xdfff)) continue;
    out += value.slice(start, i);
    const short = SHORT_ESCAPES[c];
    out += short ?? `\\u${HEX[(c >> 12) & 0xf]}${HEX[(c >> 8) & 0xf]}${HEX[(c >> 4) & 0xf]}${HEX[c & 0xf]}`;
    start = i + 1;
  }
  return `${out}${value.slice(start)}"`;
}

/** A double as Jackson writes it. */
export function jsonDouble(value: number): string {
  return Number.isFinite(value) ? javaDoubleToString(value) : `"${javaDoubleToString(value)}"`;
}

/** A float (a number rounded to float32) as Jackson writes it. */
export function jsonFloat(value: number): string {
  return Number.isFinite(value) ? javaFloatToString(value) : `"${javaFloatToString(value)}"`;
}

/** An integral number or bigint as exact digits (a Java long as Jackson writes it). */
export function jsonInteger(value: number | bigint): string {
  return typeof value === 'number' && !Number.isSafeInteger(value) ? BigInt(value).toString() : String(value);
}

/** Bytes as Jackson writes a binary node: base64 with padding, no line breaks, quoted. */
export function jsonBase64(bytes: Uint8Array): string {
  return `"${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}"`;
}
