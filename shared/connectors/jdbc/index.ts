/**
 * Confluent's JDBC connectors (kafka-connect-jdbc) for PostgreSQL and MySQL / MariaDB, under their
 * class names: a source that reads tables or a query into topics (bulk, incrementing, timestamp,
 * timestamp+incrementing) and a sink that writes topics into tables (insert, upsert, update,
 * deletes, auto-create and auto-evolve). Imports only the plugin contract, pg and mysql2.
 */
import { JdbcSinkConnector } from './sink/jdbc-sink-connector';
import { JdbcSourceConnector } from './source/jdbc-source-connector';

export { type Database, JdbcType, type QueryResult, type ResultColumn, type SqlSession } from './db/database';
export { describeDbError, isDataDbError, isTransientDbError, toConnectError } from './db/db-errors';
export { DatabaseKind, type JdbcUrl, parseJdbcUrl, sanitizedUrl } from './db/jdbc-url';
export { CONTAINER_POOLS, type DatabaseFactory, type PoolLease, PoolRegistry } from './db/pool-registry';
export { type ColumnDefinition, TableDefinition, TableType } from './dialect/column-definition';
export { DatabaseDialect, QuoteMethod } from './dialect/database-dialect';
export { DIALECT_NAMES, dialectFor } from './dialect/dialects';
export { MySqlDialect } from './dialect/mysql-dialect';
export { PostgresDialect } from './dialect/postgres-dialect';
export type { SinkField } from './dialect/sink-field';
export { VERSION } from './jdbc-config';
export { TableAlterOrCreateError } from './sink/db-structure';
export { extractFieldsMetadata, type FieldsMetadata } from './sink/fields-metadata';
export {
  DEFAULT_KAFKA_PK_NAMES,
  InsertMode,
  JdbcSinkConfig,
  PrimaryKeyMode,
  SINK_CONFIG_DEF,
} from './sink/jdbc-sink-config';
export { JdbcSinkConnector } from './sink/jdbc-sink-connector';
export { JdbcSinkTask, type JdbcSinkTaskOptions } from './sink/jdbc-sink-task';
export {
  crossKeyProblems,
  JdbcSourceConfig,
  Mode,
  NumericMapping,
  SOURCE_CONFIG_DEF,
  SOURCE_TASK_CONFIG_DEF,
  TABLES_CONFIG,
  TABLES_DISCOVER_CONFIG,
  TABLES_FETCHED_CONFIG,
} from './source/jdbc-source-config';
export { JdbcSourceConnector, type JdbcSourceConnectorOptions } from './source/jdbc-source-connector';
export { JdbcSourceTask, type JdbcSourceTaskOptions, MAX_IDLE_WAIT_MS } from './source/jdbc-source-task';
export { SchemaMapping } from './source/schema-mapping';
export {
  QUERY_PARTITION,
  TimestampIncrementingOffset,
  tablePartitionV0,
  tablePartitionV1,
} from './source/source-offsets';
export { filterTables, formatTableList, groupPartitions, parseTableList } from './source/source-tables';
export { TimestampIncrementingCriteria } from './source/timestamp-incrementing-criteria';
export { SqlTimestamp } from './util/sql-timestamp';
export { TableId } from './util/table-id';
export { TimeZone } from './util/time-zone';

/** The connectors of this folder, for the plugin registry. */
export const JDBC_CONNECTOR_CLASSES = [JdbcSourceConnector, JdbcSinkConnector];
