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
import { putOwn } from './own-record';

export const ALLOWLIST_PATTERN_CONFIG = 'allowlist.pattern';

/**
 * Values from environment variables (Kafka's EnvVarConfigProvider): `${env:DB_PASSWORD}`. Keys are
 * variable names; paths are not supported. The variables are read when the provider is built, and
 * `allowlist.pattern` (a regular expression matched against the whole name, default `.*`) limits
 * which of them can be read. Values have no ttl.
 */
export class EnvVarConfigProvider implements ConfigProvider {
  static readonly className = 'org.apache.kafka.common.config.provider.EnvVarConfigProvider';
  static readonly CONFIG_DEF = new ConfigDef().define(
    ALLOWLIST_PATTERN_CONFIG,
    ConfigType.STRING,
    null,
    Importance.MEDIUM,
    'A pattern / regular expression that needs to match for environment variables to be used by this config provider.',
  );

  private readonly env: Readonly<Record<string, string>>;
  private allowed: Readonly<Record<string, string>> | null = null;

  /** @param env the variables to serve; the process environment by default. */
  constructor(env: Readonly<Record<string, string | undefined>> = process.env) {
    const defined: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) if (value !== undefined) putOwn(defined, name, value);
    this.env = defined;
  }

  /** @throws ConfigError when `allowlist.pattern` is not a valid regular expression. */
  configure(configs: Readonly<Record<string, unknown>>): void {
    const source =
      new AbstractConfig(EnvVarConfigProvider.CONFIG_DEF, configs).getString(ALLOWLIST_PATTERN_CONFIG) ?? '.*';
    let pattern: RegExp;
    try {
      // Java's Matcher#matches: the whole name must match.
      pattern = new RegExp(`^(?:${source})$`);
    } catch (err) {
      throw ConfigError.invalidValue(ALLOWLIST_PATTERN_CONFIG, source, (err as Error).message);
    }
    this.allowed = Object.fromEntries(Object.entries(this.env).filter(([name]) => pattern.test(name)));
  }

  /** @throws ConfigError for a non-empty path (Kafka's text); ConnectError when not configured. */
  async get(path: string, keys?: ReadonlySet<string>): Promise<ConfigData> {
    if (path) throw new ConfigError(`Path is not supported for EnvVarConfigProvider, invalid value '${path}'`);
    if (this.allowed === null) throw new ConnectError('The provider has not been configured yet.');
    if (!keys) return { data: { ...this.allowed }, ttl: null };
    const data: Record<string, string> = {};
    for (const key of keys) {
      if (Object.hasOwn(this.allowed, key)) putOwn(data, key, this.allowed[key] as string);
    }
    return { data, ttl: null };
  }

  close(): void {}
}
