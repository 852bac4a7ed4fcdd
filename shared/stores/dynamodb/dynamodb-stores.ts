import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Clock } from '../../api';
import type { Stores } from '../ports';
import { DynamoDbConfigStore } from './dynamodb-config-store';
import { DynamoDbLeaseStore } from './dynamodb-lease-store';
import { DynamoDbOffsetStore } from './dynamodb-offset-store';
import { DynamoDbRetryStore } from './dynamodb-retry-store';
import { DynamoDbStatusStore } from './dynamodb-status-store';
import type { TableNames } from './schema';

/** All stores over one client and one set of tables. Retry bookkeeping shares the leases table. */
export function createDynamoDbStores(options: { client: DynamoDBClient; tables: TableNames; clock?: Clock }): Stores {
  const { client, tables, clock } = options;
  return {
    configs: new DynamoDbConfigStore({ client, tableName: tables.configs, clock }),
    offsets: new DynamoDbOffsetStore({ client, tableName: tables.offsets, clock }),
    statuses: new DynamoDbStatusStore({ client, tableName: tables.statuses, clock }),
    leases: new DynamoDbLeaseStore({ client, tableName: tables.leases, clock }),
    retries: new DynamoDbRetryStore({ client, tableName: tables.leases, clock }),
  };
}
