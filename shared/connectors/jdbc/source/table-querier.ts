import { BigDecimal, ConnectError, DataError, type SourcePartition, SourceRecord } from '../../../api';
import type { QueryResult, SqlSession } from '../db/database';
import { toConnectError } from '../db/db-errors';
import type { DatabaseDialect } from '../dialect/database-dialect';
import { SqlTimestamp } from '../util/sql-timestamp';
import type { TableId } from '../util/table-id';
import type { TimeZone } from '../util/time-zone';
import type { NumericMapping } from './jdbc-source-config';
import { SchemaMappingCache } from './schema-mapping';
import { QUERY_PARTITION, TimestampIncrementingOffset, tablePartitionV0, tablePartitionV1 } from './source-offsets';
import { TimestampIncrementingCriteria } from './timestamp-incrementing-criteria';

/** What a querier needs from the task's config. */
export interface QuerierSettings {
  readonly dialect: DatabaseDialect;
  readonly zone: TimeZone;
  readonly numericMapping: NumericMapping;
  readonly topicPrefix: string;
  /** query.suffix, appended after the generated criteria; it turns off LIMIT paging. */
  readonly querySuffix: string;
}

/** One batch of a querier: its records, and whether it read everything there is for now. */
export interface QuerierBatch {
  readonly records: SourceRecord[];
  readonly done: boolean;
}

/**
 * Reads one table or the configured query (Confluent's TableQuerier). A pass reads batches until
 * `done`; the task then waits poll.interval.ms before the next pass of this querier, and between
 * passes the querier with the oldest last pass goes first.
 */
export abstract class TableQuerier {
  /** When the last pass ended (the task's clock); 0 before the first. */
  lastUpdate = 0;
  /** A pass is under way: the last batch did not reach the end of the table. */
  inPass = false;

  protected readonly mappings: SchemaMappingCache;
  protected readonly topic: string;

  constructor(
    /** The table, or null for the configured query. */
    readonly table: TableId | null,
    protected readonly query: string | null,
    protected readonly settings: QuerierSettings,
  ) {
    // Confluent names the value schema after the table (unqualified), and leaves it unnamed for a query.
    this.mappings = new SchemaMappingCache(table?.table ?? null, settings.numericMapping, settings.zone);
    this.topic = table === null ? settings.topicPrefix : `${settings.topicPrefix}${table.table}`;
  }

  /** The next batch of at most `maxRows` records (more only where a timestamp must not be split). */
  abstract nextBatch(session: SqlSession, maxRows: number): Promise<QuerierBatch>;

  /** What this querier reads, for messages. */
  describe(): string {
    return this.table === null ? 'the configured query' : `table ${this.settings.dialect.table(this.table)}`;
  }

  protected baseQuery(): string {
    return this.table === null ? (this.query as string) : `SELECT * FROM ${this.settings.dialect.table(this.table)}`;
  }

  protected suffix(): string {
    return this.settings.querySuffix === '' ? '' : ` ${this.settings.querySuffix}`;
  }

  protected async run(session: SqlSession, sql: string, params: unknown[]): Promise<QueryResult> {
    try {
      return await session.query(sql, params);
    } catch (err) {
      throw toConnectError(err, `Failed to query ${this.describe()} with '${sql}'`);
    }
  }
}

/**
 * bulk mode: the whole table (or query result) each pass, handed out batch.max.rows at a time.
 * Records carry the partition `{table: name}` (or `{query: "query"}`) and no offset, as in Confluent.
 * The result is held in memory until handed out (node drivers read whole results; there is no cursor).
 */
export class BulkTableQuerier extends TableQuerier {
  private pending: readonly unknown[][] | null = null;
  private cursor = 0;
  private result: QueryResult | null = null;

  async nextBatch(session: SqlSession, maxRows: number): Promise<QuerierBatch> {
    if (this.pending === null || this.result === null) {
      this.result = await this.run(session, `${this.baseQuery()}${this.suffix()}`, []);
      this.pending = this.result.rows;
      this.cursor = 0;
    }
    const mapping = this.mappings.get(this.result.columns);
    const size = maxRows > 0 ? maxRows : this.pending.length;
    const rows = this.pending.slice(this.cursor, this.cursor + size);
    this.cursor += rows.length;
    const done = this.cursor >= this.pending.length;
    if (done) {
      this.pending = null;
      this.result = null;
    }
    const partition: SourcePartition = this.table === null ? QUERY_PARTITION : tablePartitionV0(this.table);
    const records = rows.map(
      (row) =>
        new SourceRecord({
          sourcePartition: partition,
          sourceOffset: null,
          topic: this.topic,
          valueSchema: mapping.schema,
          value: mapping.toStruct(row),
        }),
    );
    return { records, done };
  }
}

/** Where the offset columns are in a result. */
interface OffsetColumns {
  readonly timestamps: readonly number[];
  readonly incrementing: number | null;
}

/**
 * incrementing, timestamp and timestamp+incrementing modes (Confluent's
 * TimestampIncrementingTableQuerier and TimestampTableQuerier). Each batch runs the criteria query
 * from the in-memory offset with `LIMIT batch.max.rows`, so a batch is exactly the rows after the
 * last one handed out; the end of the timestamp window is the database's current time minus
 * timestamp.delay.interval.ms, asked for each batch.
 *
 * Each record's offset is the position after it, so resuming from any committed offset neither
 * skips nor repeats a row: incrementing and timestamp+incrementing positions are unique per row
 * ((timestamp, id) in that order); in timestamp mode, where rows may share a timestamp, a record's
 * offset only moves to its timestamp once every row of that timestamp has been read, and a batch
 * never ends inside a timestamp (the rest of it is read too, past batch.max.rows if need be).
 */
export class TimestampIncrementingTableQuerier extends TableQuerier {
  private criteria: TimestampIncrementingCriteria | null = null;
  private columns: OffsetColumns | null = null;
  private columnsKey = '';

  constructor(
    table: TableId | null,
    query: string | null,
    settings: QuerierSettings,
    private readonly timestampColumns: readonly string[],
    private readonly incrementingColumn: string | null,
    /** Where reading resumes: the committed offset at start, then the last record handed out. */
    public offset: TimestampIncrementingOffset,
    private readonly timestampDelayMs: number,
  ) {
    super(table, query, settings);
  }

  get timestampOnly(): boolean {
    return this.timestampColumns.length > 0 && this.incrementingColumn === null;
  }

  async nextBatch(session: SqlSession, maxRows: number): Promise<QuerierBatch> {
    const { dialect, zone } = this.settings;
    this.criteria ??= new TimestampIncrementingCriteria(
      dialect,
      this.incrementingColumn,
      this.timestampColumns,
      this.table,
    );
    const criteria = this.criteria;
    const limit = this.settings.querySuffix === '' && maxRows > 0 ? maxRows : null;
    const sql = `${this.baseQuery()}${criteria.whereClause()}${this.suffix()}${limit === null ? '' : ` LIMIT ${limit}`}`;
    const end = criteria.hasTimestampColumns
      ? (await this.databaseTime(session)).minusMillis(this.timestampDelayMs)
      : SqlTimestamp.EPOCH;
    const params = criteria.parameters(
      { begin: this.offset.timestampOffset, end, lastIncrementing: this.offset.incrementingOffset },
      zone,
    );
    const result = await this.run(session, sql, params);
    const columns = this.offsetColumns(result);
    let rows = result.rows;
    const full = limit !== null && rows.length >= limit;
    if (this.timestampOnly && full) rows = await this.wholeTimestamps(session, rows, columns, criteria);
    const records = this.records(rows, result, columns);
    return { records, done: !full };
  }

  /**
   * A full timestamp-mode page, cut so it does not end inside a timestamp: the rows of its last
   * timestamp are dropped (the next batch starts with them), or, when the whole page is one
   * timestamp, every row of that timestamp is read.
   */
  private async wholeTimestamps(
    session: SqlSession,
    rows: readonly unknown[][],
    columns: OffsetColumns,
    criteria: TimestampIncrementingCriteria,
  ): Promise<readonly unknown[][]> {
    const last = this.timestampOf(rows[rows.length - 1] as unknown[], columns);
    let first = rows.length - 1;
    while (first > 0 && equalTimestamps(this.timestampOf(rows[first - 1] as unknown[], columns), last)) first--;
    if (first > 0) return rows.slice(0, first);
    if (last === null) return rows;
    const sql = `${this.baseQuery()}${criteria.sameTimestampClause()}`;
    const result = await this.run(session, sql, [this.settings.dialect.timestampParameter(last, this.settings.zone)]);
    return result.rows;
  }

  private records(rows: readonly unknown[][], result: QueryResult, columns: OffsetColumns): SourceRecord[] {
    const mapping = this.mappings.get(result.columns);
    const partition = this.table === null ? QUERY_PARTITION : tablePartitionV1(this.table);
    const records: SourceRecord[] = [];
    let committable = this.offset;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as unknown[];
      let offset: TimestampIncrementingOffset;
      if (this.timestampOnly) {
        const timestamp = this.timestampOf(row, columns);
        const next = i + 1 < rows.length ? this.timestampOf(rows[i + 1] as unknown[], columns) : null;
        // Confluent's TimestampTableQuerier: move on to this timestamp only when the next row's is later.
        if (i + 1 === rows.length || timestamp === null || next === null || timestamp.compareTo(next) < 0) {
          committable = new TimestampIncrementingOffset(timestamp, null);
        }
        offset = committable;
      } else {
        offset = new TimestampIncrementingOffset(
          columns.timestamps.length > 0 ? this.timestampOf(row, columns) : null,
          columns.incrementing === null ? null : this.incrementingOf(row, columns.incrementing),
        );
      }
      records.push(
        new SourceRecord({
          sourcePartition: partition,
          sourceOffset: offset.toMap(),
          topic: this.topic,
          valueSchema: mapping.schema,
          value: mapping.toStruct(row),
        }),
      );
      this.offset = offset;
    }
    return records;
  }

  private async databaseTime(session: SqlSession): Promise<SqlTimestamp> {
    const { dialect } = this.settings;
    try {
      const result = await session.query(dialect.currentTimeQuery);
      return dialect.parseCurrentTime(result.rows[0]?.[0]);
    } catch (err) {
      throw toConnectError(err, `Failed to get the current time from the database for ${this.describe()}`);
    }
  }

  /** The columns of the timestamp(s) and the incrementing value: exact name first, else the one that matches ignoring case. */
  private offsetColumns(result: QueryResult): OffsetColumns {
    const key = result.columns.map((c) => c.name).join('\u0000');
    if (this.columns && key === this.columnsKey) return this.columns;
    const names = result.columns.map((c) => c.name);
    const find = (name: string, what: string): number => {
      const exact = names.indexOf(name);
      if (exact >= 0) return exact;
      const matches = names.flatMap((n, i) => (n.toLowerCase() === name.toLowerCase() ? [i] : []));
      if (matches.length === 1) return matches[0] as number;
      throw new DataError(`${what} ${name} not found in ${names.join(',')}`);
    };
    this.columns = {
      timestamps: this.timestampColumns.map((c) => find(c, 'Timestamp column')),
      incrementing: this.incrementingColumn === null ? null : find(this.incrementingColumn, 'Incrementing column'),
    };
    this.columnsKey = key;
    return this.columns;
  }

  /** The first non-null timestamp column, exactly (microseconds kept), as COALESCE picks it. */
  private timestampOf(row: readonly unknown[], columns: OffsetColumns): SqlTimestamp | null {
    for (const index of columns.timestamps) {
      const raw = row[index];
      if (raw === null || raw === undefined) continue;
      const text = String(raw);
      return SqlTimestamp.parse(/^\d{4,}-\d{2}-\d{2}$/.test(text) ? `${text} 00:00:00` : text, this.settings.zone);
    }
    return null;
  }

  /** The incrementing value as an offset can hold it: an integer within 2^53 (offsets are JSON numbers). */
  private incrementingOf(row: readonly unknown[], index: number): number {
    const raw = row[index];
    if (raw === null || raw === undefined) {
      throw new ConnectError(`Null value for incrementing column ${this.incrementingColumn} of ${this.describe()}`);
    }
    let value: number;
    if (typeof raw === 'number') value = raw;
    else if (typeof raw === 'bigint') value = Number(raw);
    else {
      const decimal = BigDecimal.parse(String(raw));
      if (decimal.scale > 0 && decimal.unscaled % 10n ** BigInt(decimal.scale) !== 0n) {
        throw new ConnectError('Scale of Decimal value for incrementing column must be 0');
      }
      value = Number(decimal.toPlainString().split('.')[0]);
    }
    if (!Number.isSafeInteger(value)) {
      throw new ConnectError(
        `Invalid value ${String(raw)} for incrementing column ${this.incrementingColumn}: offsets hold integers up to 2^53-1 exactly`,
      );
    }
    return value;
  }
}

function equalTimestamps(a: SqlTimestamp | null, b: SqlTimestamp | null): boolean {
  return a === null ? b === null : a.equals(b);
}
