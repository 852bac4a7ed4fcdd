/**
 * The stores' named errors. Every conditional-write failure becomes one of these inside
 * shared/stores (STYLE rule 5): callers never see the AWS SDK's ConditionalCheckFailedException.
 * All are ConflictErrors: the request lost a race with a concurrent writer (REST 409 where they
 * reach the REST layer).
 */
import { ConflictError } from '../api';

/**
 * A write carried an expected generation that is no longer current, or a read-modify-write loop
 * kept losing to concurrent writers. The message starts with Kafka's 409 text for this case
 * (DistributedHerder: "…stale configuration (typically caused by a concurrent config change)").
 */
export class ConcurrentUpdateError extends ConflictError {
  override name = 'ConcurrentUpdateError';
  readonly connector: string;
  /** The generation the writer expected; undefined when the writer gave none (a retry loop gave up). */
  readonly expectedGeneration?: number;
  /** The generation found in the store, when known. */
  readonly actualGeneration?: number;

  constructor(
    connector: string,
    detail: { expectedGeneration?: number; actualGeneration?: number; reason?: string },
    options?: ErrorOptions,
  ) {
    const why =
      detail.reason ??
      `connector ${connector} is at generation ${detail.actualGeneration ?? 'unknown'}, expected ${detail.expectedGeneration}`;
    super(
      `Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change): ${why}`,
      options,
    );
    this.connector = connector;
    this.expectedGeneration = detail.expectedGeneration;
    this.actualGeneration = detail.actualGeneration;
  }
}

/**
 * An offset write carried a fence (the writer's lease epoch) lower than the epoch that last wrote
 * one of its partitions: a newer invocation of the task owns them, so this (stale) one may not commit.
 */
export class FencedError extends ConflictError {
  override name = 'FencedError';
  readonly connector: string;
  readonly fence: number;
  /** Canonical JSON of the partitions whose recorded epoch is newer than the fence. */
  readonly partitions: string[];

  constructor(connector: string, fence: number, partitions: string[], options?: ErrorOptions) {
    super(
      `Offsets of connector ${connector} for ${partitions.join(', ')} were written by a newer lease epoch than ${fence}; this writer is fenced`,
      options,
    );
    this.connector = connector;
    this.fence = fence;
    this.partitions = partitions;
  }
}

/** A source task's lease is live and held by another invocation. */
export class LeaseHeldError extends ConflictError {
  override name = 'LeaseHeldError';
  readonly owner?: string;
  readonly expiresAt?: number;

  constructor(message: string, options?: ErrorOptions & { owner?: string; expiresAt?: number }) {
    super(message, options);
    this.owner = options?.owner;
    this.expiresAt = options?.expiresAt;
  }
}

/**
 * The caller's connector config generation is older than the one recorded on the lease: a newer
 * configuration already ran this task, so an invocation started from the old one must not.
 */
export class StaleGenerationError extends ConflictError {
  override name = 'StaleGenerationError';
  readonly configGeneration: number;
  readonly storedGeneration: number;

  constructor(message: string, options: ErrorOptions & { configGeneration: number; storedGeneration: number }) {
    super(message, options);
    this.configGeneration = options.configGeneration;
    this.storedGeneration = options.storedGeneration;
  }
}

/** A lease being renewed was taken over (a newer epoch or another owner) or released. */
export class LeaseLostError extends ConflictError {
  override name = 'LeaseLostError';
}
