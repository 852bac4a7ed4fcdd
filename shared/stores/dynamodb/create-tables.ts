/**
 * Creates the stores' tables (schema.ts) where no CDK runs: dynalite for the local runtime and the
 * tests, or any DynamoDB endpoint. Idempotent: existing tables are left as they are.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { type Clock, RetriableError, systemClock } from '../../api';
import { TABLES, type TableId, type TableNames } from './schema';
import { toStoreError } from './sdk-errors';

export interface CreateTablesOptions {
  /** Sleeps between DescribeTable polls while a table is CREATING. */
  readonly clock?: Clock;
  readonly pollMs?: number;
  /** Give up waiting for ACTIVE after this long (measured in polls × pollMs). */
  readonly timeoutMs?: number;
}

export async function createTables(
  client: DynamoDBClient,
  names: TableNames,
  options: CreateTablesOptions = {},
): Promise<void> {
  const ids = Object.keys(TABLES) as TableId[];
  await Promise.all(ids.map((id) => createTable(client, id, names[id], options)));
}

async function createTable(client: DynamoDBClient, id: TableId, name: string, options: CreateTablesOptions) {
  const schema = TABLES[id];
  const input: CreateTableCommandInput = {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: schema.partitionKey.name, AttributeType: schema.partitionKey.type },
      { AttributeName: schema.sortKey.name, AttributeType: schema.sortKey.type },
    ],
    KeySchema: [
      { AttributeName: schema.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: schema.sortKey.name, KeyType: 'RANGE' },
    ],
    // dynalite ignores this (it has no streams); a real endpoint gets the same stream as the CDK stack.
    ...('stream' in schema ? { StreamSpecification: { StreamEnabled: true, StreamViewType: schema.stream } } : {}),
  };
  try {
    await client.send(new CreateTableCommand(input));
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceInUseException') throw toStoreError(err, `Creating table ${name}`);
  }
  const clock = options.clock ?? systemClock;
  const pollMs = options.pollMs ?? 50;
  const polls = Math.ceil((options.timeoutMs ?? 60_000) / pollMs);
  for (let poll = 0; poll < polls; poll++) {
    let status: string | undefined;
    try {
      status = (await client.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus;
    } catch (err) {
      throw toStoreError(err, `Describing table ${name}`);
    }
    if (status === 'ACTIVE') return;
    await clock.sleep(pollMs);
  }
  throw new RetriableError(`Table ${name} did not become ACTIVE in time`);
}
