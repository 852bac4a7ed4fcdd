import { ConnectError, type Schema, type SinkRecord, Struct, schemaEquals, Type } from '../../../api';
import type { SqlSession } from '../db/database';
import { describeDbError, isDataDbError, toConnectError } from '../db/db-errors';
import type { TableDefinition } from '../dialect/column-definition';
import type { BindZones, DatabaseDialect } from '../dialect/database-dialect';
import type { TableId } from '../util/table-id';
import type { DbStructure } from './db-structure';
import { extractFieldsMetadata, type FieldsMetadata } from './fields-metadata';
import { InsertMode, type JdbcSinkConfig, PrimaryKeyMode } from './jdbc-sink-config';

/** PostgreSQL takes at most 65535 parameters per statement. */
const MAX_PARAMETERS = 65_535;
/** Keep a multi-row statement's values under this many bytes (MySQL's max_allowed_packet is often 16-64 MiB). */
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

/** A record's column values, bound for the driver: key columns, then the others. */
interface BoundRow {
  readonly record: SinkRecord;
  readonly keys: unknown[];
  readonly nonKeys: unknown[];
}

/**
 * The records of one table in one write, written in statements of up to batch.size rows
 * (Confluent's BufferedRecords). Records are buffered while their key and value schemas stay the
 * same; a schema change flushes, re-derives the columns and creates or evolves the table.
 * Tombstones (delete.enabled) are flushed after the writes before them, and a write after a
 * tombstone flushes first, so a delete and a re-insert of one key keep their order.
 *
 * Inserts and upserts are multi-row statements. An upsert batch keeps only the last record of each
 * key (an upsert's result is its last write), which PostgreSQL needs (ON CONFLICT cannot touch a
 * row twice in one statement); pk.mode=kafka inserts skip rows whose coordinates exist already, so
 * a redelivered batch changes nothing.
 */
export class BufferedRecords {
  private records: SinkRecord[] = [];
  private keySchema: Schema | null = null;
  private valueSchema: Schema | null = null;
  private fields: FieldsMetadata | null = null;
  private definition: TableDefinition | null = null;
  private deletesInBatch = false;

  constructor(
    private readonly config: JdbcSinkConfig,
    private readonly table: TableId,
    private readonly dialect: DatabaseDialect,
    private readonly structure: DbStructure,
    private readonly session: SqlSession,
    private readonly zones: BindZones,
  ) {}

  async add(record: SinkRecord): Promise<void> {
    this.validate(record);
    let schemaChanged = false;
    if (!schemaEquals(this.keySchema, record.keySchema)) {
      this.keySchema = record.keySchema;
      schemaChanged = true;
    }
    if (record.valueSchema === null) {
      if (this.config.deleteEnabled) this.deletesInBatch = true;
    } else if (schemaEquals(this.valueSchema, record.valueSchema)) {
      // A write after a delete of the same key must not be overtaken by it.
      if (this.config.deleteEnabled && this.deletesInBatch) await this.flush();
    } else {
      this.valueSchema = record.valueSchema;
      schemaChanged = true;
    }
    if (schemaChanged || this.fields === null) {
      await this.flush();
      this.fields = extractFieldsMetadata(
        this.table.table,
        this.config.pkMode,
        this.config.pkFields,
        this.config.fieldsWhitelist,
        record.keySchema,
        record.valueSchema,
      );
      this.definition = await this.structure.createOrAmendIfNecessary(this.session, this.table, this.fields);
    }
    if (record.value === null && this.config.deleteEnabled) this.deletesInBatch = true;
    this.records.push(record);
    if (this.config.batchSize > 0 && this.records.length >= this.config.batchSize) await this.flush();
  }

  /** Writes every buffered record; the transaction around it commits them. */
  async flush(): Promise<void> {
    if (this.records.length === 0) return;
    const fields = this.fields as FieldsMetadata;
    const writes: BoundRow[] = [];
    const deletes: BoundRow[] = [];
    for (const record of this.records) {
      const row = this.bindRow(record, fields);
      if (record.value === null && this.config.deleteEnabled) deletes.push(row);
      else writes.push(row);
    }
    this.records = [];
    this.deletesInBatch = false;
    await this.executeWrites(fields, writes);
    await this.executeDeletes(fields, deletes);
  }

  private async executeWrites(fields: FieldsMetadata, rows: BoundRow[]): Promise<void> {
    if (rows.length === 0) return;
    const keys = fields.keyFieldNames;
    const nonKeys = fields.nonKeyFieldNames;
    const width = keys.length + nonKeys.length;
    switch (this.config.insertMode) {
      case InsertMode.INSERT: {
        const idempotent = this.config.pkMode === PrimaryKeyMode.KAFKA;
        const unique = idempotent ? lastPerKey(rows) : rows;
        for (const chunk of chunks(unique, width)) {
          const sql = idempotent
            ? this.dialect.insertIgnoringExisting(this.table, keys, nonKeys, chunk.length)
            : this.dialect.insert(this.table, [...keys, ...nonKeys], chunk.length);
          await this.run(
            sql,
            chunk.flatMap((r) => [...r.keys, ...r.nonKeys]),
            chunk,
            [...keys, ...nonKeys],
          );
        }
        return;
      }
      case InsertMode.UPSERT: {
        if (keys.length === 0) {
          throw new ConnectError(
            `Write to table '${this.table}' in UPSERT mode requires key field names to be known, check the primary key configuration`,
          );
        }
        for (const chunk of chunks(lastPerKey(rows), width)) {
          const sql = this.dialect.upsert(this.table, keys, nonKeys, chunk.length);
          await this.run(
            sql,
            chunk.flatMap((r) => [...r.keys, ...r.nonKeys]),
            chunk,
            [...keys, ...nonKeys],
          );
        }
        return;
      }
      case InsertMode.UPDATE: {
        const sql = this.dialect.update(this.table, keys, nonKeys);
        for (const row of rows) await this.run(sql, [...row.nonKeys, ...row.keys], [row], [...nonKeys, ...keys]);
        return;
      }
    }
  }

  private async executeDeletes(fields: FieldsMetadata, rows: BoundRow[]): Promise<void> {
    if (rows.length === 0) return;
    const keys = fields.keyFieldNames;
    if (keys.length === 0) throw new ConnectError('Require primary keys to support delete');
    for (const chunk of chunks(lastPerKey(rows), keys.length)) {
      await this.run(
        this.dialect.deleteByKeys(this.table, keys, chunk.length),
        chunk.flatMap((r) => r.keys),
        chunk,
        keys,
      );
    }
  }

  /** Runs one statement; a failure names the table, the records and (when it can tell) the column. */
  private async run(
    sql: string,
    params: unknown[],
    rows: readonly BoundRow[],
    columns: readonly string[],
  ): Promise<void> {
    try {
      await this.session.execute(sql, params);
    } catch (err) {
      const first = rows[0]?.record;
      const last = rows[rows.length - 1]?.record;
      const which =
        rows.length === 1 && first
          ? `record ${coordinates(first)}`
          : `${rows.length} records (${first ? coordinates(first) : ''} .. ${last ? coordinates(last) : ''})`;
      const culprit = isDataDbError(err) ? this.culprit(err, rows, columns) : null;
      const wrapped = toConnectError(err, `Failed to write ${which} to table ${this.dialect.table(this.table)}`);
      if (culprit) wrapped.message += `; ${culprit}`;
      throw wrapped;
    }
  }

  /**
   * Which column could not take which value, from the table definition: a string longer than a
   * VARCHAR/CHAR, digits beyond a NUMERIC's precision, an integer out of its column's range.
   * PostgreSQL's messages name the type but not the column; this names both.
   */
  private culprit(err: unknown, rows: readonly BoundRow[], columns: readonly string[]): string | null {
    const definition = this.definition;
    if (!definition) return null;
    const atRow = /at row (\d+)/.exec(describeDbError(err));
    const candidates = atRow ? rows.slice(Number(atRow[1]) - 1, Number(atRow[1])) : rows;
    for (const row of candidates) {
      const values =
        this.config.insertMode === InsertMode.UPDATE ? [...row.nonKeys, ...row.keys] : [...row.keys, ...row.nonKeys];
      for (const [i, name] of columns.entries()) {
        const column = definition.column(name);
        const problem = column ? valueProblem(column, values[i]) : null;
        if (problem)
          return `column ${this.dialect.quote(name)} (${column?.columnType}) cannot hold ${problem} (record ${coordinates(row.record)})`;
      }
    }
    return null;
  }

  private bindRow(record: SinkRecord, fields: FieldsMetadata): BoundRow {
    const value = record.value instanceof Struct ? record.value : null;
    const read = (struct: Struct, name: string) =>
      this.config.replaceNullWithDefault ? struct.get(name) : struct.getWithoutDefault(name);
    const keys: unknown[] = [];
    switch (this.config.pkMode) {
      case PrimaryKeyMode.KAFKA:
        keys.push(record.topic, record.kafkaPartition, record.kafkaOffset);
        break;
      case PrimaryKeyMode.RECORD_KEY:
        for (const name of fields.keyFieldNames) {
          const field = fields.allFields.get(name);
          const raw = record.key instanceof Struct ? record.key.get(name) : record.key;
          keys.push(this.bind(field?.schema ?? null, raw, name));
        }
        break;
      case PrimaryKeyMode.RECORD_VALUE:
        for (const name of fields.keyFieldNames) {
          keys.push(this.bind(fields.allFields.get(name)?.schema ?? null, value ? read(value, name) : null, name));
        }
        break;
    }
    const nonKeys = fields.nonKeyFieldNames.map((name) =>
      this.bind(fields.allFields.get(name)?.schema ?? null, value ? read(value, name) : null, name),
    );
    return { record, keys, nonKeys };
  }

  private bind(schema: Schema | null, value: unknown, field: string): unknown {
    if (!schema) return value ?? null;
    try {
      return this.dialect.bind(schema, value, this.zones);
    } catch (err) {
      throw toConnectError(err, `Cannot bind field ${field} for table ${this.dialect.table(this.table)}`);
    }
  }

  /** Confluent's RecordValidator: what each pk.mode / delete.enabled needs of a record. */
  private validate(record: SinkRecord): void {
    const { pkMode, deleteEnabled } = this.config;
    const needsKey = pkMode === PrimaryKeyMode.RECORD_KEY || deleteEnabled;
    // With deletes on, a null value is a tombstone; any other value must still be a Struct.
    const needsValue = !deleteEnabled || pkMode !== PrimaryKeyMode.RECORD_KEY || record.value !== null;
    const settings =
      `Sink connector '${this.config.connectorName}' is configured with 'delete.enabled=${deleteEnabled}' and ` +
      `'pk.mode=${pkMode}' and therefore requires records with a non-null`;
    const at = `(topic='${record.topic}',partition=${record.kafkaPartition},offset=${record.kafkaOffset},timestamp=${record.timestamp})`;
    if (needsKey) {
      const schema = record.keySchema;
      if (
        record.key === null ||
        record.key === undefined ||
        !schema ||
        (schema.type !== Type.STRUCT && !isPrimitiveType(schema.type))
      ) {
        throw new ConnectError(
          `${settings} key and non-null Struct or primitive key schema, but found record at ${at} with a ` +
            `${typeName(record.key)} key and ${schema?.type ?? 'null'} key schema.`,
        );
      }
    }
    if (needsValue) {
      const schema = record.valueSchema;
      if (!(record.value instanceof Struct) || !schema || schema.type !== Type.STRUCT) {
        throw new ConnectError(
          `${settings} Struct value and non-null Struct schema, but found record at ${at} with a ` +
            `${typeName(record.value)} value and ${schema?.type ?? 'null'} value schema.`,
        );
      }
    }
  }
}

function isPrimitiveType(type: Type): boolean {
  return type !== Type.ARRAY && type !== Type.MAP && type !== Type.STRUCT;
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Struct) return 'Struct';
  return typeof value;
}

function coordinates(record: SinkRecord): string {
  return `${record.topic}-${record.kafkaPartition}@${record.kafkaOffset}`;
}

/** The last row of each key, in the order their keys first appeared. */
function lastPerKey(rows: readonly BoundRow[]): BoundRow[] {
  const byKey = new Map<string, BoundRow>();
  for (const row of rows) byKey.set(keyOf(row.keys), row);
  return [...byKey.values()];
}

function keyOf(values: readonly unknown[]): string {
  if (values.length === 1) {
    const value = values[0];
    if (typeof value === 'number') return `n${value}`;
    if (typeof value === 'string') return `s${value}`;
  }
  return JSON.stringify(values, (_k, v) =>
    typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? v.toString('hex') : v,
  );
}

/** Rows in statement-sized chunks: at most 65535 parameters, and about 4 MiB of values. */
function* chunks(rows: readonly BoundRow[], width: number): Generator<BoundRow[]> {
  const maxRows = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, width)));
  let chunk: BoundRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = estimateBytes(row);
    if (chunk.length > 0 && (chunk.length >= maxRows || bytes + size > MAX_STATEMENT_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function estimateBytes(row: BoundRow): number {
  let size = 0;
  for (const v of row.keys) size += valueBytes(v);
  for (const v of row.nonKeys) size += valueBytes(v);
  return size;
}

function valueBytes(value: unknown): number {
  if (typeof value === 'string') return value.length * 3 + 2;
  if (Buffer.isBuffer(value)) return value.length * 2 + 3;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + valueBytes(v), 2);
  return 8;
}

const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  int2: [-32768n, 32767n],
  smallint: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int: [-2147483648n, 2147483647n],
  integer: [-2147483648n, 2147483647n],
  mediumint: [-8388608n, 8388607n],
  tinyint: [-128n, 127n],
  int8: [-(2n ** 63n), 2n ** 63n - 1n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** What is wrong with putting `value` in `column`, or null when nothing visible is. */
export function valueProblem(column: TableDefinition['columns'][number], value: unknown): string | null {
  if (value === null || value === undefined) return column.nullable ? null : 'null (the column is NOT NULL)';
  if (typeof value === 'string' && column.maxLength !== null) {
    const length = [...value].length;
    if (length > column.maxLength) return `${quoteValue(value)} (${length} characters)`;
  }
  if (column.numericPrecision !== null && (typeof value === 'string' || typeof value === 'number')) {
    const text = String(value).replace(/^[+-]/, '');
    const [whole = ''] = text.split('.');
    const digits = whole.replace(/^0+/, '').length;
    if (digits > column.numericPrecision - (column.numericScale ?? 0))
      return `${quoteValue(String(value))} (too many digits)`;
  }
  const range = INTEGER_RANGES[column.dataType.replace(/ unsigned$/, '')];
  if (range && (typeof value === 'number' || typeof value === 'string') && /^-?\d+$/.test(String(value))) {
    const n = BigInt(String(value));
    if (n < range[0] || n > range[1]) return `${value} (out of range)`;
  }
  return null;
}

function quoteValue(text: string): string {
  return text.length > 40 ? `'${text.slice(0, 40)}…'` : `'${text}'`;
}
