/**
 * Sink batch retry bookkeeping. The ESM retries a failing batch forever; the sink function counts
 * attempts here per partition to enforce Kafka's bounded `errors.retry.timeout`.
 */

/** One partition of one sink connector. */
export interface RetryKey {
  readonly connector: string;
  readonly topic: string;
  readonly partition: number;
}

export interface RetryState {
  /** The failing batch's first offset (a string: Kafka offsets are int64). */
  readonly firstOffset: string;
  /** Failures recorded for this batch, at least 1. */
  readonly attempts: number;
  readonly firstFailureAt: number;
  readonly lastFailureAt: number;
  /** The last failure's message, up to MAX_ERROR_LENGTH characters. */
  readonly lastError?: string;
}

export interface RetryFailure {
  readonly firstOffset: string;
  readonly error?: string;
}

export interface RetryStore {
  get(key: RetryKey): Promise<RetryState | null>;
  /**
   * Counts one more failure of the batch starting at `failure.firstOffset`. A different first
   * offset than the stored one starts over at attempt 1 (it is a different batch). Concurrent
   * calls never lose a count.
   */
  recordFailure(key: RetryKey, failure: RetryFailure, now: number): Promise<RetryState>;
  /** Forgets the partition's failures (the batch succeeded, or was skipped). */
  clear(key: RetryKey): Promise<void>;
  /** Forgets all partitions of the connector. */
  deleteAll(connector: string): Promise<void>;
}
