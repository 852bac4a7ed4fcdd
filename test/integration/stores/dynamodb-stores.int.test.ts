import { afterAll, beforeAll } from 'vitest';
import {
  DynamoDbConfigStore,
  DynamoDbLeaseStore,
  DynamoDbOffsetStore,
  DynamoDbRetryStore,
  DynamoDbStatusStore,
} from '../../../shared/stores/dynamodb';
import { configStoreContract } from '../../contracts/config-store.contract';
import { leaseStoreContract } from '../../contracts/lease-store.contract';
import { offsetStoreContract } from '../../contracts/offset-store.contract';
import { retryStoreContract } from '../../contracts/retry-store.contract';
import { statusStoreContract } from '../../contracts/status-store.contract';
import { type RunningDynalite, startDynalite } from '../../helpers/dynalite';

// The memory adapters pass the same suites in test/contracts/memory-stores.test.ts. Each store
// gets fresh tables, so no test sees another's items.
let dynamo: RunningDynalite;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo?.stop();
});

configStoreContract('DynamoDB', async (clock) => {
  const tables = await dynamo.createTables('configs');
  return new DynamoDbConfigStore({ client: dynamo.client, tableName: tables.configs, clock });
});

offsetStoreContract('DynamoDB', async (clock) => {
  const tables = await dynamo.createTables('offsets');
  return new DynamoDbOffsetStore({ client: dynamo.client, tableName: tables.offsets, clock });
});

statusStoreContract('DynamoDB', async (clock) => {
  const tables = await dynamo.createTables('statuses');
  return new DynamoDbStatusStore({ client: dynamo.client, tableName: tables.statuses, clock });
});

leaseStoreContract('DynamoDB', async (clock) => {
  const tables = await dynamo.createTables('leases');
  return new DynamoDbLeaseStore({ client: dynamo.client, tableName: tables.leases, clock });
});

retryStoreContract('DynamoDB', async (clock) => {
  const tables = await dynamo.createTables('retries');
  return new DynamoDbRetryStore({ client: dynamo.client, tableName: tables.leases, clock });
});
