import { ConfigError } from '../../../api';

/** The database products this connector speaks to, each through its own Node driver. */
export const DatabaseKind = { POSTGRESQL: 'postgresql', MYSQL: 'mysql' } as const;
export type DatabaseKind = (typeof DatabaseKind)[keyof typeof DatabaseKind];

/** What a `connection.url` says, for a Node driver. */
export interface JdbcUrl {
  readonly kind: DatabaseKind;
  /** The URL as configured (for messages use {@link sanitizedUrl}). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly database: string | null;
  /** `user` / `password` given in the URL itself; connection.user / connection.password win. */
  readonly user: string | null;
  readonly password: string | null;
  /** The remaining query parameters (e.g. ssl, sslmode, currentSchema). */
  readonly params: Readonly<Record<string, string>>;
}

const SUBPROTOCOLS: Record<string, { kind: DatabaseKind; port: number }> = {
  postgresql: { kind: DatabaseKind.POSTGRESQL, port: 5432 },
  postgres: { kind: DatabaseKind.POSTGRESQL, port: 5432 },
  mysql: { kind: DatabaseKind.MYSQL, port: 3306 },
  mariadb: { kind: DatabaseKind.MYSQL, port: 3306 },
};

/**
 * Parses the JDBC URLs of PostgreSQL (`jdbc:postgresql://host:5432/db?ssl=true`, `jdbc:postgresql:db`)
 * and MySQL / MariaDB (`jdbc:mysql://user:pw@host:3306/db`, `jdbc:mariadb://...`); the same URLs
 * without `jdbc:` are accepted too. With several hosts (failover lists) the first is used.
 * @throws ConfigError for another database or a malformed URL, naming the key
 */
export function parseJdbcUrl(url: string, key = 'connection.url'): JdbcUrl {
  const text = url.trim();
  const match = /^(?:jdbc:)?([a-z0-9]+):(.*)$/i.exec(text);
  const protocol = SUBPROTOCOLS[match?.[1]?.toLowerCase() ?? ''];
  if (!match || !protocol) {
    throw new ConfigError(
      `Invalid value ${sanitizedUrl(text)} for configuration ${key}: no dialect for this JDBC URL; ` +
        'use jdbc:postgresql://host:port/database, jdbc:mysql://host:port/database or jdbc:mariadb://host:port/database',
      { key, value: sanitizedUrl(text) },
    );
  }
  let rest = match[2] ?? '';
  const queryAt = rest.indexOf('?');
  const params: Record<string, string> = {};
  if (queryAt >= 0) {
    for (const pair of rest.slice(queryAt + 1).split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      params[name] = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    }
    rest = rest.slice(0, queryAt);
  }
  let host = 'localhost';
  let port = protocol.port;
  let database: string | null = null;
  let userInfo: string | null = null;
  if (rest.startsWith('//')) {
    const authorityEnd = rest.indexOf('/', 2);
    let authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
    database = authorityEnd < 0 ? null : decodeURIComponent(rest.slice(authorityEnd + 1)) || null;
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      userInfo = authority.slice(0, at);
      authority = authority.slice(at + 1);
    }
    const first = authority.split(',')[0] ?? '';
    const hostPort = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(first);
    if (!hostPort) throw new ConfigError(`Invalid host in ${key}: ${sanitizedUrl(text)}`, { key });
    if (hostPort[1]) host = hostPort[1].replace(/^\[|\]$/g, '');
    if (hostPort[2]) port = Number(hostPort[2]);
  } else if (rest !== '' && !rest.startsWith('/')) {
    database = decodeURIComponent(rest); // jdbc:postgresql:database
  } else if (rest.length > 1) {
    database = decodeURIComponent(rest.slice(1));
  }
  let user = params.user ?? null;
  let password = params.password ?? null;
  if (userInfo !== null) {
    const colon = userInfo.indexOf(':');
    user = decodeURIComponent(colon < 0 ? userInfo : userInfo.slice(0, colon));
    if (colon >= 0) password = decodeURIComponent(userInfo.slice(colon + 1));
  }
  delete params.user;
  delete params.password;
  return { kind: protocol.kind, url: text, host, port, database, user, password, params };
}

/** The URL with any password replaced by `****`, for messages and logs (Confluent's sanitizedUrl). */
export function sanitizedUrl(url: string): string {
  return url.replace(/([?&;]password=)[^&;]*/gi, '$1****').replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1****@');
}
