import { ConfigError, type ConfigProvider, type PluginClass } from '../api';
import { DirectoryConfigProvider } from './directory-config-provider';
import { EnvVarConfigProvider } from './env-var-config-provider';
import { FileConfigProvider } from './file-config-provider';
import { putOwn } from './own-record';
import { SecretsManagerConfigProvider } from './secrets-manager-config-provider';
import { SsmConfigProvider } from './ssm-config-provider';

/** The worker key listing provider names (Kafka's WorkerConfig.CONFIG_PROVIDERS_CONFIG). */
export const CONFIG_PROVIDERS_CONFIG = 'config.providers';

export type ConfigProviderClass = PluginClass<ConfigProvider>;

/** The built-in config providers, for the plugin registry and for configProvidersFromWorkerConfig. */
export const CONFIG_PROVIDER_CLASSES: readonly ConfigProviderClass[] = [
  FileConfigProvider,
  DirectoryConfigProvider,
  EnvVarConfigProvider,
  SecretsManagerConfigProvider,
  SsmConfigProvider,
];

export interface WorkerConfigProvidersOptions {
  /** The classes `config.providers.<name>.class` may name; the built-in ones by default. */
  classes?: readonly ConfigProviderClass[];
  /** Makes an instance of a class, e.g. to pass an AWS client in; `new cls()` by default. */
  create?: (cls: ConfigProviderClass) => ConfigProvider;
}

/**
 * Builds and configures the providers a worker-style config declares (Kafka's
 * Worker#initConfigTransformer and Plugins#newConfigProvider):
 *
 * ```
 * config.providers=file,secrets
 * config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
 * config.providers.file.param.allowed.paths=/etc/connect
 * config.providers.secrets.class=SecretsManager
 * config.providers.secrets.param.region=eu-west-1
 * ```
 *
 * A class may be named by its class name, its simple name (`FileConfigProvider`) or that name without
 * the `ConfigProvider` suffix (`File`), like Kafka's plugin aliases. Each provider is configured with
 * its `param.` keys, prefix stripped.
 *
 * @returns provider name -> configured provider, in the order listed.
 * @throws ConfigError for a listed provider with no `.class` (Kafka silently ignores it, which leaves
 *   every placeholder unresolved), for an unknown class (Kafka's text), or when configure() fails;
 *   providers already built are closed first.
 */
export async function configProvidersFromWorkerConfig(
  workerConfig: Readonly<Record<string, string>>,
  options: WorkerConfigProvidersOptions = {},
): Promise<Map<string, ConfigProvider>> {
  const classes = options.classes ?? CONFIG_PROVIDER_CLASSES;
  const create = options.create ?? ((cls: ConfigProviderClass) => new cls());
  const names = (workerConfig[CONFIG_PROVIDERS_CONFIG] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

  const providers = new Map<string, ConfigProvider>();
  try {
    for (const name of names) {
      const prefix = `${CONFIG_PROVIDERS_CONFIG}.${name}`;
      const classKey = `${prefix}.class`;
      const className = workerConfig[classKey]?.trim();
      if (!className) {
        throw new ConfigError(`Missing required configuration "${classKey}" which has no default value.`, {
          key: classKey,
        });
      }
      const cls = findClass(classes, className);
      const provider = create(cls);
      providers.set(name, provider);
      provider.configure(paramsOf(workerConfig, `${prefix}.param.`));
    }
  } catch (err) {
    await Promise.allSettled([...providers.values()].map(async (provider) => provider.close()));
    throw err;
  }
  return providers;
}

function findClass(classes: readonly ConfigProviderClass[], name: string): ConfigProviderClass {
  const found = classes.find((cls) => aliasesOf(cls).includes(name));
  if (found) return found;
  const available = classes.map((cls) => cls.className).join(', ');
  throw new ConfigError(
    `Failed to find any class that implements ConfigProvider and which name matches ${name}, ` +
      `available ConfigProviders are: ${available}`,
  );
}

function aliasesOf(cls: ConfigProviderClass): string[] {
  const simple = cls.className.slice(cls.className.lastIndexOf('.') + 1);
  const pruned = simple.endsWith('ConfigProvider') ? simple.slice(0, -'ConfigProvider'.length) : simple;
  return pruned ? [cls.className, simple, pruned] : [cls.className, simple];
}

function paramsOf(workerConfig: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(workerConfig)) {
    if (key.startsWith(prefix) && key.length > prefix.length) putOwn(params, key.slice(prefix.length), value);
  }
  return params;
}
