import { existsSync } from 'node:fs';
import { isAbsolute, normalize, sep } from 'node:path';
import { ConfigError } from '../api';

/** The key both file-system providers read (Kafka's FileConfigProvider/DirectoryConfigProvider ALLOWED_PATHS_CONFIG). */
export const ALLOWED_PATHS_CONFIG = 'allowed.paths';
export const ALLOWED_PATHS_DOC =
  'A comma separated list of paths that this config provider is allowed to access. If not set, all paths are allowed.';

/**
 * The `allowed.paths` of a file-system provider (Kafka's common.config.internals.AllowedPaths): a
 * path is allowed when, normalised (so `..` cannot climb out), it is one of the allowed paths or
 * lies under one of them, compared by whole path segments (`/a/b` does not allow `/a/bc`).
 * Symbolic links are not resolved, as in Kafka.
 */
export class AllowedPaths {
  private readonly allowed: readonly string[] | null;

  /**
   * @param configValue the comma-separated list, or null/empty for "everything allowed".
   * @throws ConfigError "Path <p> is not absolute" or "Path <p> does not exist", Kafka's texts.
   */
  constructor(configValue: string | null) {
    this.allowed = configValue ? configValue.split(',').map(checkedAllowedPath) : null;
  }

  /**
   * The path to read, or null when it lies outside the allowed paths. With no allowed paths the
   * path is returned as given (Kafka keeps it un-normalised for backward compatibility).
   */
  parseUntrustedPath(path: string): string | null {
    if (this.allowed === null) return path;
    const normalised = normalize(path);
    return this.allowed.some((root) => isWithin(normalised, root)) ? normalised : null;
  }
}

// Entries are trimmed, unlike Kafka, so "a, b" does not fail with "Path  b is not absolute".
function checkedAllowedPath(entry: string): string {
  const path = stripTrailingSeparator(normalize(entry.trim()));
  if (!isAbsolute(path)) throw new ConfigError(`Path ${path} is not absolute`);
  if (!existsSync(path)) throw new ConfigError(`Path ${path} does not exist`);
  return path;
}

function stripTrailingSeparator(path: string): string {
  return path.length > 1 && path.endsWith(sep) ? path.slice(0, -1) : path;
}

/** Java's Path#startsWith: whole segments, so the root itself and anything below it. */
function isWithin(path: string, root: string): boolean {
  if (path === root) return true;
  const prefix = root.endsWith(sep) ? root : root + sep;
  return path.startsWith(prefix);
}
