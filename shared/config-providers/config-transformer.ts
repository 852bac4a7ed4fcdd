import { type ConfigData, ConfigError, type ConfigProvider } from '../api';
import { putOwn } from './own-record';

/**
 * Kafka's ConfigTransformer.DEFAULT_PATTERN, `${provider:[path:]key}`. The provider ends at the first
 * `:`; with two or more further colons the path ends at the first of them, so a key may contain `:`
 * but a path may not. Nothing may contain `}`. Global, so used only by replace/matchAll (which
 * reset its lastIndex).
 */
const CONFIG_VARIABLE_PATTERN = /\$\{([^}]*?):(([^}]*?):)?([^}]*?)\}/g;

/** One `${provider:path:key}` placeholder; `path` is "" when the placeholder has none. */
export interface ConfigVariable {
  readonly provider: string;
  readonly path: string;
  readonly key: string;
  /** The placeholder's text, e.g. "${file:/etc/db.properties:password}". */
  readonly text: string;
}

/** The placeholders in one config value, in order. */
export function configVariables(value: string): ConfigVariable[] {
  return [...value.matchAll(CONFIG_VARIABLE_PATTERN)].map((match) => ({
    provider: match[1] ?? '',
    path: match[3] ?? '',
    key: match[4] ?? '',
    text: match[0],
  }));
}

/** A transformed config (Kafka's ConfigTransformerResult). */
export interface ConfigTransformerResult<V extends string | null = string> {
  /** Every key of the input, placeholders replaced where a provider had the value. */
  readonly data: Record<string, V>;
  /**
   * Per path, the smallest ttl (ms) any provider reported for values read at that path (Kafka keys
   * ttls by path alone). Paths whose values have no ttl are absent.
   */
  readonly ttls: Record<string, number>;
}

/**
 * Replaces `${provider:[path:]key}` placeholders in config values with what the named providers
 * return (Kafka's ConfigTransformer, as WorkerConfigTransformer uses it when a connector or task
 * starts). Kafka's rules:
 *
 * - a placeholder naming an unknown provider, or a key its provider does not return, stays as it is;
 * - replacement is one level deep: a value that itself looks like a placeholder is not resolved again;
 * - each provider is asked once per path, for all the keys wanted at that path.
 *
 * Callers keep the untransformed config for storage and REST output; only the running connector
 * or task sees the result. Values are never logged; a provider's failure becomes a ConfigError
 * naming the provider, path and keys, not any value.
 */
export class ConfigTransformer {
  private readonly providers: ReadonlyMap<string, ConfigProvider>;

  constructor(providers: ReadonlyMap<string, ConfigProvider> | Readonly<Record<string, ConfigProvider>>) {
    this.providers = providers instanceof Map ? providers : new Map(Object.entries(providers));
  }

  transform(configs: Readonly<Record<string, string>>): Promise<ConfigTransformerResult<string>>;
  transform(configs: Readonly<Record<string, string | null>>): Promise<ConfigTransformerResult<string | null>>;
  async transform(configs: Readonly<Record<string, string | null>>): Promise<ConfigTransformerResult<string | null>> {
    const keysByProviderPath = new Map<string, Map<string, Set<string>>>();
    for (const value of Object.values(configs)) {
      if (typeof value !== 'string') continue;
      for (const variable of configVariables(value)) {
        if (!this.providers.has(variable.provider)) continue;
        const byPath = getOrAdd(keysByProviderPath, variable.provider, () => new Map<string, Set<string>>());
        getOrAdd(byPath, variable.path, () => new Set<string>()).add(variable.key);
      }
    }

    const lookups = new Map<string, Map<string, Readonly<Record<string, string>>>>();
    const ttls: Record<string, number> = {};
    const fetches: Promise<void>[] = [];
    for (const [providerName, byPath] of keysByProviderPath) {
      const provider = this.providers.get(providerName) as ConfigProvider;
      const resolved = new Map<string, Readonly<Record<string, string>>>();
      lookups.set(providerName, resolved);
      for (const [path, keys] of byPath) {
        fetches.push(
          fetchData(providerName, provider, path, keys).then((configData) => {
            resolved.set(path, configData.data);
            const ttl = configData.ttl;
            if (ttl !== null && ttl >= 0)
              putOwn(ttls, path, Object.hasOwn(ttls, path) ? Math.min(ttls[path] as number, ttl) : ttl);
          }),
        );
      }
    }
    await Promise.all(fetches);

    const data: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(configs)) {
      putOwn(data, key, typeof value === 'string' ? replace(value, lookups) : value);
    }
    return { data, ttls };
  }

  /** Closes every provider (Kafka's WorkerConfigTransformer#close); a failing close does not stop the others. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.providers.values()].map(async (provider) => provider.close()));
  }
}

async function fetchData(
  providerName: string,
  provider: ConfigProvider,
  path: string,
  keys: Set<string>,
): Promise<ConfigData> {
  try {
    return await provider.get(path, keys);
  } catch (err) {
    const where = path ? ` at path '${path}'` : '';
    const message = err instanceof Error ? err.message : String(err);
    throw new ConfigError(
      `Config provider '${providerName}' could not resolve ${[...keys]
        .sort()
        .map((k) => `'${k}'`)
        .join(', ')}${where}: ${message}`,
      { cause: err },
    );
  }
}

function replace(
  value: string,
  lookups: ReadonlyMap<string, ReadonlyMap<string, Readonly<Record<string, string>>>>,
): string {
  return value.replace(
    CONFIG_VARIABLE_PATTERN,
    (text: string, provider: string, _pathAndColon: string | undefined, path: string | undefined, key: string) => {
      const data = lookups.get(provider)?.get(path ?? '');
      return data && Object.hasOwn(data, key) ? (data[key] as string) : text;
    },
  );
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * When a connector should be restarted so its placeholders are resolved again (Kafka's
 * WorkerConfigTransformer#scheduleReload): after the smallest ttl of a transform when the
 * connector's `config.action.reload` (read by the caller through ConnectorConfig) is `restart` or
 * unset, in any case; never (null) for `none`, or when no value has a ttl.
 * @throws ConfigError for an action other than none or restart.
 */
export function reloadAfterMs(
  action: string | null | undefined,
  ttls: Readonly<Record<string, number>>,
): number | null {
  const normalised = (action ?? 'restart').trim().toLowerCase();
  if (normalised === 'none') return null;
  if (normalised !== 'restart') {
    throw ConfigError.invalidValue('config.action.reload', action, 'String must be one of: none, restart');
  }
  const values = Object.values(ttls);
  return values.length > 0 ? Math.min(...values) : null;
}
