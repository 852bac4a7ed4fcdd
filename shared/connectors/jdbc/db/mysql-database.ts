import type mysql from 'mysql2/promise';
import { formatOffset, TimeZone } from '../util/time-zone';
import type { Database, DatabaseOptions, QueryResult, ResultColumn, SessionOptions, SqlSession } from './database';
import { JdbcType } from './database';
import { isTransientDbError, sqlStateOf } from './db-errors';
import { DatabaseKind, type JdbcUrl } from './jdbc-url';

/**
 * mysql2, imported on first use rather than with this module: a function bundle that never runs a
 * JDBC connector never loads (or parses) the driver and its character set tables.
 */
let driver: Promise<typeof mysql> | undefined;

function loadDriver(): Promise<typeof mysql> {
  driver ??= import('mysql2/promise').then(
    (module) => (module as { default?: typeof mysql }).default ?? (module as unknown as typeof mysql),
    (err: unknown) => {
      driver = undefined;
      throw err;
    },
  );
  return driver;
}

/** MySQL protocol column types (include/field_types.h). */
const MYSQL_TYPE = {
  DECIMAL: 0,
  TINY: 1,
  SHORT: 2,
  LONG: 3,
  FLOAT: 4,
  DOUBLE: 5,
  NULL: 6,
  TIMESTAMP: 7,
  LONGLONG: 8,
  INT24: 9,
  DATE: 10,
  TIME: 11,
  DATETIME: 12,
  YEAR: 13,
  NEWDATE: 14,
  VARCHAR: 15,
  BIT: 16,
  JSON: 245,
  NEWDECIMAL: 246,
  ENUM: 247,
  SET: 248,
  TINY_BLOB: 249,
  MEDIUM_BLOB: 250,
  LONG_BLOB: 251,
  BLOB: 252,
  VAR_STRING: 253,
  STRING: 254,
  GEOMETRY: 255,
} as const;

const FLAG = { NOT_NULL: 1, UNSIGNED: 32 } as const;
const BINARY_CHARSET = 63;

interface MySqlField {
  name: string;
  columnType?: number;
  type?: number;
  flags: number | string[];
  decimals: number;
  columnLength?: number;
  characterSet?: number;
  charsetNr?: number;
  table: string;
}

/**
 * The {@link Database} port over mysql2 (MySQL and MariaDB): a pool of a few connections, rows as
 * arrays, temporal values as the server's text (dateStrings), big integers exact, JSON as text.
 * Each session sets `time_zone` to the zone asked for, so TIMESTAMP columns read and write the
 * same wall clock in db.timezone that DATETIME columns hold.
 */
export class MySqlDatabase implements Database {
  readonly kind = DatabaseKind.MYSQL;
  /** The pool, made on first use (see loadDriver). */
  private pool: Promise<mysql.Pool> | null = null;
  private closed = false;
  /** The time_zone each open connection was last set to. */
  private readonly zones = new WeakMap<object, string>();

  constructor(
    private readonly url: JdbcUrl,
    private readonly options: DatabaseOptions,
  ) {}

  private getConnection(): Promise<mysql.PoolConnection> {
    // mysql2's own message for a pool used after end().
    if (this.closed) return Promise.reject(new Error('Pool is closed.'));
    this.pool ??= loadDriver().then((driver) => this.makePool(driver));
    return this.pool.then((pool) => pool.getConnection());
  }

  private makePool(driver: typeof mysql): mysql.Pool {
    const { url, options } = this;
    const pool = driver.createPool({
      host: url.host,
      port: url.port,
      database: url.database ?? undefined,
      user: options.user ?? url.user ?? undefined,
      password: options.password ?? url.password ?? undefined,
      connectionLimit: options.maxConnections ?? 4,
      maxIdle: options.maxConnections ?? 4,
      idleTimeout: 30_000,
      connectTimeout: 10_000,
      enableKeepAlive: true,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      jsonStrings: true,
      decimalNumbers: false,
      charset: 'utf8mb4',
      ssl: sslOf(url.params),
      typeCast: (field, next) => {
        // Geometry as its WKB bytes (Connector/J's BINARY), not mysql2's parsed points.
        if (field.type === 'GEOMETRY') return field.buffer();
        return next();
      },
    });
    // A connection that breaks while idle must not crash the process.
    (pool as unknown as { pool?: { on(event: string, cb: () => void): void } }).pool?.on('error', () => {});
    return pool;
  }

  async withSession<T>(work: (session: SqlSession) => Promise<T>, options: SessionOptions = {}): Promise<T> {
    const connection = await this.getConnection();
    let broken = false;
    try {
      await this.setTimeZone(connection, options.timeZone ?? TimeZone.UTC);
      return await work(this.session(connection));
    } catch (err) {
      broken = isConnectionBroken(err);
      throw err;
    } finally {
      if (broken) connection.destroy();
      else connection.release();
    }
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>, options: SessionOptions = {}): Promise<T> {
    return this.withSession(async (session) => {
      await session.execute('START TRANSACTION');
      try {
        const result = await work(session);
        await session.execute('COMMIT');
        return result;
      } catch (err) {
        await session.execute('ROLLBACK').catch(() => {});
        throw err;
      }
    }, options);
  }

  /**
   * Sets the session's time_zone when it differs: a fixed offset as is, a region by name, or, when
   * the server has no time zone tables (ER_UNKNOWN_TIME_ZONE), by its offset now.
   */
  private async setTimeZone(connection: mysql.PoolConnection, zone: TimeZone): Promise<void> {
    const wanted = zone.isFixed ? formatOffset(zone.offsetAt(0)) : zone.id;
    if (this.zones.get(connection.connection) === wanted) return;
    try {
      await connection.query('SET time_zone = ?', [wanted]);
    } catch (err) {
      if ((err as { errno?: unknown }).errno !== 1298) throw err;
      await connection.query('SET time_zone = ?', [formatOffset(zone.offsetAt(Date.now()))]);
    }
    this.zones.set(connection.connection, wanted);
  }

  async close(): Promise<void> {
    this.closed = true;
    const pool = await this.pool?.catch(() => null);
    await pool?.end();
  }

  private session(connection: mysql.PoolConnection): SqlSession {
    return {
      query: async (sql, params = []): Promise<QueryResult> => {
        const [rows, fields] = await connection.query({ sql, values: params as unknown[], rowsAsArray: true });
        const described = ((fields ?? []) as unknown as MySqlField[]).map(describe);
        return {
          columns: described,
          rows: (rows as unknown[][]).map((row) => row.map((v, i) => canonical(v, described[i]))),
        };
      },
      execute: async (sql, params = []) => {
        const [result] = await connection.query(sql, params as unknown[]);
        return (result as { affectedRows?: number }).affectedRows ?? 0;
      },
    };
  }
}

/** Connector/J's ResultSetMetaData for a mysql2 field. */
function describe(field: MySqlField): ResultColumn {
  const type = field.columnType ?? field.type ?? MYSQL_TYPE.NULL;
  const flags = typeof field.flags === 'number' ? field.flags : 0;
  const unsigned = (flags & FLAG.UNSIGNED) !== 0;
  const binary = (field.characterSet ?? field.charsetNr) === BINARY_CHARSET;
  const nullable = (flags & FLAG.NOT_NULL) === 0;
  const base = { name: field.name, signed: !unsigned, nullable, precision: 0, scale: 0 };
  switch (type) {
    case MYSQL_TYPE.DECIMAL:
    case MYSQL_TYPE.NEWDECIMAL: {
      // Connector/J: display length minus the point and the sign.
      const precision = (field.columnLength ?? 0) - (field.decimals > 0 ? 1 : 0) - (unsigned ? 0 : 1);
      return { ...base, jdbcType: JdbcType.DECIMAL, typeName: 'DECIMAL', precision, scale: field.decimals };
    }
    case MYSQL_TYPE.TINY:
      return { ...base, jdbcType: JdbcType.TINYINT, typeName: 'TINYINT' };
    case MYSQL_TYPE.SHORT:
      return { ...base, jdbcType: JdbcType.SMALLINT, typeName: 'SMALLINT' };
    case MYSQL_TYPE.INT24:
    case MYSQL_TYPE.LONG:
      return { ...base, jdbcType: JdbcType.INTEGER, typeName: type === MYSQL_TYPE.INT24 ? 'MEDIUMINT' : 'INT' };
    case MYSQL_TYPE.LONGLONG:
      return { ...base, jdbcType: JdbcType.BIGINT, typeName: 'BIGINT' };
    case MYSQL_TYPE.FLOAT:
      return { ...base, jdbcType: JdbcType.REAL, typeName: 'FLOAT' };
    case MYSQL_TYPE.DOUBLE:
      return { ...base, jdbcType: JdbcType.DOUBLE, typeName: 'DOUBLE' };
    case MYSQL_TYPE.TIMESTAMP:
      return { ...base, jdbcType: JdbcType.TIMESTAMP, typeName: 'TIMESTAMP' };
    case MYSQL_TYPE.DATETIME:
      return { ...base, jdbcType: JdbcType.TIMESTAMP, typeName: 'DATETIME' };
    case MYSQL_TYPE.DATE:
    case MYSQL_TYPE.NEWDATE:
      return { ...base, jdbcType: JdbcType.DATE, typeName: 'DATE' };
    case MYSQL_TYPE.YEAR:
      return { ...base, jdbcType: JdbcType.DATE, typeName: 'YEAR' }; // Connector/J's yearIsDateType
    case MYSQL_TYPE.TIME:
      return { ...base, jdbcType: JdbcType.TIME, typeName: 'TIME' };
    case MYSQL_TYPE.BIT:
      // Connector/J: BIT(1) is Types.BIT, read as a byte (INT8); longer bit strings are VARBINARY.
      return (field.columnLength ?? 1) <= 1
        ? { ...base, jdbcType: JdbcType.TINYINT, typeName: 'BIT' }
        : { ...base, jdbcType: JdbcType.BINARY, typeName: 'BIT' };
    case MYSQL_TYPE.JSON:
      return { ...base, jdbcType: JdbcType.VARCHAR, typeName: 'JSON' };
    case MYSQL_TYPE.GEOMETRY:
      return { ...base, jdbcType: JdbcType.BINARY, typeName: 'GEOMETRY' };
    case MYSQL_TYPE.TINY_BLOB:
    case MYSQL_TYPE.MEDIUM_BLOB:
    case MYSQL_TYPE.LONG_BLOB:
    case MYSQL_TYPE.BLOB:
      return binary
        ? { ...base, jdbcType: JdbcType.BINARY, typeName: 'BLOB' }
        : { ...base, jdbcType: JdbcType.VARCHAR, typeName: 'TEXT' };
    case MYSQL_TYPE.VARCHAR:
    case MYSQL_TYPE.VAR_STRING:
      return binary
        ? { ...base, jdbcType: JdbcType.BINARY, typeName: 'VARBINARY' }
        : { ...base, jdbcType: JdbcType.VARCHAR, typeName: 'VARCHAR' };
    case MYSQL_TYPE.STRING:
    case MYSQL_TYPE.ENUM:
    case MYSQL_TYPE.SET:
      return binary
        ? { ...base, jdbcType: JdbcType.BINARY, typeName: 'BINARY' }
        : { ...base, jdbcType: JdbcType.CHAR, typeName: 'CHAR' };
    default:
      return { ...base, jdbcType: JdbcType.OTHER, typeName: String(type) };
  }
}

/** A mysql2 value in the canonical form of its column's JDBC type (see ResultColumn). */
function canonical(value: unknown, column: ResultColumn | undefined): unknown {
  if (value === null || value === undefined || !column) return value ?? null;
  switch (column.jdbcType) {
    case JdbcType.BIGINT:
    case JdbcType.INTEGER:
    case JdbcType.SMALLINT:
    case JdbcType.TINYINT:
      if (Buffer.isBuffer(value)) return value.length > 0 ? (value[value.length - 1] as number) : 0; // BIT(1)
      if (typeof value === 'string') {
        const n = Number(value);
        return Number.isSafeInteger(n) ? n : BigInt(value);
      }
      return value;
    case JdbcType.DATE:
      return column.typeName === 'YEAR' ? `${String(value).padStart(4, '0')}-01-01` : value;
    case JdbcType.VARCHAR:
    case JdbcType.CHAR:
      return Buffer.isBuffer(value)
        ? value.toString('utf8')
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
    default:
      return value;
  }
}

/** Connector/J's useSSL / sslMode parameters as mysql2 TLS options. */
function sslOf(params: Readonly<Record<string, string>>): mysql.PoolOptions['ssl'] {
  const mode = params.sslMode?.toUpperCase();
  if (mode === 'VERIFY_CA' || mode === 'VERIFY_IDENTITY') return { rejectUnauthorized: true };
  if (mode === 'REQUIRED' || params.useSSL === 'true' || params.requireSSL === 'true')
    return { rejectUnauthorized: false };
  return undefined;
}

/** A connection whose socket failed is destroyed, not returned to the pool. */
function isConnectionBroken(err: unknown): boolean {
  if ((err as { fatal?: unknown })?.fatal === true) return true;
  return sqlStateOf(err) === null && isTransientDbError(err);
}
