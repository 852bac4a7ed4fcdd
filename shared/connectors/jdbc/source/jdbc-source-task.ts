import {
  type Clock,
  ConfigError,
  ConnectError,
  type SourcePartition,
  type SourceRecord,
  SourceTask,
  systemClock,
} from '../../../api';
import type { Database, SqlSession } from '../db/database';
import { toConnectError } from '../db/db-errors';
import { parseJdbcUrl } from '../db/jdbc-url';
import { CONTAINER_POOLS, type PoolLease, type PoolRegistry } from '../db/pool-registry';
import type { DatabaseDialect } from '../dialect/database-dialect';
import { dialectFor } from '../dialect/dialects';
import { VERSION } from '../jdbc-config';
import { SqlTimestamp } from '../util/sql-timestamp';
import type { TableId } from '../util/table-id';
import { crossKeyProblems, JdbcSourceConfig, Mode, TIMESTAMP_INITIAL_CURRENT } from './jdbc-source-config';
import { QUERY_PARTITION, TimestampIncrementingOffset, tablePartitionV0, tablePartitionV1 } from './source-offsets';
import { listSourceTables, parseTableList } from './source-tables';
import {
  BulkTableQuerier,
  type QuerierSettings,
  type TableQuerier,
  TimestampIncrementingTableQuerier,
} from './table-querier';

/** The longest poll() waits when no table is due yet: short, so an invocation's loop can stop in time. */
export const MAX_IDLE_WAIT_MS = 1000;

export interface JdbcSourceTaskOptions {
  /** The container's connection pools; tests pass their own. */
  pools?: PoolRegistry;
  /** Where poll() waits and passes are timed; tests may pass a fake clock. */
  clock?: Clock;
}

/**
 * Reads tables (or one query) into topics (Confluent's JdbcSourceTask). poll() runs the due
 * querier's next batch: the querier whose last pass is the oldest, once poll.interval.ms has passed
 * since it (a querier in the middle of a pass goes on at once). When none is due, poll() waits at
 * most {@link MAX_IDLE_WAIT_MS} and returns null, so the runtime's loop keeps its time budget.
 *
 * Offsets are read once at start, for each table under Confluent's protocol-1 partition
 * `{table: "schema.table", protocol: "1"}` and then the older `{table: "table"}`, or `{query:
 * "query"}`; records carry protocol-1 partitions (bulk mode: `{table}` and no offset).
 *
 * With tables.discover (one task for every table), the task lists the matching tables again every
 * table.poll.interval.ms: new tables are read from their committed offset (or the start), dropped
 * ones stop. Several tasks get new tables from the connector's task configs instead.
 */
export class JdbcSourceTask extends SourceTask {
  static readonly className = 'io.confluent.connect.jdbc.source.JdbcSourceTask';

  private readonly pools: PoolRegistry;
  private readonly clock: Clock;
  private config: JdbcSourceConfig | null = null;
  private dialect: DatabaseDialect | null = null;
  private lease: PoolLease | null = null;
  private queriers: TableQuerier[] = [];
  private nextTableCheck = 0;
  private stopped = false;

  constructor(options: JdbcSourceTaskOptions = {}) {
    super();
    this.pools = options.pools ?? CONTAINER_POOLS;
    this.clock = options.clock ?? systemClock;
  }

  version(): string {
    return VERSION;
  }

  /**
   * Parses the config, reads the committed offsets of the task's tables and checks their offset
   * columns (validate.non.null).
   * @throws ConfigError for an invalid config; RetriableError when the database cannot be reached
   *   (the next invocation starts the task again); ConnectError when a table cannot be read as configured
   */
  async start(props: Readonly<Record<string, string>>): Promise<void> {
    const config = new JdbcSourceConfig(props);
    const problem = crossKeyProblems(config)[0];
    if (problem)
      throw new ConfigError(`Couldn't start JdbcSourceTask due to configuration error: ${problem.message}`, {
        key: problem.key,
      });
    const url = parseJdbcUrl(config.connectionUrl);
    const dialect = dialectFor(url, config.quoteMethod, config.dialectName);
    const tables = config.query === null ? parseTableList(dialect, config.tables) : [];
    this.config = config;
    this.dialect = dialect;
    this.stopped = false;
    this.lease = this.pools.acquire(url, { user: config.connectionUser, password: config.connectionPassword });
    try {
      await this.withRetries(async (session) => {
        if (config.query !== null) {
          this.queriers = [await this.querierFor(session, null)];
        } else {
          this.queriers = [];
          for (const table of tables) this.queriers.push(await this.querierFor(session, table));
        }
      });
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.nextTableCheck = config.tablesDiscover ? this.clock.now() : Number.POSITIVE_INFINITY;
  }

  /**
   * The next batch of the due querier, or null when none is due (after waiting a little).
   * @throws RetriableError when the database connection failed (the runtime polls again);
   *   ConnectError when a query fails (the task fails, with the table and the SQL in the message)
   */
  async poll(): Promise<SourceRecord[] | null> {
    const config = this.config;
    if (!config || this.stopped) return null;
    if (this.clock.now() >= this.nextTableCheck) {
      try {
        await this.refreshTables();
      } catch (err) {
        throw toConnectError(err, 'Failed to list the tables to read');
      }
    }
    for (;;) {
      if (this.stopped) return null;
      const querier = this.nextQuerier();
      const now = this.clock.now();
      const dueAt = querier
        ? querier.inPass
          ? now
          : querier.lastUpdate + config.pollIntervalMs
        : Number.POSITIVE_INFINITY;
      if (!querier || dueAt > now) {
        const untilTableCheck = this.nextTableCheck - now;
        await this.clock.sleep(Math.max(0, Math.min(dueAt - now, untilTableCheck, MAX_IDLE_WAIT_MS)));
        return null;
      }
      let batch: Awaited<ReturnType<TableQuerier['nextBatch']>>;
      try {
        batch = await this.database().withSession((session) => querier.nextBatch(session, config.batchMaxRows), {
          timeZone: config.timeZone,
        });
      } catch (err) {
        throw toConnectError(err, `Failed to read ${querier.describe()}`);
      }
      // A pass ends when the querier read everything, or (defensively) when a batch brought nothing.
      const passOver = batch.done || batch.records.length === 0;
      querier.inPass = !passOver;
      if (passOver) querier.lastUpdate = this.clock.now();
      if (batch.records.length > 0) return batch.records;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const lease = this.lease;
    this.lease = null;
    await lease?.release();
  }

  /** The tables this task reads now (tests, logs). */
  tables(): TableId[] {
    return this.queriers.flatMap((q) => (q.table ? [q.table] : []));
  }

  /** Confluent's priority queue: the oldest last pass first, then table order. */
  private nextQuerier(): TableQuerier | null {
    let best: TableQuerier | null = null;
    for (const q of this.queriers) {
      if (!best) best = q;
      else if (q.inPass !== best.inPass) best = q.inPass ? q : best;
      else if (q.lastUpdate < best.lastUpdate) best = q;
      else if (q.lastUpdate === best.lastUpdate && q.table && best.table && q.table.compareTo(best.table) < 0) best = q;
    }
    return best;
  }

  /** tables.discover: reads the matching tables again, adding queriers for new ones and dropping gone ones. */
  private async refreshTables(): Promise<void> {
    const config = this.config as JdbcSourceConfig;
    const dialect = this.dialect as DatabaseDialect;
    this.nextTableCheck = this.clock.now() + config.tablePollIntervalMs;
    await this.database().withSession(async (session) => {
      let current: TableId[];
      try {
        current = await listSourceTables(dialect, session, config);
      } catch (err) {
        throw toConnectError(err, 'Failed to list the tables to read');
      }
      const known = new Map(this.queriers.flatMap((q) => (q.table ? [[q.table.toUnquotedString(), q] as const] : [])));
      const next: TableQuerier[] = [];
      for (const table of current)
        next.push(known.get(table.toUnquotedString()) ?? (await this.querierFor(session, table)));
      this.queriers = next;
    });
  }

  /** A querier for a table (or the query), resuming from its committed offset. */
  private async querierFor(session: SqlSession, table: TableId | null): Promise<TableQuerier> {
    const config = this.config as JdbcSourceConfig;
    const dialect = this.dialect as DatabaseDialect;
    const settings: QuerierSettings = {
      dialect,
      zone: config.timeZone,
      numericMapping: config.numericMapping,
      topicPrefix: config.topicPrefix,
      querySuffix: config.querySuffix,
    };
    if (config.mode === Mode.BULK) return new BulkTableQuerier(table, config.query, settings);
    let incrementing = config.usesIncrementingColumn ? config.incrementingColumnName : null;
    const timestamps = config.usesTimestampColumns ? config.timestampColumnNames : [];
    if (table !== null) {
      incrementing = await this.checkColumns(session, table, incrementing, timestamps);
    }
    const offset = await this.initialOffset(session, table);
    return new TimestampIncrementingTableQuerier(
      table,
      config.query,
      settings,
      timestamps,
      incrementing,
      offset,
      config.timestampDelayIntervalMs,
    );
  }

  /**
   * Confluent's start-time checks of a table: the offset columns exist, an empty
   * incrementing.column.name finds the auto-increment column, and (validate.non.null) the
   * incrementing column and at least one timestamp column are NOT NULL.
   * @returns the incrementing column to use
   */
  private async checkColumns(
    session: SqlSession,
    table: TableId,
    incrementing: string | null,
    timestamps: readonly string[],
  ): Promise<string | null> {
    const config = this.config as JdbcSourceConfig;
    const dialect = this.dialect as DatabaseDialect;
    const name = dialect.table(table);
    let definition: Awaited<ReturnType<DatabaseDialect['describeTable']>>;
    try {
      definition = await dialect.describeTable(session, table);
    } catch (err) {
      throw toConnectError(err, `Failed trying to validate that columns used for offsets exist in ${name}`);
    }
    if (!definition) throw new ConnectError(`Table ${name} does not exist or cannot be read`);
    let column = incrementing;
    if (column === '') {
      column = definition.columns.find((c) => c.autoIncrement)?.name ?? null;
      if (column === null) {
        throw new ConnectError(
          `No auto-incrementing column found in table ${name}; set incrementing.column.name to its strictly incrementing column`,
        );
      }
    }
    if (column !== null && !definition.column(column)) {
      throw new ConfigError(`Incrementing column: ${column} does not exist in table '${name}'`);
    }
    const missing = timestamps.filter((t) => !definition.column(t));
    if (missing.length > 0)
      throw new ConfigError(`Timestamp columns: ${missing.join(', ')} do not exist in table '${name}'`);
    if (config.validateNonNull) {
      if (column !== null && definition.column(column)?.nullable) {
        throw new ConnectError(
          `Cannot make incremental queries using incrementing column ${column} on ${name} because this column is nullable.`,
        );
      }
      if (timestamps.length > 0 && timestamps.every((t) => definition.column(t)?.nullable)) {
        throw new ConnectError(
          `Cannot make incremental queries using timestamp columns ${timestamps.join(',')} on ${name} because all of these columns are nullable.`,
        );
      }
    }
    return column;
  }

  /** The committed offset (protocol 1, then 0), or timestamp.initial, or the beginning. */
  private async initialOffset(session: SqlSession, table: TableId | null): Promise<TimestampIncrementingOffset> {
    const config = this.config as JdbcSourceConfig;
    const dialect = this.dialect as DatabaseDialect;
    const reader = this.context?.offsetStorageReader();
    if (!reader) throw new ConnectError('JdbcSourceTask was not initialized with a SourceTaskContext');
    const partitions: SourcePartition[] =
      table === null ? [QUERY_PARTITION] : [tablePartitionV1(table), tablePartitionV0(table)];
    const stored = (await reader.offsets(partitions)).find((o) => o !== null && o !== undefined);
    if (stored) return TimestampIncrementingOffset.fromMap(stored);
    if (config.timestampInitial === null) return TimestampIncrementingOffset.EMPTY;
    if (config.timestampInitial === TIMESTAMP_INITIAL_CURRENT) {
      const result = await session.query(dialect.currentTimeQuery);
      return new TimestampIncrementingOffset(dialect.parseCurrentTime(result.rows[0]?.[0]), null);
    }
    return new TimestampIncrementingOffset(SqlTimestamp.fromMillis(config.timestampInitial), null);
  }

  /** Runs work on a connection, trying to connect connection.attempts times, connection.backoff.ms apart. */
  private async withRetries(work: (session: SqlSession) => Promise<void>): Promise<void> {
    const config = this.config as JdbcSourceConfig;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.database().withSession(work, { timeZone: config.timeZone });
        return;
      } catch (err) {
        const error = toConnectError(err, 'Failed to start JdbcSourceTask');
        if (error.name !== 'RetriableError' || attempt >= config.connectionAttempts) throw error;
        await this.clock.sleep(config.connectionBackoffMs);
      }
    }
  }

  private database(): Database {
    if (!this.lease) throw new ConnectError('JdbcSourceTask is not started');
    return this.lease.database;
  }
}
