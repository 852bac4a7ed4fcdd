import type { TableId } from '../util/table-id';

/** A table column as the database catalog (information_schema) describes it. */
export interface ColumnDefinition {
  readonly name: string;
  /** information_schema's data_type, lower case: `character varying`, `timestamp with time zone`, `int`... */
  readonly dataType: string;
  /** The full type as DDL would write it: `character varying(5)`, `numeric(10,2)`, `varchar(5)`. */
  readonly columnType: string;
  readonly nullable: boolean;
  readonly autoIncrement: boolean;
  /** Characters a CHAR/VARCHAR column holds, null when unbounded or not text. */
  readonly maxLength: number | null;
  /** Digits and scale of a numeric column, null when not numeric or unconstrained. */
  readonly numericPrecision: number | null;
  readonly numericScale: number | null;
}

/** The table types Confluent's table.types names (TableType). */
export const TableType = { TABLE: 'TABLE', VIEW: 'VIEW' } as const;
export type TableType = (typeof TableType)[keyof typeof TableType];

/** A table and its columns (Confluent's TableDefinition). */
export class TableDefinition {
  private readonly byName: Map<string, ColumnDefinition>;

  constructor(
    readonly id: TableId,
    readonly type: TableType,
    readonly columns: readonly ColumnDefinition[],
  ) {
    this.byName = new Map(columns.map((c) => [c.name, c]));
  }

  column(name: string): ColumnDefinition | undefined {
    return this.byName.get(name) ?? this.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  }

  columnNames(): Set<string> {
    return new Set(this.byName.keys());
  }
}
