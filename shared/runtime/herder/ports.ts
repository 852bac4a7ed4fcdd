import type { Connector } from '../../api';
import type { ConnectorType, PluginInfo } from '../rest/entities';

/**
 * Tells the herder that a connector's desired state changed. In AWS the configs table stream does
 * it (the implementation is a no-op); locally it is an in-process call. It must return fast: the
 * herder converges asynchronously.
 */
export interface HerderSignal {
  connectorChanged(name: string): Promise<void>;
}

/** The result of validating a connector config: Kafka's ConfigInfos JSON, as the validate endpoint returns it. */
export interface ConfigInfosLike {
  readonly name: string;
  readonly error_count: number;
  readonly configs: ReadonlyArray<{ value?: { errors?: readonly string[] } | null }>;
}

/** What the command surface needs of the plugins: types, listings, validation, instances. */
export interface PluginCatalog {
  /** 'source' or 'sink' for a known connector class or alias; 'unknown' otherwise. */
  connectorType(connectorClass: string | undefined): ConnectorType;
  plugins(connectorsOnly: boolean): PluginInfo[];
  /** ConfigKeyInfo list; NotFoundError "Unknown plugin <p>." / BadRequestError for other plugin kinds. */
  pluginConfig(plugin: string): unknown[];
  /** Validates a full connector config (config providers resolved inside). */
  validate(config: Readonly<Record<string, string>>): Promise<ConfigInfosLike>;
  /** A new, uninitialized instance of a connector class or alias. */
  newConnector(connectorClass: string): Connector;
}
