import { readFile } from 'node:fs/promises';
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
import { parseProperties } from './properties';

/**
 * Values from a Java properties file (Kafka's FileConfigProvider): `${file:/etc/connect/db.properties:password}`.
 * The path is the file, the keys are its property names. Values have no ttl.
 *
 * Params: `allowed.paths` limits which files may be read; a path outside it resolves to no data.
 */
export class FileConfigProvider implements ConfigProvider {
  static readonly className = 'org.apache.kafka.common.config.provider.FileConfigProvider';
  static readonly CONFIG_DEF = new ConfigDef().define(
    ALLOWED_PATHS_CONFIG,
    ConfigType.STRING,
    null,
    Importance.MEDIUM,
    ALLOWED_PATHS_DOC,
  );

  private allowedPaths: AllowedPaths | null = null;

  configure(configs: Readonly<Record<string, unknown>>): void {
    const config = new AbstractConfig(FileConfigProvider.CONFIG_DEF, configs);
    this.allowedPaths = new AllowedPaths(config.getString(ALLOWED_PATHS_CONFIG));
  }

  /**
   * @throws ConnectError when not configured; ConfigError "Could not read properties from file <path>"
   *   when the file cannot be read (a missing file included, as in Kafka) or is malformed.
   */
  async get(path: string, keys?: ReadonlySet<string>): Promise<ConfigData> {
    if (this.allowedPaths === null) throw new ConnectError('The provider has not been configured yet.');
    if (!path) return { data: {}, ttl: null };
    const filePath = this.allowedPaths.parseUntrustedPath(path);
    if (filePath === null) return { data: {}, ttl: null };

    let properties: Map<string, string>;
    try {
      properties = parseProperties(await readFile(filePath, 'utf8'));
    } catch (err) {
      // The cause is an fs error (it names the path) or our own malformed-escape error: no content.
      throw new ConfigError(`Could not read properties from file ${path}`, { cause: err });
    }
    const data: Record<string, string> = {};
    for (const [key, value] of properties) {
      if (!keys || keys.has(key)) putOwn(data, key, value);
    }
    return { data, ttl: null };
  }

  close(): void {}
}
