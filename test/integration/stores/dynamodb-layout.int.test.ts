import { createServer } from 'node:net';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectError, RetriableError } from '../../../shared/api';
import { FencedError } from '../../../shared/stores';
import {
  CONFIGS,
  createDynamoDbStores,
  createTables,
  DynamoDbConfigStore,
  DynamoDbStatusStore,
  TABLES,
  type TableNames,
} from '../../../shared/stores/dynamodb';
import { type RunningDynalite, startDynalite, uniqueTableNames } from '../../helpers/dynalite';

// What the contract suite cannot see: how items are laid out, what gets cleaned up, and how SDK
// failures surface. Raw reads go through a plain document client.
let dynamo: RunningDynalite;
let raw: DynamoDBDocumentClient;

beforeAll(async () => {
  dynamo = await startDynalite();
  raw = DynamoDBDocumentClient.from(dynamo.client);
});

afterAll(async () => {
  await dynamo?.stop();
});

async function partition(table: string, pk: string): Promise<Record<string, unknown>[]> {
  const out = await raw.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

describe('createTables', () => {
  it('creates the four tables with string pk and sk keys, and is idempotent', async () => {
    // Prepare
    const names = uniqueTableNames('create');
    // Act
    await createTables(dynamo.client, names);
    await createTables(dynamo.client, names);
    // Assess
    for (const id of Object.keys(TABLES) as (keyof TableNames)[]) {
      const table = (await dynamo.client.send(new DescribeTableCommand({ TableName: names[id] }))).Table;
      expect(table?.TableStatus).toBe('ACTIVE');
      expect(table?.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
    }
  });
});

describe('DynamoDbConfigStore layout', () => {
  it('keeps connectors in the connectors partition, with the config as submitted JSON', async () => {
    // Prepare
    const tables = await dynamo.createTables('layout');
    const store = new DynamoDbConfigStore({ client: dynamo.client, tableName: tables.configs });
    // Act
    await store.create('orders-sink', { b: '1', a: '2' });
    // Assess
    const [item] = await partition(tables.configs, CONFIGS.connectorsPartition);
    expect(item).toMatchObject({ pk: 'connectors', sk: 'orders-sink', config: '{"b":"1","a":"2"}', generation: 1 });
  });

  it('stores large task configs as chunk items, removes the replaced set’s chunks, and everything on delete', async () => {
    // Prepare
    const tables = await dynamo.createTables('chunks');
    const store = new DynamoDbConfigStore({ client: dynamo.client, tableName: tables.configs });
    await store.create('wide', { a: 'b' });
    const big = Array.from({ length: 4 }, (_, i) => ({ payload: String(i).repeat(250_000) }));
    // Act
    await store.putTaskConfigs('wide', 1, big);
    const first = await partition(tables.configs, `${CONFIGS.taskChunksPrefix}wide`);
    await store.putTaskConfigs('wide', 1, [{ small: 'set' }]);
    const second = await partition(tables.configs, `${CONFIGS.taskChunksPrefix}wide`);
    await store.delete('wide');
    const afterDelete = await partition(tables.configs, `${CONFIGS.taskChunksPrefix}wide`);
    // Assess
    expect(first.length).toBe(3);
    expect(second.length).toBe(1);
    expect(afterDelete).toEqual([]);
    const [tombstone] = await partition(tables.configs, CONFIGS.connectorsPartition);
    expect(tombstone).toMatchObject({ sk: 'wide', deleted: true, generation: 2 });
    expect(tombstone).not.toHaveProperty('config');
  });

  it('removes the chunks of a set it refused to publish', async () => {
    // Prepare
    const tables = await dynamo.createTables('refused');
    const store = new DynamoDbConfigStore({ client: dynamo.client, tableName: tables.configs });
    await store.create('c', { a: 'b' });
    await store.setTargetState('c', 'PAUSED');
    // Act
    const attempt = await store.putTaskConfigs('c', 1, [{ x: 'y' }]).catch((err: unknown) => err);
    // Assess
    expect(attempt).toBeInstanceOf(ConnectError);
    expect(await partition(tables.configs, `${CONFIGS.taskChunksPrefix}c`)).toEqual([]);
  });
});

describe('DynamoDbOffsetStore layout', () => {
  it('keys short partitions by their canonical JSON and long ones by its SHA-256', async () => {
    // Prepare
    const tables = await dynamo.createTables('offsets');
    const { offsets } = createDynamoDbStores({ client: dynamo.client, tables });
    const long = { query: 'q'.repeat(2_000) };
    // Act
    await offsets.write('src', [
      { partition: { b: 1, a: 2 }, offset: { o: 1 } },
      { partition: long, offset: { o: 2 } },
    ]);
    // Assess
    const keys = (await partition(tables.offsets, 'src')).map((item) => item.sk);
    expect(keys).toContain('{"a":2,"b":1}');
    expect(keys.find((key) => key !== '{"a":2,"b":1}')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('source task fencing across stores', () => {
  it('lets the invocation holding the newest lease commit offsets and fences the one it replaced', async () => {
    // Prepare
    const tables = await dynamo.createTables('fencing');
    const { leases, offsets } = createDynamoDbStores({ client: dynamo.client, tables });
    const task = { connector: 'files-src', task: 0 };
    const slow = await leases.acquire(task, 'invocation-a', 1, 1_000, 0);
    const next = await leases.acquire(task, 'invocation-b', 1, 1_000, 1_000);
    // Act
    await offsets.write('files-src', [{ partition: { file: 'a' }, offset: { pos: 20 } }], { fence: next.epoch });
    const stale = await offsets
      .write('files-src', [{ partition: { file: 'a' }, offset: { pos: 10 } }], { fence: slow.epoch })
      .catch((err: unknown) => err);
    // Assess
    expect(stale).toBeInstanceOf(FencedError);
    expect(await offsets.read('files-src', [{ file: 'a' }])).toEqual([{ pos: 20 }]);
  });
});

describe('DynamoDbStatusStore active topics', () => {
  it('sends nothing when recording a topic it recorded moments ago', async () => {
    // Prepare
    const tables = await dynamo.createTables('topics');
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    let sent = 0;
    client.middlewareStack.add(
      (next) => async (args) => {
        sent++;
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const store = new DynamoDbStatusStore({ client, tableName: tables.statuses, topicCacheMs: 60_000 });
    // Act
    await store.recordTopic('c', 'orders', 1_000);
    const afterFirst = sent;
    await store.recordTopic('c', 'orders', 2_000);
    const afterSecond = sent;
    await store.recordTopic('c', 'orders', 70_000);
    // Assess
    expect([afterFirst, afterSecond, sent]).toEqual([1, 1, 2]);
    expect(await store.listTopics('c')).toEqual([{ connector: 'c', topic: 'orders', discoverTimestamp: 1_000 }]);
    client.destroy();
  });
});

describe('SDK failures', () => {
  it('surfaces a missing table as a ConnectError naming the operation, not as the SDK’s exception', async () => {
    // Prepare
    const store = new DynamoDbConfigStore({ client: dynamo.client, tableName: 'no-such-table' });
    // Act
    const error = await store.get('c').catch((err: unknown) => err as Error);
    // Assess
    expect(error).toBeInstanceOf(ConnectError);
    expect(error).not.toBeInstanceOf(RetriableError);
    expect((error as Error).message).toContain('Reading connector c failed (ResourceNotFoundException');
  });

  it('surfaces an unreachable endpoint as a RetriableError', async () => {
    // Prepare: a port that was free a moment ago
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    });
    const store = new DynamoDbConfigStore({ client, tableName: 'configs' });
    // Act
    const error = await store.list().catch((err: unknown) => err);
    // Assess
    expect(error).toBeInstanceOf(RetriableError);
    client.destroy();
  });
});
