import { ConfigError } from '../api';

/**
 * Parses the text of a Java properties file the way `java.util.Properties#load(Reader)` does, so a
 * file that Kafka's FileConfigProvider reads gives the same keys and values here:
 *
 * - natural lines end with `\n`, `\r` or `\r\n`; blank lines are skipped;
 * - a line whose first non-blank character is `#` or `!` is a comment (comments are never continued);
 * - a line ending in an odd number of backslashes continues on the next line, whose leading blanks
 *   (space, tab, form feed) are dropped;
 * - the key ends at the first unescaped `=`, `:` or blank; blanks around the separator are skipped,
 *   and one `=` or `:` after blanks still counts as the separator;
 * - escapes `\t`, `\n`, `\r`, `\f`, `\uXXXX`; any other escaped character stands for itself.
 *
 * A later duplicate key wins. Throws ConfigError for a malformed `\uXXXX` escape; the message never
 * quotes the file's content (it may hold secrets).
 */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const { key, value } = splitKeyValue(line);
    properties.set(unescapeJava(key), unescapeJava(value));
  }
  return properties;
}

/** Java's whitespace for properties files: not newlines, which end lines. */
function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\f';
}

function isLineEnd(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

/** The logical lines of the text, continuations joined, escapes still in place (Java's LineReader). */
function* logicalLines(text: string): Generator<string> {
  const n = text.length;
  let i = 0;
  logical: while (i < n) {
    while (i < n && (isBlank(text[i]) || isLineEnd(text[i]))) i++;
    if (i >= n) return;
    if (text[i] === '#' || text[i] === '!') {
      while (i < n && !isLineEnd(text[i])) i++;
      continue;
    }
    let line = '';
    for (;;) {
      const start = i;
      while (i < n && !isLineEnd(text[i])) i++;
      const natural = text.slice(start, i);
      if (i < n) i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      if (trailingBackslashes(natural) % 2 === 0) {
        line += natural;
        break;
      }
      // The backslash escaping the line end, the line end and the next line's leading blanks vanish.
      line += natural.slice(0, -1);
      // Java still treats the line as new while nothing is in it: blank lines and comments are skipped.
      if (line === '') continue logical;
      if (i >= n) break;
      while (i < n && isBlank(text[i])) i++;
    }
    yield line;
  }
}

function trailingBackslashes(s: string): number {
  let count = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\\'; i--) count++;
  return count;
}

/** Splits a logical line into its raw key and value (Java's Properties#load0). */
function splitKeyValue(line: string): { key: string; value: string } {
  const n = line.length;
  let keyEnd = 0;
  let valueStart = n;
  let hasSeparator = false;
  let precedingBackslash = false;
  while (keyEnd < n) {
    const c = line[keyEnd];
    if ((c === '=' || c === ':') && !precedingBackslash) {
      valueStart = keyEnd + 1;
      hasSeparator = true;
      break;
    }
    if (isBlank(c) && !precedingBackslash) {
      valueStart = keyEnd + 1;
      break;
    }
    precedingBackslash = c === '\\' ? !precedingBackslash : false;
    keyEnd++;
  }
  while (valueStart < n) {
    const c = line[valueStart];
    if (!isBlank(c)) {
      if (!hasSeparator && (c === '=' || c === ':')) hasSeparator = true;
      else break;
    }
    valueStart++;
  }
  return { key: line.slice(0, keyEnd), value: line.slice(valueStart) };
}

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Resolves escapes in a key or value (Java's Properties#loadConvert). */
function unescapeJava(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    i++;
    if (i >= s.length) break;
    const escaped = s[i] as string;
    if (escaped === 'u') {
      const hex = s.slice(i + 1, i + 5);
      if (!HEX4.test(hex)) throw new ConfigError('Malformed \\uxxxx encoding.');
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 4;
    } else {
      out += ESCAPES[escaped] ?? escaped;
    }
  }
  return out;
}
