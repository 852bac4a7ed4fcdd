import { DataError } from '../../../api';
import { formatDate, formatOffset, formatTimeOfDay, pad, type TimeZone, utcMillisOf } from './time-zone';

/**
 * An instant with nanosecond precision (Java's java.sql.Timestamp): whole seconds since the epoch
 * plus the nanoseconds within that second. Databases keep microseconds, a JavaScript Date only
 * milliseconds, so timestamp offsets and query bounds use this type to compare and bind rows exactly.
 */
export class SqlTimestamp {
  static readonly EPOCH = new SqlTimestamp(0, 0);

  constructor(
    /** Seconds since 1970-01-01T00:00:00Z (floor, so negative before the epoch). */
    readonly epochSecond: number,
    /** 0..999,999,999 */
    readonly nanos: number,
  ) {}

  static fromMillis(epochMillis: number): SqlTimestamp {
    const second = Math.floor(epochMillis / 1000);
    return new SqlTimestamp(second, (epochMillis - second * 1000) * 1_000_000);
  }

  /**
   * Confluent's offset form: `timestamp` is Timestamp#getTime() (ms, including the millis of the
   * fraction) and `timestamp_nanos` Timestamp#getNanos() (the whole fraction, in ns), when present.
   */
  static fromOffset(millis: number, nanos: number | null): SqlTimestamp {
    const base = SqlTimestamp.fromMillis(millis);
    if (nanos === null) return base;
    if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) {
      throw new DataError(`Invalid timestamp_nanos in offset: ${nanos}`);
    }
    return new SqlTimestamp(base.epochSecond, nanos);
  }

  /**
   * Parses a timestamp as PostgreSQL and MySQL print it: `YYYY-MM-DD HH:MM:SS[.fraction]`, with an
   * offset for `timestamptz` (then it is exact) or without one (then it is a wall clock in `zone`).
   * @throws DataError for infinity, BC dates, or text that is not a timestamp
   */
  static parse(text: string, zone: TimeZone): SqlTimestamp {
    const match = TIMESTAMP_TEXT.exec(text);
    if (!match) throw new DataError(`Cannot read '${text}' as a timestamp`);
    const [, y, mo, d, h, mi, s, fraction = '', offset] = match;
    const wall = {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h),
      minute: Number(mi),
      second: Number(s),
    };
    const nanos = Number(fraction.padEnd(9, '0'));
    const millis = offset === undefined ? zone.epochMillisOf(wall) : utcMillisOf(wall) - parseOffset(offset);
    return new SqlTimestamp(Math.floor(millis / 1000), nanos);
  }

  /** Timestamp#getTime(): ms since the epoch, the fraction truncated to ms. */
  get millis(): number {
    return this.epochSecond * 1000 + Math.floor(this.nanos / 1_000_000);
  }

  /** The Date a Connect Timestamp holds (ms precision, as Kafka's java.util.Date). */
  toDate(): Date {
    return new Date(this.millis);
  }

  compareTo(other: SqlTimestamp): number {
    return this.epochSecond - other.epochSecond || this.nanos - other.nanos;
  }

  equals(other: SqlTimestamp | null | undefined): boolean {
    return !!other && this.compareTo(other) === 0;
  }

  /** This instant minus some ms. */
  minusMillis(ms: number): SqlTimestamp {
    const total = this.epochSecond * 1000 - ms;
    const second = Math.floor(total / 1000);
    return new SqlTimestamp(second, this.nanos + (total - second * 1000) * 1_000_000);
  }

  /**
   * `YYYY-MM-DD HH:MM:SS.ffffff` as the wall clock in `zone` (microseconds: what both databases
   * keep), followed by the zone's offset when `withOffset` (PostgreSQL applies it to timestamptz and
   * ignores it for timestamp, where the wall clock in db.timezone is meant).
   */
  format(zone: TimeZone, withOffset: boolean): string {
    const millis = this.epochSecond * 1000;
    const wall = zone.wallClock(millis);
    const micros = pad(Math.floor(this.nanos / 1000), 6);
    const text = `${formatDate(wall)} ${formatTimeOfDay(wall)}.${micros}`;
    return withOffset ? `${text}${formatOffset(zone.offsetAt(millis))}` : text;
  }

  toString(): string {
    return `${new Date(this.epochSecond * 1000).toISOString().slice(0, 19)}.${pad(this.nanos, 9)}Z`;
  }
}

const TIMESTAMP_TEXT =
  /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/;

/** An offset as PostgreSQL prints it (+02, +05:30, -03:30:15, Z), in ms. */
export function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replaceAll(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  const seconds = Number(digits.slice(4, 6) || '0');
  return sign * ((hours * 60 + minutes) * 60 + seconds) * 1000;
}
