import { AvroSchemaError } from './errors';
import type { SeededRandom } from './seeded-random';

/**
 * Random strings that match a regular expression, for the "regex" generator argument. Confluent's
 * avro-random-generator uses Generex (a walk over a dk.brics automaton); this is our own
 * generator over a small syntax tree, with the same treatment of lengths: a string is drawn with a
 * length in [minLength, maxLength] when the expression allows one, else as close to it as it can.
 * With the generator's default bounds (8 to 15 characters) "Item_[1-9][0-9]{0,2}" therefore
 * always gives three digits, and "City_[1-9]{0,2}" always two, as in Kafka's datagen.
 *
 * The syntax is the common one of Java and JavaScript: literals; escapes (\d \w \s and their
 * negations, \t \n \r \f \v \e \0, \xHH, \uHHHH, escaped punctuation); `.`; classes `[a-z_]`,
 * `[^...]`; groups `(...)`, `(?:...)`, `(?<name>...)`; alternation `|`; quantifiers `?`, `*`,
 * `+`, `{n}`, `{n,}`, `{n,m}` (a trailing lazy `?` or possessive `+` is accepted and ignored);
 * anchors `^` and `$` are accepted and generate nothing. `.` and negated classes draw from printable
 * ASCII (Generex draws from all of Unicode). Lookarounds, backreferences and word boundaries are
 * refused. dk.brics operators (`&`, `~`, `@`, `#`, `<n-m>`) are plain characters here, as in Java.
 */
export class RegexGenerator {
  private constructor(
    readonly pattern: string,
    private readonly root: RegexNode,
  ) {}

  /** @throws AvroSchemaError when the pattern is invalid or uses an unsupported construct */
  static compile(pattern: string): RegexGenerator {
    return new RegexGenerator(pattern, new RegexParser(pattern).parse());
  }

  /** The shortest and longest strings the pattern matches (the longest may be Infinity). */
  get lengths(): { min: number; max: number } {
    return { min: this.root.min, max: this.root.max };
  }

  /** A matching string, with a length in [minLength, maxLength] when the pattern allows one. */
  generate(random: SeededRandom, minLength = 0, maxLength = Number.POSITIVE_INFINITY): string {
    return generate(this.root, random, minLength, maxLength);
  }
}

/** How many characters past the shortest wanted an unbounded `*`, `+` or `{n,}` may add. */
export const UNBOUNDED_EXTRA = 16;

const PRINTABLE: readonly Range[] = [[0x20, 0x7e]];
const DIGITS: readonly Range[] = [[0x30, 0x39]];
const WORD: readonly Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACE: readonly Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
];

type Range = readonly [number, number];

type RegexNode =
  | { readonly kind: 'chars'; readonly ranges: readonly Range[]; readonly size: number; min: number; max: number }
  | { readonly kind: 'seq'; readonly items: readonly RegexNode[]; min: number; max: number }
  | { readonly kind: 'alt'; readonly options: readonly RegexNode[]; min: number; max: number }
  | {
      readonly kind: 'repeat';
      readonly node: RegexNode;
      readonly from: number;
      readonly to: number;
      min: number;
      max: number;
    };

function chars(ranges: readonly Range[]): RegexNode {
  const merged = mergeRanges(ranges);
  const size = merged.reduce((sum, [lo, hi]) => sum + hi - lo + 1, 0);
  return { kind: 'chars', ranges: merged, size, min: 1, max: 1 };
}

function seq(items: RegexNode[]): RegexNode {
  if (items.length === 1 && items[0]) return items[0];
  const min = items.reduce((sum, item) => sum + item.min, 0);
  const max = items.reduce((sum, item) => sum + item.max, 0);
  return { kind: 'seq', items, min, max };
}

function alt(options: RegexNode[]): RegexNode {
  if (options.length === 1 && options[0]) return options[0];
  const min = Math.min(...options.map((o) => o.min));
  const max = Math.max(...options.map((o) => o.max));
  return { kind: 'alt', options, min, max };
}

function repeat(node: RegexNode, from: number, to: number): RegexNode {
  const max = node.max === 0 || to === 0 ? 0 : to * node.max;
  return { kind: 'repeat', node, from, to, min: from * node.min, max };
}

function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

/** The printable ASCII characters not in `ranges`. */
function complement(ranges: readonly Range[]): Range[] {
  const result: Range[] = [];
  let next = 0x20;
  for (const [lo, hi] of mergeRanges(ranges)) {
    if (hi < 0x20 || lo > 0x7e) continue;
    if (lo > next) result.push([next, Math.min(lo - 1, 0x7e)]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x7e) result.push([next, 0x7e]);
  return result;
}

class RegexParser {
  private pos = 0;

  constructor(private readonly pattern: string) {}

  parse(): RegexNode {
    const node = this.alternation();
    if (this.pos < this.pattern.length) this.fail(`Unmatched closing ')'`);
    return node;
  }

  private fail(message: string): never {
    throw new AvroSchemaError(`Invalid regex ${JSON.stringify(this.pattern)} near index ${this.pos}: ${message}`);
  }

  private peek(): string | undefined {
    return this.pattern[this.pos];
  }

  private alternation(): RegexNode {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return alt(options);
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.pattern.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return seq(items);
  }

  private quantified(atom: RegexNode): RegexNode {
    let node = atom;
    for (;;) {
      const ch = this.peek();
      let bounds: [number, number] | null = null;
      if (ch === '*') bounds = [0, Number.POSITIVE_INFINITY];
      else if (ch === '+') bounds = [1, Number.POSITIVE_INFINITY];
      else if (ch === '?') bounds = [0, 1];
      else if (ch === '{') bounds = this.braces();
      if (!bounds) return node;
      if (ch !== '{') this.pos++;
      // A lazy or possessive mark changes matching, not what matches.
      if (this.peek() === '?' || this.peek() === '+') this.pos++;
      node = repeat(node, bounds[0], bounds[1]);
    }
  }

  /** `{n}`, `{n,}` or `{n,m}` at the current position, consumed; a `{` that starts none is an error, as in Java. */
  private braces(): [number, number] {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.pos));
    if (!match) this.fail('Illegal repetition');
    this.pos += match[0].length;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : match[3] === '' ? Number.POSITIVE_INFINITY : Number(match[3]);
    if (to < from) this.fail('Illegal repetition range');
    return [from, to];
  }

  /** One atom, or null for an anchor (which matches the empty string here). */
  private atom(): RegexNode | null {
    const ch = this.peek() as string;
    switch (ch) {
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '.':
        this.pos++;
        return chars(PRINTABLE);
      case '^':
      case '$':
        this.pos++;
        return null;
      case '\\':
        return chars(this.escape(false));
      case '*':
      case '+':
      case '?':
        return this.fail(`Dangling meta character '${ch}'`);
      case '{':
        return this.fail('Illegal repetition');
      default: {
        const code = this.pattern.codePointAt(this.pos) as number;
        this.pos += code > 0xffff ? 2 : 1;
        return chars([[code, code]]);
      }
    }
  }

  private group(): RegexNode {
    this.pos++;
    if (this.peek() === '?') {
      const rest = this.pattern.slice(this.pos);
      const named = /^\?<([A-Za-z][A-Za-z0-9]*)>/.exec(rest);
      if (rest.startsWith('?:')) this.pos += 2;
      else if (named) this.pos += named[0].length;
      else this.fail('Lookarounds and inline flags are not supported');
    }
    const node = this.alternation();
    if (this.peek() !== ')') this.fail(`Unclosed group`);
    this.pos++;
    return node;
  }

  private characterClass(): RegexNode {
    this.pos++;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const ranges: Range[] = [];
    let first = true;
    while (this.peek() !== ']' || first) {
      if (this.pos >= this.pattern.length) this.fail('Unclosed character class');
      if (this.peek() === '[') this.fail('Nested character classes are not supported');
      first = false;
      const lowRanges = this.classAtom();
      const low = lowRanges.length === 1 && lowRanges[0]?.[0] === lowRanges[0]?.[1] ? lowRanges[0]?.[0] : null;
      if (low !== null && low !== undefined && this.peek() === '-' && this.pattern[this.pos + 1] !== ']') {
        this.pos++;
        const highRanges = this.classAtom();
        const high = highRanges.length === 1 && highRanges[0]?.[0] === highRanges[0]?.[1] ? highRanges[0]?.[0] : null;
        if (high === null || high === undefined) this.fail('Illegal character range');
        if (high < low) this.fail('Illegal character range');
        ranges.push([low, high]);
      } else {
        ranges.push(...lowRanges);
      }
    }
    this.pos++;
    const node = chars(negated ? complement(ranges) : ranges);
    if (node.kind === 'chars' && node.size === 0) this.fail('The character class matches no printable character');
    return node;
  }

  private classAtom(): Range[] {
    if (this.peek() === '\\') return [...this.escape(true)];
    const code = this.pattern.codePointAt(this.pos) as number;
    this.pos += code > 0xffff ? 2 : 1;
    return [[code, code]];
  }

  /** The characters an escape stands for; the position is on the backslash. */
  private escape(inClass: boolean): readonly Range[] {
    this.pos++;
    const ch = this.peek();
    if (ch === undefined) this.fail('Unexpected internal error: trailing backslash');
    this.pos++;
    const single = (code: number): Range[] => [[code, code]];
    switch (ch) {
      case 'd':
        return DIGITS;
      case 'D':
        return complement(DIGITS);
      case 'w':
        return WORD;
      case 'W':
        return complement(WORD);
      case 's':
        return SPACE;
      case 'S':
        return complement(SPACE);
      case 't':
        return single(0x09);
      case 'n':
        return single(0x0a);
      case 'r':
        return single(0x0d);
      case 'f':
        return single(0x0c);
      case 'v':
        return single(0x0b);
      case 'e':
        return single(0x1b);
      case '0':
        return single(0);
      case 'x':
        return single(this.hex(2));
      case 'u':
        return single(this.hex(4));
      case 'b':
      case 'B':
        if (!inClass) this.fail('Word boundaries are not supported');
        return this.fail(`Illegal escape \\${ch} in a character class`);
      default:
        if (/[A-Za-z0-9]/.test(ch)) this.fail(`Unsupported escape \\${ch}`);
        return single(ch.codePointAt(0) as number);
    }
  }

  private hex(digits: number): number {
    const text = this.pattern.slice(this.pos, this.pos + digits);
    if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(text)) this.fail('Illegal hexadecimal escape sequence');
    this.pos += digits;
    return Number.parseInt(text, 16);
  }
}

/**
 * A length for `node` within [lo, hi] and its own bounds, chosen uniformly; when the two do not
 * meet, the nearest length the node can have (its longest when the target is longer than it can
 * be, its shortest when the target is shorter).
 */
function pickLength(node: RegexNode, random: SeededRandom, lo: number, hi: number): number {
  const from = Math.max(lo, node.min);
  let to = Math.min(hi, node.max);
  if (from > to) return node.max < lo ? node.max : node.min;
  // An unbounded pattern under a loose bound ({"min": 5} leaves the maximum at 2^31 - 1) stays short,
  // as Generex's walk, which stops at each accepting state with odds of about 0.65, does.
  if (node.max === Number.POSITIVE_INFINITY) to = Math.min(to, from + UNBOUNDED_EXTRA);
  return from + random.nextInt(to - from + 1);
}

function generate(node: RegexNode, random: SeededRandom, lo: number, hi: number): string {
  switch (node.kind) {
    case 'chars':
      return String.fromCodePoint(pickChar(node.ranges, node.size, random));
    case 'seq':
      return generateSequence(node.items, random, pickLength(node, random, lo, hi));
    case 'alt': {
      const length = pickLength(node, random, lo, hi);
      const fitting = node.options.filter((o) => o.min <= length && length <= o.max);
      const candidates = fitting.length > 0 ? fitting : nearest(node.options, length);
      const option = candidates[random.nextInt(candidates.length)] as RegexNode;
      return generate(option, random, length, length);
    }
    case 'repeat': {
      const length = pickLength(node, random, lo, hi);
      const count = repeatCount(node, random, length);
      return generateSequence(new Array<RegexNode>(count).fill(node.node), random, length);
    }
  }
}

/** Items in order, each given the share of `length` that still lets the items after it fit. */
function generateSequence(items: readonly RegexNode[], random: SeededRandom, length: number): string {
  const restMin: number[] = new Array(items.length + 1).fill(0);
  const restMax: number[] = new Array(items.length + 1).fill(0);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as RegexNode;
    restMin[i] = (restMin[i + 1] as number) + item.min;
    restMax[i] = (restMax[i + 1] as number) + item.max;
  }
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as RegexNode;
    const left = length - out.length;
    const lo = Math.max(0, left - (restMax[i + 1] as number));
    const hi = Math.max(lo, left - (restMin[i + 1] as number));
    out += generate(item, random, lo, hi);
  }
  return out;
}

/** How many times a repetition repeats to make about `length` characters. */
function repeatCount(node: Extract<RegexNode, { kind: 'repeat' }>, random: SeededRandom, length: number): number {
  const { node: inner, from, to } = node;
  if (inner.max === 0) return from;
  const least = inner.max === Number.POSITIVE_INFINITY ? (length > 0 ? 1 : 0) : Math.ceil(length / inner.max);
  const most = inner.min > 0 ? Math.floor(length / inner.min) : least + UNBOUNDED_EXTRA;
  const lo = Math.max(from, least);
  const hi = Math.min(to, most);
  if (lo > hi) return Math.min(Math.max(from, Math.min(least, to)), to);
  return lo + random.nextInt(hi - lo + 1);
}

function nearest(options: readonly RegexNode[], length: number): RegexNode[] {
  const distance = (o: RegexNode) => (length < o.min ? o.min - length : length - o.max);
  const best = Math.min(...options.map(distance));
  return options.filter((o) => distance(o) === best);
}

function pickChar(ranges: readonly Range[], size: number, random: SeededRandom): number {
  let index = random.nextInt(size);
  for (const [lo, hi] of ranges) {
    const span = hi - lo + 1;
    if (index < span) return lo + index;
    index -= span;
  }
  throw new Error('unreachable: index beyond the character class');
}
