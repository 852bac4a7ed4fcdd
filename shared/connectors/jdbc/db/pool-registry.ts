import type { Database, DatabaseOptions } from './database';
import { DatabaseKind, type JdbcUrl } from './jdbc-url';
import { MySqlDatabase } from './mysql-database';
import { PgDatabase } from './pg-database';

/** Makes a pool for a URL; tests pass their own to count or fail connections. */
export type DatabaseFactory = (url: JdbcUrl, options: DatabaseOptions) => Database;

export const defaultDatabaseFactory: DatabaseFactory = (url, options) =>
  url.kind === DatabaseKind.POSTGRESQL ? new PgDatabase(url, options) : new MySqlDatabase(url, options);

/** A task's hold on a shared pool; release it when the task stops. */
export interface PoolLease {
  readonly database: Database;
  release(): Promise<void>;
}

interface Entry {
  readonly database: Database;
  readonly password: string | null;
  holders: number;
}

/**
 * One connection pool per (connection.url, connection.user) in a container, shared by every task
 * that connects with them, so a warm Lambda container reuses its connections across invocations
 * and tasks. A pool closes when the last task holding it stops. A new password for the same URL
 * and user (a rotated secret) gets a fresh pool; the old one closes when its holders let go.
 */
export class PoolRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly factory: DatabaseFactory = defaultDatabaseFactory) {}

  acquire(url: JdbcUrl, options: DatabaseOptions): PoolLease {
    const key = `${url.url}\u0000${options.user ?? url.user ?? ''}`;
    let entry = this.entries.get(key);
    if (!entry || entry.password !== (options.password ?? null)) {
      entry = { database: this.factory(url, options), password: options.password ?? null, holders: 0 };
      this.entries.set(key, entry);
    }
    entry.holders++;
    const held = entry;
    let released = false;
    return {
      database: held.database,
      release: async () => {
        if (released) return;
        released = true;
        held.holders--;
        if (held.holders > 0) return;
        if (this.entries.get(key) === held) this.entries.delete(key);
        await held.database.close();
      },
    };
  }

  /** How many pools are open (tests). */
  get size(): number {
    return this.entries.size;
  }
}

/** The pools of this container (module scope: it lives as long as the warm Lambda container). */
export const CONTAINER_POOLS = new PoolRegistry();
