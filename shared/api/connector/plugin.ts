import type { ConfigDef } from '../config/config-def';

/**
 * A plugin class as the registry knows it: constructible with no arguments, and named by the Java
 * class name Kafka Connect users write in their configs (e.g.
 * "org.apache.kafka.connect.file.FileStreamSinkConnector"), so existing connector JSON runs unchanged.
 */
export interface PluginClass<T> {
  new (): T;
  readonly className: string;
}

/** A plugin that reports its version (Kafka's Versioned). */
export interface Versioned {
  version(): string;
}

/** A plugin that declares its configuration (Kafka's Configurable + config()). */
export interface Configurable {
  config(): ConfigDef;
}
