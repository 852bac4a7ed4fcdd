/**
 * Source offsets: Kafka's offsets topic (key `["<connector>", {partition}]`, value `{offset}` or
 * null; spec section 7) as a port. Sink offsets are not here: they are the consumer group's.
 */

/** The values a partition or offset map may hold (Kafka's OffsetUtils.validateFormat: primitives only). */
export type OffsetPrimitive = string | number | boolean | null;
export type PrimitiveMap = Readonly<Record<string, OffsetPrimitive>>;

/** One partition's offset to write; `offset: null` deletes it (a reset, Kafka's tombstone). */
export interface OffsetWrite {
  readonly partition: Readonly<Record<string, unknown>>;
  readonly offset: Readonly<Record<string, unknown>> | null;
}

/** A stored partition and its offset. */
export interface OffsetEntry {
  readonly partition: PrimitiveMap;
  readonly offset: PrimitiveMap;
}

export interface OffsetWriteOptions {
  /**
   * The writer's lease epoch. Each offset records the epoch that last wrote it with a fence; a
   * write with a lower fence than a partition's recorded epoch fails with FencedError, so a stale
   * source invocation cannot commit over a newer one. Without a fence the write is unconditional
   * (the REST offsets API, which Kafka only allows while the connector is STOPPED) and batched.
   */
  readonly fence?: number;
}

/**
 * Partitions are identified by their canonical JSON (keys sorted), so `{a, b}` and `{b, a}` are
 * the same partition. Maps must hold primitive values only, else DataError (before anything is written).
 */
export interface OffsetStore {
  /** The offsets of `partitions`, in the same order; null where none is stored. */
  read(
    connector: string,
    partitions: ReadonlyArray<Readonly<Record<string, unknown>>>,
  ): Promise<(PrimitiveMap | null)[]>;
  /**
   * Writes (or, for `offset: null`, deletes) offsets. Entries for the same partition: the last one wins.
   * Not atomic across partitions (Kafka's offset flush is not either): on FencedError, partitions
   * not fenced may have been written.
   * @throws DataError for non-primitive values; FencedError when `options.fence` is stale.
   */
  write(connector: string, entries: ReadonlyArray<OffsetWrite>, options?: OffsetWriteOptions): Promise<void>;
  /** Every stored offset of the connector, sorted by canonical partition JSON. */
  list(connector: string): Promise<OffsetEntry[]>;
  /** Deletes every offset of the connector (fences included). */
  deleteAll(connector: string): Promise<void>;
}
