/**
 * One table as the adapters use it: the document client, strongly consistent reads, every page of
 * a query, batched writes with UnprocessedItems retried, and every SDK error mapped (sdk-errors.ts).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  type DeleteCommandInput,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type Clock, RetriableError, systemClock } from '../../api';
import { PARTITION_KEY, SORT_KEY } from './schema';
import { isConditionalCheckFailed, toStoreError } from './sdk-errors';

export type Item = Record<string, unknown>;
export type Key = { [PARTITION_KEY]: string; [SORT_KEY]: string };
type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** Options every DynamoDB adapter takes. The client is passed in: no process-wide singleton. */
export interface DynamoDbStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Timestamps and backoff sleeps; defaults to the system clock. */
  readonly clock?: Clock;
}

/** The outcome of a conditional write: its condition held (and the result), or it did not. */
export type Conditional<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly cause: Error };

const BATCH_WRITE_MAX = 25;
const BATCH_GET_MAX = 100;
const UNPROCESSED_ATTEMPTS = 10;

export class DynamoDbTable {
  readonly name: string;
  readonly clock: Clock;
  private readonly doc: DynamoDBDocumentClient;

  constructor(options: DynamoDbStoreOptions) {
    this.name = options.tableName;
    this.clock = options.clock ?? systemClock;
    this.doc = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  }

  static key(pk: string, sk: string): Key {
    return { [PARTITION_KEY]: pk, [SORT_KEY]: sk };
  }

  async get(key: Key, what: string): Promise<Item | undefined> {
    const out = await this.call(what, () =>
      this.doc.send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: true })),
    );
    return out.Item;
  }

  /** Every item matching the query, across all pages (a page stops at 1 MB read). */
  async query(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, what: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.call(what, () =>
        this.doc.send(
          new QueryCommand({ ...input, TableName: this.name, ConsistentRead: true, ExclusiveStartKey: start }),
        ),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Keys of every item of partition `pk` (whose sort key starts with `prefix`, when given). */
  async keys(pk: string, prefix: string | undefined, what: string): Promise<Key[]> {
    const items = await this.query(
      {
        KeyConditionExpression: prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
        ExpressionAttributeValues: prefix ? { ':pk': pk, ':prefix': prefix } : { ':pk': pk },
        ProjectionExpression: '#pk, #sk',
      },
      what,
    );
    return items.map((item) => DynamoDbTable.key(item[PARTITION_KEY] as string, item[SORT_KEY] as string));
  }

  async put(input: Omit<PutCommandInput, 'TableName'>, what: string): Promise<void> {
    await this.call(what, () => this.doc.send(new PutCommand({ ...input, TableName: this.name })));
  }

  async update(input: Omit<UpdateCommandInput, 'TableName'>, what: string): Promise<Item | undefined> {
    const out = await this.call(what, () => this.doc.send(new UpdateCommand({ ...input, TableName: this.name })));
    return out.Attributes;
  }

  async delete(input: Omit<DeleteCommandInput, 'TableName'>, what: string): Promise<void> {
    await this.call(what, () => this.doc.send(new DeleteCommand({ ...input, TableName: this.name })));
  }

  /** A conditional UpdateItem: a failed condition is an outcome, not an exception. */
  async tryUpdate(input: Omit<UpdateCommandInput, 'TableName'>, what: string): Promise<Conditional<Item | undefined>> {
    return this.attempt(what, async () => {
      const out = await this.doc.send(new UpdateCommand({ ...input, TableName: this.name }));
      return out.Attributes;
    });
  }

  /** A conditional PutItem: a failed condition is an outcome, not an exception. */
  async tryPut(input: Omit<PutCommandInput, 'TableName'>, what: string): Promise<Conditional<void>> {
    return this.attempt(what, async () => {
      await this.doc.send(new PutCommand({ ...input, TableName: this.name }));
    });
  }

  /** A conditional DeleteItem: a failed condition is an outcome, not an exception. */
  async tryDelete(input: Omit<DeleteCommandInput, 'TableName'>, what: string): Promise<Conditional<void>> {
    return this.attempt(what, async () => {
      await this.doc.send(new DeleteCommand({ ...input, TableName: this.name }));
    });
  }

  /** BatchWriteItem in chunks of 25, retrying UnprocessedItems with backoff. No conditions: only for unfenced writes. */
  async batchWrite(requests: WriteRequest[], what: string): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH_WRITE_MAX) {
      let pending: WriteRequest[] = requests.slice(i, i + BATCH_WRITE_MAX);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= UNPROCESSED_ATTEMPTS) {
          throw new RetriableError(`${what} failed: ${pending.length} items stayed unprocessed (throttled)`);
        }
        if (attempt > 0) await this.backoff(attempt);
        const out = await this.call(what, () =>
          this.doc.send(new BatchWriteCommand({ RequestItems: { [this.name]: pending } })),
        );
        pending = (out.UnprocessedItems?.[this.name] ?? []) as WriteRequest[];
      }
    }
  }

  async batchDelete(keys: Key[], what: string): Promise<void> {
    await this.batchWrite(
      keys.map((key) => ({ DeleteRequest: { Key: key } })),
      what,
    );
  }

  /** BatchGetItem (strongly consistent) in chunks of 100, retrying UnprocessedKeys. Keys must be distinct. */
  async batchGet(keys: Key[], what: string): Promise<Item[]> {
    const found: Item[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
      let pending: Record<string, unknown>[] = keys.slice(i, i + BATCH_GET_MAX);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= UNPROCESSED_ATTEMPTS) {
          throw new RetriableError(`${what} failed: ${pending.length} keys stayed unprocessed (throttled)`);
        }
        if (attempt > 0) await this.backoff(attempt);
        const out = await this.call(what, () =>
          this.doc.send(
            new BatchGetCommand({ RequestItems: { [this.name]: { Keys: pending, ConsistentRead: true } } }),
          ),
        );
        found.push(...(out.Responses?.[this.name] ?? []));
        pending = out.UnprocessedKeys?.[this.name]?.Keys ?? [];
      }
    }
    return found;
  }

  /** Exponential backoff with full jitter, capped at one second. */
  async backoff(attempt: number): Promise<void> {
    await this.clock.sleep(Math.random() * Math.min(1000, 10 * 2 ** attempt));
  }

  private async attempt<T>(what: string, write: () => Promise<T>): Promise<Conditional<T>> {
    try {
      return { ok: true, value: await write() };
    } catch (err) {
      if (isConditionalCheckFailed(err)) return { ok: false, cause: err as Error };
      throw toStoreError(err, what);
    }
  }

  private async call<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw toStoreError(err, what);
    }
  }
}

/** Runs `work` over `items` with at most `limit` in flight; resolves when all settled, rejecting with the first error. */
export async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

/**
 * ExpressionAttributeNames for the `#name` placeholders used in `expressions` (DynamoDB rejects
 * unused ones), looked up in `dictionary` ({'#gen': 'generation', ...}).
 */
export function attributeNames(
  dictionary: Readonly<Record<string, string>>,
  ...expressions: (string | undefined)[]
): Record<string, string> {
  const used: Record<string, string> = {};
  for (const expression of expressions) {
    for (const [placeholder] of expression?.matchAll(/#\w+/g) ?? []) {
      const name = dictionary[placeholder];
      if (name === undefined) throw new Error(`No attribute name for ${placeholder}`);
      used[placeholder] = name;
    }
  }
  return used;
}
