import { ConfigTransformer, configProvidersFromWorkerConfig } from '../../shared/config-providers';
import { configProvidersFromEnv } from './settings';

export type ResolveConfig = (config: Readonly<Record<string, string>>) => Promise<Record<string, string>>;

/**
 * Resolves `${provider:path:key}` placeholders with the providers CONNECT_CONFIG_PROVIDERS names
 * (Secrets Manager and SSM by default), built on first use: they may call AWS.
 */
export function configResolverFromEnv(): ResolveConfig {
  const workerConfig = configProvidersFromEnv();
  let transformer: Promise<ConfigTransformer> | null = null;
  return async (config) => {
    transformer ??= configProvidersFromWorkerConfig(workerConfig)
      .then((providers) => new ConfigTransformer(providers))
      .catch((err) => {
        transformer = null;
        throw err;
      });
    return (await transformer).transform(config).then((result) => result.data);
  };
}
