import { type Schema, schemaEquals } from '../../api';

/**
 * Kafka's `SynchronizedCache<>(new LRUCache<>(16))` of derived schemas: one output schema per input
 * schema, so a batch of records sharing a schema builds it once. Kafka keys it by Schema#equals; a
 * lookup here is first by identity (the common case: a converter hands every record of a batch the
 * same schema object) and then structural, so equal schemas from different converters still share
 * one derived schema, and a new-but-equal instance becomes an identity hit afterwards.
 */
export class SchemaCache<V = Schema> {
  private readonly entries = new Map<Schema, V>();
  private lastKey: Schema | null = null;
  private lastValue: V | null = null;

  constructor(private readonly capacity = 16) {}

  get(schema: Schema): V | undefined {
    if (schema === this.lastKey) return this.lastValue ?? undefined;
    let derived = this.entries.get(schema);
    if (derived === undefined) {
      for (const [key, value] of this.entries) {
        if (schemaEquals(key, schema)) {
          derived = value;
          break;
        }
      }
      if (derived === undefined) return undefined;
    }
    // Access order, as Kafka's LRUCache (a LinkedHashMap in access order).
    this.put(schema, derived);
    return derived;
  }

  put(schema: Schema, derived: V): void {
    this.entries.delete(schema);
    if (this.entries.size >= this.capacity) {
      const eldest = this.entries.keys().next().value;
      if (eldest !== undefined) this.entries.delete(eldest);
    }
    this.entries.set(schema, derived);
    this.lastKey = schema;
    this.lastValue = derived;
  }

  /** The derived schema of `schema`, built by `build` on a miss and remembered. */
  getOrBuild(schema: Schema, build: (schema: Schema) => V): V {
    const cached = this.get(schema);
    if (cached !== undefined) return cached;
    const derived = build(schema);
    this.put(schema, derived);
    return derived;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.lastKey = null;
    this.lastValue = null;
  }
}
