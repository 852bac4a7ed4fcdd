/**
 * Source task leases: two invocations of one source task never run at once, and the epoch of the
 * lease fences a stale invocation's offset commits (OffsetStore.write with `fence`).
 */

/** Kafka's ConnectorTaskId. */
export interface ConnectorTaskId {
  readonly connector: string;
  readonly task: number;
}

export interface Lease extends ConnectorTaskId {
  readonly owner: string;
  /** Fencing token: incremented on every successful acquire, never reset (not even when the connector is deleted). */
  readonly epoch: number;
  /** The connector config generation of the holder. */
  readonly configGeneration: number;
  /** Milliseconds since the epoch; the lease is live while `now < expiresAt`. 0 once released. */
  readonly expiresAt: number;
}

/**
 * Times are explicit arguments (the caller's clock), so expiry is deterministic in tests.
 */
export interface LeaseStore {
  /**
   * Takes the lease when it is free (never taken, expired or released) and the stored config
   * generation is not newer than `configGeneration`. A live lease is never re-entered, not even by
   * the same owner.
   * @throws LeaseHeldError when live; StaleGenerationError when a newer config generation held it.
   */
  acquire(id: ConnectorTaskId, owner: string, configGeneration: number, ttlMs: number, now: number): Promise<Lease>;
  /**
   * Extends the lease to `now + ttlMs`. Succeeds even after expiry as long as nobody acquired it since.
   * @throws LeaseLostError when it was acquired by someone else (or released).
   */
  renew(lease: Lease, ttlMs: number, now: number): Promise<Lease>;
  /** Frees the lease if `lease` still holds it (same owner and epoch); harmless otherwise. The epoch stays. */
  release(lease: Lease): Promise<void>;
  /** The stored lease (live, expired or released), or null when never taken. */
  get(id: ConnectorTaskId): Promise<Lease | null>;
}
