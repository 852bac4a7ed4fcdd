import type { RetryFailure, RetryKey, RetryState, RetryStore } from '../ports';
import { MAX_ERROR_LENGTH, truncate } from '../ports/validation';

/** RetryStore in process memory, for unit tests. */
export class MemoryRetryStore implements RetryStore {
  /** connector -> "<topic>-<partition>" -> state */
  private readonly states = new Map<string, Map<string, RetryState>>();

  async get(key: RetryKey): Promise<RetryState | null> {
    const state = this.states.get(key.connector)?.get(partitionName(key));
    return state ? { ...state } : null;
  }

  async recordFailure(key: RetryKey, failure: RetryFailure, now: number): Promise<RetryState> {
    let partitions = this.states.get(key.connector);
    if (!partitions) {
      partitions = new Map();
      this.states.set(key.connector, partitions);
    }
    const stored = partitions.get(partitionName(key));
    const same = stored?.firstOffset === failure.firstOffset;
    const state: RetryState = {
      firstOffset: failure.firstOffset,
      attempts: same ? stored.attempts + 1 : 1,
      firstFailureAt: same ? stored.firstFailureAt : now,
      lastFailureAt: now,
      ...(failure.error ? { lastError: truncate(failure.error, MAX_ERROR_LENGTH) } : {}),
    };
    partitions.set(partitionName(key), state);
    return { ...state };
  }

  async clear(key: RetryKey): Promise<void> {
    this.states.get(key.connector)?.delete(partitionName(key));
  }

  async deleteAll(connector: string): Promise<void> {
    this.states.delete(connector);
  }
}

/** Kafka's TopicPartition.toString(): `<topic>-<partition>`. */
function partitionName(key: RetryKey): string {
  return `${key.topic}-${key.partition}`;
}
