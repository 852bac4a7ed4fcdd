/**
 * A least-recently-used cache of a fixed size (Kafka's LRUCache, a LinkedHashMap in access order):
 * a Map whose insertion order is kept as the use order, so the first key is the one to evict.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxSize: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The cached values, least recently used first, without touching their order. */
  values(): IterableIterator<V> {
    return this.entries.values();
  }

  put(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxSize) {
      const eldest = this.entries.keys().next();
      if (!eldest.done) this.entries.delete(eldest.value);
    }
  }
}
