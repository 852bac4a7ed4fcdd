/** The DynamoDB adapters of the stores' ports, their tables' schema and createTables(). */
export { type CreateTablesOptions, createTables } from './create-tables';
export { DynamoDbConfigStore, TASK_CHUNK_BYTES } from './dynamodb-config-store';
export { DynamoDbLeaseStore } from './dynamodb-lease-store';
export { DynamoDbOffsetStore } from './dynamodb-offset-store';
export { DynamoDbRetryStore } from './dynamodb-retry-store';
export { DynamoDbStatusStore } from './dynamodb-status-store';
export { createDynamoDbStores } from './dynamodb-stores';
export {
  CONFIGS,
  HERDER_TRIGGER_PARTITIONS,
  LEASES,
  OFFSETS,
  PARTITION_KEY,
  SORT_KEY,
  STATUSES,
  TABLES,
  type TableId,
  type TableNames,
  type TableSchema,
} from './schema';
export type { DynamoDbStoreOptions } from './table';
