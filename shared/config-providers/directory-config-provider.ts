import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AbstractConfig,
  type ConfigData,
  ConfigDef,
  ConfigError,
  type ConfigProvider,
  ConfigType,
  ConnectError,
  Importance,
} from '../api';
import { ALLOWED_PATHS_CONFIG, ALLOWED_PATHS_DOC, AllowedPaths } from './allowed-paths';
import { putOwn } from './own-record';

/**
 * Values from a directory of files (Kafka's DirectoryConfigProvider), as Kubernetes and Docker mount
 * secrets: `${directory:/run/secrets:db-password}`. The path is the directory; each regular file
 * directly in it is a key (its name) whose value is its whole content, UTF-8, untrimmed.
 * Subdirectories are ignored, and a key is only ever a listed file name, so `../x` cannot escape.
 * Symbolic links are followed, as Java's Files.isRegularFile does (Kubernetes mounts use them).
 *
 * Params: `allowed.paths` limits which directories may be read.
 */
export class DirectoryConfigProvider implements ConfigProvider {
  static readonly className = 'org.apache.kafka.common.config.provider.DirectoryConfigProvider';
  static readonly CONFIG_DEF = new ConfigDef().define(
    ALLOWED_PATHS_CONFIG,
    ConfigType.STRING,
    null,
    Importance.MEDIUM,
    ALLOWED_PATHS_DOC,
  );

  private allowedPaths: AllowedPaths | null = null;

  configure(configs: Readonly<Record<string, unknown>>): void {
    const config = new AbstractConfig(DirectoryConfigProvider.CONFIG_DEF, configs);
    this.allowedPaths = new AllowedPaths(config.getString(ALLOWED_PATHS_CONFIG));
  }

  /**
   * A path that is not an allowed directory resolves to no data, as in Kafka.
   * @throws ConnectError when not configured; ConfigError when the directory or a file cannot be read.
   */
  async get(path: string, keys?: ReadonlySet<string>): Promise<ConfigData> {
    if (this.allowedPaths === null) throw new ConnectError('The provider has not been configured yet.');
    if (!path) return { data: {}, ttl: null };
    const dir = this.allowedPaths.parseUntrustedPath(path);
    if (dir === null || !(await isDirectory(dir))) return { data: {}, ttl: null };

    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      throw new ConfigError(`Could not list directory ${dir}`, { cause: err });
    }
    const data: Record<string, string> = {};
    for (const name of names) {
      if (keys && !keys.has(name)) continue;
      const file = join(dir, name);
      if (!(await isRegularFile(file))) continue;
      try {
        putOwn(data, name, await readFile(file, 'utf8'));
      } catch (err) {
        throw new ConfigError(`Could not read file ${file} for property ${name}`, { cause: err });
      }
    }
    return { data, ttl: null };
  }

  close(): void {}
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
