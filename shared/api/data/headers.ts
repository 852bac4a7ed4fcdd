import type { Schema } from './schema';

/** One record header: a key with a schema'd value (Kafka's Header). */
export interface Header {
  readonly key: string;
  readonly schema: Schema | null;
  readonly value: unknown;
}

/**
 * The ordered, multi-valued headers of a record (Kafka's ConnectHeaders). A key may appear more
 * than once; order is kept. Records share nothing: `duplicate()` before handing headers on.
 */
export class Headers implements Iterable<Header> {
  private list: Header[];

  constructor(headers: Iterable<Header> = []) {
    this.list = [...headers];
  }

  get size(): number {
    return this.list.length;
  }

  isEmpty(): boolean {
    return this.list.length === 0;
  }

  [Symbol.iterator](): Iterator<Header> {
    return this.list[Symbol.iterator]();
  }

  toArray(): readonly Header[] {
    return this.list;
  }

  /** Appends a header. `schema` may be null for a schemaless value. */
  add(key: string, value: unknown, schema: Schema | null = null): this {
    if (key === null || key === undefined) throw new TypeError('Header key cannot be null');
    this.list.push({ key, schema, value });
    return this;
  }

  addHeader(header: Header): this {
    this.list.push(header);
    return this;
  }

  allWithName(key: string): Header[] {
    return this.list.filter((h) => h.key === key);
  }

  lastWithName(key: string): Header | null {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const header = this.list[i];
      if (header?.key === key) return header;
    }
    return null;
  }

  /** Removes every header with this key. */
  remove(key: string): this {
    this.list = this.list.filter((h) => h.key !== key);
    return this;
  }

  /** Keeps only the last header of each key (or of the given key). */
  retainLatest(key?: string): this {
    const seen = new Set<string>();
    const kept: Header[] = [];
    for (let i = this.list.length - 1; i >= 0; i--) {
      const header = this.list[i] as Header;
      if ((key === undefined || header.key === key) && seen.has(header.key)) continue;
      seen.add(header.key);
      kept.push(header);
    }
    this.list = kept.reverse();
    return this;
  }

  clear(): this {
    this.list = [];
    return this;
  }

  duplicate(): Headers {
    return new Headers(this.list);
  }
}
