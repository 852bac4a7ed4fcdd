import {
  AbstractConfig,
  ConfigDef,
  ConfigError,
  ConfigType,
  Importance,
  NonEmptyString,
  Range,
  ValidList,
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
  enumValidator,
  QUOTE_METHOD_VALIDATOR,
  QUOTE_SQL_IDENTIFIERS_CONFIG,
  QUOTE_SQL_IDENTIFIERS_DOC,
  TABLE_TYPES_CONFIG,
  TIME_ZONE_VALIDATOR,
} from '../jdbc-config';
import { TimeZone } from '../util/time-zone';

export const InsertMode = { INSERT: 'insert', UPSERT: 'upsert', UPDATE: 'update' } as const;
export type InsertMode = (typeof InsertMode)[keyof typeof InsertMode];

export const PrimaryKeyMode = {
  NONE: 'none',
  KAFKA: 'kafka',
  RECORD_KEY: 'record_key',
  RECORD_VALUE: 'record_value',
} as const;
export type PrimaryKeyMode = (typeof PrimaryKeyMode)[keyof typeof PrimaryKeyMode];

/** Confluent's JdbcSinkConfig.DEFAULT_KAFKA_PK_NAMES. */
export const DEFAULT_KAFKA_PK_NAMES = ['__connect_topic', '__connect_partition', '__connect_offset'] as const;

export const TABLE_NAME_FORMAT_CONFIG = 'table.name.format';
export const MAX_RETRIES_CONFIG = 'max.retries';
export const RETRY_BACKOFF_MS_CONFIG = 'retry.backoff.ms';
export const BATCH_SIZE_CONFIG = 'batch.size';
export const DELETE_ENABLED_CONFIG = 'delete.enabled';
export const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';
export const AUTO_CREATE_CONFIG = 'auto.create';
export const AUTO_EVOLVE_CONFIG = 'auto.evolve';
export const INSERT_MODE_CONFIG = 'insert.mode';
export const PK_FIELDS_CONFIG = 'pk.fields';
export const PK_MODE_CONFIG = 'pk.mode';
export const FIELDS_WHITELIST_CONFIG = 'fields.whitelist';
export const DATE_TIMEZONE_CONFIG = 'date.timezone';

const CONNECTION_GROUP = 'Connection';
const WRITES_GROUP = 'Writes';
const DATAMAPPING_GROUP = 'Data Mapping';
const DDL_GROUP = 'DDL Support';
const RETRIES_GROUP = 'Retries';

/**
 * Confluent's JdbcSinkConfig.CONFIG_DEF: the same keys, defaults and documentation for what this
 * sink supports. Keys it does not support (jdbc.credentials.provider.class, timestamp.fields.list,
 * timestamp.precision.mode, date.calendar.system, mssql.use.merge.holdlock,
 * string.output.value.column.name) are not declared, so a config naming them still runs (Kafka
 * ignores keys a connector does not define) with their defaults' behaviour.
 */
const CONNECTION = connectionKeys(CONNECTION_GROUP, true);

export const SINK_CONFIG_DEF = new ConfigDef()
  .define(CONNECTION.url)
  .define(CONNECTION.user)
  .define(CONNECTION.password)
  .define(CONNECTION.dialectName)
  .define(CONNECTION.attempts)
  .define(CONNECTION.backoff)
  .define({
    name: INSERT_MODE_CONFIG,
    type: ConfigType.STRING,
    defaultValue: InsertMode.INSERT,
    validator: enumValidator('insert', 'upsert', 'update'),
    importance: Importance.HIGH,
    documentation:
      'The insertion mode to use. Supported modes are:\n``insert``\n    Use standard SQL ``INSERT`` statements.\n' +
      '``upsert``\n    Use the appropriate upsert semantics for the target database if it is supported by the connector, ' +
      'e.g. ``INSERT .. ON CONFLICT .. DO UPDATE``.\n``update``\n    Use the appropriate update semantics for the target ' +
      'database if it is supported by the connector, e.g. ``UPDATE``.',
    group: WRITES_GROUP,
    orderInGroup: 1,
    width: Width.MEDIUM,
    displayName: 'Insert Mode',
  })
  .define({
    name: BATCH_SIZE_CONFIG,
    type: ConfigType.INT,
    defaultValue: 3000,
    validator: Range.atLeast(0),
    importance: Importance.MEDIUM,
    documentation:
      'Specifies how many records to attempt to batch together for insertion into the destination table, when possible.',
    group: WRITES_GROUP,
    orderInGroup: 2,
    width: Width.SHORT,
    displayName: 'Batch Size',
  })
  .define({
    name: DELETE_ENABLED_CONFIG,
    type: ConfigType.BOOLEAN,
    defaultValue: false,
    importance: Importance.MEDIUM,
    documentation: 'Whether to treat ``null`` record values as deletes. Requires ``pk.mode`` to be ``record_key``.',
    group: WRITES_GROUP,
    orderInGroup: 3,
    width: Width.SHORT,
    displayName: 'Enable deletes',
  })
  .define({
    name: TABLE_TYPES_CONFIG,
    type: ConfigType.LIST,
    defaultValue: 'TABLE',
    validator: ValidList.in('TABLE', 'VIEW'),
    importance: Importance.LOW,
    documentation:
      'The comma-separated types of database tables to which the sink connector can write. By default this is ' +
      '``TABLE``, but any combination of ``TABLE`` and ``VIEW`` is allowed. Not all databases support writing to ' +
      "views, and when they do the the sink connector will fail if the view definition does not match the records' schemas " +
      '(regardless of ``auto.evolve``).',
    group: WRITES_GROUP,
    orderInGroup: 4,
    width: Width.MEDIUM,
    displayName: 'Table Types',
  })
  .define({
    name: REPLACE_NULL_WITH_DEFAULT_CONFIG,
    type: ConfigType.BOOLEAN,
    defaultValue: true,
    importance: Importance.LOW,
    documentation: 'Whether to replace ``null`` value with default value',
    group: WRITES_GROUP,
    orderInGroup: 5,
    width: Width.MEDIUM,
    displayName: 'Replace null value with default value',
  })
  .define({
    name: TABLE_NAME_FORMAT_CONFIG,
    type: ConfigType.STRING,
    defaultValue: '${topic}',
    validator: new NonEmptyString(),
    importance: Importance.MEDIUM,
    documentation:
      "A format string for the destination table name, which may contain '${topic}' as a placeholder for the " +
      "originating topic name.\nFor example, ``kafka_${topic}`` for the topic 'orders' will map to the table name 'kafka_orders'.",
    group: DATAMAPPING_GROUP,
    orderInGroup: 1,
    width: Width.LONG,
    displayName: 'Table Name Format',
  })
  .define({
    name: PK_MODE_CONFIG,
    type: ConfigType.STRING,
    defaultValue: PrimaryKeyMode.NONE,
    validator: enumValidator('none', 'kafka', 'record_key', 'record_value'),
    importance: Importance.HIGH,
    documentation:
      'The primary key mode, also refer to ``pk.fields`` documentation for interplay. Supported modes are:\n' +
      '``none``\n    No keys utilized.\n``kafka``\n    Kafka coordinates are used as the PK.\n``record_key``\n' +
      '    Field(s) from the record key are used, which may be a primitive or a struct.\n``record_value``\n' +
      '    Field(s) from the record value are used, which must be a struct.',
    group: DATAMAPPING_GROUP,
    orderInGroup: 2,
    width: Width.MEDIUM,
    displayName: 'Primary Key Mode',
  })
  .define({
    name: PK_FIELDS_CONFIG,
    type: ConfigType.LIST,
    defaultValue: '',
    importance: Importance.MEDIUM,
    documentation:
      'List of comma-separated primary key field names. The runtime interpretation of this config depends on the ' +
      '``pk.mode``:\n``none``\n    Ignored as no fields are used as primary key in this mode.\n``kafka``\n' +
      `    Must be a trio representing the Kafka coordinates, defaults to \`\`${DEFAULT_KAFKA_PK_NAMES.join(',')}\`\` if empty.\n` +
      '``record_key``\n    If empty, all fields from the key struct will be used, otherwise used to extract the ' +
      'desired fields - for primitive key only a single field name must be configured.\n``record_value``\n' +
      '    If empty, all fields from the value struct will be used, otherwise used to extract the desired fields.',
    group: DATAMAPPING_GROUP,
    orderInGroup: 3,
    width: Width.LONG,
    displayName: 'Primary Key Fields',
  })
  .define({
    name: FIELDS_WHITELIST_CONFIG,
    type: ConfigType.LIST,
    defaultValue: '',
    importance: Importance.MEDIUM,
    documentation:
      'List of comma-separated record value field names. If empty, all fields from the record value are utilized, ' +
      'otherwise used to filter to the desired fields.\nNote that ``pk.fields`` is applied independently in the ' +
      'context of which field(s) form the primary key columns in the destination database, while this configuration ' +
      'is applicable for the other columns.',
    group: DATAMAPPING_GROUP,
    orderInGroup: 4,
    width: Width.LONG,
    displayName: 'Fields Whitelist',
  })
  .define({
    name: DB_TIMEZONE_CONFIG,
    type: ConfigType.STRING,
    defaultValue: 'UTC',
    validator: TIME_ZONE_VALIDATOR,
    importance: Importance.MEDIUM,
    documentation:
      'Name of the JDBC timezone that should be used in the connector when inserting time-based values. Defaults to UTC.',
    group: DATAMAPPING_GROUP,
    orderInGroup: 5,
    width: Width.MEDIUM,
    displayName: 'DB Time Zone',
  })
  .define({
    name: DATE_TIMEZONE_CONFIG,
    type: ConfigType.STRING,
    defaultValue: 'DB_TIMEZONE',
    validator: enumValidator('DB_TIMEZONE', 'UTC'),
    importance: Importance.LOW,
    documentation:
      'Name of the JDBC timezone that should be used in the connector when inserting DATE type values. Defaults to ' +
      'DB_TIMEZONE that uses the timezone set for db.timzeone configuration (to maintain backward compatibility). It ' +
      'is recommended to set this to UTC to avoid conversion for DATE type values.',
    group: DATAMAPPING_GROUP,
    orderInGroup: 6,
    width: Width.MEDIUM,
    displayName: 'Time Zone used for Date',
  })
  .define({
    name: AUTO_CREATE_CONFIG,
    type: ConfigType.BOOLEAN,
    defaultValue: false,
    importance: Importance.MEDIUM,
    documentation:
      'Whether to automatically create the destination table based on record schema if it is found to be missing by issuing ``CREATE``.',
    group: DDL_GROUP,
    orderInGroup: 1,
    width: Width.SHORT,
    displayName: 'Auto-Create',
  })
  .define({
    name: AUTO_EVOLVE_CONFIG,
    type: ConfigType.BOOLEAN,
    defaultValue: false,
    importance: Importance.MEDIUM,
    documentation:
      'Whether to automatically add columns in the table schema when found to be missing relative to the record schema by issuing ``ALTER``.',
    group: DDL_GROUP,
    orderInGroup: 2,
    width: Width.SHORT,
    displayName: 'Auto-Evolve',
  })
  .define({
    name: QUOTE_SQL_IDENTIFIERS_CONFIG,
    type: ConfigType.STRING,
    defaultValue: QuoteMethod.ALWAYS,
    validator: QUOTE_METHOD_VALIDATOR,
    importance: Importance.MEDIUM,
    documentation: QUOTE_SQL_IDENTIFIERS_DOC,
    group: DDL_GROUP,
    orderInGroup: 3,
    width: Width.MEDIUM,
    displayName: 'Quote Identifiers',
  })
  .define({
    name: MAX_RETRIES_CONFIG,
    type: ConfigType.INT,
    defaultValue: 10,
    validator: Range.atLeast(0),
    importance: Importance.MEDIUM,
    documentation: 'The maximum number of times to retry on errors before failing the task.',
    group: RETRIES_GROUP,
    orderInGroup: 1,
    width: Width.SHORT,
    displayName: 'Maximum Retries',
  })
  .define({
    name: RETRY_BACKOFF_MS_CONFIG,
    type: ConfigType.INT,
    defaultValue: 3000,
    validator: Range.atLeast(0),
    importance: Importance.MEDIUM,
    documentation: 'The time in milliseconds to wait following an error before a retry attempt is made.',
    group: RETRIES_GROUP,
    orderInGroup: 2,
    width: Width.SHORT,
    displayName: 'Retry Backoff (millis)',
  });

/** A parsed sink config (Confluent's JdbcSinkConfig): typed fields read once through the ConfigDef. */
export class JdbcSinkConfig {
  readonly connectionUrl: string;
  readonly connectionUser: string | null;
  readonly connectionPassword: string | null;
  readonly connectionAttempts: number;
  readonly connectionBackoffMs: number;
  readonly dialectName: string;
  readonly tableNameFormat: string;
  readonly batchSize: number;
  readonly deleteEnabled: boolean;
  readonly replaceNullWithDefault: boolean;
  readonly maxRetries: number;
  readonly retryBackoffMs: number;
  readonly autoCreate: boolean;
  readonly autoEvolve: boolean;
  readonly insertMode: InsertMode;
  readonly pkMode: PrimaryKeyMode;
  readonly pkFields: readonly string[];
  readonly fieldsWhitelist: ReadonlySet<string>;
  readonly tableTypes: ReadonlySet<string>;
  readonly quoteMethod: QuoteMethod;
  readonly timeZone: TimeZone;
  readonly dateTimeZone: TimeZone;
  /** The connector's name (for messages), from the framework's `name` key. */
  readonly connectorName: string;

  /** @throws ConfigError for an invalid config, or delete.enabled without pk.mode=record_key (Confluent's check). */
  constructor(props: Readonly<Record<string, string>>) {
    const config = new AbstractConfig(SINK_CONFIG_DEF, props);
    this.connectionUrl = config.getString(CONNECTION_URL_CONFIG) ?? '';
    this.connectionUser = config.getString(CONNECTION_USER_CONFIG);
    this.connectionPassword = config.getPassword(CONNECTION_PASSWORD_CONFIG)?.value() ?? null;
    this.connectionAttempts = config.getInt(CONNECTION_ATTEMPTS_CONFIG) ?? 3;
    this.connectionBackoffMs = config.getLong(CONNECTION_BACKOFF_CONFIG) ?? 10_000;
    this.dialectName = config.getString(DIALECT_NAME_CONFIG) ?? '';
    this.tableNameFormat = (config.getString(TABLE_NAME_FORMAT_CONFIG) ?? '${topic}').trim();
    this.batchSize = config.getInt(BATCH_SIZE_CONFIG) ?? 3000;
    this.deleteEnabled = config.getBoolean(DELETE_ENABLED_CONFIG) ?? false;
    this.replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
    this.maxRetries = config.getInt(MAX_RETRIES_CONFIG) ?? 10;
    this.retryBackoffMs = config.getInt(RETRY_BACKOFF_MS_CONFIG) ?? 3000;
    this.autoCreate = config.getBoolean(AUTO_CREATE_CONFIG) ?? false;
    this.autoEvolve = config.getBoolean(AUTO_EVOLVE_CONFIG) ?? false;
    this.insertMode = (config.getString(INSERT_MODE_CONFIG) ?? 'insert').toLowerCase() as InsertMode;
    this.pkMode = (config.getString(PK_MODE_CONFIG) ?? 'none').toLowerCase() as PrimaryKeyMode;
    this.pkFields = config.getList(PK_FIELDS_CONFIG) ?? [];
    this.fieldsWhitelist = new Set(config.getList(FIELDS_WHITELIST_CONFIG) ?? []);
    this.tableTypes = new Set((config.getList(TABLE_TYPES_CONFIG) ?? ['TABLE']).map((t) => t.toUpperCase()));
    this.quoteMethod = (config.getString(QUOTE_SQL_IDENTIFIERS_CONFIG) ?? 'always').toLowerCase() as QuoteMethod;
    this.timeZone = TimeZone.of(config.getString(DB_TIMEZONE_CONFIG) ?? 'UTC');
    this.dateTimeZone =
      (config.getString(DATE_TIMEZONE_CONFIG) ?? '').toUpperCase() === 'UTC' ? TimeZone.UTC : this.timeZone;
    this.connectorName = props.name ?? '';
    if (this.deleteEnabled && this.pkMode !== PrimaryKeyMode.RECORD_KEY) {
      throw new ConfigError("Primary key mode must be 'record_key' when delete support is enabled", {
        key: DELETE_ENABLED_CONFIG,
      });
    }
  }
}
