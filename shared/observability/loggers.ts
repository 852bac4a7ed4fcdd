import { Logger } from '@aws-lambda-powertools/logger';

/** Kafka Connect's log levels (log4j names), as /admin/loggers speaks them. */
export const LOG_LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const POWERTOOLS_LEVEL = {
  OFF: 'SILENT',
  FATAL: 'CRITICAL',
  ERROR: 'ERROR',
  WARN: 'WARN',
  INFO: 'INFO',
  DEBUG: 'DEBUG',
  TRACE: 'TRACE',
  ALL: 'TRACE',
} as const satisfies Record<LogLevelName, string>;

export const ROOT_LOGGER = 'root';

interface Entry {
  logger: Logger;
  /** The level set explicitly on this name, or null when inherited. */
  level: LogLevelName | null;
  lastModified: number | null;
}

/**
 * Named loggers in a dot-separated hierarchy, as log4j keeps them, each a structured JSON
 * Powertools logger. Setting a level on a namespace applies it to every logger under it, which is
 * what `PUT /admin/loggers/{name}` means in Kafka Connect.
 */
export class LoggerRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly serviceName: string,
    rootLevel: LogLevelName = 'INFO',
    private readonly now: () => number = Date.now,
  ) {
    this.entries.set(ROOT_LOGGER, {
      logger: this.newLogger(ROOT_LOGGER, rootLevel),
      level: rootLevel,
      lastModified: null,
    });
  }

  /** The logger of a name, created on first use with the level it inherits. */
  get(name: string): Logger {
    let entry = this.entries.get(name);
    if (!entry) {
      entry = { logger: this.newLogger(name, this.effectiveLevel(name)), level: null, lastModified: null };
      this.entries.set(name, entry);
    }
    return entry.logger;
  }

  /** The level a name logs at: its own, else its nearest ancestor's, else root's. */
  effectiveLevel(name: string): LogLevelName {
    for (let current: string | null = name; current !== null; current = parentOf(current)) {
      const level = this.entries.get(current)?.level;
      if (level) return level;
    }
    return this.entries.get(ROOT_LOGGER)?.level ?? 'INFO';
  }

  /** Loggers with an explicit level (and root), sorted by name as Kafka's TreeMap answer is. */
  explicitLevels(): Array<{ name: string; level: LogLevelName; lastModified: number | null }> {
    return [...this.entries]
      .filter(([, e]) => e.level !== null)
      .map(([name, e]) => ({ name, level: e.level as LogLevelName, lastModified: e.lastModified }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The level of one known logger; null when no logger of that name exists. */
  level(name: string): { level: LogLevelName; lastModified: number | null } | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    return { level: entry.level ?? this.effectiveLevel(name), lastModified: entry.lastModified };
  }

  /**
   * Sets the level of a namespace and of every logger below it. Returns the affected names, sorted.
   * Setting the level a logger already has does not move its last-modified time (as Kafka).
   */
  setLevel(namespace: string, level: LogLevelName): string[] {
    this.get(namespace);
    const affected: string[] = [];
    for (const [name, entry] of this.entries) {
      const inside = namespace === ROOT_LOGGER || name === namespace || name.startsWith(`${namespace}.`);
      if (!inside) continue;
      if (entry.level !== level) {
        entry.level = level;
        entry.lastModified = this.now();
      }
      entry.logger.setLogLevel(POWERTOOLS_LEVEL[level]);
      affected.push(name);
    }
    return affected.sort();
  }

  private newLogger(name: string, level: LogLevelName): Logger {
    return new Logger({
      serviceName: this.serviceName,
      logLevel: POWERTOOLS_LEVEL[level],
      persistentKeys: { logger: name },
    });
  }
}

export function isLogLevelName(value: string): value is LogLevelName {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

function parentOf(name: string): string | null {
  if (name === ROOT_LOGGER) return null;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : ROOT_LOGGER;
}
