import type { PluginClass } from '../connector/plugin';

/**
 * Finds the class a CLASS-typed value names. In Kafka, ConfigDef.parseType loads it through the
 * thread's class loader, which in Connect is the plugin loader that also knows plugin aliases
 * (DelegatingClassLoader), so `JsonConverter` loads org.apache.kafka.connect.json.JsonConverter.
 * The plugin registry implements this; without a loader, CLASS values stay names.
 */
export interface ClassLoader {
  /** The class with this name or alias, or null when there is none. */
  loadClass(nameOrAlias: string): PluginClass<unknown> | null;
}

/** Whether a value is a plugin class (a constructor carrying its Java class name), Kafka's `value instanceof Class`. */
export function isPluginClass(value: unknown): value is PluginClass<unknown> {
  return typeof value === 'function' && typeof (value as { className?: unknown }).className === 'string';
}

/** Java's Class#toString for a plugin class: "class org.example.MyConnector". */
export function javaClassToString(cls: PluginClass<unknown>): string {
  return `class ${cls.className}`;
}
