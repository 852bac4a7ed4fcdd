import { javaDoubleToString } from './java-floating';

/**
 * An arbitrary-precision decimal, `unscaled × 10^-scale` (the value Java's BigDecimal holds), for
 * the Decimal logical type. Immutable. Equality, like Java's, includes the scale: 1.0 != 1.00.
 */
export class BigDecimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number,
  ) {
    if (!Number.isInteger(scale)) throw new RangeError(`BigDecimal scale must be an integer, got ${scale}`);
  }

  /** Parses Java's BigDecimal text forms: "12.345", "-0.5", "1E+3", "1.5e-7". */
  static parse(text: string): BigDecimal {
    const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new SyntaxError(`Not a decimal number: ${text}`);
    const [, sign, whole = '', fraction = '', exponent = '0'] = match;
    const unscaled = BigInt(`${sign}${whole}${fraction}` || '0');
    return new BigDecimal(unscaled, fraction.length - Number(exponent));
  }

  /**
   * Java's BigDecimal.valueOf(double): the digits Double.toString prints, so 1 becomes 1.0 (scale 1)
   * and 1e20 becomes 1.0E+20 (unscaled 10, scale -19), as Kafka's Values.convertToDecimal makes them.
   */
  static fromNumber(value: number): BigDecimal {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot represent ${value} as a BigDecimal`);
    return BigDecimal.parse(javaDoubleToString(value));
  }

  /** An integral value at scale 0 (Java's BigDecimal.valueOf(long) / new BigDecimal(BigInteger)). */
  static fromInteger(value: number | bigint): BigDecimal {
    return new BigDecimal(BigInt(value), 0);
  }

  /** The same value at another scale; throws when digits would be lost (Java's RoundingMode.UNNECESSARY). */
  setScale(scale: number): BigDecimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new BigDecimal(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    const divisor = 10n ** BigInt(this.scale - scale);
    if (this.unscaled % divisor !== 0n) throw new RangeError(`Rounding necessary to set scale ${scale} on ${this}`);
    return new BigDecimal(this.unscaled / divisor, scale);
  }

  toNumber(): number {
    return Number(this.toPlainString());
  }

  /** Java's BigDecimal#toPlainString: no exponent. */
  toPlainString(): string {
    if (this.scale <= 0) return (this.unscaled * 10n ** BigInt(-this.scale)).toString();
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString().padStart(this.scale + 1, '0');
    const point = digits.length - this.scale;
    return `${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
  }

  /** Java's BigDecimal#toString: scientific notation when the scale is negative or the exponent is below -6. */
  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    const adjusted = -this.scale + (digits.length - 1);
    if (this.scale >= 0 && adjusted >= -6) return this.toPlainString();
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${negative ? '-' : ''}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }

  equals(other: unknown): boolean {
    return other instanceof BigDecimal && other.unscaled === this.unscaled && other.scale === this.scale;
  }

  /** Numeric comparison ignoring scale (Java's compareTo). */
  compareTo(other: BigDecimal): number {
    const scale = Math.max(this.scale, other.scale);
    const a = this.unscaled * 10n ** BigInt(scale - this.scale);
    const b = other.unscaled * 10n ** BigInt(scale - other.scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }
}
