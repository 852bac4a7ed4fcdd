import {
  AbstractConfig,
  ConfigDef,
  ConfigError,
  ConfigType,
  Importance,
  LambdaValidator,
  ValidString,
  Width,
} from '../../../api';
import { QuoteMethod } from '../dialect/database-dialect';
import {
  CONNECTION_ATTEMPTS_CONFIG,
  CONNECTION_BACKOFF_CONFIG,
  CONNECTION_PASSWORD_CONFIG,
  CONNECTION_URL_CONFIG,
  CONNECTION_USER_CONFIG,
  connectionKeys,
  DB_TIMEZONE_CONFIG,
  DIALECT_NAME_CONFIG,
  QUOTE_METHOD_VALIDATOR,
  QUOTE_SQL_IDENTIFIERS_CONFIG,
  QUOTE_SQL_IDENTIFIERS_DOC,
  TABLE_TYPES_CONFIG,
  TIME_ZONE_VALIDATOR,
} from '../jdbc-config';
import { TimeZone } from '../util/time-zone';

export const Mode = {
  UNSPECIFIED: '',
  BULK: 'bulk',
  TIMESTAMP: 'timestamp',
  INCREMENTING: 'incrementing',
  TIMESTAMP_INCREMENTING: 'timestamp+incrementing',
} as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

export const NumericMapping = {
  NONE: 'none',
  PRECISION_ONLY: 'precision_only',
  BEST_FIT: 'best_fit',
  BEST_FIT_EAGER_DOUBLE: 'best_fit_eager_double',
} as const;
export type NumericMapping = (typeof NumericMapping)[keyof typeof NumericMapping];

export const TABLE_WHITELIST_CONFIG = 'table.whitelist';
export const TABLE_BLACKLIST_CONFIG = 'table.blacklist';
export const TABLE_INCLUDE_LIST_CONFIG = 'table.include.list';
export const TABLE_EXCLUDE_LIST_CONFIG = 'table.exclude.list';
export const CATALOG_PATTERN_CONFIG = 'catalog.pattern';
export const SCHEMA_PATTERN_CONFIG = 'schema.pattern';
export const NUMERIC_PRECISION_MAPPING_CONFIG = 'numeric.precision.mapping';
export const NUMERIC_MAPPING_CONFIG = 'numeric.mapping';
export const MODE_CONFIG = 'mode';
export const INCREMENTING_COLUMN_NAME_CONFIG = 'incrementing.column.name';
export const TIMESTAMP_COLUMN_NAME_CONFIG = 'timestamp.column.name';
export const TIMESTAMP_INITIAL_CONFIG = 'timestamp.initial';
export const VALIDATE_NON_NULL_CONFIG = 'validate.non.null';
export const QUERY_CONFIG = 'query';
export const QUERY_MASKED_CONFIG = 'query.masked';
export const QUERY_SUFFIX_CONFIG = 'query.suffix';
export const POLL_INTERVAL_MS_CONFIG = 'poll.interval.ms';
export const BATCH_MAX_ROWS_CONFIG = 'batch.max.rows';
export const TABLE_POLL_INTERVAL_MS_CONFIG = 'table.poll.interval.ms';
export const TOPIC_PREFIX_CONFIG = 'topic.prefix';
export const TIMESTAMP_DELAY_INTERVAL_MS_CONFIG = 'timestamp.delay.interval.ms';
export const TIMESTAMP_GRANULARITY_CONFIG = 'timestamp.granularity';

/** Task-only keys: the tables a task reads (quoted, comma-separated) and whether the list was read (Confluent's). */
export const TABLES_CONFIG = 'tables';
export const TABLES_FETCHED_CONFIG = 'tables.fetched';
/**
 * Task-only, this project's: the task lists the matching tables itself every
 * table.poll.interval.ms and reads new ones. Set when one task owns every table (tasks.max=1), so
 * no other task can be reading a table it picks up.
 */
export const TABLES_DISCOVER_CONFIG = 'tables.discover';

/** `timestamp.initial` meaning "the database's current time" (Confluent's TIMESTAMP_INITIAL_CURRENT). */
export const TIMESTAMP_INITIAL_CURRENT = -1;

const DATABASE_GROUP = 'Database';
const MODE_GROUP = 'Mode';
const CONNECTOR_GROUP = 'Connector';
const INVALID_TOPIC_CHARS = /[^a-zA-Z0-9._-]/;

const REGEX_LIST_VALIDATOR = LambdaValidator.with(
  (name, value) => {
    for (const regex of (value as string[] | null) ?? []) {
      try {
        new RegExp(regex.trim());
      } catch (err) {
        throw ConfigError.invalidValue(
          name,
          value,
          `Must be a valid comma-separated list of regular expression patterns: ${(err as Error).message}`,
        );
      }
    }
  },
  () => 'a valid comma-separated list of Java regular expressions',
);

const NUMERIC_MAPPING_VALIDATOR = LambdaValidator.with(
  (name, value) => {
    if (value === null || value === undefined) return;
    if (!(Object.values(NumericMapping) as string[]).includes(String(value).toLowerCase())) {
      throw ConfigError.invalidValue(
        name,
        value,
        `Invalid value. Valid values are: ${Object.values(NumericMapping).join(', ')}`,
      );
    }
  },
  () => `[${Object.values(NumericMapping).join(', ')}]`,
);

const TOPIC_PREFIX_VALIDATOR = LambdaValidator.with(
  (name, value) => {
    if (value === null || value === undefined)
      throw ConfigError.invalidValue(name, value, 'Topic prefix must not be null.');
    const trimmed = String(value).trim();
    if (trimmed.length > 249) {
      throw ConfigError.invalidValue(
        name,
        value,
        'Topic prefix length must not exceed max topic name length, 249 chars',
      );
    }
    if (INVALID_TOPIC_CHARS.test(trimmed)) {
      throw ConfigError.invalidValue(
        name,
        value,
        "Topic prefix must not contain any character other than ASCII alphanumerics, '.', '_' and '-'.",
      );
    }
  },
  () => "ASCII alphanumerics, '.', '_' and '-', at most 249 characters",
);

const CONNECTION = connectionKeys(DATABASE_GROUP, false);

/**
 * Confluent's JdbcSourceConnectorConfig.CONFIG_DEF for what this source supports: the same keys,
 * defaults and documentation. Not declared (so ignored, with their defaults' behaviour):
 * jdbc.credentials.provider.class, timestamp.columns.mapping, incrementing.column.mapping,
 * transaction.isolation.mode, query.retry.attempts, max.buffer.size, poll.linger.ms,
 * date.calendar.system. timestamp.granularity is declared but only takes connect_logical.
 */
export const SOURCE_CONFIG_DEF = new ConfigDef()
  .define(CONNECTION.url)
  .define(CONNECTION.user)
  .define(CONNECTION.password)
  .define(CONNECTION.attempts)
  .define(CONNECTION.backoff)
  .define({
    name: TABLE_WHITELIST_CONFIG,
    type: ConfigType.LIST,
    defaultValue: '',
    importance: Importance.MEDIUM,
    documentation:
      'List of tables to include in copying. If specified, ``table.blacklist`` may not be set. Use a comma-separated ' +
      'list to specify multiple tables (for example, ``table.whitelist: "User, Address, Email"``).',
    group: DATABASE_GROUP,
    orderInGroup: 6,
    width: Width.LONG,
    displayName: 'Table Whitelist',
  })
  .define({
    name: TABLE_BLACKLIST_CONFIG,
    type: ConfigType.LIST,
    defaultValue: '',
    importance: Importance.MEDIUM,
    documentation:
      'List of tables to exclude from copying. If specified, ``table.whitelist`` may not be set. Use a comma-separated ' +
      'list to specify multiple tables (for example, ``table.blacklist: "User, Address, Email"``).',
    group: DATABASE_GROUP,
    orderInGroup: 7,
    width: Width.LONG,
    displayName: 'Table Blacklist',
  })
  .define({
    name: TABLE_INCLUDE_LIST_CONFIG,
    type: ConfigType.LIST,
    defaultValue: [],
    validator: REGEX_LIST_VALIDATOR,
    importance: Importance.MEDIUM,
    documentation:
      'A comma-separated list of regular expressions that match the fully-qualified names of tables to be copied. ' +
      'Use a comma-separated list to specify multiple regular expressions. Table names are case-sensitive. For ' +
      'example, ``table.include.list: "schema1.customer.*,schema2.order.*"``. If specified, the legacy configs of ' +
      '``table.whitelist``, and ``table.blacklist`` cannot be set.',
    group: DATABASE_GROUP,
    orderInGroup: 8,
    width: Width.LONG,
    displayName: 'Tables Included (Regex)',
  })
  .define({
    name: TABLE_EXCLUDE_LIST_CONFIG,
    type: ConfigType.LIST,
    defaultValue: [],
    validator: REGEX_LIST_VALIDATOR,
    importance: Importance.MEDIUM,
    documentation:
      'A comma-separated list of regular expressions that match the fully-qualified names of tables not to be ' +
      'copied. This only applies to tables that match the include list. REQUIRES ``table.include.list`` to be ' +
      'specified. Use a comma-separated list to specify multiple regular expressions. Table names are ' +
      'case-sensitive. For example, ``table.exclude.list: ".*.temp.*,.*.staging.*"``. If specified, ' +
      '``table.whitelist`` and ``table.blacklist`` cannot not be set.',
    group: DATABASE_GROUP,
    orderInGroup: 9,
    width: Width.LONG,
    displayName: 'Tables Excluded (Regex)',
  })
  .define({
    name: CATALOG_PATTERN_CONFIG,
    type: ConfigType.STRING,
    defaultValue: null,
    importance: Importance.MEDIUM,
    documentation:
      'Catalog pattern to fetch table metadata from the database.\n  * ``""`` retrieves those without a catalog \n' +
      '  * null (default) indicates that the schema name is not used to narrow the search and that all table ' +
      "metadata is fetched, regardless of the catalog. For MySQL the catalog is the database; null means the URL's database.",
    group: DATABASE_GROUP,
    orderInGroup: 10,
    width: Width.SHORT,
    displayName: 'Schema pattern',
  })
  .define({
    name: SCHEMA_PATTERN_CONFIG,
    type: ConfigType.STRING,
    defaultValue: null,
    importance: Importance.HIGH,
    documentation:
      'Schema pattern to fetch table metadata from the database.\n  * ``""`` retrieves those without a schema.\n' +
      '  * null (default) indicates that the schema name is not used to narrow the search and that all table ' +
      'metadata is fetched, regardless of the schema.',
    group: DATABASE_GROUP,
    orderInGroup: 11,
    width: Width.SHORT,
    displayName: 'Schema pattern',
  })
  .define({
    name: NUMERIC_PRECISION_MAPPING_CONFIG,
    type: ConfigType.BOOLEAN,
    defaultValue: false,
    importance: Importance.LOW,
    documentation:
      'Whether or not to attempt mapping NUMERIC values by precision to integral types. This option is now ' +
      'deprecated. A future version may remove it completely. Please use ``numeric.mapping`` instead.',
    group: DATABASE_GROUP,
    orderInGroup: 12,
    width: Width.SHORT,
    displayName: 'Map Numeric Values By Precision (deprecated)',
  })
  .define({
    name: NUMERIC_MAPPING_CONFIG,
    type: ConfigType.STRING,
    defaultValue: null,
    validator: NUMERIC_MAPPING_VALIDATOR,
    importance: Importance.LOW,
    documentation:
      'Map NUMERIC values by precision and optionally scale to integral or decimal types.\n  * Use ``none`` if all ' +
      "NUMERIC columns are to be represented by Connect's DECIMAL logical type.\n  * Use ``best_fit`` if NUMERIC " +
      "columns should be cast to Connect's INT8, INT16, INT32, INT64, or FLOAT64 based upon the column's precision " +
      'and scale. This option may still represent the NUMERIC value as Connect DECIMAL if it cannot be cast to a ' +
      'native type without losing precision. For example, a NUMERIC(20) type with precision 20 would not be able to ' +
      'fit in a native INT64 without overflowing and thus would be retained as DECIMAL.\n  * Use ' +
      '``best_fit_eager_double`` if in addition to the properties of ``best_fit`` described above, it is desirable ' +
      'to always cast NUMERIC columns with scale to Connect FLOAT64 type, despite potential of loss in accuracy.\n' +
      "  * Use ``precision_only`` to map NUMERIC columns based only on the column's precision assuming that " +
      "column's scale is 0.\n  * The ``none`` option is the default, but may lead to serialization issues with " +
      "Avro since Connect's DECIMAL type is mapped to its binary representation, and ``best_fit`` will often be " +
      'preferred since it maps to the most appropriate primitive type.',
    group: DATABASE_GROUP,
    orderInGroup: 13,
    width: Width.SHORT,
    displayName: 'Map Numeric Values, Integral or Decimal, By Precision and Scale',
  })
  .define({ ...CONNECTION.dialectName, orderInGroup: 14 })
  .define({
    name: MODE_CONFIG,
    type: ConfigType.STRING,
    defaultValue: Mode.UNSPECIFIED,
    validator: ValidString.in(...Object.values(Mode)),
    importance: Importance.HIGH,
    documentation:
      'The mode for updating a table each time it is polled. Options include:\n  * bulk: perform a bulk load of the ' +
      'entire table each time it is polled\n  * incrementing: use a strictly incrementing column on each table to ' +
      'detect only new rows. Note that this will not detect modifications or deletions of existing rows.\n  * ' +
      'timestamp: use a timestamp (or timestamp-like) column to detect new and modified rows. This assumes the ' +
      'column is updated with each write, and that values are monotonically incrementing, but not necessarily ' +
      'unique.\n  * timestamp+incrementing: use two columns, a timestamp column that detects new and modified rows ' +
      'and a strictly incrementing column which provides a globally unique ID for updates so each row can be ' +
      'assigned a unique stream offset.',
    group: MODE_GROUP,
    orderInGroup: 1,
    width: Width.MEDIUM,
    displayName: 'Table Loading Mode',
    dependents: [INCREMENTING_COLUMN_NAME_CONFIG, TIMESTAMP_COLUMN_NAME_CONFIG, VALIDATE_NON_NULL_CONFIG],
  })
  .define({
    name: INCREMENTING_COLUMN_NAME_CONFIG,
    type: ConfigType.STRING,
    defaultValue: '',
    importance: Importance.MEDIUM,
    documentation:
      'The name of the strictly incrementing column to use to detect new rows. Any empty value indicates the ' +
      'column should be autodetected by looking for an auto-incrementing column. This column may not be nullable.',
    group: MODE_GROUP,
    orderInGroup: 2,
    width: Width.MEDIUM,
    displayName: 'Incrementing Column Name',
  })
  .define({
    name: TIMESTAMP_COLUMN_NAME_CONFIG,
    type: ConfigType.LIST,
    defaultValue: '',
    importance: Importance.MEDIUM,
    documentation:
      'Comma separated list of one or more timestamp columns to detect new or modified rows using the COALESCE SQL ' +
      'function. Rows whose first non-null timestamp value is greater than the largest previous timestamp value ' +
      'seen will be discovered with each poll. At least one column should not be nullable.',
    group: MODE_GROUP,
    orderInGroup: 3,
    width: Width.MEDIUM,
    displayName: 'Timestamp Column Name',
  })
  .define({
    name: TIMESTAMP_INITIAL_CONFIG,
    type: ConfigType.LONG,
    defaultValue: null,
    importance: Importance.LOW,
    documentation:
      'The epoch timestamp used for initial queries that use timestamp criteria. Use -1 to use the current time. ' +
      'If not specified, all data will be retrieved.',
    group: MODE_GROUP,
    orderInGroup: 4,
    width: Width.MEDIUM,
    displayName: 'Unix time value of initial timestamp',
  })
  .define({
    name: VALIDATE_NON_NULL_CONFIG,
    type: ConfigType.BOOLEAN,
    defaultValue: true,
    importance: Importance.LOW,
    documentation:
      'By default, the JDBC connector will validate that all incrementing and timestamp tables have NOT NULL set ' +
      "for the columns being used as their ID/timestamp. If the tables don't, JDBC connector will fail to start. " +
      'Setting this to false will disable these checks.',
    group: MODE_GROUP,
    orderInGroup: 5,
    width: Width.SHORT,
    displayName: 'Validate Non Null',
  })
  .define({
    name: QUERY_CONFIG,
    type: ConfigType.STRING,
    defaultValue: '',
    importance: Importance.MEDIUM,
    documentation:
      'If specified, the query to perform to select new or updated rows. Use this setting if you want to join ' +
      'tables, select subsets of columns in a table, or filter data. If used, this connector will only copy data ' +
      'using this query -- whole-table copying will be disabled. Different query modes may still be used for ' +
      'incremental updates, but in order to properly construct the incremental query, it must be possible to append ' +
      'a WHERE clause to this query (i.e. no WHERE clauses may be used). If you use a WHERE clause, it must handle ' +
      'incremental queries itself.',
    group: MODE_GROUP,
    orderInGroup: 6,
    width: Width.SHORT,
    displayName: 'Query',
  })
  .define({
    name: QUERY_MASKED_CONFIG,
    type: ConfigType.PASSWORD,
    defaultValue: '',
    importance: Importance.MEDIUM,
    documentation:
      "Same as 'query' configuration but the query string is masked. Use this config to prevent sensitive information from being logged.",
    group: MODE_GROUP,
    orderInGroup: 7,
    width: Width.SHORT,
    displayName: 'Query (Masked)',
  })
  .define({
    name: QUOTE_SQL_IDENTIFIERS_CONFIG,
    type: ConfigType.STRING,
    defaultValue: QuoteMethod.ALWAYS,
    validator: QUOTE_METHOD_VALIDATOR,
    importance: Importance.MEDIUM,
    documentation: QUOTE_SQL_IDENTIFIERS_DOC,
    group: MODE_GROUP,
    orderInGroup: 8,
    width: Width.MEDIUM,
    displayName: 'Quote Identifiers',
  })
  .define({
    name: QUERY_SUFFIX_CONFIG,
    type: ConfigType.STRING,
    defaultValue: '',
    importance: Importance.LOW,
    documentation: 'Suffix to append at the end of the generated query.',
    group: MODE_GROUP,
    orderInGroup: 9,
    width: Width.MEDIUM,
    displayName: 'Query suffix',
  })
  .define({
    name: TABLE_TYPES_CONFIG,
    type: ConfigType.LIST,
    defaultValue: 'TABLE',
    importance: Importance.LOW,
    documentation:
      'By default, the JDBC connector will only detect tables with type TABLE from the source Database. This config ' +
      'allows a command separated list of table types to extract. Options include:\n  * TABLE\n  * VIEW\n  * ' +
      'MATERIALIZED VIEW, FOREIGN TABLE, PARTITIONED TABLE (PostgreSQL)\n  * SYSTEM VIEW (MySQL)\n  In most cases it ' +
      'only makes sense to have either TABLE or VIEW.',
    group: CONNECTOR_GROUP,
    orderInGroup: 1,
    width: Width.MEDIUM,
    displayName: 'Table Types',
  })
  .define({
    name: POLL_INTERVAL_MS_CONFIG,
    type: ConfigType.INT,
    defaultValue: 5000,
    importance: Importance.HIGH,
    documentation: 'Frequency in ms to poll for new data in each table.',
    group: CONNECTOR_GROUP,
    orderInGroup: 2,
    width: Width.SHORT,
    displayName: 'Poll Interval (ms)',
  })
  .define({
    name: BATCH_MAX_ROWS_CONFIG,
    type: ConfigType.INT,
    defaultValue: 1000,
    importance: Importance.LOW,
    documentation:
      'Maximum number of rows to include in a single batch when polling for new data. This setting can be used to ' +
      'limit the amount of data buffered internally in the connector.',
    group: CONNECTOR_GROUP,
    orderInGroup: 3,
    width: Width.SHORT,
    displayName: 'Max Rows Per Batch',
  })
  .define({
    name: TABLE_POLL_INTERVAL_MS_CONFIG,
    type: ConfigType.LONG,
    defaultValue: 60_000,
    importance: Importance.LOW,
    documentation:
      'Frequency in ms to poll for new or removed tables, which may result in updated task configurations to start ' +
      'polling for data in added tables or stop polling for data in removed tables.',
    group: CONNECTOR_GROUP,
    orderInGroup: 4,
    width: Width.SHORT,
    displayName: 'Metadata Change Monitoring Interval (ms)',
  })
  .define({
    name: TOPIC_PREFIX_CONFIG,
    type: ConfigType.STRING,
    defaultValue: '',
    validator: TOPIC_PREFIX_VALIDATOR,
    importance: Importance.HIGH,
    documentation:
      'Prefix to prepend to table names to generate the name of the Kafka topic to publish data to, or in the case ' +
      'of a custom query, the full name of the topic to publish to.',
    group: CONNECTOR_GROUP,
    orderInGroup: 5,
    width: Width.MEDIUM,
    displayName: 'Topic Prefix',
  })
  .define({
    name: TIMESTAMP_DELAY_INTERVAL_MS_CONFIG,
    type: ConfigType.LONG,
    defaultValue: 0,
    importance: Importance.HIGH,
    documentation:
      'How long to wait after a row with certain timestamp appears before we include it in the result. You may ' +
      'choose to add some delay to allow transactions with earlier timestamp to complete. The first execution will ' +
      'fetch all available records (i.e. starting at timestamp 0) until current time minus the delay. Every ' +
      'following execution will get data from the last time we fetched until current time minus the delay.',
    group: CONNECTOR_GROUP,
    orderInGroup: 6,
    width: Width.MEDIUM,
    displayName: 'Delay Interval (ms)',
  })
  .define({
    name: DB_TIMEZONE_CONFIG,
    type: ConfigType.STRING,
    defaultValue: 'UTC',
    validator: TIME_ZONE_VALIDATOR,
    importance: Importance.MEDIUM,
    documentation:
      'Name of the JDBC timezone used in the connector when querying with time-based criteria. Defaults to UTC.',
    group: CONNECTOR_GROUP,
    orderInGroup: 7,
    width: Width.MEDIUM,
    displayName: 'DB time zone',
  })
  .define({
    name: TIMESTAMP_GRANULARITY_CONFIG,
    type: ConfigType.STRING,
    defaultValue: 'connect_logical',
    validator: LambdaValidator.with(
      (name, value) => {
        if (String(value).toLowerCase() !== 'connect_logical') {
          throw ConfigError.invalidValue(name, value, 'Only connect_logical is supported by this connector');
        }
      },
      () => '[connect_logical]',
    ),
    importance: Importance.LOW,
    documentation:
      "Define the granularity of the Timestamp column. Only connect_logical: represents timestamp values using Kafka Connect's built-in representations.",
    group: CONNECTOR_GROUP,
    orderInGroup: 8,
    width: Width.MEDIUM,
    displayName: 'Timestamp granularity for timestamp columns',
  });

/** The task config: the connector's keys plus the tables it was given (Confluent's JdbcSourceTaskConfig). */
export const SOURCE_TASK_CONFIG_DEF = new ConfigDef(SOURCE_CONFIG_DEF)
  .define({
    name: TABLES_CONFIG,
    type: ConfigType.STRING,
    defaultValue: '',
    importance: Importance.HIGH,
    documentation: 'List of tables for this task to watch for changes.',
  })
  .defineInternal(TABLES_FETCHED_CONFIG, ConfigType.BOOLEAN, false, Importance.HIGH)
  .defineInternal(TABLES_DISCOVER_CONFIG, ConfigType.BOOLEAN, false, Importance.LOW);

/** A parsed source config, read once through the ConfigDef. */
export class JdbcSourceConfig {
  readonly connectionUrl: string;
  readonly connectionUser: string | null;
  readonly connectionPassword: string | null;
  readonly connectionAttempts: number;
  readonly connectionBackoffMs: number;
  readonly dialectName: string;
  readonly whitelist: readonly string[];
  readonly blacklist: readonly string[];
  readonly includeList: readonly string[];
  readonly excludeList: readonly string[];
  readonly catalogPattern: string | null;
  readonly schemaPattern: string | null;
  readonly numericMapping: NumericMapping;
  readonly mode: Mode;
  readonly incrementingColumnName: string;
  readonly timestampColumnNames: readonly string[];
  readonly timestampInitial: number | null;
  readonly validateNonNull: boolean;
  /** query.masked if set, else query; null in table mode. */
  readonly query: string | null;
  readonly querySuffix: string;
  readonly quoteMethod: QuoteMethod;
  readonly tableTypes: readonly string[];
  readonly pollIntervalMs: number;
  readonly batchMaxRows: number;
  readonly tablePollIntervalMs: number;
  readonly topicPrefix: string;
  readonly timestampDelayIntervalMs: number;
  readonly timeZone: TimeZone;
  readonly tables: string;
  readonly tablesFetched: boolean;
  readonly tablesDiscover: boolean;

  /** @throws ConfigError for an invalid config (the first problem, as Kafka's AbstractConfig). */
  constructor(props: Readonly<Record<string, string>>, definition: ConfigDef = SOURCE_TASK_CONFIG_DEF) {
    const config = new AbstractConfig(definition, props);
    this.connectionUrl = config.getString(CONNECTION_URL_CONFIG) ?? '';
    this.connectionUser = config.getString(CONNECTION_USER_CONFIG);
    this.connectionPassword = config.getPassword(CONNECTION_PASSWORD_CONFIG)?.value() ?? null;
    this.connectionAttempts = config.getInt(CONNECTION_ATTEMPTS_CONFIG) ?? 3;
    this.connectionBackoffMs = config.getLong(CONNECTION_BACKOFF_CONFIG) ?? 10_000;
    this.dialectName = config.getString(DIALECT_NAME_CONFIG) ?? '';
    this.whitelist = nonEmpty(config.getList(TABLE_WHITELIST_CONFIG));
    this.blacklist = nonEmpty(config.getList(TABLE_BLACKLIST_CONFIG));
    this.includeList = nonEmpty(config.getList(TABLE_INCLUDE_LIST_CONFIG));
    this.excludeList = nonEmpty(config.getList(TABLE_EXCLUDE_LIST_CONFIG));
    this.catalogPattern = config.getString(CATALOG_PATTERN_CONFIG);
    this.schemaPattern = config.getString(SCHEMA_PATTERN_CONFIG);
    const mapping = config.getString(NUMERIC_MAPPING_CONFIG);
    this.numericMapping = mapping
      ? (mapping.toLowerCase() as NumericMapping)
      : config.getBoolean(NUMERIC_PRECISION_MAPPING_CONFIG)
        ? NumericMapping.PRECISION_ONLY
        : NumericMapping.NONE;
    this.mode = (config.getString(MODE_CONFIG) ?? '') as Mode;
    this.incrementingColumnName = (config.getString(INCREMENTING_COLUMN_NAME_CONFIG) ?? '').trim();
    this.timestampColumnNames = nonEmpty(config.getList(TIMESTAMP_COLUMN_NAME_CONFIG));
    this.timestampInitial = config.getLong(TIMESTAMP_INITIAL_CONFIG);
    this.validateNonNull = config.getBoolean(VALIDATE_NON_NULL_CONFIG) ?? true;
    const masked = config.getPassword(QUERY_MASKED_CONFIG)?.value() ?? '';
    const query = config.getString(QUERY_CONFIG) ?? '';
    this.query = masked !== '' ? masked : query !== '' ? query : null;
    this.querySuffix = (config.getString(QUERY_SUFFIX_CONFIG) ?? '').trim();
    this.quoteMethod = (config.getString(QUOTE_SQL_IDENTIFIERS_CONFIG) ?? 'always').toLowerCase() as QuoteMethod;
    this.tableTypes = (config.getList(TABLE_TYPES_CONFIG) ?? ['TABLE']).map((t) => t.trim().toUpperCase());
    this.pollIntervalMs = config.getInt(POLL_INTERVAL_MS_CONFIG) ?? 5000;
    this.batchMaxRows = config.getInt(BATCH_MAX_ROWS_CONFIG) ?? 1000;
    this.tablePollIntervalMs = config.getLong(TABLE_POLL_INTERVAL_MS_CONFIG) ?? 60_000;
    this.topicPrefix = (config.getString(TOPIC_PREFIX_CONFIG) ?? '').trim();
    this.timestampDelayIntervalMs = config.getLong(TIMESTAMP_DELAY_INTERVAL_MS_CONFIG) ?? 0;
    this.timeZone = TimeZone.of(config.getString(DB_TIMEZONE_CONFIG) ?? 'UTC');
    const taskKeys = definition.configKeys().has(TABLES_CONFIG);
    this.tables = taskKeys ? (config.getString(TABLES_CONFIG) ?? '') : '';
    this.tablesFetched = taskKeys ? (config.getBoolean(TABLES_FETCHED_CONFIG) ?? false) : false;
    this.tablesDiscover = taskKeys ? (config.getBoolean(TABLES_DISCOVER_CONFIG) ?? false) : false;
  }

  get usesTimestampColumns(): boolean {
    return this.mode === Mode.TIMESTAMP || this.mode === Mode.TIMESTAMP_INCREMENTING;
  }

  get usesIncrementingColumn(): boolean {
    return this.mode === Mode.INCREMENTING || this.mode === Mode.TIMESTAMP_INCREMENTING;
  }
}

function nonEmpty(list: string[] | null): string[] {
  return (list ?? []).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * The cross-key rules Confluent's JdbcSourceConnectorValidation checks, as (key, message) pairs:
 * a mode is required; query excludes table filters; whitelist and blacklist exclude each other and
 * the regex lists; exclude needs include; timestamp modes need timestamp.column.name; incrementing
 * modes over a query need incrementing.column.name.
 */
export function crossKeyProblems(config: JdbcSourceConfig): Array<{ key: string; message: string }> {
  const problems: Array<{ key: string; message: string }> = [];
  if (config.mode === Mode.UNSPECIFIED) problems.push({ key: MODE_CONFIG, message: 'Query mode must be specified' });
  const legacy = config.whitelist.length > 0 || config.blacklist.length > 0;
  const regex = config.includeList.length > 0 || config.excludeList.length > 0;
  if (config.query !== null && (legacy || regex)) {
    problems.push({
      key: QUERY_CONFIG,
      message:
        "Do not specify table filtering configs with 'query'. Remove table.whitelist / table.blacklist / " +
        "table.include.list / table.exclude.list when using query mode or 'query' when using table filtering mode.",
    });
  }
  if (config.whitelist.length > 0 && config.blacklist.length > 0) {
    problems.push({ key: TABLE_WHITELIST_CONFIG, message: 'table.whitelist and table.blacklist are exclusive.' });
  }
  if (legacy && regex) {
    problems.push({
      key: TABLE_INCLUDE_LIST_CONFIG,
      message:
        'Cannot mix legacy and new configuration approaches. Legacy configurations (table.whitelist, ' +
        'table.blacklist) cannot be used together with new configurations (table.include.list, table.exclude.list).',
    });
  }
  if (config.excludeList.length > 0 && config.includeList.length === 0) {
    problems.push({
      key: TABLE_EXCLUDE_LIST_CONFIG,
      message:
        'table.exclude.list cannot be used without table.include.list. Exclude list only applies to tables that match the include list.',
    });
  }
  if (config.usesTimestampColumns && config.timestampColumnNames.length === 0) {
    problems.push({
      key: TIMESTAMP_COLUMN_NAME_CONFIG,
      message: `Timestamp column configuration must be provided when using mode '${Mode.TIMESTAMP}' or '${Mode.TIMESTAMP_INCREMENTING}'.`,
    });
  }
  if (config.usesIncrementingColumn && config.query !== null && config.incrementingColumnName === '') {
    problems.push({
      key: INCREMENTING_COLUMN_NAME_CONFIG,
      message:
        `'${INCREMENTING_COLUMN_NAME_CONFIG}' must be provided when using mode '${Mode.INCREMENTING}' or ` +
        `'${Mode.TIMESTAMP_INCREMENTING}' with a custom query. The incrementing column cannot be auto-discovered in ` +
        'query mode because there is no table to inspect.',
    });
  }
  return problems;
}
