/**
 * Java regular expressions (java.util.regex.Pattern) on the JS engine. Topic patterns in connector
 * configs are written for Java; the common syntax is the same in both, and this translates the Java
 * forms JS lacks: leading inline flags `(?i)`, `\A` `\Z` `\z`, `\Q...\E` quoting, possessive
 * quantifiers and atomic groups (both taken as their plain greedy forms, which match the same
 * topics except in contrived backtracking cases), and the POSIX classes `\p{Alpha}` etc.
 * Replacement strings follow Matcher#appendReplacement: `$n`, `${name}`, and `\` escapes.
 */

const POSIX_CLASSES: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

const INLINE_FLAGS: Record<string, string> = { i: 'i', s: 's', m: 'm' };

/** A Java pattern compiled for JS: `matches` is Matcher#matches, `find` the first Matcher#find. */
export class JavaPattern {
  readonly groupCount: number;
  private readonly whole: RegExp;
  private readonly first: RegExp;

  private constructor(
    readonly pattern: string,
    source: string,
    flags: string,
  ) {
    this.whole = new RegExp(`^(?:${source})$`, flags);
    this.first = new RegExp(source, flags);
    this.groupCount = (new RegExp(`${source}|`, flags).exec('')?.length ?? 1) - 1;
  }

  /** Compiles a Java pattern; throws SyntaxError (with the engine's reason) when it is not valid. */
  static compile(pattern: string): JavaPattern {
    const { source, flags } = translate(pattern);
    return new JavaPattern(pattern, source, flags);
  }

  /** Whether the whole input matches (Matcher#matches). */
  matches(input: string): boolean {
    return this.whole.test(input);
  }

  /** The first match anywhere in the input (Matcher#find from the start), or null. */
  find(input: string): RegExpExecArray | null {
    return this.first.exec(input);
  }

  toString(): string {
    return this.pattern;
  }
}

function translate(pattern: string): { source: string; flags: string } {
  let flags = '';
  let rest = pattern;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(rest);
  if (leading?.[1] && [...leading[1]].every((f) => f in INLINE_FLAGS || f === 'u' || f === 'x' || f === 'd')) {
    for (const f of leading[1]) if (INLINE_FLAGS[f] && !flags.includes(f)) flags += INLINE_FLAGS[f];
    rest = rest.slice(leading[0].length);
  }
  let out = '';
  // Whether the last thing emitted was a quantifier, so a following '+' makes it possessive.
  let afterQuantifier = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i] as string;
    if (c === '\\') {
      const next = rest[i + 1];
      afterQuantifier = false;
      if (next === 'Q') {
        const end = rest.indexOf('\\E', i + 2);
        const literal = end < 0 ? rest.slice(i + 2) : rest.slice(i + 2, end);
        out += literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        i = end < 0 ? rest.length : end + 1;
        continue;
      }
      if (next === 'A') {
        out += '^';
        i++;
        continue;
      }
      if (next === 'Z' || next === 'z') {
        out += '$';
        i++;
        continue;
      }
      if ((next === 'p' || next === 'P') && rest[i + 2] === '{') {
        const close = rest.indexOf('}', i + 3);
        const posix = close > 0 ? POSIX_CLASSES[rest.slice(i + 3, close).replace(/^Is/, '')] : undefined;
        if (posix) {
          out += next === 'p' ? `[${posix}]` : `[^${posix}]`;
          i = close;
          continue;
        }
      }
      out += c + (next ?? '');
      i++;
      continue;
    }
    if (c === '[') {
      const end = classEnd(rest, i);
      out += rest.slice(i, end + 1);
      i = end;
      afterQuantifier = false;
      continue;
    }
    if (c === '(' && rest[i + 1] === '?' && rest[i + 2] === '>') {
      out += '(?:';
      i += 2;
      afterQuantifier = false;
      continue;
    }
    if (c === '+' && afterQuantifier) {
      afterQuantifier = false; // possessive: taken as greedy
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      // After a quantifier, '?' makes it lazy and ends it; otherwise this is a quantifier.
      out += c;
      afterQuantifier = !afterQuantifier;
      continue;
    }
    if (c === '{' && /^\{\d+(,\d*)?\}/.test(rest.slice(i))) {
      const close = rest.indexOf('}', i);
      out += rest.slice(i, close + 1);
      i = close;
      afterQuantifier = true;
      continue;
    }
    out += c;
    afterQuantifier = false;
  }
  return { source: out, flags };
}

/** The index of the ']' closing the character class opened at `start` (a leading ']' is literal). */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length - 1;
}

type ReplacementPart = string | { group: number | string };

/**
 * A parsed Java replacement string (Matcher#appendReplacement's syntax). Parse errors are kept and
 * thrown when a replacement is made, as Java throws them from replaceFirst, not at compile time.
 */
export class JavaReplacement {
  private readonly parts: ReplacementPart[] = [];
  private readonly error: Error | null = null;

  constructor(
    readonly replacement: string,
    groupCount: number,
  ) {
    try {
      this.parts = parseReplacement(replacement, groupCount);
    } catch (err) {
      this.error = err as Error;
    }
  }

  /** Matcher#replaceFirst: the first match of `pattern` in `input` replaced, or `input` when none. */
  replaceFirst(pattern: JavaPattern, input: string): string {
    const match = pattern.find(input);
    if (!match) return input;
    if (this.error) throw this.error;
    let text = '';
    for (const part of this.parts) {
      if (typeof part === 'string') text += part;
      else text += (typeof part.group === 'number' ? match[part.group] : match.groups?.[part.group]) ?? '';
    }
    return input.slice(0, match.index) + text + input.slice(match.index + match[0].length);
  }
}

function parseReplacement(replacement: string, groupCount: number): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let literal = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i] as string;
    if (c === '\\') {
      i++;
      if (i >= replacement.length) throw new RangeError('character to be escaped is missing');
      literal += replacement[i];
    } else if (c === '$') {
      i++;
      if (i >= replacement.length) throw new RangeError('Illegal group reference: group index is missing');
      if (literal) parts.push(literal);
      literal = '';
      if (replacement[i] === '{') {
        const close = replacement.indexOf('}', i);
        const name = close < 0 ? '' : replacement.slice(i + 1, close);
        if (close < 0) throw new RangeError("named capturing group is missing trailing '}'");
        if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) throw new RangeError('named capturing group is missing');
        parts.push({ group: name });
        i = close;
      } else {
        let ref = Number.parseInt(replacement[i] as string, 10);
        if (Number.isNaN(ref)) throw new RangeError('Illegal group reference');
        // Java reads further digits while the longer number is still a valid group.
        while (i + 1 < replacement.length && /\d/.test(replacement[i + 1] as string)) {
          const longer = ref * 10 + Number(replacement[i + 1]);
          if (longer > groupCount) break;
          ref = longer;
          i++;
        }
        if (ref > groupCount) throw new RangeError(`No group ${ref}`);
        parts.push({ group: ref });
      }
    } else {
      literal += c;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}
