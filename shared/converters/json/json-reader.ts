/**
 * An exact JSON reader for the cases `JSON.parse` cannot serve (Kafka's JsonDeserializer reads
 * with Jackson, keeping every digit): numbers stay as their source text (JsonNumber), so an INT64
 * beyond 2^53 or a NUMERIC decimal loses nothing, and objects are Maps, so member order is the
 * document's even for keys that look like array indexes. It accepts what Kafka's Jackson setup
 * accepts: standard JSON plus leading zeros in numbers (ALLOW_LEADING_ZEROS_FOR_NUMBERS), and it
 * reads the first value only, ignoring what follows (Jackson's readTree does not look further).
 */

/** A JSON number as written. `integral` is true when it has no fraction and no exponent (Jackson's int/long/BigInteger nodes). */
export class JsonNumber {
  constructor(
    readonly text: string,
    readonly integral: boolean,
  ) {}

  toNumber(): number {
    return Number(this.text);
  }
}

/** What readJson gives: null, booleans, strings, JsonNumbers, arrays, and Maps for objects; undefined for empty input. */
export type JsonNode = null | boolean | string | JsonNumber | JsonNode[] | Map<string, JsonNode>;

/** Jackson-style parse errors, with the offset. */
export class JsonSyntaxError extends SyntaxError {
  override name = 'JsonSyntaxError';
}

/**
 * Reads the first JSON value of `text`; undefined when there is none (blank input, as Jackson's
 * MissingNode).
 * @throws JsonSyntaxError on malformed JSON
 */
export function readJson(text: string): JsonNode | undefined {
  const reader = new Reader(text);
  reader.skipWhitespace();
  if (reader.pos >= text.length) return undefined;
  const value = reader.value(0);
  // Jackson wants a root-level number to end at whitespace or the end ("12abc" is an error).
  if (value instanceof JsonNumber && reader.pos < text.length && !isWhitespace(text.charCodeAt(reader.pos))) {
    reader.fail('Expected space separating root-level values');
  }
  return value;
}

const MAX_DEPTH = 1000;

class Reader {
  pos = 0;

  constructor(private readonly text: string) {
    // Jackson skips a UTF-8 byte order mark.
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    while (isWhitespace(text.charCodeAt(pos))) pos++;
    this.pos = pos;
  }

  fail(message: string): never {
    throw new JsonSyntaxError(`${message} at offset ${this.pos}`);
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail('JSON nested too deeply');
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b /* { */:
        return this.object(depth);
      case 0x5b /* [ */:
        return this.array(depth);
      case 0x22 /* " */:
        return this.string();
      case 0x74 /* t */:
        return this.literal('true', true);
      case 0x66 /* f */:
        return this.literal('false', false);
      case 0x6e /* n */:
        return this.literal('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
        return this.fail(`Unexpected character '${this.text[this.pos] ?? 'end of input'}'`);
    }
  }

  private literal<T extends JsonNode>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos) || isIdentifierPart(this.text.charCodeAt(this.pos + word.length))) {
      this.fail('Unrecognized token');
    }
    this.pos += word.length;
    return value;
  }

  private object(depth: number): Map<string, JsonNode> {
    const map = new Map<string, JsonNode>();
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return map;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail('Expected a field name in double quotes');
      const key = this.string();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail("Expected ':' after a field name");
      this.pos++;
      this.skipWhitespace();
      map.set(key, this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x7d) return map;
      if (c !== 0x2c) this.fail("Expected ',' or '}' in an object");
      this.skipWhitespace();
    }
  }

  private array(depth: number): JsonNode[] {
    const list: JsonNode[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return list;
    }
    for (;;) {
      list.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x5d) return list;
      if (c !== 0x2c) this.fail("Expected ',' or ']' in an array");
      this.skipWhitespace();
    }
  }

  private string(): string {
    const text = this.text;
    const start = ++this.pos;
    let pos = start;
    // Fast path: no escapes.
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (c === 0x5c) break;
      if (c < 0x20 || Number.isNaN(c)) {
        this.pos = pos;
        this.fail(Number.isNaN(c) ? 'Unexpected end of input in a string' : 'Illegal unquoted character in a string');
      }
      pos++;
    }
    let out = text.slice(start, pos);
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        this.pos = pos + 1;
        return out;
      }
      if (Number.isNaN(c)) {
        this.pos = pos;
        this.fail('Unexpected end of input in a string');
      }
      if (c < 0x20) {
        this.pos = pos;
        this.fail('Illegal unquoted character in a string');
      }
      if (c !== 0x5c) {
        out += text[pos];
        pos++;
        continue;
      }
      const e = text[pos + 1];
      pos += 2;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = text.slice(pos, pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = pos;
            this.fail('Illegal unicode escape');
          }
          out += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          this.pos = pos - 1;
          this.fail('Unrecognized character escape');
      }
    }
  }

  private number(): JsonNumber {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const intStart = pos;
    while (isDigit(text.charCodeAt(pos))) pos++;
    if (pos === intStart) {
      this.pos = pos;
      this.fail('Expected a digit after a minus sign');
    }
    let integral = true;
    if (text.charCodeAt(pos) === 0x2e) {
      integral = false;
      pos++;
      const fractionStart = pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === fractionStart) {
        this.pos = pos;
        this.fail('Decimal point not followed by a digit');
      }
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      integral = false;
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 0x2b || sign === 0x2d) pos++;
      const exponentStart = pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === exponentStart) {
        this.pos = pos;
        this.fail('Exponent indicator not followed by a digit');
      }
    }
    this.pos = pos;
    return new JsonNumber(text.slice(start, pos), integral);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Letters, digits, `_` and `$`: what may not follow `true`, `false` or `null` (Jackson's token check). */
function isIdentifierPart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24;
}
