/** The engine: REST entities and errors, the herder's command surface, pipelines and validation. */
export type { ConnectService, ExpandedConnector } from './herder/connect-service';
export {
  HerderConnectService,
  type HerderConnectServiceDeps,
  invalidConfigMessage,
  sinkGroupId,
} from './herder/herder-connect-service';
export type { ConfigInfosLike, HerderSignal, PluginCatalog } from './herder/ports';
export * from './rest';
