import { ConfigError } from '../../../api';
import { DatabaseKind, type JdbcUrl } from '../db/jdbc-url';
import type { DatabaseDialect, QuoteMethod } from './database-dialect';
import { MySqlDialect } from './mysql-dialect';
import { PostgresDialect } from './postgres-dialect';

/** The dialects this connector ships, by Confluent's names (dialect.name). */
export const DIALECT_NAMES = ['PostgreSqlDatabaseDialect', 'MySqlDatabaseDialect'] as const;

/**
 * The dialect for a connection: the one dialect.name names, or the one the URL's subprotocol
 * implies (Confluent's DatabaseDialects.findBestFor).
 * @throws ConfigError when dialect.name names another dialect or one that does not fit the URL
 */
export function dialectFor(url: JdbcUrl, quoteMethod: QuoteMethod, dialectName: string | null = null): DatabaseDialect {
  const name = dialectName?.trim() ?? '';
  if (name !== '' && !(DIALECT_NAMES as readonly string[]).includes(name)) {
    throw ConfigError.invalidValue('dialect.name', name, `Supported dialects are: ${DIALECT_NAMES.join(', ')}`);
  }
  const kind =
    name === '' ? url.kind : name === 'PostgreSqlDatabaseDialect' ? DatabaseKind.POSTGRESQL : DatabaseKind.MYSQL;
  if (kind !== url.kind) {
    throw ConfigError.invalidValue(
      'dialect.name',
      name,
      `it does not match the database of connection.url (${url.kind})`,
    );
  }
  return kind === DatabaseKind.POSTGRESQL ? new PostgresDialect(quoteMethod) : new MySqlDialect(quoteMethod);
}
