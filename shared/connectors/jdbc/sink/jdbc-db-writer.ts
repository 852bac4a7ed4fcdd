import { ConnectError, type SinkRecord } from '../../../api';
import type { Database } from '../db/database';
import type { BindZones, DatabaseDialect } from '../dialect/database-dialect';
import type { TableId } from '../util/table-id';
import { BufferedRecords } from './buffered-records';
import { DbStructure } from './db-structure';
import type { JdbcSinkConfig } from './jdbc-sink-config';

/**
 * Writes a batch of records in one transaction (Confluent's JdbcDbWriter): records go to their
 * table (table.name.format), each table's records through a {@link BufferedRecords}; the
 * transaction commits when every table is written and rolls back if any statement fails, so a
 * failed batch leaves nothing behind and can be written again.
 */
export class JdbcDbWriter {
  private readonly structure: DbStructure;
  private readonly zones: BindZones;
  /** Each topic's table and its SQL name, worked out once. */
  private readonly tables = new Map<string, { table: TableId; key: string }>();

  constructor(
    private readonly config: JdbcSinkConfig,
    private readonly dialect: DatabaseDialect,
    private readonly database: Database,
  ) {
    this.structure = new DbStructure(dialect, {
      autoCreate: config.autoCreate,
      autoEvolve: config.autoEvolve,
      tableTypes: config.tableTypes,
      maxRetries: config.maxRetries,
    });
    this.zones = { timestamps: config.timeZone, dates: config.dateTimeZone };
  }

  /** @throws the first error; RetriableError when the connection failed. */
  async write(records: readonly SinkRecord[]): Promise<void> {
    try {
      await this.database.transaction(
        async (session) => {
          const buffers = new Map<string, BufferedRecords>();
          for (const record of records) {
            const { table, key } = this.tableOf(record.topic);
            let buffer = buffers.get(key);
            if (!buffer) {
              buffer = new BufferedRecords(this.config, table, this.dialect, this.structure, session, this.zones);
              buffers.set(key, buffer);
            }
            await buffer.add(record);
          }
          for (const buffer of buffers.values()) await buffer.flush();
        },
        { timeZone: this.config.timeZone },
      );
    } catch (err) {
      // A rolled-back transaction may have undone a CREATE or ALTER this task cached.
      this.structure.invalidate();
      throw err;
    }
  }

  private tableOf(topic: string): { table: TableId; key: string } {
    let known = this.tables.get(topic);
    if (!known) {
      const table = this.destinationTable(topic);
      known = { table, key: this.dialect.table(table) };
      this.tables.set(topic, known);
    }
    return known;
  }

  /** The table of a topic: table.name.format with every ${topic} replaced (Confluent's destinationTable). */
  destinationTable(topic: string): TableId {
    const name = this.config.tableNameFormat.replaceAll('${topic}', topic);
    if (name === '') {
      throw new ConnectError(
        `Destination table name for topic '${topic}' is empty using the format string '${this.config.tableNameFormat}'`,
      );
    }
    return this.dialect.parseTableIdentifier(name);
  }
}
