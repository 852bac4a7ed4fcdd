import { describe, expect, it } from 'vitest';
import { DateParseError, SimpleDateFormat } from '../../../../shared/transforms/util/simple-date-format';

const T = Date.UTC(2017, 0, 3, 6, 30, 1, 864); // Tuesday 2017-01-03 06:30:01.864 UTC

describe('SimpleDateFormat', () => {
  it.each([
    ['yyyyMMdd', '20170103'],
    ['yyyy-MM-dd HH:mm:ss.SSS', '2017-01-03 06:30:01.864'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2017-01-03T06:30:01.864Z'],
    ['yy M d H m s S', '17 1 3 6 30 1 864'],
    ['EEE, d MMM yyyy hh:mm a z', 'Tue, 3 Jan 2017 06:30 AM UTC'],
    ['EEEE MMMM dd, G', 'Tuesday January 03, AD'],
    ['D F w W u k K Z', '3 1 1 1 2 6 6 +0000'],
    ["'quoted ''text''' yyyy", "quoted 'text' 2017"],
    ['zzzz', 'Coordinated Universal Time'],
  ])('formats %s as %s', (pattern, expected) => {
    // Assess
    expect(new SimpleDateFormat(pattern).format(new Date(T))).toBe(expected);
  });

  it('puts the last days of December in week 1 of the next week year (US rules)', () => {
    // Prepare
    const newYearsEve = new Date(Date.UTC(2019, 11, 31));
    // Assess
    expect(new SimpleDateFormat('YYYY-ww').format(newYearsEve)).toBe('2020-01');
    expect(new SimpleDateFormat('yyyy-ww').format(newYearsEve)).toBe('2019-01');
  });

  it.each([
    ['yyyy MM dd HH mm ss SSS z', '1970 01 02 00 00 01 234 UTC', 86_401_234],
    ['yyyyMMdd', '20170103', Date.UTC(2017, 0, 3)],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2017-01-03T06:30:01.864+01:00', T - 3_600_000],
    ['dd MMM yyyy hh:mm a', '03 Jan 2017 06:30 PM', Date.UTC(2017, 0, 3, 18, 30)],
    ['yyyy-MM-dd', '2017-02-30', Date.UTC(2017, 2, 2)],
    ['yyyy-MM-dd', '2017-01-03 and more', Date.UTC(2017, 0, 3)],
    ['D yyyy', '32 2017', Date.UTC(2017, 1, 1)],
  ])('parses with %s the text %s (lenient, as Java)', (pattern, text, expected) => {
    // Assess
    expect(new SimpleDateFormat(pattern).parse(text).getTime()).toBe(expected);
  });

  it('reads a two-digit year within 80 years before and 20 after now', () => {
    // Prepare
    const now = Date.UTC(2024, 5, 1);
    // Assess
    expect(new SimpleDateFormat('yy-MM-dd', now).parse('17-01-03').getUTCFullYear()).toBe(2017);
    expect(new SimpleDateFormat('yy-MM-dd', now).parse('99-01-03').getUTCFullYear()).toBe(1999);
  });

  it('fails on text that does not match', () => {
    // Act
    const act = () => new SimpleDateFormat('yyyy-MM-dd').parse('2017/01/03');
    // Assess
    expect(act).toThrow(DateParseError);
    expect(act).toThrow('Unparseable date: "2017/01/03"');
  });

  it.each([
    ['bad-format', "Illegal pattern character 'b'"],
    ["yyyy 'open", 'Unterminated quote'],
    ['XXXX', 'invalid ISO 8601 format: length=4'],
  ])('rejects the pattern %s as Java does', (pattern, message) => {
    // Assess
    expect(() => new SimpleDateFormat(pattern)).toThrow(message);
  });

  it('round-trips any time through a full pattern', () => {
    // Prepare
    const format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    // Assess
    for (const t of [0, 1, 86_399_999, T, -1, Date.UTC(1900, 0, 1), Date.UTC(2999, 11, 31, 23, 59, 59, 999)]) {
      expect(format.parse(format.format(new Date(t))).getTime()).toBe(t);
    }
  });
});
