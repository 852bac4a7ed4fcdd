/** Connector config validation with Kafka's ConfigInfos, and the plugin config listing. */
export {
  type ConfigInfo,
  type ConfigInfos,
  type ConfigKeyInfo,
  type ConfigValueInfo,
  configErrorsMessage,
  convertConfigKey,
  convertConfigValue,
  generateResult,
  mergeConfigInfos,
  prefixedConfigInfos,
} from './config-infos';
export {
  AbstractConnectorClientConfigOverridePolicy,
  AllConnectorClientConfigOverridePolicy,
  ClientType,
  type ConnectorClientConfigOverridePolicy,
  type ConnectorClientConfigRequest,
  NoneConnectorClientConfigOverridePolicy,
  overridePolicyFor,
  PrincipalConnectorClientConfigOverridePolicy,
} from './override-policy';
export { type PluginCatalogOptions, pluginCatalog } from './plugin-catalog';
export { connectorPluginConfig } from './plugin-config';
export { type ValidationOptions, validateConnectorConfig } from './validate-connector-config';
