import {
  ConnectError,
  DataError,
  type ErrantRecordReporter,
  RetriableError,
  type SinkRecord,
  SinkTask,
} from '../../../api';
import { sqlStateOf, toConnectError } from '../db/db-errors';
import { parseJdbcUrl } from '../db/jdbc-url';
import { CONTAINER_POOLS, type PoolLease, type PoolRegistry } from '../db/pool-registry';
import { dialectFor } from '../dialect/dialects';
import { VERSION } from '../jdbc-config';
import { TableAlterOrCreateError } from './db-structure';
import { JdbcDbWriter } from './jdbc-db-writer';
import { JdbcSinkConfig } from './jdbc-sink-config';

export interface JdbcSinkTaskOptions {
  /** The container's connection pools; tests pass their own. */
  pools?: PoolRegistry;
}

/**
 * Writes records to a database table per topic (Confluent's JdbcSinkTask). Each put() is one
 * transaction, committed before put() returns, so the offsets the runtime commits afterwards are
 * always durable in the database (the default preCommit is right).
 *
 * Failures, by kind:
 * - the connection failed (refused, lost, timed out, or a deadlock / serialization failure):
 *   RetriableError, after context.timeout(retry.backoff.ms), so the runtime puts the same batch
 *   again, up to max.retries times in a row; then the task fails.
 * - a record cannot be written (a value that does not fit its column, a constraint, a table that
 *   is missing or lacks columns without auto.create / auto.evolve): with an errant record reporter
 *   (errors.tolerance and a DLQ or error log), the batch is written again one record per
 *   transaction and each failing record is reported; without one, the task fails with a message
 *   naming the table, the records and, where it can tell, the column.
 *   Confluent retries these too (max.retries) before reporting them; a value that does not fit
 *   will not fit the next time either, so here they are reported at once.
 * - anything else (a record the pk.mode cannot use, a bad config): the task fails.
 */
export class JdbcSinkTask extends SinkTask {
  static readonly className = 'io.confluent.connect.jdbc.sink.JdbcSinkTask';

  private readonly pools: PoolRegistry;
  private config: JdbcSinkConfig | null = null;
  private lease: PoolLease | null = null;
  private writer: JdbcDbWriter | null = null;
  private remainingRetries = 0;

  constructor(options: JdbcSinkTaskOptions = {}) {
    super();
    this.pools = options.pools ?? CONTAINER_POOLS;
  }

  version(): string {
    return VERSION;
  }

  /** @throws ConfigError for an invalid config. No connection is made until the first put(). */
  start(props: Readonly<Record<string, string>>): void {
    const config = new JdbcSinkConfig(props);
    const url = parseJdbcUrl(config.connectionUrl);
    const dialect = dialectFor(url, config.quoteMethod, config.dialectName);
    this.lease = this.pools.acquire(url, { user: config.connectionUser, password: config.connectionPassword });
    this.writer = new JdbcDbWriter(config, dialect, this.lease.database);
    this.config = config;
    this.remainingRetries = config.maxRetries;
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { writer, config } = this.started();
    try {
      await writer.write(records);
    } catch (err) {
      const error = toConnectError(err, `Failed to write ${records.length} records`);
      if (error instanceof RetriableError) {
        if (this.remainingRetries > 0) {
          this.remainingRetries--;
          this.context?.timeout(config.retryBackoffMs);
          throw error;
        }
        this.remainingRetries = config.maxRetries;
        throw new ConnectError(`Exhausted ${config.maxRetries} retries writing to the database: ${error.message}`, {
          cause: error,
        });
      }
      const reporter = this.context?.errantRecordReporter() ?? null;
      if (!reporter || !isRecordFailure(error)) throw error;
      await this.writeOneByOne(writer, records, reporter);
    }
    this.remainingRetries = config.maxRetries;
  }

  async stop(): Promise<void> {
    const lease = this.lease;
    this.lease = null;
    this.writer = null;
    await lease?.release();
  }

  /**
   * Confluent's unrollAndRetry: each record in its own transaction, the ones that fail reported.
   * A connection failure on the way stops it; the batch comes again (records written already are
   * written again, which upsert and pk.mode=kafka make harmless).
   */
  private async writeOneByOne(writer: JdbcDbWriter, records: readonly SinkRecord[], reporter: ErrantRecordReporter) {
    for (const record of records) {
      try {
        await writer.write([record]);
      } catch (err) {
        const error = toConnectError(err, 'Failed to write 1 record');
        if (error instanceof RetriableError) {
          this.context?.timeout(this.started().config.retryBackoffMs);
          throw error;
        }
        if (!isRecordFailure(error)) throw error;
        await reporter.report(record, error);
      }
    }
  }

  private started(): { writer: JdbcDbWriter; config: JdbcSinkConfig } {
    if (!this.writer || !this.config) throw new ConnectError('JdbcSinkTask is not started');
    return { writer: this.writer, config: this.config };
  }
}

/** A failure of particular records (data, constraints, DDL), not of the connection or the configuration. */
function isRecordFailure(error: ConnectError): boolean {
  return error instanceof DataError || error instanceof TableAlterOrCreateError || sqlStateOf(error.cause) !== null;
}
