import { BadRequestError, type ConfigDef, type ConfigKey, NotFoundError } from '../../api';
import { sinkConnectorConfigDef, sourceConnectorConfigDef } from '../../config';
import { type PluginRegistry, PluginType } from '../../plugins';
import { type ConfigKeyInfo, convertConfigKey } from './config-infos';

/**
 * GET /connector-plugins/{plugin}/config (Kafka's AbstractHerder.connectorPluginConfig): the
 * plugin's own keys first, then, for connectors, the framework's sink or source keys it does not
 * define itself. `plugin` is a class name or alias.
 * @throws NotFoundError "Unknown plugin <plugin>." when no plugin has that name
 * @throws BadRequestError when the class is not a connector, converter, header converter,
 *   transformation or predicate
 */
export function connectorPluginConfig(registry: PluginRegistry, plugin: string): ConfigKeyInfo[] {
  const cls = registry.loadClass(plugin);
  if (!cls) throw new NotFoundError(`Unknown plugin ${plugin}.`);
  // The first kind in Kafka's instanceof order decides: a StringConverter is shown as a Converter.
  const [type] = registry.typesOf(cls);
  if (type === undefined) {
    throw new BadRequestError(
      `Invalid plugin class ${plugin}. Valid types are sink, source, converter, header_converter, transformation, predicate.`,
    );
  }
  const instance = registry.newPlugin(cls) as { config(): ConfigDef };
  const base =
    type === PluginType.SINK
      ? sinkConnectorConfigDef()
      : type === PluginType.SOURCE
        ? sourceConnectorConfigDef()
        : null;
  const keys = new Map<string, ConfigKey>(instance.config().configKeys());
  for (const key of base?.configKeys().values() ?? []) if (!keys.has(key.name)) keys.set(key.name, key);
  return [...keys.values()].map((key) => convertConfigKey(key));
}
