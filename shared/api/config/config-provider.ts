/**
 * A source of configuration values referenced by `${provider:[path:]key}` placeholders (Kafka's
 * ConfigProvider, KIP-297): files, directories, environment variables, AWS Secrets Manager, SSM.
 */
export interface ConfigProvider {
  configure(configs: Readonly<Record<string, unknown>>): void;
  /**
   * The values at `path` for the given keys (all keys when `keys` is omitted). Keys that do not
   * exist are left out; a missing path resolves to no data. Throws ConfigError when the source fails.
   */
  get(path: string, keys?: ReadonlySet<string>): Promise<ConfigData>;
  close(): void | Promise<void>;
}

/** Values from a provider, with how long they may be cached (Kafka's ConfigData). */
export interface ConfigData {
  readonly data: Readonly<Record<string, string>>;
  /** Milliseconds the values stay valid, or null for no limit. */
  readonly ttl: number | null;
}
