import { DATAGEN_CONNECTOR_CLASSES } from '../connectors/datagen';
import { FILE_CONNECTOR_CLASSES } from '../connectors/file';
import { JDBC_CONNECTOR_CLASSES } from '../connectors/jdbc';
import { CONVERTER_CLASSES, HEADER_CONVERTER_CLASSES } from '../converters';
import { PREDICATE_CLASSES, TRANSFORMATION_CLASSES } from '../transforms';
import { type PluginLists, PluginRegistry } from './registry';

/**
 * The plugins this project ships, by kind: the FileStream connectors, Kafka's converters and
 * header converters, and Kafka's transformations and predicates.
 */
export function builtInPlugins(): PluginLists {
  return {
    connectors: [...FILE_CONNECTOR_CLASSES, ...DATAGEN_CONNECTOR_CLASSES, ...JDBC_CONNECTOR_CLASSES],
    converters: CONVERTER_CLASSES,
    headerConverters: HEADER_CONVERTER_CLASSES,
    transformations: TRANSFORMATION_CLASSES,
    predicates: PREDICATE_CLASSES,
  };
}

/** A registry of the built-in plugins, plus any `extra` ones (e.g. a deployment's own connectors). */
export function defaultRegistry(extra: PluginLists = {}): PluginRegistry {
  const builtIn = builtInPlugins();
  return new PluginRegistry({
    connectors: [...(builtIn.connectors ?? []), ...(extra.connectors ?? [])],
    converters: [...(builtIn.converters ?? []), ...(extra.converters ?? [])],
    headerConverters: [...(builtIn.headerConverters ?? []), ...(extra.headerConverters ?? [])],
    transformations: [...(builtIn.transformations ?? []), ...(extra.transformations ?? [])],
    predicates: [...(builtIn.predicates ?? []), ...(extra.predicates ?? [])],
  });
}
