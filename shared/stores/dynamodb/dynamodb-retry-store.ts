import { RetriableError } from '../../api';
import type { RetryFailure, RetryKey, RetryState, RetryStore } from '../ports';
import { MAX_ERROR_LENGTH, truncate } from '../ports/validation';
import { LEASES, PARTITION_KEY } from './schema';
import { attributeNames, type DynamoDbStoreOptions, DynamoDbTable, type Item, type Key } from './table';

/** recordFailure alternates increment / start-over writes; each failure means another writer won a round. */
const MAX_RECORD_ATTEMPTS = 32;

const NAMES = {
  '#pk': PARTITION_KEY,
  '#first': 'firstOffset',
  '#attempts': 'attempts',
  '#last': 'lastFailureAt',
  '#error': 'lastError',
} as const;

/**
 * RetryStore sharing the leases table (both are per-task coordination written by task invocations):
 * pk = connector, sk = `retry#<topic>#<partition>`. A failure is counted with one conditional
 * increment (same first offset) or one conditional put (new batch), never read-then-write, so
 * concurrent recordFailure calls never lose a count.
 */
export class DynamoDbRetryStore implements RetryStore {
  private readonly table: DynamoDbTable;

  constructor(options: DynamoDbStoreOptions) {
    this.table = new DynamoDbTable(options);
  }

  async get(key: RetryKey): Promise<RetryState | null> {
    const item = await this.table.get(retryKey(key), `Reading retries of ${partitionName(key)}`);
    return item ? toState(item) : null;
  }

  async recordFailure(key: RetryKey, failure: RetryFailure, now: number): Promise<RetryState> {
    const error = failure.error ? truncate(failure.error, MAX_ERROR_LENGTH) : undefined;
    const what = `Recording a failure of ${partitionName(key)}`;
    for (let attempt = 1; ; attempt++) {
      // The same batch failed again: count it.
      const update = `SET #attempts = #attempts + :one, #last = :now${error ? ', #error = :error' : ' REMOVE #error'}`;
      const sameBatch = '#first = :first';
      const incremented = await this.table.tryUpdate(
        {
          Key: retryKey(key),
          UpdateExpression: update,
          ConditionExpression: sameBatch,
          ExpressionAttributeNames: attributeNames(NAMES, update, sameBatch),
          ExpressionAttributeValues: {
            ':one': 1,
            ':now': now,
            ':first': failure.firstOffset,
            ...(error ? { ':error': error } : {}),
          },
          ReturnValues: 'ALL_NEW',
        },
        what,
      );
      if (incremented.ok) return toState(incremented.value!);
      // No record, or one for another batch: start over at attempt 1.
      const state: RetryState = {
        firstOffset: failure.firstOffset,
        attempts: 1,
        firstFailureAt: now,
        lastFailureAt: now,
        ...(error ? { lastError: error } : {}),
      };
      const otherBatch = 'attribute_not_exists(#pk) OR #first <> :first';
      const started = await this.table.tryPut(
        {
          Item: { ...retryKey(key), topic: key.topic, partition: key.partition, ...state },
          ConditionExpression: otherBatch,
          ExpressionAttributeNames: attributeNames(NAMES, otherBatch),
          ExpressionAttributeValues: { ':first': failure.firstOffset },
        },
        what,
      );
      if (started.ok) return state;
      // Someone started this batch's record between our two writes: count on top of theirs.
      if (attempt >= MAX_RECORD_ATTEMPTS) {
        throw new RetriableError(`${what} failed: the record kept changing`, { cause: started.cause });
      }
    }
  }

  async clear(key: RetryKey): Promise<void> {
    await this.table.delete({ Key: retryKey(key) }, `Clearing retries of ${partitionName(key)}`);
  }

  async deleteAll(connector: string): Promise<void> {
    const keys = await this.table.keys(connector, LEASES.retryPrefix, `Listing retries of ${connector}`);
    await this.table.batchDelete(keys, `Deleting retries of ${connector}`);
  }
}

function partitionName(key: RetryKey): string {
  return `${key.connector}/${key.topic}-${key.partition}`;
}

function retryKey(key: RetryKey): Key {
  return DynamoDbTable.key(key.connector, `${LEASES.retryPrefix}${key.topic}#${key.partition}`);
}

function toState(item: Item): RetryState {
  const state: RetryState = {
    firstOffset: item.firstOffset as string,
    attempts: item.attempts as number,
    firstFailureAt: item.firstFailureAt as number,
    lastFailureAt: item.lastFailureAt as number,
  };
  return item.lastError ? { ...state, lastError: item.lastError as string } : state;
}
