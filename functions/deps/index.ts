/**
 * Dependencies of the Lambda entry points, read from the environment the stack sets. Only the
 * functions' index.ts files use this module; handlers take their dependencies as arguments.
 */
export { configResolverFromEnv, type ResolveConfig } from './config-resolver';
export { LazyKafka } from './kafka';
export {
  configProvidersFromEnv,
  DEFAULT_CONFIG_PROVIDERS,
  kafkaAuthFromEnv,
  kafkaEventSourceFromEnv,
  kafkaSettingsFromEnv,
  sinkOptionsFromEnv,
  sourceOptionsFromEnv,
  tableNamesFromEnv,
} from './settings';
