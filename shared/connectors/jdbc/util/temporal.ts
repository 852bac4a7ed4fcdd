import { DataError, MILLIS_PER_DAY } from '../../../api';
import { parseOffset } from './sql-timestamp';
import { formatDate, formatOffset, formatTimeOfDay, pad, type TimeZone, utcWallClock } from './time-zone';

const DATE_TEXT = /^(\d{4,})-(\d{2})-(\d{2})$/;
const TIME_TEXT = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/;

/**
 * A DATE column's text (`YYYY-MM-DD`) as a Connect Date: midnight UTC of that calendar day, the
 * only value Kafka's Date logical type accepts.
 * @throws DataError for infinity, BC dates or other text
 */
export function parseSqlDate(text: string): Date {
  const match = DATE_TEXT.exec(text);
  if (!match) throw new DataError(`Cannot read '${text}' as a date`);
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date;
}

/**
 * A TIME column's text (`HH:MM:SS[.fraction][offset]`) as a Connect Time: ms since midnight, the
 * fraction truncated to ms. A time with an offset (PostgreSQL's timetz) is brought to UTC.
 */
export function parseSqlTime(text: string): Date {
  const match = TIME_TEXT.exec(text);
  if (!match) throw new DataError(`Cannot read '${text}' as a time of day`);
  const [, h, m, s, fraction = '', offset] = match;
  let millis = ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
  if (offset !== undefined)
    millis = (((millis - parseOffset(offset)) % MILLIS_PER_DAY) + MILLIS_PER_DAY) % MILLIS_PER_DAY;
  return new Date(millis);
}

/**
 * A Connect Date as a DATE parameter: the calendar day of the instant in `zone` (Confluent formats
 * it with the date.timezone calendar, db.timezone by default; with UTC it is the day as sent).
 */
export function formatSqlDate(value: Date, zone: TimeZone): string {
  return formatDate(zone.wallClock(value.getTime()));
}

/** A Connect Time as a TIME parameter (`HH:MM:SS.mmm`), the wall clock in `zone` as Confluent binds it. */
export function formatSqlTime(value: Date, zone: TimeZone): string {
  const millis = value.getTime();
  return `${formatTimeOfDay(zone.wallClock(millis))}.${pad(((millis % 1000) + 1000) % 1000, 3)}`;
}

/**
 * A Connect Timestamp as a TIMESTAMP parameter: `YYYY-MM-DD HH:MM:SS.mmm` as the wall clock in
 * `zone`, followed by its offset when `withOffset` (PostgreSQL stores the exact instant in a
 * timestamptz column and the wall clock in a timestamp one).
 */
export function formatSqlTimestamp(value: Date, zone: TimeZone, withOffset: boolean): string {
  const millis = value.getTime();
  const wall = zone.isUtc ? utcWallClock(millis) : zone.wallClock(millis);
  const text = `${formatDate(wall)} ${formatTimeOfDay(wall)}.${pad(((millis % 1000) + 1000) % 1000, 3)}`;
  return withOffset ? `${text}${formatOffset(zone.offsetAt(millis))}` : text;
}
