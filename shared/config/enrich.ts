import {
  type ClassLoader,
  ConfigDef,
  ConfigError,
  ConfigType,
  ConnectError,
  Importance,
  LambdaValidator,
  NO_DEFAULT_VALUE,
  type PluginClass,
  parseType,
  type Recommender,
  Width,
} from '../api';
import { ensureImplements, type PluginInterface, PluginInterfaces } from './plugin-validators';

/** The implicit key of every transform naming the predicate that gates it (Kafka's TransformationStage). */
export const PREDICATE_CONFIG = 'predicate';
/** The implicit key of every transform that inverts its predicate. */
export const NEGATE_CONFIG = 'negate';

/**
 * What enrichment needs from the plugin registry (Kafka's Plugins): class loading by name or
 * alias, and the installed transformations and predicates, sorted by class name, which the
 * `*.type` keys recommend.
 */
export interface EnrichmentPlugins extends ClassLoader {
  transformationClasses(): readonly PluginClass<unknown>[];
  predicateClasses(): readonly PluginClass<unknown>[];
}

interface EnrichableKind {
  /** "Transformation" or "Predicate", as Kafka names the kind in docs and errors. */
  readonly kind: string;
  readonly aliasConfig: string;
  readonly aliasGroup: string;
  readonly iface: PluginInterface;
  readonly classes: (plugins: EnrichmentPlugins) => readonly PluginClass<unknown>[];
  readonly initialConfigDef: () => ConfigDef;
  /** Keys of the plugin's own ConfigDef to leave out (the implicit keys mask them). */
  readonly masked: readonly string[];
  readonly validateProps: (props: Readonly<Record<string, string>>, prefix: string) => void;
}

const TRANSFORMATION: EnrichableKind = {
  kind: 'Transformation',
  aliasConfig: 'transforms',
  aliasGroup: 'Transforms',
  iface: PluginInterfaces.TRANSFORMATION,
  classes: (plugins) => plugins.transformationClasses(),
  // Every transform gets these keys implicitly.
  initialConfigDef: () =>
    new ConfigDef()
      .define(
        PREDICATE_CONFIG,
        ConfigType.STRING,
        null,
        Importance.MEDIUM,
        'The alias of a predicate used to determine whether to apply this transformation.',
      )
      .define(
        NEGATE_CONFIG,
        ConfigType.BOOLEAN,
        false,
        Importance.MEDIUM,
        'Whether the configured predicate should be negated.',
      ),
  masked: [PREDICATE_CONFIG, NEGATE_CONFIG],
  validateProps: (props, prefix) => {
    const negate = prefix + NEGATE_CONFIG;
    const predicate = prefix + PREDICATE_CONFIG;
    if (Object.hasOwn(props, negate) && !Object.hasOwn(props, predicate)) {
      throw new ConfigError(
        `Config '${negate}' was provided but there is no config '${predicate}' defining a predicate to be negated.`,
      );
    }
  },
};

const PREDICATE: EnrichableKind = {
  kind: 'Predicate',
  aliasConfig: 'predicates',
  aliasGroup: 'Predicates',
  iface: PluginInterfaces.PREDICATE,
  classes: (plugins) => plugins.predicateClasses(),
  initialConfigDef: () => new ConfigDef(),
  masked: [],
  validateProps: () => {},
};

/**
 * A copy of `baseConfigDef` with the keys of each configured transform and predicate alias
 * (Kafka's ConnectorConfig.enrich): `transforms.<a>.type` (CLASS, required, recommending the
 * installed classes), for transforms the implicit `predicate` and `negate`, then the plugin's own
 * keys embedded under `transforms.<a>.` in group "Transforms: <a>". Duplicate aliases are added
 * once. With `requireFullConfig` false (validation) a type that cannot be loaded adds no keys and is
 * reported by the type key's validation instead; with true it throws ConfigError.
 */
export function enrich(
  plugins: EnrichmentPlugins,
  baseConfigDef: ConfigDef,
  props: Readonly<Record<string, string>>,
  requireFullConfig: boolean,
): ConfigDef {
  const newDef = new ConfigDef(baseConfigDef);
  enrichKind(TRANSFORMATION, plugins, newDef, props, requireFullConfig);
  enrichKind(PREDICATE, plugins, newDef, props, requireFullConfig);
  return newDef;
}

function enrichKind(
  kind: EnrichableKind,
  plugins: EnrichmentPlugins,
  newDef: ConfigDef,
  props: Readonly<Record<string, string>>,
  requireFullConfig: boolean,
): void {
  const aliases = parseType(kind.aliasConfig, props[kind.aliasConfig], ConfigType.LIST) as string[] | null;
  if (!Array.isArray(aliases)) return;
  const lowerKind = kind.kind.toLowerCase();
  for (const alias of new Set(aliases)) {
    const prefix = `${kind.aliasConfig}.${alias}.`;
    const group = `${kind.aliasGroup}: ${alias}`;
    const typeConfig = `${prefix}type`;
    const typeValidator = LambdaValidator.with(
      (_name, value) => {
        kind.validateProps(props, prefix);
        // Null when the class could not be found, which is already reported.
        if (value !== null && value !== undefined) configDefOfClass(kind, typeConfig, value as PluginClass<unknown>);
      },
      () => `valid configs for ${alias} ${lowerKind}`,
    );
    newDef.define({
      name: typeConfig,
      type: ConfigType.CLASS,
      defaultValue: NO_DEFAULT_VALUE,
      validator: typeValidator,
      importance: Importance.HIGH,
      documentation: `Class for the '${alias}' ${lowerKind}.`,
      group,
      orderInGroup: 0,
      width: Width.LONG,
      displayName: `${kind.kind} type for ${alias}`,
      dependents: [],
      recommender: classRecommender(() => kind.classes(plugins)),
    });
    const pluginDef = populateConfigDef(kind, plugins, props, typeConfig, requireFullConfig);
    if (pluginDef !== null) newDef.embed(prefix, group, 1, pluginDef);
  }
}

/** The implicit keys plus the plugin's own; null when the class is unusable and the config need not be full. */
function populateConfigDef(
  kind: EnrichableKind,
  plugins: EnrichmentPlugins,
  props: Readonly<Record<string, string>>,
  typeConfig: string,
  requireFullConfig: boolean,
): ConfigDef | null {
  const configDef = kind.initialConfigDef();
  try {
    const cls = parseType(typeConfig, props[typeConfig], ConfigType.CLASS, plugins) as PluginClass<unknown> | null;
    for (const key of configDefOfClass(kind, typeConfig, cls).configKeys().values()) {
      // The implicit keys mask any of the plugin's keys with the same name (Kafka logs a warning).
      if (kind.masked.includes(key.name)) continue;
      configDef.define(key);
    }
  } catch (err) {
    if (err instanceof ConfigError && !requireFullConfig) return null;
    throw err;
  }
  return configDef;
}

/** Kafka's getConfigDefFromConfigProvidingClass: checks the kind, instantiates, asks for config(). */
function configDefOfClass(kind: EnrichableKind, key: string, cls: PluginClass<unknown> | null): ConfigDef {
  if (cls === null) throw ConfigError.invalidValue(key, null, `Not a ${kind.kind}`);
  ensureImplements(kind.iface, cls);
  let instance: { config(): ConfigDef | null };
  try {
    instance = new cls() as { config(): ConfigDef | null };
  } catch {
    throw ConfigError.invalidValue(
      key,
      `class ${cls.className}`,
      `Error getting config definition from ${kind.kind}: Could not instantiate class ${cls.className}`,
    );
  }
  // Kafka neither configures nor closes this probe instance; only its config() is read.
  const configDef = instance.config();
  if (configDef === null || configDef === undefined) {
    throw new ConnectError(`${cls.className}.config() must return a ConfigDef that is not null.`);
  }
  return configDef;
}

/** Recommends the installed classes of the kind (Kafka's EnrichablePlugin.ClassRecommender). */
function classRecommender(classes: () => readonly PluginClass<unknown>[]): Recommender {
  return { validValues: () => [...classes()], visible: () => true };
}
