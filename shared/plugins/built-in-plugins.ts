import { PREDICATE_CLASSES, TRANSFORMATION_CLASSES } from '../transforms';
import { type PluginLists, PluginRegistry } from './registry';

/**
 * The plugins this project ships, by kind: Kafka's transformations and predicates. Converters and
 * the FileStream connectors join once their modules export their lists.
 */
export function builtInPlugins(): PluginLists {
  return {
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
