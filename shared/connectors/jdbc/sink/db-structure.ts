import { ConnectError } from '../../../api';
import type { SqlSession } from '../db/database';
import { toConnectError } from '../db/db-errors';
import { type TableDefinition, TableType } from '../dialect/column-definition';
import type { DatabaseDialect } from '../dialect/database-dialect';
import type { SinkField } from '../dialect/sink-field';
import type { TableId } from '../util/table-id';
import type { FieldsMetadata } from './fields-metadata';

/**
 * A table is missing or lacks columns and DDL is off or impossible (Confluent's
 * TableAlterOrCreateException): the record cannot be written as it is, whatever is retried.
 */
export class TableAlterOrCreateError extends ConnectError {
  override name = 'TableAlterOrCreateError';
}

export interface DbStructureOptions {
  readonly autoCreate: boolean;
  readonly autoEvolve: boolean;
  /** TABLE and/or VIEW: the kinds of table the sink may write to. */
  readonly tableTypes: ReadonlySet<string>;
  /** How often a failed ALTER is tried again (another task may have added the columns meanwhile). */
  readonly maxRetries: number;
}

/**
 * Creates and evolves destination tables (Confluent's DbStructure), and caches table definitions
 * for the life of a task. DDL runs inside the write's transaction; in PostgreSQL it is guarded by
 * a savepoint, so a CREATE that lost a race with another task leaves the transaction usable.
 */
export class DbStructure {
  private readonly definitions = new Map<string, TableDefinition | null>();

  constructor(
    private readonly dialect: DatabaseDialect,
    private readonly options: DbStructureOptions,
  ) {}

  /** The table's definition, from the cache or the catalog; null when missing (or a type the sink may not write). */
  async tableDefinition(session: SqlSession, table: TableId): Promise<TableDefinition | null> {
    const key = this.dialect.table(table);
    if (this.definitions.has(key)) return this.definitions.get(key) ?? null;
    return this.refresh(session, table);
  }

  async refresh(session: SqlSession, table: TableId): Promise<TableDefinition | null> {
    let definition: TableDefinition | null;
    try {
      definition = await this.dialect.describeTable(session, table);
    } catch (err) {
      throw toConnectError(err, `Failed to read the definition of table ${this.dialect.table(table)}`);
    }
    if (definition && !this.options.tableTypes.has(definition.type)) definition = null;
    this.definitions.set(this.dialect.table(table), definition);
    return definition;
  }

  /** Forgets every definition: after a failed transaction (DDL may have been rolled back) or a schema change. */
  invalidate(): void {
    this.definitions.clear();
  }

  /**
   * Makes the table exist with a column for every field (Confluent's createOrAmendIfNecessary).
   * @throws TableAlterOrCreateError when the table is missing and auto.create is off, or columns
   *   are missing and auto.evolve is off, or a missing field is required without a default
   */
  async createOrAmendIfNecessary(
    session: SqlSession,
    table: TableId,
    fields: FieldsMetadata,
  ): Promise<TableDefinition> {
    let definition = await this.tableDefinition(session, table);
    if (!definition) {
      if (!this.options.autoCreate) {
        throw new TableAlterOrCreateError(
          `Table ${this.dialect.table(table)} is missing and auto-creation is disabled`,
        );
      }
      const sql = this.dialect.createTable(table, [...fields.allFields.values()]);
      try {
        await this.ddl(session, sql);
      } catch (err) {
        // Another task may have created it first; carry on with the table it made.
        if (!(await this.refresh(session, table)))
          throw toConnectError(err, `Failed to create table ${this.dialect.table(table)}`);
      }
      definition = await this.refresh(session, table);
      if (!definition)
        throw new TableAlterOrCreateError(`Table ${this.dialect.table(table)} is missing after CREATE TABLE`);
    }
    return this.amendIfNecessary(session, table, definition, fields, this.options.maxRetries);
  }

  private async amendIfNecessary(
    session: SqlSession,
    table: TableId,
    definition: TableDefinition,
    fields: FieldsMetadata,
    retries: number,
  ): Promise<TableDefinition> {
    const missing = missingFields([...fields.allFields.values()], definition.columnNames());
    if (missing.length === 0) return definition;
    const names = missing.map((f) => f.name).join(', ');
    const name = this.dialect.table(table);
    if (definition.type !== TableType.TABLE) {
      throw new TableAlterOrCreateError(`View ${name} is missing fields (${names}) and ALTER VIEW is unsupported`);
    }
    for (const field of missing) {
      const hasDefault = field.schema.defaultValue !== null && field.schema.defaultValue !== undefined;
      if (!field.schema.optional && !hasDefault) {
        throw new TableAlterOrCreateError(
          `Cannot ALTER TABLE ${name} to add missing field ${field.name} (${field.schema.type}), as the field is not ` +
            'optional and does not have a default value',
        );
      }
    }
    if (!this.options.autoEvolve) {
      throw new TableAlterOrCreateError(`Table ${name} is missing fields (${names}) and auto-evolution is disabled`);
    }
    try {
      for (const sql of this.dialect.alterTable(table, missing)) await this.ddl(session, sql);
    } catch (err) {
      if (retries <= 0) {
        throw new TableAlterOrCreateError(`Failed to amend TABLE ${name} to add missing fields: ${names}`, {
          cause: err,
        });
      }
      // Perhaps another task added the columns first.
      const refreshed = await this.refresh(session, table);
      if (!refreshed) throw toConnectError(err, `Failed to amend table ${name}`);
      return this.amendIfNecessary(session, table, refreshed, fields, retries - 1);
    }
    return (await this.refresh(session, table)) ?? definition;
  }

  private async ddl(session: SqlSession, sql: string): Promise<void> {
    if (!this.dialect.transactionalDdl) {
      await session.execute(sql);
      return;
    }
    await session.execute('SAVEPOINT connect_ddl');
    try {
      await session.execute(sql);
      await session.execute('RELEASE SAVEPOINT connect_ddl');
    } catch (err) {
      await session.execute('ROLLBACK TO SAVEPOINT connect_ddl');
      throw err;
    }
  }
}

/** Fields with no column of the same name, exactly or ignoring case (Confluent's missingFields). */
export function missingFields(fields: readonly SinkField[], columns: ReadonlySet<string>): SinkField[] {
  const lower = new Set([...columns].map((c) => c.toLowerCase()));
  return fields.filter((f) => !columns.has(f.name) && !lower.has(f.name.toLowerCase()));
}
