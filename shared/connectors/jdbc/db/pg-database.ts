import type pg from 'pg';
import type { Database, DatabaseOptions, ResultColumn, SqlSession } from './database';
import { JdbcType } from './database';
import { isTransientDbError, sqlStateOf } from './db-errors';
import { DatabaseKind, type JdbcUrl } from './jdbc-url';

/** What a PostgreSQL type OID maps to; precision and scale come from the type modifier. */
const BUILT_IN_TYPES: Record<number, { jdbcType: JdbcType; typeName: string }> = {
  16: { jdbcType: JdbcType.BOOLEAN, typeName: 'bool' },
  17: { jdbcType: JdbcType.BINARY, typeName: 'bytea' },
  18: { jdbcType: JdbcType.CHAR, typeName: 'char' },
  19: { jdbcType: JdbcType.VARCHAR, typeName: 'name' },
  20: { jdbcType: JdbcType.BIGINT, typeName: 'int8' },
  21: { jdbcType: JdbcType.SMALLINT, typeName: 'int2' },
  23: { jdbcType: JdbcType.INTEGER, typeName: 'int4' },
  25: { jdbcType: JdbcType.VARCHAR, typeName: 'text' },
  26: { jdbcType: JdbcType.BIGINT, typeName: 'oid' },
  114: { jdbcType: JdbcType.VARCHAR, typeName: 'json' },
  142: { jdbcType: JdbcType.VARCHAR, typeName: 'xml' },
  700: { jdbcType: JdbcType.REAL, typeName: 'float4' },
  701: { jdbcType: JdbcType.DOUBLE, typeName: 'float8' },
  1042: { jdbcType: JdbcType.CHAR, typeName: 'bpchar' },
  1043: { jdbcType: JdbcType.VARCHAR, typeName: 'varchar' },
  1082: { jdbcType: JdbcType.DATE, typeName: 'date' },
  1083: { jdbcType: JdbcType.TIME, typeName: 'time' },
  1114: { jdbcType: JdbcType.TIMESTAMP, typeName: 'timestamp' },
  1184: { jdbcType: JdbcType.TIMESTAMP, typeName: 'timestamptz' },
  1266: { jdbcType: JdbcType.TIME, typeName: 'timetz' },
  1560: { jdbcType: JdbcType.OTHER, typeName: 'bit' },
  1700: { jdbcType: JdbcType.NUMERIC, typeName: 'numeric' },
  2950: { jdbcType: JdbcType.VARCHAR, typeName: 'uuid' },
  3802: { jdbcType: JdbcType.VARCHAR, typeName: 'jsonb' },
};

const OID = { BOOL: 16, BYTEA: 17, INT8: 20, INT2: 21, INT4: 23, OID: 26, FLOAT4: 700, FLOAT8: 701 } as const;

/**
 * node-postgres, imported on first use rather than with this module: a function bundle that never
 * runs a JDBC connector never loads (or parses) the driver, which is most of a cold start's import.
 */
let driver: Promise<typeof pg> | undefined;

function loadDriver(): Promise<typeof pg> {
  driver ??= import('pg').then(
    (module) => (module as { default?: typeof pg }).default ?? (module as unknown as typeof pg),
    (err: unknown) => {
      driver = undefined;
      throw err;
    },
  );
  return driver;
}

/**
 * Values in the canonical forms of {@link ResultColumn}: exact text for numeric, dates and times
 * (pg's defaults would round numerics and turn timestamps into Dates, losing microseconds and
 * applying the process's time zone), numbers for small integers and floats, bigint for large int8.
 * A pool-local parser set, so pg's process-wide defaults stay as other code expects them.
 */
const typesOf = (driver: typeof pg): pg.CustomTypesConfig => ({
  getTypeParser: ((oid: number, format?: string) => {
    if (format === 'binary') return driver.types.getTypeParser(oid, 'binary');
    switch (oid) {
      case OID.BOOL:
        return (text: string) => text === 't';
      case OID.BYTEA:
        return driver.types.getTypeParser(OID.BYTEA, 'text');
      case OID.INT2:
      case OID.INT4:
      case OID.OID:
        return (text: string) => Number(text);
      case OID.FLOAT4:
      case OID.FLOAT8:
        return (text: string) => Number.parseFloat(text);
      case OID.INT8:
        return (text: string) => {
          const n = Number(text);
          return Number.isSafeInteger(n) ? n : BigInt(text);
        };
      default:
        return (text: string) => text;
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
});

/** A column's NOT NULL, by table OID and attribute number, as pgjdbc's isNullable looks it up. */
type NullabilityCache = Map<string, boolean>;

/**
 * The {@link Database} port over node-postgres: a pg.Pool of a few connections, result metadata
 * resolved to JDBC types (with nullability from pg_attribute for table columns, and enums,
 * domains and string-like extension types such as citext looked up in pg_type once).
 */
export class PgDatabase implements Database {
  readonly kind = DatabaseKind.POSTGRESQL;
  /** The pool, made on first use (see loadDriver). */
  private pool: Promise<pg.Pool> | null = null;
  private closed = false;
  private readonly notNull: NullabilityCache = new Map();
  private readonly extraTypes = new Map<number, { jdbcType: JdbcType; typeName: string }>();

  constructor(
    private readonly url: JdbcUrl,
    private readonly options: DatabaseOptions,
  ) {}

  private connect(): Promise<pg.PoolClient> {
    // pg's own message for a pool used after end().
    if (this.closed) return Promise.reject(new Error('Cannot use a pool after calling end on the pool'));
    this.pool ??= loadDriver().then((driver) => this.makePool(driver));
    return this.pool.then((pool) => pool.connect());
  }

  private makePool(driver: typeof pg): pg.Pool {
    const { url, options } = this;
    const pool = new driver.Pool({
      host: url.host,
      port: url.port,
      database: url.database ?? undefined,
      user: options.user ?? url.user ?? undefined,
      password: options.password ?? url.password ?? undefined,
      max: options.maxConnections ?? 4,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      application_name: url.params.ApplicationName ?? 'kafka-connect-jdbc',
      ssl: sslOf(url.params),
      options: url.params.currentSchema ? `-c search_path=${url.params.currentSchema}` : undefined,
      types: typesOf(driver),
    });
    // An idle connection that breaks must not crash the process; the next checkout reconnects.
    pool.on('error', () => {});
    return pool;
  }

  async withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      return await work(this.session(client));
    } catch (err) {
      if (isConnectionBroken(err)) broken = err as Error;
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.withSession(async (session) => {
      await session.execute('BEGIN');
      try {
        const result = await work(session);
        await session.execute('COMMIT');
        return result;
      } catch (err) {
        await session.execute('ROLLBACK').catch(() => {});
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    // As pg.Pool#end: a second call fails.
    if (this.closed) throw new Error('Called end on pool more than once');
    this.closed = true;
    const pool = await this.pool?.catch(() => null);
    await pool?.end();
  }

  private session(client: pg.PoolClient): SqlSession {
    return {
      query: async (sql, params = []) => {
        const result = await client.query({ text: sql, values: params as unknown[], rowMode: 'array' });
        const columns = await this.describe(client, result.fields);
        const rows = result.rows as unknown[][];
        for (const [i, column] of columns.entries()) {
          if (column.typeName !== 'bit') continue;
          for (const row of rows) if (row[i] !== null) row[i] = bitValue(String(row[i]), column.jdbcType);
        }
        return { columns, rows };
      },
      execute: async (sql, params = []) => {
        const result = await client.query({ text: sql, values: params as unknown[] });
        return result.rowCount ?? 0;
      },
    };
  }

  private async describe(client: pg.PoolClient, fields: readonly pg.FieldDef[]): Promise<ResultColumn[]> {
    const unknownTypes = fields
      .map((f) => f.dataTypeID)
      .filter((oid) => !BUILT_IN_TYPES[oid] && !this.extraTypes.has(oid));
    if (unknownTypes.length > 0) await this.lookUpTypes(client, [...new Set(unknownTypes)]);
    const unknownColumns = fields.filter((f) => f.tableID !== 0 && !this.notNull.has(`${f.tableID}:${f.columnID}`));
    if (unknownColumns.length > 0) await this.lookUpNullability(client, unknownColumns);
    return fields.map((field) => {
      const type = BUILT_IN_TYPES[field.dataTypeID] ??
        this.extraTypes.get(field.dataTypeID) ?? { jdbcType: JdbcType.OTHER, typeName: String(field.dataTypeID) };
      const notNull = field.tableID === 0 ? null : (this.notNull.get(`${field.tableID}:${field.columnID}`) ?? null);
      const { precision, scale } = precisionAndScale(type.typeName, field.dataTypeModifier);
      return {
        name: field.name,
        jdbcType: type.typeName === 'bit' ? bitType(precision) : type.jdbcType,
        typeName: type.typeName,
        precision,
        scale,
        signed: true,
        nullable: notNull === null ? null : !notNull,
      };
    });
  }

  private async lookUpTypes(client: pg.PoolClient, oids: number[]): Promise<void> {
    const result = await client.query<{
      oid: number;
      typname: string;
      typtype: string;
      typcategory: string;
      typbasetype: number;
    }>(
      'SELECT oid::int4 AS oid, typname, typtype, typcategory, typbasetype::int4 AS typbasetype FROM pg_type WHERE oid = ANY($1::oid[])',
      [oids],
    );
    for (const row of result.rows) {
      const base = BUILT_IN_TYPES[row.typbasetype];
      let jdbcType: JdbcType = JdbcType.OTHER;
      if (row.typtype === 'd' && base)
        jdbcType = base.jdbcType; // a domain reads as its base type
      else if (row.typtype === 'e' || row.typcategory === 'S') jdbcType = JdbcType.VARCHAR; // enums, citext
      this.extraTypes.set(row.oid, { jdbcType, typeName: row.typname });
    }
    for (const oid of oids)
      if (!this.extraTypes.has(oid)) this.extraTypes.set(oid, { jdbcType: JdbcType.OTHER, typeName: String(oid) });
  }

  private async lookUpNullability(client: pg.PoolClient, fields: readonly pg.FieldDef[]): Promise<void> {
    const result = await client.query<{ rel: number; num: number; notnull: boolean }>(
      'SELECT attrelid::int4 AS rel, attnum::int4 AS num, attnotnull AS notnull FROM pg_attribute ' +
        'WHERE attrelid = ANY($1::oid[]) AND attnum > 0',
      [[...new Set(fields.map((f) => f.tableID))]],
    );
    for (const row of result.rows) this.notNull.set(`${row.rel}:${row.num}`, row.notnull);
  }
}

/** NUMERIC's typmod holds (precision << 16 | scale) + 4, -1 when unconstrained; BIT's holds the length. */
function precisionAndScale(typeName: string, typmod: number): { precision: number; scale: number } {
  if (typeName === 'numeric') {
    if (typmod < 4) return { precision: 0, scale: 0 };
    const packed = typmod - 4;
    // PostgreSQL 15+ allows negative scales, stored as 11-bit two's complement.
    return { precision: (packed >> 16) & 0xffff, scale: ((packed & 0x7ff) ^ 1024) - 1024 };
  }
  if (typeName === 'bit') return { precision: typmod > 0 ? typmod : 1, scale: 0 };
  return { precision: 0, scale: 0 };
}

/**
 * Confluent's PostgreSqlDatabaseDialect maps BIT(n) by length: one bit is a BOOLEAN, up to 8 bits
 * an INT8, longer strings BYTES.
 */
function bitType(bits: number): JdbcType {
  if (bits <= 1) return JdbcType.BOOLEAN;
  if (bits <= 8) return JdbcType.TINYINT;
  return JdbcType.BINARY;
}

/** A bit string's text ('101') in the canonical form of its mapped type. */
function bitValue(text: string, type: JdbcType): unknown {
  if (type === JdbcType.BOOLEAN) return text === '1';
  if (type === JdbcType.TINYINT) {
    const n = Number.parseInt(text, 2);
    return n > 127 ? n - 256 : n;
  }
  const bytes = Buffer.alloc(Math.ceil(text.length / 8));
  for (let i = 0; i < text.length; i++)
    if (text[i] === '1') bytes[i >> 3] = (bytes[i >> 3] as number) | (0x80 >> (i & 7));
  return bytes;
}

/** pgjdbc's ssl / sslmode parameters as node-postgres TLS options. */
function sslOf(params: Readonly<Record<string, string>>): pg.PoolConfig['ssl'] {
  const mode = params.sslmode?.toLowerCase();
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') return undefined;
  if (mode === 'require') return { rejectUnauthorized: false };
  if (mode === 'verify-ca' || mode === 'verify-full') return { rejectUnauthorized: true };
  if (params.ssl !== undefined && params.ssl !== 'false') return { rejectUnauthorized: true };
  return undefined;
}

/** A connection whose socket failed (or the server ended) is dropped instead of going back to the pool. */
function isConnectionBroken(err: unknown): boolean {
  const state = sqlStateOf(err);
  if (state) return state.startsWith('08') || state.startsWith('57P');
  return isTransientDbError(err);
}
