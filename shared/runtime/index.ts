/** The engine: REST entities and errors, the herder's command surface, pipelines and validation. */
export type { ConnectService, ExpandedConnector } from './herder/connect-service';
export * from './rest';
