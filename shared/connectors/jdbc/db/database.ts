import type { TimeZone } from '../util/time-zone';
import type { DatabaseKind } from './jdbc-url';

/**
 * The JDBC type families (java.sql.Types) the connector maps to Connect schemas, as each driver
 * adapter reports its columns: schema mapping stays the same whichever database it reads.
 */
export const JdbcType = {
  BOOLEAN: 'BOOLEAN',
  TINYINT: 'TINYINT',
  SMALLINT: 'SMALLINT',
  INTEGER: 'INTEGER',
  BIGINT: 'BIGINT',
  REAL: 'REAL',
  DOUBLE: 'DOUBLE',
  NUMERIC: 'NUMERIC',
  DECIMAL: 'DECIMAL',
  CHAR: 'CHAR',
  VARCHAR: 'VARCHAR',
  BINARY: 'BINARY',
  DATE: 'DATE',
  TIME: 'TIME',
  TIMESTAMP: 'TIMESTAMP',
  /** A type with no Connect mapping (arrays, intervals, geometry...): its column is left out, as Confluent does. */
  OTHER: 'OTHER',
} as const;
export type JdbcType = (typeof JdbcType)[keyof typeof JdbcType];

/**
 * A result column as JDBC's ResultSetMetaData describes it. Row values come in a canonical form
 * per type: integers as number (bigint beyond 2^53), NUMERIC/DECIMAL as exact text, REAL/DOUBLE as
 * number, BOOLEAN as boolean, CHAR/VARCHAR as string, BINARY as Buffer, DATE/TIME/TIMESTAMP as the
 * database's text (TIMESTAMP with an offset when the column has a time zone).
 */
export interface ResultColumn {
  readonly name: string;
  readonly jdbcType: JdbcType;
  /** The database's own type name (int4, varchar, DATETIME...). */
  readonly typeName: string;
  /** Digits of a NUMERIC/DECIMAL (0 when unconstrained); 0 when not applicable. */
  readonly precision: number;
  /** Digits after the point of a NUMERIC/DECIMAL; 0 when not applicable. */
  readonly scale: number;
  /** False for unsigned integers (MySQL), which then widen to the next Connect type. */
  readonly signed: boolean;
  /** True/false when the column is a table column with a known NOT NULL; null when unknown (computed). */
  readonly nullable: boolean | null;
}

export interface QueryResult {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly unknown[][];
}

/** One database connection (from the pool) for a sequence of statements. */
export interface SqlSession {
  /** Runs a query and returns its rows as arrays, in the columns' order. */
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  /** Runs a statement and returns the count of rows it changed. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
}

/**
 * A pool of connections to one database (the port the drivers adapt). Placeholders are the
 * driver's own: `$1, $2` for PostgreSQL, `?` for MySQL.
 */
export interface Database {
  readonly kind: DatabaseKind;
  /** Runs `work` on one connection, returned to the pool afterwards. */
  withSession<T>(work: (session: SqlSession) => Promise<T>, options?: SessionOptions): Promise<T>;
  /** Runs `work` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (session: SqlSession) => Promise<T>, options?: SessionOptions): Promise<T>;
  close(): Promise<void>;
}

/** The connection settings a pool is made from. */
export interface DatabaseOptions {
  readonly user: string | null;
  readonly password: string | null;
  /** Most connections the pool opens (a Lambda container runs few tasks at once). */
  readonly maxConnections?: number;
}

export interface SessionOptions {
  /**
   * The zone of wall-clock temporal values (db.timezone). MySQL converts TIMESTAMP columns to and
   * from the session's time_zone, so its sessions are set to it; PostgreSQL values carry offsets
   * where they matter, and its sessions are left as they are.
   */
  readonly timeZone?: TimeZone;
}
