import { ConnectDate, ConnectError, ConnectTime, ConnectTimestamp, Decimal, type Schema, Type } from '../../../api';
import type { SqlSession } from '../db/database';
import { DatabaseKind } from '../db/jdbc-url';
import { SqlTimestamp } from '../util/sql-timestamp';
import { TableId } from '../util/table-id';
import { TimeZone } from '../util/time-zone';
import { type ColumnDefinition, TableDefinition, TableType } from './column-definition';
import { type BindZones, DatabaseDialect, likePattern, type TableListOptions } from './database-dialect';
import type { SinkField } from './sink-field';

/** pg_class.relkind for each JDBC table type pgjdbc reports. */
const RELKINDS: Record<string, string> = {
  TABLE: 'r',
  'PARTITIONED TABLE': 'p',
  VIEW: 'v',
  'MATERIALIZED VIEW': 'm',
  'FOREIGN TABLE': 'f',
};

/** Confluent's PostgreSqlDatabaseDialect: double-quoted identifiers, `$n` parameters, ON CONFLICT upserts. */
export class PostgresDialect extends DatabaseDialect {
  readonly name = 'PostgreSqlDatabaseDialect';
  readonly kind = DatabaseKind.POSTGRESQL;
  readonly quoteChar = '"';
  readonly transactionalDdl = true;
  protected readonly timestampsCarryOffset = true;
  readonly currentTimeQuery = 'SELECT CURRENT_TIMESTAMP';

  placeholder(index: number): string {
    return `$${index}`;
  }

  protected twoPartTableId(first: string, second: string): TableId {
    return new TableId(null, first, second);
  }

  parseCurrentTime(value: unknown): SqlTimestamp {
    return SqlTimestamp.parse(String(value), TimeZone.UTC);
  }

  /** With the offset: a timestamptz column compares the instant, a timestamp column the wall clock in db.timezone. */
  timestampParameter(value: SqlTimestamp, zone: TimeZone): string {
    return value.format(zone, true);
  }

  async listTables(session: SqlSession, options: TableListOptions): Promise<TableId[]> {
    const kinds = options.tableTypes.map((t) => RELKINDS[t.toUpperCase()]).filter((k): k is string => !!k);
    if (kinds.length === 0) return [];
    const { rows } = await session.query(
      'SELECT n.nspname, c.relname FROM pg_catalog.pg_class c ' +
        'JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ' +
        "WHERE c.relkind = ANY($1::char[]) AND n.nspname <> 'information_schema' " +
        "AND n.nspname !~ '^pg_(catalog|toast|temp_|toast_temp_)'",
      [kinds],
    );
    const schema = options.schemaPattern === null ? null : likePattern(options.schemaPattern);
    return rows
      .map(([nspname, relname]) => new TableId(null, String(nspname), String(relname)))
      .filter((id) => schema === null || schema.test(id.schema ?? ''))
      .sort(bySchemaThenName);
  }

  async describeTable(session: SqlSession, table: TableId): Promise<TableDefinition | null> {
    const { rows } = await session.query(
      'SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod), a.attnotnull, ' +
        "a.attidentity IN ('a', 'd') OR COALESCE(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%', " +
        'a.atttypmod, c.relkind, n.nspname ' +
        'FROM pg_catalog.pg_class c ' +
        'JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ' +
        'JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ' +
        'JOIN pg_catalog.pg_type t ON t.oid = a.atttypid ' +
        'LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum ' +
        'WHERE n.nspname = COALESCE($1, current_schema()) AND c.relname = $2 ' +
        "AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY a.attnum",
      [table.schema, table.table],
    );
    if (rows.length === 0) return null;
    const columns = rows.map(([name, typname, columnType, notNull, autoIncrement, typmod]): ColumnDefinition => {
      const type = String(typname);
      const mod = Number(typmod);
      const numeric = type === 'numeric' && mod >= 4;
      return {
        name: String(name),
        dataType: type,
        columnType: String(columnType),
        nullable: notNull !== true,
        autoIncrement: autoIncrement === true,
        maxLength: (type === 'varchar' || type === 'bpchar') && mod >= 4 ? mod - 4 : null,
        numericPrecision: numeric ? ((mod - 4) >> 16) & 0xffff : null,
        numericScale: numeric ? (((mod - 4) & 0x7ff) ^ 1024) - 1024 : null,
      };
    });
    const relkind = String(rows[0]?.[6]);
    const id = new TableId(table.catalog, String(rows[0]?.[7]), table.table);
    return new TableDefinition(id, relkind === 'r' || relkind === 'p' ? TableType.TABLE : TableType.VIEW, columns);
  }

  /** Confluent's PostgreSqlDatabaseDialect#getSqlType. */
  sqlType(field: SinkField): string {
    return sqlTypeOf(field.schema);
  }

  upsert(table: TableId, keys: readonly string[], nonKeys: readonly string[], rows: number): string {
    const insert = this.insert(table, [...keys, ...nonKeys], rows);
    const conflict = `ON CONFLICT (${this.columnList(keys)})`;
    if (nonKeys.length === 0) return `${insert} ${conflict} DO NOTHING`;
    const set = nonKeys.map((c) => `${this.quote(c)}=EXCLUDED.${this.quote(c)}`).join(',');
    return `${insert} ${conflict} DO UPDATE SET ${set}`;
  }

  insertIgnoringExisting(table: TableId, keys: readonly string[], nonKeys: readonly string[], rows: number): string {
    return `${this.insert(table, [...keys, ...nonKeys], rows)} ON CONFLICT (${this.columnList(keys)}) DO NOTHING`;
  }

  protected override booleanLiteral(value: boolean): string {
    return value ? 'TRUE' : 'FALSE';
  }

  protected bytesLiteral(value: Uint8Array): string {
    return `'\\x${Buffer.from(value).toString('hex')}'::bytea`;
  }

  /** PostgreSQL stores NaN and ±Infinity in real and double precision columns. */
  protected override bindFloat(value: number): unknown {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Number.POSITIVE_INFINITY) return 'Infinity';
    if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
    return value;
  }

  /** Arrays of primitives as PostgreSQL arrays (Confluent binds them with setObject(..., Types.ARRAY)). */
  protected override bindArray(schema: Schema, value: unknown[], zones: BindZones): unknown {
    const element = schema.valueSchema();
    if (element.type === Type.ARRAY || element.type === Type.MAP || element.type === Type.STRUCT) {
      return super.bindArray(schema, value, zones);
    }
    return value.map((item) => this.bind(element, item, zones));
  }
}

function sqlTypeOf(schema: Schema): string {
  switch (schema.name) {
    case Decimal.LOGICAL_NAME:
      return 'DECIMAL';
    case ConnectDate.LOGICAL_NAME:
      return 'DATE';
    case ConnectTime.LOGICAL_NAME:
      return 'TIME';
    case ConnectTimestamp.LOGICAL_NAME:
      return 'TIMESTAMP';
  }
  switch (schema.type) {
    case Type.INT8:
    case Type.INT16:
      return 'SMALLINT';
    case Type.INT32:
      return 'INT';
    case Type.INT64:
      return 'BIGINT';
    case Type.FLOAT32:
      return 'REAL';
    case Type.FLOAT64:
      return 'DOUBLE PRECISION';
    case Type.BOOLEAN:
      return 'BOOLEAN';
    case Type.STRING:
      return 'TEXT';
    case Type.BYTES:
      return 'BYTEA';
    case Type.ARRAY:
      return `${sqlTypeOf(schema.valueSchema())}[]`;
    default:
      throw new ConnectError(
        `${schema.name} (${schema.type}) type doesn't have a mapping to the SQL database column type`,
      );
  }
}

function bySchemaThenName(a: TableId, b: TableId): number {
  const sa = a.schema ?? '';
  const sb = b.schema ?? '';
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.table < b.table ? -1 : a.table > b.table ? 1 : 0;
}
