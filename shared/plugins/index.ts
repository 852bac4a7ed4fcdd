/**
 * The plugin registry: the only module that lists plugins. It resolves them by Java class name,
 * simple name or alias with Kafka's rules, lists them for GET /connector-plugins, and creates them.
 */
export { builtInPlugins, defaultRegistry } from './built-in-plugins';
export {
  PluginDesc,
  type PluginInfo,
  type PluginLists,
  PluginRegistry,
  PluginType,
  prunedName,
  simpleName,
  UNDEFINED_VERSION,
} from './registry';
