/**
 * java.text.SimpleDateFormat in UTC with the US locale, as TimestampConverter (`format`) and
 * TimestampRouter (`timestamp.format`) use it: every pattern letter Java knows
 * (G y Y M L w W D d F E u a H k K h m s S z Z X), quoting with '', Java's IllegalArgumentException
 * texts for bad patterns, and lenient parsing (out-of-range fields roll over, text after the last
 * pattern element is ignored, as DateFormat#parse(String) does). Not covered: the Julian calendar
 * before 1582 (dates are proleptic Gregorian) and time zone names other than UTC/GMT/UT/Z and
 * numeric offsets.
 */

type Element = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; count: number };

const PATTERN_LETTERS = 'GyMdkHmsSEDFwWahKzZYuXL';
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const AM_PM = ['AM', 'PM'];
const ERAS = ['BC', 'AD'];
const MILLIS_PER_DAY = 86_400_000;
/** Letters whose field is text rather than a number (for parsing). */
const TEXT_FIELDS = new Set(['G', 'E', 'a', 'z', 'Z', 'X']);

/** Java's ParseException: the text does not match the pattern. */
export class DateParseError extends Error {
  override name = 'DateParseError';
  constructor(
    message: string,
    readonly errorOffset: number,
  ) {
    super(message);
  }
}

export class SimpleDateFormat {
  private readonly elements: Element[];
  private readonly defaultCenturyStart: Date;

  /**
   * @param pattern a SimpleDateFormat pattern
   * @param now the clock's now, for resolving two-digit years (Java uses now - 80 years)
   * @throws IllegalArgument-style RangeError with Java's text for an illegal pattern
   */
  constructor(
    readonly pattern: string,
    now: number = Date.now(),
  ) {
    this.elements = compile(pattern);
    const start = new Date(now);
    start.setUTCFullYear(start.getUTCFullYear() - 80);
    this.defaultCenturyStart = start;
  }

  toPattern(): string {
    return this.pattern;
  }

  format(date: Date): string {
    let out = '';
    const t = date.getTime();
    for (const element of this.elements) {
      out += element.kind === 'literal' ? element.text : formatField(element.letter, element.count, t);
    }
    return out;
  }

  /** Parses from the start of `text`; throws DateParseError ("Unparseable date: ...") when it cannot. */
  parse(text: string): Date {
    const fields: Parsed = {};
    let pos = 0;
    for (let i = 0; i < this.elements.length; i++) {
      const element = this.elements[i] as Element;
      if (element.kind === 'literal') {
        if (!text.startsWith(element.text, pos)) throw unparseable(text, pos);
        pos += element.text.length;
        continue;
      }
      const next = this.elements[i + 1];
      const obeyCount = next !== undefined && next.kind === 'field';
      const end = parseField(text, pos, element.letter, element.count, obeyCount, fields, this.defaultCenturyStart);
      if (end < 0) throw unparseable(text, -end - 1);
      pos = end;
    }
    return resolve(fields);
  }
}

function unparseable(text: string, offset: number): DateParseError {
  return new DateParseError(`Unparseable date: "${text}"`, offset);
}

function compile(pattern: string): Element[] {
  const elements: Element[] = [];
  let literal = '';
  const flush = () => {
    if (literal) elements.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal += "'";
        i++;
        continue;
      }
      const close = findClosingQuote(pattern, i + 1);
      if (close < 0) throw new RangeError('Unterminated quote');
      literal += pattern.slice(i + 1, close).replaceAll("''", "'");
      i = close;
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      if (!PATTERN_LETTERS.includes(c)) throw new RangeError(`Illegal pattern character '${c}'`);
      let count = 1;
      while (pattern[i + count] === c) count++;
      if (c === 'X' && count > 3) throw new RangeError(`invalid ISO 8601 format: length=${count}`);
      flush();
      elements.push({ kind: 'field', letter: c, count });
      i += count - 1;
      continue;
    }
    literal += c;
  }
  flush();
  return elements;
}

function findClosingQuote(pattern: string, from: number): number {
  for (let i = from; i < pattern.length; i++) {
    if (pattern[i] === "'") {
      if (pattern[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

function pad(value: number, minDigits: number, maxDigits = Number.MAX_SAFE_INTEGER): string {
  let digits = String(Math.abs(value));
  if (digits.length > maxDigits) digits = digits.slice(digits.length - maxDigits);
  return (value < 0 ? '-' : '') + digits.padStart(minDigits, '0');
}

function formatField(letter: string, count: number, t: number): string {
  const d = new Date(t);
  const year = d.getUTCFullYear();
  switch (letter) {
    case 'G':
      return year > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y': {
      const y = letter === 'y' ? year : weekYear(t);
      const ofEra = y > 0 ? y : 1 - y;
      return count === 2 ? pad(ofEra, 2, 2) : pad(ofEra, count);
    }
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[d.getUTCMonth()] as string;
      if (count === 3) return (MONTHS[d.getUTCMonth()] as string).slice(0, 3);
      return pad(d.getUTCMonth() + 1, count);
    case 'd':
      return pad(d.getUTCDate(), count);
    case 'k':
      return pad(d.getUTCHours() === 0 ? 24 : d.getUTCHours(), count);
    case 'H':
      return pad(d.getUTCHours(), count);
    case 'm':
      return pad(d.getUTCMinutes(), count);
    case 's':
      return pad(d.getUTCSeconds(), count);
    case 'S':
      return pad(d.getUTCMilliseconds(), count);
    case 'E':
      return count >= 4 ? (WEEKDAYS[d.getUTCDay()] as string) : (WEEKDAYS[d.getUTCDay()] as string).slice(0, 3);
    case 'u':
      return pad(d.getUTCDay() === 0 ? 7 : d.getUTCDay(), count);
    case 'D':
      return pad(dayOfYear(t), count);
    case 'F':
      return pad(Math.floor((d.getUTCDate() - 1) / 7) + 1, count);
    case 'w':
      return pad(weekOfYear(t), count);
    case 'W':
      return pad(weekOfMonth(t), count);
    case 'a':
      return AM_PM[d.getUTCHours() < 12 ? 0 : 1] as string;
    case 'h':
      return pad(d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12, count);
    case 'K':
      return pad(d.getUTCHours() % 12, count);
    case 'z':
      return count >= 4 ? 'Coordinated Universal Time' : 'UTC';
    case 'Z':
      return '+0000';
    case 'X':
      return 'Z';
    default:
      return '';
  }
}

function dayOfYear(t: number): number {
  const d = new Date(t);
  return Math.floor((t - startOfYear(d.getUTCFullYear())) / MILLIS_PER_DAY) + 1;
}

function startOfYear(year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return d.getTime();
}

/** US rules: weeks start on Sunday and week 1 is the week holding January 1 (minimal days 1). */
function weekOfYear(t: number): number {
  const d = new Date(t);
  const year = d.getUTCFullYear();
  const jan1Dow = new Date(startOfYear(year)).getUTCDay();
  const week = Math.floor((dayOfYear(t) - 1 + jan1Dow) / 7) + 1;
  const nextJan1 = startOfYear(year + 1);
  // The days of late December in the week that holds the next January 1 are in week 1.
  const endOfWeek = t - (t % MILLIS_PER_DAY) + (6 - d.getUTCDay()) * MILLIS_PER_DAY;
  return endOfWeek >= nextJan1 ? 1 : week;
}

function weekYear(t: number): number {
  const d = new Date(t);
  return d.getUTCMonth() === 11 && weekOfYear(t) === 1 ? d.getUTCFullYear() + 1 : d.getUTCFullYear();
}

function weekOfMonth(t: number): number {
  const d = new Date(t);
  const firstDow = (d.getUTCDay() - ((d.getUTCDate() - 1) % 7) + 7) % 7;
  return Math.floor((d.getUTCDate() - 1 + firstDow) / 7) + 1;
}

interface Parsed {
  era?: number;
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hourOfDay?: number;
  hour?: number;
  amPm?: number;
  /** Whether the hour was last set as hour-of-day (H, k) rather than am/pm hour (h, K). */
  hourOfDayLast?: boolean;
  minute?: number;
  second?: number;
  millis?: number;
  offsetMinutes?: number;
}

/** Parses one field at `start`; returns the position after it, or -(errorOffset + 1). */
function parseField(
  text: string,
  start: number,
  letter: string,
  count: number,
  obeyCount: boolean,
  fields: Parsed,
  centuryStart: Date,
): number {
  let pos = start;
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  if (pos >= text.length) return -(start + 1);
  if (TEXT_FIELDS.has(letter) || ((letter === 'M' || letter === 'L') && count >= 3)) {
    return parseText(text, pos, letter, fields);
  }
  const number = parseNumber(text, pos, obeyCount ? count : 0);
  if (!number) return -(pos + 1);
  const { value, end } = number;
  switch (letter) {
    case 'y':
    case 'Y':
      if (count <= 2 && end - pos === 2 && /^\d\d$/.test(text.slice(pos, end))) {
        const ambiguous = centuryStart.getUTCFullYear();
        let year = Math.floor(ambiguous / 100) * 100 + value;
        if (year < ambiguous) year += 100;
        fields.year = year;
      } else {
        fields.year = value;
      }
      break;
    case 'M':
    case 'L':
      fields.month = value - 1;
      break;
    case 'd':
      fields.day = value;
      break;
    case 'D':
      fields.dayOfYear = value;
      break;
    case 'H':
      fields.hourOfDay = value;
      fields.hourOfDayLast = true;
      break;
    case 'k':
      fields.hourOfDay = value === 24 ? 0 : value;
      fields.hourOfDayLast = true;
      break;
    case 'h':
      fields.hour = value === 12 ? 0 : value;
      fields.hourOfDayLast = false;
      break;
    case 'K':
      fields.hour = value;
      fields.hourOfDayLast = false;
      break;
    case 'm':
      fields.minute = value;
      break;
    case 's':
      fields.second = value;
      break;
    case 'S':
      fields.millis = value;
      break;
    default:
      // w, W, F, u: parsed and checked as numbers; lenient Java resolution then prefers the
      // year/month/day fields, which are what patterns pair them with in practice.
      break;
  }
  return end;
}

function parseNumber(text: string, pos: number, width: number): { value: number; end: number } | null {
  const limit = width > 0 ? Math.min(text.length, pos + width) : text.length;
  let i = pos;
  const negative = text[i] === '-';
  if (negative) i++;
  const digitsStart = i;
  while (i < limit && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === digitsStart) return null;
  const value = Number(text.slice(digitsStart, i));
  return { value: negative ? -value : value, end: i };
}

function matchWord(text: string, pos: number, words: readonly string[]): { index: number; end: number } | null {
  let best: { index: number; end: number } | null = null;
  words.forEach((word, index) => {
    if (text.slice(pos, pos + word.length).toLowerCase() === word.toLowerCase()) {
      if (!best || word.length > best.end - pos) best = { index, end: pos + word.length };
    }
  });
  return best;
}

function parseText(text: string, pos: number, letter: string, fields: Parsed): number {
  switch (letter) {
    case 'G': {
      const m = matchWord(text, pos, ERAS);
      if (!m) return -(pos + 1);
      fields.era = m.index;
      return m.end;
    }
    case 'M':
    case 'L': {
      const m =
        matchWord(text, pos, MONTHS) ??
        matchWord(
          text,
          pos,
          MONTHS.map((n) => n.slice(0, 3)),
        );
      if (!m) return -(pos + 1);
      fields.month = m.index;
      return m.end;
    }
    case 'E': {
      const m =
        matchWord(text, pos, WEEKDAYS) ??
        matchWord(
          text,
          pos,
          WEEKDAYS.map((n) => n.slice(0, 3)),
        );
      return m ? m.end : -(pos + 1);
    }
    case 'a': {
      const m = matchWord(text, pos, AM_PM);
      if (!m) return -(pos + 1);
      fields.amPm = m.index;
      return m.end;
    }
    default:
      return parseZone(text, pos, letter, fields);
  }
}

const ZONE_NAMES = ['Coordinated Universal Time', 'Greenwich Mean Time', 'UTC', 'GMT', 'UT', 'Z'];

function parseZone(text: string, pos: number, letter: string, fields: Parsed): number {
  if (letter === 'X' && text[pos] === 'Z') {
    fields.offsetMinutes = 0;
    return pos + 1;
  }
  if (letter !== 'X') {
    const gmt = /^(GMT|UTC|UT)([+-])(\d{1,2})(?::?(\d{2}))?/.exec(text.slice(pos));
    if (gmt) {
      const sign = gmt[2] === '-' ? -1 : 1;
      fields.offsetMinutes = sign * (Number(gmt[3]) * 60 + Number(gmt[4] ?? 0));
      return pos + gmt[0].length;
    }
  }
  const numeric = /^([+-])(\d{2})(?::?(\d{2}))?/.exec(text.slice(pos));
  if (numeric) {
    const sign = numeric[1] === '-' ? -1 : 1;
    fields.offsetMinutes = sign * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
    return pos + numeric[0].length;
  }
  if (letter !== 'X') {
    const named = matchWord(text, pos, ZONE_NAMES);
    if (named) {
      fields.offsetMinutes = 0;
      return named.end;
    }
  }
  return -(pos + 1);
}

/** Lenient GregorianCalendar resolution: fields out of range roll over into the next larger field. */
function resolve(fields: Parsed): Date {
  let year = fields.year ?? 1970;
  if (fields.era === 0) year = 1 - year;
  const d = new Date(0);
  if (fields.month === undefined && fields.day === undefined && fields.dayOfYear !== undefined) {
    d.setUTCFullYear(year, 0, fields.dayOfYear);
  } else {
    d.setUTCFullYear(year, fields.month ?? 0, fields.day ?? 1);
  }
  let hourOfDay: number;
  if (fields.hourOfDayLast === false || (fields.hourOfDay === undefined && fields.hour !== undefined)) {
    hourOfDay = (fields.hour ?? 0) + 12 * (fields.amPm ?? 0);
  } else if (fields.hourOfDay !== undefined) {
    hourOfDay = fields.hourOfDay;
  } else {
    hourOfDay = 12 * (fields.amPm ?? 0);
  }
  d.setUTCHours(hourOfDay, fields.minute ?? 0, fields.second ?? 0, fields.millis ?? 0);
  return new Date(d.getTime() - (fields.offsetMinutes ?? 0) * 60_000);
}
