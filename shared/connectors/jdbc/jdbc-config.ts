import {
  ConfigError,
  type ConfigKeyInit,
  ConfigType,
  Importance,
  LambdaValidator,
  Range,
  type Validator,
  Width,
} from '../../api';
import { DIALECT_NAMES } from './dialect/dialects';
import { TimeZone } from './util/time-zone';

/** The Confluent release whose JDBC connectors these reproduce (their config keys, defaults and offsets). */
export const VERSION = '10.9.7';

/** The key a task config names its task class by (Kafka's TaskConfig.TASK_CLASS_CONFIG). */
export const TASK_CLASS_CONFIG = 'task.class';

export const CONNECTION_URL_CONFIG = 'connection.url';
export const CONNECTION_USER_CONFIG = 'connection.user';
export const CONNECTION_PASSWORD_CONFIG = 'connection.password';
export const CONNECTION_ATTEMPTS_CONFIG = 'connection.attempts';
export const CONNECTION_BACKOFF_CONFIG = 'connection.backoff.ms';
export const DIALECT_NAME_CONFIG = 'dialect.name';
export const QUOTE_SQL_IDENTIFIERS_CONFIG = 'quote.sql.identifiers';
export const DB_TIMEZONE_CONFIG = 'db.timezone';
export const TABLE_TYPES_CONFIG = 'table.types';

export const CONNECTION_URL_DOC =
  'JDBC connection URL.\nFor example: ``jdbc:postgresql://localhost:5432/db_name``, ``jdbc:mysql://localhost/db_name``, ' +
  '``jdbc:mariadb://localhost/db_name``. PostgreSQL and MySQL / MariaDB are supported.';
export const CONNECTION_ATTEMPTS_DOC =
  'Maximum number of attempts to retrieve a valid JDBC connection. Must be a positive integer.';
export const CONNECTION_BACKOFF_DOC = 'Backoff time in milliseconds between connection attempts.';
export const DIALECT_NAME_DOC =
  'The name of the database dialect that should be used for this connector. By default this is empty, and the ' +
  'connector automatically determines the dialect based upon the JDBC connection URL. Use this if you want to ' +
  `override that behavior and use a specific dialect. Supported: ${DIALECT_NAMES.join(', ')}.`;
export const QUOTE_SQL_IDENTIFIERS_DOC =
  'When to quote table names, column names, and other identifiers in SQL statements. For backward compatibility, the default is ``always``.';

/** Confluent's TimeZoneValidator: a name java.time knows (here: IANA regions, UTC, fixed offsets). */
export const TIME_ZONE_VALIDATOR: Validator = LambdaValidator.with(
  (name, value) => {
    if (value !== null && value !== undefined && !TimeZone.isValid(String(value))) {
      throw ConfigError.invalidValue(
        name,
        value,
        'Invalid time zone. See the list of valid time zones at https://docs.oracle.com/javase/8/docs/api/java/time/ZoneId.html#shortIds',
      );
    }
  },
  () => 'Any valid JDK time zone',
);

/** Confluent's EnumValidator: the values in upper or lower case, printed lower case. */
export function enumValidator(...values: string[]): Validator {
  const valid = new Set(values.flatMap((v) => [v.toLowerCase(), v.toUpperCase()]));
  return LambdaValidator.with(
    (name, value) => {
      if (typeof value !== 'string' || !valid.has(value))
        throw ConfigError.invalidValue(name, value, 'Invalid enumerator');
    },
    () => `[${values.map((v) => v.toLowerCase()).join(', ')}]`,
  );
}

/** Confluent's dialect.name recommender accepts any of its dialects; unknown names fail at start. */
export const DIALECT_NAME_VALIDATOR: Validator = LambdaValidator.with(
  (name, value) => {
    if (value && !(DIALECT_NAMES as readonly string[]).includes(String(value))) {
      throw ConfigError.invalidValue(name, value, `Supported dialects are: ${DIALECT_NAMES.join(', ')}`);
    }
  },
  () => `[, ${DIALECT_NAMES.join(', ')}]`,
);

export const QUOTE_METHOD_VALIDATOR: Validator = enumValidator('always', 'never');

/** Keys every JDBC connector shares (connection and dialect), for each connector's own ConfigDef order. */
export function connectionKeys(
  group: string,
  urlRequired: boolean,
): Record<'url' | 'user' | 'password' | 'attempts' | 'backoff' | 'dialectName', ConfigKeyInit> {
  return {
    url: {
      name: CONNECTION_URL_CONFIG,
      type: ConfigType.STRING,
      ...(urlRequired ? {} : { defaultValue: '' }),
      importance: Importance.HIGH,
      documentation: CONNECTION_URL_DOC,
      group,
      orderInGroup: 1,
      width: Width.LONG,
      displayName: 'JDBC URL',
    },
    user: {
      name: CONNECTION_USER_CONFIG,
      type: ConfigType.STRING,
      defaultValue: null,
      importance: Importance.HIGH,
      documentation: 'JDBC connection user.',
      group,
      orderInGroup: 2,
      width: Width.LONG,
      displayName: 'JDBC User',
    },
    password: {
      name: CONNECTION_PASSWORD_CONFIG,
      type: ConfigType.PASSWORD,
      defaultValue: null,
      importance: Importance.HIGH,
      documentation: 'JDBC connection password.',
      group,
      orderInGroup: 3,
      width: Width.SHORT,
      displayName: 'JDBC Password',
    },
    attempts: {
      name: CONNECTION_ATTEMPTS_CONFIG,
      type: ConfigType.INT,
      defaultValue: 3,
      validator: Range.atLeast(1),
      importance: Importance.LOW,
      documentation: CONNECTION_ATTEMPTS_DOC,
      group,
      orderInGroup: 4,
      width: Width.SHORT,
      displayName: 'JDBC connection attempts',
    },
    backoff: {
      name: CONNECTION_BACKOFF_CONFIG,
      type: ConfigType.LONG,
      defaultValue: 10_000,
      importance: Importance.LOW,
      documentation: CONNECTION_BACKOFF_DOC,
      group,
      orderInGroup: 5,
      width: Width.SHORT,
      displayName: 'JDBC connection backoff in milliseconds',
    },
    dialectName: {
      name: DIALECT_NAME_CONFIG,
      type: ConfigType.STRING,
      defaultValue: '',
      validator: DIALECT_NAME_VALIDATOR,
      importance: Importance.LOW,
      documentation: DIALECT_NAME_DOC,
      group,
      orderInGroup: 6,
      width: Width.LONG,
      displayName: 'Database Dialect',
    },
  };
}
