import { ConfigError } from '../../../api';

/** A calendar date and time of day, as a clock on a wall in some zone shows it. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const FIXED_OFFSET = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;
const UTC_NAMES = new Set(['UTC', 'Z', 'GMT', 'UT', 'Etc/UTC', 'Etc/GMT', 'Etc/UCT', 'UCT', 'Zulu', 'Universal']);

/**
 * A time zone as `db.timezone` names it (Java's ZoneId: an IANA region such as Europe/Paris, UTC,
 * or a fixed offset such as +02:00), turning instants into wall clocks and back. Region zones use
 * the platform's tz database (Intl). A wall clock that falls in a DST gap moves forward, and one
 * that occurs twice takes the earlier offset, as java.time resolves them.
 */
export class TimeZone {
  static readonly UTC = new TimeZone('UTC', 0, null);

  private constructor(
    readonly id: string,
    /** The offset of a fixed zone, in ms; null for a region zone. */
    private readonly fixedOffsetMs: number | null,
    private readonly format: Intl.DateTimeFormat | null,
  ) {}

  /** @throws ConfigError when the name is not a zone this platform knows. */
  static of(id: string): TimeZone {
    const name = id.trim();
    if (UTC_NAMES.has(name)) return name === 'UTC' ? TimeZone.UTC : new TimeZone(name, 0, null);
    const fixed = FIXED_OFFSET.exec(name);
    if (fixed) {
      const [, sign, hh = '0', mm = '0', ss = '0'] = fixed;
      const ms = ((Number(hh) * 60 + Number(mm)) * 60 + Number(ss)) * 1000;
      if (Number(hh) > 18 || Number(mm) > 59 || Number(ss) > 59)
        throw new ConfigError(`Invalid time zone offset: ${id}`);
      return new TimeZone(name, sign === '-' ? -ms : ms, null);
    }
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new ConfigError(`Invalid time zone identifier: ${id}`);
    }
    return new TimeZone(name, null, format);
  }

  /** Whether `id` names a zone (for config validation). */
  static isValid(id: string): boolean {
    try {
      TimeZone.of(id);
      return true;
    } catch {
      return false;
    }
  }

  get isUtc(): boolean {
    return this.fixedOffsetMs === 0;
  }

  /** A fixed offset (UTC included), not a region with daylight saving. */
  get isFixed(): boolean {
    return this.fixedOffsetMs !== null;
  }

  /** The zone's offset from UTC at an instant, in ms (east positive). */
  offsetAt(epochMillis: number): number {
    if (this.fixedOffsetMs !== null) return this.fixedOffsetMs;
    const secondStart = Math.floor(epochMillis / 1000) * 1000;
    const wall = this.regionWallClock(secondStart);
    return utcMillisOf(wall) - secondStart;
  }

  /** The wall clock at an instant (seconds; the caller keeps the fraction). */
  wallClock(epochMillis: number): WallClock {
    const secondStart = Math.floor(epochMillis / 1000) * 1000;
    if (this.fixedOffsetMs !== null) return utcWallClock(secondStart + this.fixedOffsetMs);
    return this.regionWallClock(secondStart);
  }

  /** The instant (ms, at whole seconds) this wall clock shows in this zone. */
  epochMillisOf(wall: WallClock): number {
    const asUtc = utcMillisOf(wall);
    if (this.fixedOffsetMs !== null) return asUtc - this.fixedOffsetMs;
    // The offset a moment before and after the wall clock: equal except near a transition.
    const before = this.offsetAt(asUtc - 86_400_000);
    const after = this.offsetAt(asUtc + 86_400_000);
    const candidates = before === after ? [before] : [before, after];
    for (const offset of candidates) {
      const instant = asUtc - offset;
      if (this.offsetAt(instant) === offset) return instant; // earlier offset first: overlaps take it
    }
    // In a gap: shift forward by the gap's length (java.time's ZonedDateTime.ofLocal).
    return asUtc - before;
  }

  private regionWallClock(epochMillis: number): WallClock {
    const parts = (this.format as Intl.DateTimeFormat).formatToParts(new Date(epochMillis));
    const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? '0');
    const era = parts.find((p) => p.type === 'era')?.value;
    const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
    return {
      year,
      month: get('month'),
      day: get('day'),
      hour: get('hour'),
      minute: get('minute'),
      second: get('second'),
    };
  }
}

/** The instant a wall clock shows in UTC, in ms (years 0-99 included, which Date.UTC would shift). */
export function utcMillisOf(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

export function utcWallClock(epochMillis: number): WallClock {
  const d = new Date(epochMillis);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** `YYYY-MM-DD` (years below 1000 padded, before year 1 as PostgreSQL and MySQL cannot take them). */
export function formatDate(wall: WallClock): string {
  return `${pad(wall.year, 4)}-${pad(wall.month, 2)}-${pad(wall.day, 2)}`;
}

/** `HH:MM:SS` */
export function formatTimeOfDay(wall: WallClock): string {
  return `${pad(wall.hour, 2)}:${pad(wall.minute, 2)}:${pad(wall.second, 2)}`;
}

/** `+HH:MM` for an offset in ms. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${sign}${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
}

export function pad(value: number, width: number): string {
  const text = String(Math.abs(value)).padStart(width, '0');
  return value < 0 ? `-${text}` : text;
}
