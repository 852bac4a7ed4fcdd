import type { ConfigDef } from '../config/config-def';
import type { ConfigValue } from '../config/config-value';
import type { PluginClass } from './plugin';
import type { Task } from './task';

/** What a connector may ask of the runtime (Kafka's ConnectorContext). */
export interface ConnectorContext {
  /** The connector's task configs changed (e.g. new tables); the runtime calls taskConfigs() again. */
  requestTaskReconfiguration(): void;
  /** Fails the connector with this error, as if start() had thrown it. */
  raiseError(error: Error): void;
}

/**
 * A connector: it validates its config, and splits the work into task configs (Kafka's Connector).
 * Lifecycle: initialize -> start(props) -> taskConfigs(maxTasks)* -> stop. The runtime may create
 * a fresh instance for each call in a serverless invocation, so connectors keep no state outside
 * their config.
 */
export abstract class Connector {
  protected context: ConnectorContext | null = null;

  initialize(context: ConnectorContext): void {
    this.context = context;
  }

  abstract version(): string;

  /** Starts with the connector config (placeholders already resolved). Throws ConfigError or ConnectError. */
  abstract start(props: Readonly<Record<string, string>>): void | Promise<void>;

  /** The class of this connector's tasks. */
  abstract taskClass(): PluginClass<Task>;

  /** At most `maxTasks` task configs; each becomes one task. */
  abstract taskConfigs(maxTasks: number): Record<string, string>[] | Promise<Record<string, string>[]>;

  abstract stop(): void | Promise<void>;

  /** The connector's own keys (the framework adds name, connector.class, tasks.max ...). */
  abstract config(): ConfigDef;

  /** Validates a config; the default checks it against config(). Override to add cross-key checks. */
  validate(connectorConfigs: Readonly<Record<string, string>>): ConfigValue[] {
    return this.config().validate(connectorConfigs);
  }
}
