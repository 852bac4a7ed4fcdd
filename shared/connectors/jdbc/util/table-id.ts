/**
 * A table's catalog, schema and name (Confluent's TableId). PostgreSQL tables have a schema
 * (`public.orders`); MySQL tables have a catalog, the database (`shop.orders`).
 */
export class TableId {
  constructor(
    readonly catalog: string | null,
    readonly schema: string | null,
    readonly table: string,
  ) {
    if (catalog === '') this.catalog = null;
    if (schema === '') this.schema = null;
  }

  /** The parts that are set, outermost first. */
  parts(): string[] {
    return [this.catalog, this.schema, this.table].filter((part): part is string => part !== null);
  }

  /** `catalog.schema.table` without quotes (Confluent's toUnquotedString): offsets and regexes use it. */
  toUnquotedString(): string {
    return this.parts().join('.');
  }

  equals(other: TableId): boolean {
    return this.catalog === other.catalog && this.schema === other.schema && this.table === other.table;
  }

  /** Confluent's TableId#compareTo: by table name, then schema, then catalog, nulls first. */
  compareTo(other: TableId): number {
    return (
      compareStrings(this.table, other.table) ||
      compareNullable(this.schema, other.schema) ||
      compareNullable(this.catalog, other.catalog)
    );
  }

  toString(): string {
    return this.toUnquotedString();
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNullable(a: string | null, b: string | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return compareStrings(a, b);
}
