import { ConnectError, type Connector, SourceConnector } from '../../api';
import type { PluginRegistry } from '../../plugins';
import type { PluginCatalog } from '../herder/ports';
import type { ConnectorType } from '../rest/entities';
import type { ConfigInfos } from './config-infos';
import { connectorPluginConfig } from './plugin-config';
import { type ValidationOptions, validateConnectorConfig } from './validate-connector-config';

export interface PluginCatalogOptions extends ValidationOptions {
  /** Resolves `${provider:path:key}` placeholders before validation (Kafka's worker configTransformer). */
  resolveConfig?: (config: Readonly<Record<string, string>>) => Promise<Readonly<Record<string, string>>>;
}

/** The herder's view of the plugins (its PluginCatalog port), served by the registry and config validation. */
export function pluginCatalog(registry: PluginRegistry, options: PluginCatalogOptions = {}): PluginCatalog {
  return {
    connectorType(connectorClass: string | undefined): ConnectorType {
      if (connectorClass === undefined) return 'unknown';
      try {
        const cls = registry.connectorClass(connectorClass);
        return cls.prototype instanceof SourceConnector ? 'source' : 'sink';
      } catch (err) {
        // Kafka's AbstractHerder.connectorType: a class it cannot find makes the type unknown.
        if (err instanceof ConnectError) return 'unknown';
        throw err;
      }
    },
    plugins: (connectorsOnly) => registry.connectorPlugins(connectorsOnly),
    pluginConfig: (plugin) => connectorPluginConfig(registry, plugin),
    async validate(config): Promise<ConfigInfos> {
      const resolved = options.resolveConfig ? await options.resolveConfig(config) : config;
      return validateConnectorConfig(resolved, registry, options);
    },
    newConnector: (connectorClass): Connector => registry.newConnector(connectorClass),
  };
}
