import type { Clock } from '../api';

/** A cached value with the milliseconds it stays valid (null: not cached, no limit). */
export interface Cached<V> {
  value: V;
  ttl: number | null;
}

/**
 * Values fetched from a remote store, kept for `ttlMs` so a warm Lambda container does not call AWS
 * at every task start. In-flight fetches are shared, and a failed fetch is not cached. A ttl of 0
 * disables caching.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  /** The cached value of `key`, or the result of `fetch`, then cached. */
  async get(key: string, fetch: () => Promise<V>): Promise<Cached<V>> {
    return (
      await this.getMany([key], async () => {
        const value = await fetch();
        return () => value;
      })
    ).get(key) as Cached<V>;
  }

  /**
   * The values of `keys`: cached ones as they are, the others with one call of `fetchMissing`,
   * which resolves to a lookup from key to value.
   */
  async getMany(
    keys: readonly string[],
    fetchMissing: (missing: string[]) => Promise<(key: string) => V>,
  ): Promise<Map<string, Cached<V>>> {
    const now = this.clock.now();
    const missing = keys.filter((key) => !this.live(key, now));
    const batch = missing.length > 0 ? fetchMissing(missing) : null;
    if (batch && this.ttlMs <= 0) {
      const lookup = await batch;
      return new Map(keys.map((key) => [key, { value: lookup(key), ttl: null }]));
    }
    for (const key of missing)
      this.store(
        key,
        (batch as Promise<(key: string) => V>).then((lookup) => lookup(key)),
        now,
      );

    // Entries are taken before awaiting, so a concurrent failure that evicts one cannot lose it here.
    const pending = keys.map(
      (key) => [key, this.entries.get(key) as { value: Promise<V>; expiresAt: number }] as const,
    );
    const results = new Map<string, Cached<V>>();
    for (const [key, entry] of pending) {
      const value = await entry.value;
      results.set(key, { value, ttl: Math.max(0, entry.expiresAt - this.clock.now()) });
    }
    return results;
  }

  clear(): void {
    this.entries.clear();
  }

  private live(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.expiresAt > now;
  }

  private store(key: string, value: Promise<V>, now: number): void {
    const entry = { value, expiresAt: now + this.ttlMs };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
  }
}

/** The smaller of two ttls, where null means "no limit". */
export function minTtl(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
