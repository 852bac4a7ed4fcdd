import {
  type ConfigDef,
  ConfigError,
  type ConfigValue,
  ConnectError,
  type PluginClass,
  SourceConnector,
  type SourceOffset,
  type SourcePartition,
  type Task,
} from '../../../api';
import { toConnectError } from '../db/db-errors';
import { parseJdbcUrl } from '../db/jdbc-url';
import { CONTAINER_POOLS, type PoolRegistry } from '../db/pool-registry';
import type { DatabaseDialect } from '../dialect/database-dialect';
import { dialectFor } from '../dialect/dialects';
import { TASK_CLASS_CONFIG, VERSION } from '../jdbc-config';
import {
  crossKeyProblems,
  JdbcSourceConfig,
  SOURCE_CONFIG_DEF,
  TABLES_CONFIG,
  TABLES_DISCOVER_CONFIG,
  TABLES_FETCHED_CONFIG,
} from './jdbc-source-config';
import { JdbcSourceTask } from './jdbc-source-task';
import {
  INCREMENTING_FIELD,
  OFFSET_PROTOCOL_VERSION_KEY,
  QUERY_NAME_KEY,
  TABLE_NAME_KEY,
  TIMESTAMP_FIELD,
  TIMESTAMP_NANOS_FIELD,
} from './source-offsets';
import { formatTableList, groupPartitions, listSourceTables } from './source-tables';

export interface JdbcSourceConnectorOptions {
  pools?: PoolRegistry;
}

/**
 * Reads database tables (or one query) into topics (Confluent's JdbcSourceConnector), registered
 * under Confluent's class name.
 *
 * taskConfigs() lists the matching tables and splits them into min(tables, tasks.max) contiguous
 * groups (Kafka's ConnectorUtils.groupPartitions), one task each, with `tables` naming them
 * quoted; a query gets one task. There is no long-lived connector here to run Confluent's table
 * monitor thread: the runtime calls taskConfigs() again on its periodic repair, and a single task
 * (tasks.max=1) watches for new tables itself every table.poll.interval.ms (`tables.discover`).
 * With no matching table yet, one task waits for tables instead of failing.
 */
export class JdbcSourceConnector extends SourceConnector {
  static readonly className = 'io.confluent.connect.jdbc.JdbcSourceConnector';

  private readonly pools: PoolRegistry;
  private props: Readonly<Record<string, string>> = {};
  private parsed: JdbcSourceConfig | null = null;
  private dialect: DatabaseDialect | null = null;

  constructor(options: JdbcSourceConnectorOptions = {}) {
    super();
    this.pools = options.pools ?? CONTAINER_POOLS;
  }

  version(): string {
    return VERSION;
  }

  /** @throws ConfigError for an invalid config (including Confluent's cross-key rules). */
  start(props: Readonly<Record<string, string>>): void {
    const config = new JdbcSourceConfig(props, SOURCE_CONFIG_DEF);
    const problem = crossKeyProblems(config)[0];
    if (problem) {
      throw new ConfigError(`Couldn't start JdbcSourceConnector due to configuration error: ${problem.message}`, {
        key: problem.key,
      });
    }
    this.dialect = dialectFor(parseJdbcUrl(config.connectionUrl), config.quoteMethod, config.dialectName);
    this.parsed = config;
    this.props = { ...props };
  }

  taskClass(): PluginClass<Task> {
    return JdbcSourceTask;
  }

  /**
   * @throws RetriableError when the database cannot be reached to list tables; ConnectError when
   *   two matching tables share a name (they would share a topic)
   */
  async taskConfigs(maxTasks: number): Promise<Record<string, string>[]> {
    const config = this.parsed;
    const dialect = this.dialect;
    if (!config || !dialect) throw new ConnectError('JdbcSourceConnector is not started');
    const task = (tables: string, discover: boolean) => ({
      ...this.props,
      [TABLES_CONFIG]: tables,
      [TABLES_FETCHED_CONFIG]: 'true',
      [TABLES_DISCOVER_CONFIG]: String(discover),
      [TASK_CLASS_CONFIG]: JdbcSourceTask.className,
    });
    if (config.query !== null) return [task('', false)];
    const lease = this.pools.acquire(parseJdbcUrl(config.connectionUrl), {
      user: config.connectionUser,
      password: config.connectionPassword,
    });
    try {
      const tables = await lease.database.withSession(async (session) => {
        try {
          return await listSourceTables(dialect, session, config);
        } catch (err) {
          throw toConnectError(err, 'Failed to list the tables to read');
        }
      });
      if (tables.length === 0) return [task('', maxTasks === 1)];
      const groups = groupPartitions(tables, Math.min(tables.length, maxTasks));
      return groups.map((group) => task(formatTableList(dialect, group), maxTasks === 1));
    } catch (err) {
      throw toConnectError(err, 'Failed to list the tables to read');
    } finally {
      await lease.release();
    }
  }

  stop(): void {}

  config(): ConfigDef {
    return SOURCE_CONFIG_DEF;
  }

  /** The ConfigDef's checks, then Confluent's cross-key rules on the keys they concern. */
  override validate(connectorConfigs: Readonly<Record<string, string>>): ConfigValue[] {
    const values = super.validate(connectorConfigs);
    if (values.some((v) => v.errorMessages.length > 0)) return values;
    let config: JdbcSourceConfig;
    try {
      config = new JdbcSourceConfig(connectorConfigs, SOURCE_CONFIG_DEF);
    } catch {
      return values;
    }
    for (const { key, message } of crossKeyProblems(config))
      values.find((v) => v.name === key)?.addErrorMessage(message);
    return values;
  }

  /**
   * Checks offsets written through the REST API: a partition names a table or the query; an offset
   * holds only integral `incrementing`, `timestamp`, `timestamp_nanos` values. Null offsets (resets)
   * always pass.
   */
  override alterOffsets(
    _config: Readonly<Record<string, string>>,
    offsets: ReadonlyArray<{ partition: SourcePartition; offset: SourceOffset | null }>,
  ): boolean {
    for (const { partition, offset } of offsets) {
      if (!partition || (!(TABLE_NAME_KEY in partition) && !(QUERY_NAME_KEY in partition))) {
        throw new ConnectError(`Partition objects should contain the key '${TABLE_NAME_KEY}' or '${QUERY_NAME_KEY}'`);
      }
      for (const k of Object.keys(partition)) {
        if (![TABLE_NAME_KEY, QUERY_NAME_KEY, OFFSET_PROTOCOL_VERSION_KEY].includes(k)) {
          throw new ConnectError(`Unexpected key '${k}' in a JDBC source partition`);
        }
      }
      if (offset === null || offset === undefined) continue;
      for (const [k, v] of Object.entries(offset)) {
        if (![INCREMENTING_FIELD, TIMESTAMP_FIELD, TIMESTAMP_NANOS_FIELD].includes(k)) {
          throw new ConnectError(`Unexpected key '${k}' in a JDBC source offset`);
        }
        if (!(typeof v === 'number' && Number.isSafeInteger(v)) && typeof v !== 'bigint') {
          throw new ConnectError(`The value for the '${k}' key in the offset is expected to be a Long value`);
        }
      }
    }
    return true;
  }
}
