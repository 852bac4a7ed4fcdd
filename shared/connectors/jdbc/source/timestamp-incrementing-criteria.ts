import type { DatabaseDialect } from '../dialect/database-dialect';
import type { SqlTimestamp } from '../util/sql-timestamp';
import type { TableId } from '../util/table-id';
import type { TimeZone } from '../util/time-zone';

/** The values a WHERE clause binds: the window's begin and end, and the last incrementing value. */
export interface CriteriaValues {
  readonly begin: SqlTimestamp;
  readonly end: SqlTimestamp;
  readonly lastIncrementing: number;
}

/**
 * The WHERE and ORDER BY an incremental querier appends to `SELECT * FROM table` or to the
 * configured query (Confluent's TimestampIncrementingCriteria), with the parameters in order:
 *
 * - incrementing: `WHERE inc > ? ORDER BY inc ASC`
 * - timestamp: `WHERE ts > ? AND ts < ? ORDER BY ts ASC` (begin exclusive, end = now - delay exclusive)
 * - timestamp+incrementing: `WHERE ts < ? AND ((ts = ? AND inc > ?) OR ts > ?) ORDER BY ts,inc ASC`:
 *   rows of the last timestamp not read yet (by their incrementing value), and every later one.
 *
 * Several timestamp columns become `COALESCE(a,b)`. In table mode columns are qualified by the
 * table, as Confluent's ColumnId renders them.
 */
export class TimestampIncrementingCriteria {
  constructor(
    private readonly dialect: DatabaseDialect,
    private readonly incrementingColumn: string | null,
    private readonly timestampColumns: readonly string[],
    private readonly table: TableId | null,
  ) {}

  get hasTimestampColumns(): boolean {
    return this.timestampColumns.length > 0;
  }

  get hasIncrementingColumn(): boolean {
    return this.incrementingColumn !== null;
  }

  /** ` WHERE ... ORDER BY ...` with parameters numbered from `first` (for $n placeholders). */
  whereClause(first = 1): string {
    let index = first;
    const p = () => this.dialect.placeholder(index++);
    const ts = this.timestampExpression();
    const inc = this.incrementingColumn === null ? '' : this.column(this.incrementingColumn);
    if (this.hasTimestampColumns && this.hasIncrementingColumn) {
      const end = p();
      const begin = p();
      const last = p();
      const begin2 = p();
      return ` WHERE ${ts} < ${end} AND ((${ts} = ${begin} AND ${inc} > ${last}) OR ${ts} > ${begin2}) ORDER BY ${ts},${inc} ASC`;
    }
    if (this.hasTimestampColumns) {
      const begin = p();
      const end = p();
      return ` WHERE ${ts} > ${begin} AND ${ts} < ${end} ORDER BY ${ts} ASC`;
    }
    if (this.hasIncrementingColumn) return ` WHERE ${inc} > ${p()} ORDER BY ${inc} ASC`;
    return '';
  }

  /** The parameters of {@link whereClause}, in its order. */
  parameters(values: CriteriaValues, zone: TimeZone): unknown[] {
    const begin = () => this.dialect.timestampParameter(values.begin, zone);
    const end = () => this.dialect.timestampParameter(values.end, zone);
    if (this.hasTimestampColumns && this.hasIncrementingColumn)
      return [end(), begin(), values.lastIncrementing, begin()];
    if (this.hasTimestampColumns) return [begin(), end()];
    if (this.hasIncrementingColumn) return [values.lastIncrementing];
    return [];
  }

  /** `... WHERE ts = ? ORDER BY ts` for every row of one timestamp (a timestamp-mode page that was all one timestamp). */
  sameTimestampClause(first = 1): string {
    const ts = this.timestampExpression();
    return ` WHERE ${ts} = ${this.dialect.placeholder(first)} ORDER BY ${ts} ASC`;
  }

  timestampExpression(): string {
    const columns = this.timestampColumns.map((c) => this.column(c));
    return columns.length === 1 ? (columns[0] as string) : `COALESCE(${columns.join(',')})`;
  }

  private column(name: string): string {
    const column = this.dialect.quote(name);
    return this.table === null ? column : `${this.dialect.table(this.table)}.${column}`;
  }
}
