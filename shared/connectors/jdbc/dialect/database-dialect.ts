import {
  BigDecimal,
  ConnectDate,
  ConnectError,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  type Schema,
  Type,
} from '../../../api';
import type { SqlSession } from '../db/database';
import type { DatabaseKind } from '../db/jdbc-url';
import type { SqlTimestamp } from '../util/sql-timestamp';
import { TableId } from '../util/table-id';
import { formatSqlDate, formatSqlTime, formatSqlTimestamp } from '../util/temporal';
import type { TimeZone } from '../util/time-zone';
import type { TableDefinition } from './column-definition';
import type { SinkField } from './sink-field';

/** When identifiers are quoted in generated SQL (Confluent's quote.sql.identifiers / QuoteMethod). */
export const QuoteMethod = { ALWAYS: 'always', NEVER: 'never' } as const;
export type QuoteMethod = (typeof QuoteMethod)[keyof typeof QuoteMethod];

/** Which tables the source lists (schema.pattern, catalog.pattern, table.types). */
export interface TableListOptions {
  readonly catalogPattern: string | null;
  readonly schemaPattern: string | null;
  /** Upper-case JDBC table types: TABLE, VIEW, ... */
  readonly tableTypes: readonly string[];
}

/** The zones temporal values are bound in (db.timezone, and date.timezone for DATE values). */
export interface BindZones {
  readonly timestamps: TimeZone;
  readonly dates: TimeZone;
}

/**
 * The SQL one database speaks (Confluent's DatabaseDialect): identifier quoting, the statements
 * the sink writes with (multi-row INSERT, upsert, UPDATE, DELETE, CREATE/ALTER TABLE), how Connect
 * values become statement parameters, and the catalog queries both connectors need.
 */
export abstract class DatabaseDialect {
  /** Confluent's dialect class name (dialect.name). */
  abstract readonly name: string;
  abstract readonly kind: DatabaseKind;
  /** The identifier quote character. */
  abstract readonly quoteChar: string;
  /** A query returning the database's current time, read with {@link parseCurrentTime}. */
  abstract readonly currentTimeQuery: string;
  /** Whether DDL takes part in transactions (PostgreSQL) or commits them implicitly (MySQL). */
  abstract readonly transactionalDdl: boolean;

  constructor(readonly quoteMethod: QuoteMethod = QuoteMethod.ALWAYS) {}

  /** An identifier as SQL text: quoted (embedded quotes doubled) unless quote.sql.identifiers=never. */
  quote(name: string): string {
    if (this.quoteMethod === QuoteMethod.NEVER) return name;
    const q = this.quoteChar;
    return `${q}${name.replaceAll(q, q + q)}${q}`;
  }

  /** A table as SQL text, every part quoted. */
  table(id: TableId): string {
    return id
      .parts()
      .map((part) => this.quote(part))
      .join('.');
  }

  /** A table as SQL text always quoted, whatever quote.sql.identifiers says (for task configs). */
  quotedTable(id: TableId): string {
    const q = this.quoteChar;
    return id
      .parts()
      .map((part) => `${q}${part.replaceAll(q, q + q)}${q}`)
      .join('.');
  }

  /**
   * Parses `table`, `schema.table` or `catalog.schema.table`, each part optionally quoted (a quoted
   * part may contain dots; doubled quotes inside it are one quote), as Confluent's IdentifierRules.
   * @throws ConnectError for an empty name, an unterminated quote or a trailing dot
   */
  parseTableIdentifier(fqn: string): TableId {
    const parts = splitQualifiedName(fqn, this.quoteChar);
    if (parts.length === 1) return new TableId(null, null, parts[0] as string);
    if (parts.length === 2) return this.twoPartTableId(parts[0] as string, parts[1] as string);
    if (parts.length === 3) return new TableId(parts[0] as string, parts[1] as string, parts[2] as string);
    throw new ConnectError(`Invalid fully qualified name: '${fqn}'`);
  }

  /** `a.b`: schema.table in PostgreSQL, database.table (the JDBC catalog) in MySQL. */
  protected abstract twoPartTableId(first: string, second: string): TableId;

  /** The n-th (1-based) statement parameter. */
  abstract placeholder(index: number): string;

  /** The database's current time from the row of {@link currentTimeQuery}. */
  abstract parseCurrentTime(value: unknown): SqlTimestamp;

  /** A timestamp bound as a query parameter (the source's offsets and window), in db.timezone. */
  abstract timestampParameter(value: SqlTimestamp, zone: TimeZone): string;

  /** The tables (and views...) a source may read, sorted as Confluent's TableId#compareTo sorts them. */
  abstract listTables(session: SqlSession, options: TableListOptions): Promise<TableId[]>;

  /** The table's columns, or null when it does not exist. An unqualified name is in the current schema / database. */
  abstract describeTable(session: SqlSession, table: TableId): Promise<TableDefinition | null>;

  /** The SQL type a sink field gets in CREATE TABLE / ALTER TABLE. */
  abstract sqlType(field: SinkField): string;

  /** `INSERT ... ON CONFLICT / ON DUPLICATE KEY` updating the non-key columns (Confluent's upsert). */
  abstract upsert(table: TableId, keys: readonly string[], nonKeys: readonly string[], rows: number): string;

  /** An INSERT that leaves a row whose key already exists as it is (idempotent redelivery under pk.mode=kafka). */
  abstract insertIgnoringExisting(
    table: TableId,
    keys: readonly string[],
    nonKeys: readonly string[],
    rows: number,
  ): string;

  // ---- statements

  /** `INSERT INTO t (c1,c2) VALUES (?,?),(?,?)` for `rows` rows. */
  insert(table: TableId, columns: readonly string[], rows: number): string {
    return `INSERT INTO ${this.table(table)} (${this.columnList(columns)}) VALUES ${this.valueRows(columns.length, rows)}`;
  }

  /** `UPDATE t SET a = ?, b = ? WHERE k = ?` (Confluent's update). */
  update(table: TableId, keys: readonly string[], nonKeys: readonly string[]): string {
    if (nonKeys.length === 0) {
      throw new ConnectError(`Write to table '${table}' in UPDATE mode requires non-key columns to update`);
    }
    let index = 0;
    const set = nonKeys.map((c) => `${this.quote(c)} = ${this.placeholder(++index)}`).join(', ');
    const where = keys.map((c) => `${this.quote(c)} = ${this.placeholder(++index)}`).join(' AND ');
    return `UPDATE ${this.table(table)} SET ${set}${where ? ` WHERE ${where}` : ''}`;
  }

  /** `DELETE FROM t WHERE k IN (?,?)`, or `WHERE (k1,k2) IN ((?,?),(?,?))` for a composite key. */
  deleteByKeys(table: TableId, keys: readonly string[], rows: number): string {
    if (keys.length === 0) throw new ConnectError('Require primary keys to support delete');
    const target = keys.length === 1 ? this.quote(keys[0] as string) : `(${this.columnList(keys)})`;
    const values =
      keys.length === 1
        ? Array.from({ length: rows }, (_, i) => this.placeholder(i + 1)).join(',')
        : this.valueRows(keys.length, rows);
    return `DELETE FROM ${this.table(table)} WHERE ${target} IN (${values})`;
  }

  /** Confluent's buildCreateTableStatement: one line per column, then the primary key. */
  createTable(table: TableId, fields: readonly SinkField[]): string {
    const columns = fields.map((f) => `\n${this.columnSpec(f)}`).join(',');
    const keys = fields.filter((f) => f.isPrimaryKey).map((f) => this.quote(f.name));
    const primaryKey = keys.length > 0 ? `,\nPRIMARY KEY(${keys.join(',')})` : '';
    return `CREATE TABLE ${this.table(table)} (${columns}${primaryKey})`;
  }

  /** Confluent's buildAlterTable: one ALTER TABLE adding every missing column. */
  alterTable(table: TableId, fields: readonly SinkField[]): string[] {
    const newline = fields.length > 1 ? '\n' : '';
    const adds = fields.map((f) => `${newline}ADD ${this.columnSpec(f)}`).join(',');
    return [`ALTER TABLE ${this.table(table)} ${adds}`];
  }

  protected columnSpec(field: SinkField): string {
    let spec = `${this.quote(field.name)} ${this.sqlType(field)}`;
    const defaultValue = field.schema.defaultValue;
    if (defaultValue !== null && defaultValue !== undefined) {
      spec += ` DEFAULT ${this.literal(field.schema, defaultValue)}`;
      if (field.isPrimaryKey) spec += ' NOT NULL';
    } else if (field.schema.optional && !field.isPrimaryKey) {
      spec += ' NULL';
    } else {
      // Key columns are NOT NULL whatever their schema says: MySQL refuses a nullable primary key.
      spec += ' NOT NULL';
    }
    return spec;
  }

  /** A default value as a SQL literal (Confluent's formatColumnValue). */
  literal(schema: Schema, value: unknown): string {
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        return (value as BigDecimal).toPlainString();
      case ConnectDate.LOGICAL_NAME:
        return `'${(value as Date).toISOString().slice(0, 10)}'`;
      case ConnectTime.LOGICAL_NAME:
        return `'${(value as Date).toISOString().slice(11, 23)}'`;
      case ConnectTimestamp.LOGICAL_NAME:
        return `'${(value as Date).toISOString().slice(0, 23).replace('T', ' ')}'`;
    }
    switch (schema.type) {
      case Type.INT8:
      case Type.INT16:
      case Type.INT32:
      case Type.INT64:
      case Type.FLOAT32:
      case Type.FLOAT64:
        return String(value);
      case Type.BOOLEAN:
        return this.booleanLiteral(value as boolean);
      case Type.STRING:
        return `'${String(value).replaceAll("'", "''")}'`;
      case Type.BYTES:
        return this.bytesLiteral(value as Uint8Array);
      default:
        throw new ConnectError(`Unsupported type for column value: ${schema.type}`);
    }
  }

  protected booleanLiteral(value: boolean): string {
    return value ? '1' : '0';
  }

  protected abstract bytesLiteral(value: Uint8Array): string;

  /**
   * A Connect value as a statement parameter: BigDecimal as its plain text, Date / Time /
   * Timestamp as text in the configured zones (Confluent binds them with a db.timezone Calendar),
   * bytes as a Buffer, INT64 beyond 2^53 as its digits.
   * @throws DataError for values the column type cannot take (maps, structs, non-finite floats in MySQL)
   */
  bind(schema: Schema, value: unknown, zones: BindZones): unknown {
    if (value === null || value === undefined) return null;
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        return value instanceof BigDecimal ? value.toPlainString() : String(value);
      case ConnectDate.LOGICAL_NAME:
        return formatSqlDate(value as Date, zones.dates);
      case ConnectTime.LOGICAL_NAME:
        return formatSqlTime(value as Date, zones.timestamps);
      case ConnectTimestamp.LOGICAL_NAME:
        return formatSqlTimestamp(value as Date, zones.timestamps, this.timestampsCarryOffset);
    }
    switch (schema.type) {
      case Type.INT8:
      case Type.INT16:
      case Type.INT32:
        return value;
      case Type.INT64:
        return typeof value === 'bigint' ? value.toString() : value;
      case Type.FLOAT32:
      case Type.FLOAT64:
        return this.bindFloat(value as number);
      case Type.BOOLEAN:
        return value;
      case Type.STRING:
        return value;
      case Type.BYTES:
        return Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
      case Type.ARRAY:
        return this.bindArray(schema, value as unknown[], zones);
      default:
        throw new DataError(`Unsupported source data type: ${schema.type}`);
    }
  }

  /** Whether bound timestamps carry their offset (PostgreSQL) or are bare wall clocks (MySQL). */
  protected abstract readonly timestampsCarryOffset: boolean;

  protected bindFloat(value: number): unknown {
    if (!Number.isFinite(value))
      throw new DataError(`${value} cannot be stored in a ${this.kind} floating point column`);
    return value;
  }

  protected bindArray(schema: Schema, _value: unknown[], _zones: BindZones): unknown {
    throw new DataError(`Unsupported source data type: ${schema.type}`);
  }

  /** `c1,c2` quoted. */
  columnList(columns: readonly string[]): string {
    return columns.map((c) => this.quote(c)).join(',');
  }

  /** `(?,?),(?,?)` / `($1,$2),($3,$4)` for `rows` rows of `width` values. */
  valueRows(width: number, rows: number): string {
    const parts: string[] = new Array(rows);
    let index = 0;
    for (let r = 0; r < rows; r++) {
      const row: string[] = new Array(width);
      for (let c = 0; c < width; c++) row[c] = this.placeholder(++index);
      parts[r] = `(${row.join(',')})`;
    }
    return parts.join(',');
  }

  toString(): string {
    return this.name;
  }
}

/** Confluent's IdentifierRules#parseQualifiedIdentifier, with doubled quotes inside a quoted part. */
export function splitQualifiedName(fqn: string, quote: string): string[] {
  const parts: string[] = [];
  let i = 0;
  const text = fqn.trim();
  if (text === '') throw new ConnectError(`Invalid fully qualified name: '${fqn}'`);
  while (i < text.length) {
    let part = '';
    if (text[i] === quote) {
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new ConnectError(`Failure parsing fully qualified identifier; missing trailing quote in ${fqn}`);
        }
        if (text[i] === quote) {
          if (text[i + 1] === quote) {
            part += quote;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += text[i++];
      }
    } else {
      const dot = text.indexOf('.', i);
      part = dot < 0 ? text.slice(i) : text.slice(i, dot);
      i = dot < 0 ? text.length : dot;
    }
    parts.push(part);
    if (i < text.length) {
      if (text[i] !== '.') throw new ConnectError(`Failure parsing fully qualified identifier ${fqn}`);
      i++;
      if (i >= text.length)
        throw new ConnectError(`Failure parsing fully qualified identifier; ends in delimiter ${fqn}`);
    }
  }
  return parts;
}

/** A JDBC metadata pattern (`%` any run, `_` one character) as a regular expression. */
export function likePattern(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replaceAll('%', '.*')
    .replaceAll('_', '.');
  return new RegExp(`^${body}$`, 's');
}
