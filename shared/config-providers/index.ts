/**
 * Config providers (Kafka's KIP-297): `${provider:[path:]key}` placeholders in connector configs,
 * resolved only when a connector or task starts, from properties files, directories, environment
 * variables, AWS Secrets Manager and SSM Parameter Store. Imports only the plugin contract.
 */
export { AllowedPaths } from './allowed-paths';
export { DEFAULT_TTL_MS, ENDPOINT_CONFIG, REGION_CONFIG, TTL_MS_CONFIG } from './aws-config';
export {
  ConfigTransformer,
  type ConfigTransformerResult,
  type ConfigVariable,
  configVariables,
  reloadAfterMs,
} from './config-transformer';
export { DirectoryConfigProvider } from './directory-config-provider';
export { ALLOWLIST_PATTERN_CONFIG, EnvVarConfigProvider } from './env-var-config-provider';
export { FileConfigProvider } from './file-config-provider';
export { parseProperties } from './properties';
export {
  SecretsManagerConfigProvider,
  type SecretsManagerConfigProviderOptions,
} from './secrets-manager-config-provider';
export { SsmConfigProvider, type SsmConfigProviderOptions } from './ssm-config-provider';
export {
  CONFIG_PROVIDER_CLASSES,
  CONFIG_PROVIDERS_CONFIG,
  type ConfigProviderClass,
  configProvidersFromWorkerConfig,
  type WorkerConfigProvidersOptions,
} from './worker-config-providers';
