import { ConnectDate, ConnectError, ConnectTime, ConnectTimestamp, Decimal, Type } from '../../../api';
import type { SqlSession } from '../db/database';
import { DatabaseKind } from '../db/jdbc-url';
import { SqlTimestamp } from '../util/sql-timestamp';
import { TableId } from '../util/table-id';
import { TimeZone } from '../util/time-zone';
import { type ColumnDefinition, TableDefinition, TableType } from './column-definition';
import { DatabaseDialect, likePattern, type TableListOptions } from './database-dialect';
import type { SinkField } from './sink-field';

/** information_schema.TABLES.TABLE_TYPE for each JDBC table type Connector/J reports. */
const TABLE_TYPES: Record<string, string> = { TABLE: 'BASE TABLE', VIEW: 'VIEW', 'SYSTEM VIEW': 'SYSTEM VIEW' };
const SYSTEM_DATABASES = new Set(['mysql', 'information_schema', 'performance_schema', 'sys']);

/**
 * Confluent's MySqlDatabaseDialect (MySQL and MariaDB): back-quoted identifiers, `?` parameters,
 * `ON DUPLICATE KEY UPDATE` upserts. A table's JDBC catalog is its database.
 */
export class MySqlDialect extends DatabaseDialect {
  readonly name = 'MySqlDatabaseDialect';
  readonly kind = DatabaseKind.MYSQL;
  readonly quoteChar = '`';
  readonly transactionalDdl = false;
  protected readonly timestampsCarryOffset = false;
  readonly currentTimeQuery = 'SELECT UTC_TIMESTAMP(6)';

  placeholder(_index: number): string {
    return '?';
  }

  protected twoPartTableId(first: string, second: string): TableId {
    return new TableId(first, null, second);
  }

  parseCurrentTime(value: unknown): SqlTimestamp {
    return SqlTimestamp.parse(String(value), TimeZone.UTC);
  }

  /** A wall clock in db.timezone: sessions run with time_zone set to it, so TIMESTAMP columns compare alike. */
  timestampParameter(value: SqlTimestamp, zone: TimeZone): string {
    return value.format(zone, false);
  }

  /**
   * The tables of the database named by catalog.pattern (a LIKE pattern), else by schema.pattern
   * (Connector/J treats databases as catalogs, so a schema pattern alone would match nothing),
   * else the URL's database.
   */
  async listTables(session: SqlSession, options: TableListOptions): Promise<TableId[]> {
    const types = options.tableTypes.map((t) => TABLE_TYPES[t.toUpperCase()]).filter((t): t is string => !!t);
    if (types.length === 0) return [];
    const pattern = options.catalogPattern ?? options.schemaPattern;
    const { rows } = await session.query(
      'SELECT TABLE_SCHEMA, TABLE_NAME, DATABASE() FROM information_schema.TABLES ' +
        `WHERE TABLE_TYPE IN (${types.map(() => '?').join(',')})`,
      types,
    );
    const database = likePattern(pattern ?? '%');
    return rows
      .filter(([schema, , current]) =>
        pattern === null && current !== null ? schema === current : database.test(String(schema)),
      )
      .filter(([schema]) => !SYSTEM_DATABASES.has(String(schema).toLowerCase()))
      .map(([schema, name]) => new TableId(String(schema), null, String(name)))
      .sort(
        (a, b) =>
          (a.catalog ?? '').localeCompare(b.catalog ?? '') || (a.table < b.table ? -1 : a.table > b.table ? 1 : 0),
      );
  }

  async describeTable(session: SqlSession, table: TableId): Promise<TableDefinition | null> {
    const { rows } = await session.query(
      'SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.IS_NULLABLE, c.EXTRA, c.CHARACTER_MAXIMUM_LENGTH, ' +
        'c.NUMERIC_PRECISION, c.NUMERIC_SCALE, t.TABLE_TYPE, t.TABLE_SCHEMA ' +
        'FROM information_schema.TABLES t JOIN information_schema.COLUMNS c ' +
        'ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME ' +
        'WHERE t.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND t.TABLE_NAME = ? ORDER BY c.ORDINAL_POSITION',
      [table.catalog ?? table.schema, table.table],
    );
    if (rows.length === 0) return null;
    const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    const columns = rows.map(
      ([name, dataType, columnType, nullable, extra, maxLength, precision, scale]): ColumnDefinition => ({
        name: String(name),
        dataType: String(dataType).toLowerCase(),
        columnType: String(columnType),
        nullable: nullable === 'YES',
        autoIncrement: String(extra ?? '')
          .toLowerCase()
          .includes('auto_increment'),
        maxLength: ['char', 'varchar'].includes(String(dataType).toLowerCase()) ? numberOrNull(maxLength) : null,
        numericPrecision: ['decimal', 'numeric'].includes(String(dataType).toLowerCase())
          ? numberOrNull(precision)
          : null,
        numericScale: ['decimal', 'numeric'].includes(String(dataType).toLowerCase()) ? numberOrNull(scale) : null,
      }),
    );
    const type = String(rows[0]?.[8]) === 'BASE TABLE' ? TableType.TABLE : TableType.VIEW;
    return new TableDefinition(new TableId(String(rows[0]?.[9]), null, table.table), type, columns);
  }

  /**
   * Confluent's MySqlDatabaseDialect#getSqlType, except that a primary key string is VARCHAR(255):
   * MySQL cannot index a TEXT column without a prefix length, so Confluent's TEXT keys fail to create.
   */
  sqlType(field: SinkField): string {
    const schema = field.schema;
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        return `DECIMAL(65,${schema.parameters?.[Decimal.SCALE_FIELD] ?? '0'})`;
      case ConnectDate.LOGICAL_NAME:
        return 'DATE';
      case ConnectTime.LOGICAL_NAME:
        return 'TIME(3)';
      case ConnectTimestamp.LOGICAL_NAME:
        return 'DATETIME(3)';
    }
    switch (schema.type) {
      case Type.INT8:
        return 'TINYINT';
      case Type.INT16:
        return 'SMALLINT';
      case Type.INT32:
        return 'INT';
      case Type.INT64:
        return 'BIGINT';
      case Type.FLOAT32:
        return 'FLOAT';
      case Type.FLOAT64:
        return 'DOUBLE';
      case Type.BOOLEAN:
        return 'TINYINT';
      case Type.STRING:
        return field.isPrimaryKey ? 'VARCHAR(255)' : 'TEXT';
      case Type.BYTES:
        return 'VARBINARY(1024)';
      default:
        throw new ConnectError(
          `${schema.name} (${schema.type}) type doesn't have a mapping to the SQL database column type`,
        );
    }
  }

  upsert(table: TableId, keys: readonly string[], nonKeys: readonly string[], rows: number): string {
    const updated = nonKeys.length === 0 ? keys : nonKeys;
    const set = updated.map((c) => `${this.quote(c)}=values(${this.quote(c)})`).join(',');
    return `${this.insert(table, [...keys, ...nonKeys], rows)} ON DUPLICATE KEY UPDATE ${set}`;
  }

  /** A no-op update of the first key column: unlike INSERT IGNORE it still fails on bad values. */
  insertIgnoringExisting(table: TableId, keys: readonly string[], nonKeys: readonly string[], rows: number): string {
    const first = this.quote(keys[0] as string);
    return `${this.insert(table, [...keys, ...nonKeys], rows)} ON DUPLICATE KEY UPDATE ${first}=${first}`;
  }

  protected bytesLiteral(value: Uint8Array): string {
    return `X'${Buffer.from(value).toString('hex')}'`;
  }
}
