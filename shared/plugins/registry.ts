import {
  type ClassLoader,
  ConnectError,
  type Connector,
  type Converter,
  type HeaderConverter,
  type PluginClass,
  type Predicate,
  SinkConnector,
  SourceConnector,
  type Transformation,
} from '../api';

/** The kinds of plugin the REST API lists (Kafka's PluginType, as its toString prints them). */
export const PluginType = {
  SOURCE: 'source',
  SINK: 'sink',
  CONVERTER: 'converter',
  HEADER_CONVERTER: 'header_converter',
  TRANSFORMATION: 'transformation',
  PREDICATE: 'predicate',
} as const;
export type PluginType = (typeof PluginType)[keyof typeof PluginType];

/** The suffix Kafka prunes from a plugin's simple name to make its short alias (PluginUtils.prunedName). */
const ALIAS_SUFFIX: Record<PluginType, string> = {
  source: 'Connector',
  sink: 'Connector',
  converter: 'Converter',
  header_converter: 'HeaderConverter',
  transformation: 'Transformation',
  predicate: 'Predicate',
};

/** The version of a plugin that does not report one (Kafka's PluginDesc.UNDEFINED_VERSION). */
export const UNDEFINED_VERSION = 'undefined';

/** `GET /connector-plugins` entries: `version` is left out when undefined (Kafka's PluginInfo). */
export interface PluginInfo {
  class: string;
  type: PluginType;
  version?: string;
}

/** Any transformation or predicate, whatever record type it is written for. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds plugins for every record type.
type AnyTransformation = Transformation<any>;
// biome-ignore lint/suspicious/noExplicitAny: as above.
type AnyPredicate = Predicate<any>;

/** The plugins a registry knows, by kind; a class may be listed under several kinds (StringConverter). */
export interface PluginLists {
  /** Sink and source connectors; each must extend SinkConnector or SourceConnector. */
  connectors?: readonly PluginClass<Connector>[];
  converters?: readonly PluginClass<Converter>[];
  headerConverters?: readonly PluginClass<HeaderConverter>[];
  transformations?: readonly PluginClass<AnyTransformation>[];
  predicates?: readonly PluginClass<AnyPredicate>[];
}

/** One plugin of one kind (Kafka's PluginDesc). */
export class PluginDesc {
  private cachedVersion: string | null = null;

  constructor(
    readonly pluginClass: PluginClass<unknown>,
    readonly type: PluginType,
  ) {}

  get className(): string {
    return this.pluginClass.className;
  }

  /**
   * The plugin's version(), read from a fresh instance on first use; "undefined" when the plugin
   * has no version() or cannot be instantiated, "null" when version() returns null (Kafka's versionFor).
   */
  get version(): string {
    if (this.cachedVersion === null) this.cachedVersion = versionOf(this.pluginClass);
    return this.cachedVersion;
  }

  /** Kafka's PluginDesc#toString, which its "available connectors are: ..." messages list. */
  toString(): string {
    return (
      `PluginDesc{klass=class ${this.className}, name='${this.className}', version='${this.version}', ` +
      `encodedVersion=${this.version}, type=${this.type}, typeName='${this.type}', location='classpath'}`
    );
  }

  toPluginInfo(): PluginInfo {
    const version = this.version;
    return version === UNDEFINED_VERSION
      ? { class: this.className, type: this.type }
      : { class: this.className, type: this.type, version };
  }
}

/**
 * The one place that knows every plugin (Kafka's Plugins + DelegatingClassLoader): it resolves a
 * connector, converter, header converter, transformation or predicate by Java class name, simple
 * name or alias with Kafka's rules, lists plugins for GET /connector-plugins, and instantiates
 * them. It is a ClassLoader, so ConfigDef CLASS values and connector config enrichment resolve
 * aliases through it.
 */
export class PluginRegistry implements ClassLoader {
  private readonly byKind: Record<PluginType, PluginDesc[]>;
  private readonly classes = new Map<string, PluginClass<unknown>>();
  private readonly aliasMap: ReadonlyMap<string, string>;

  /** Throws ConnectError when a connector is neither a sink nor a source, or two classes share a name. */
  constructor(lists: PluginLists) {
    const byKind: Record<PluginType, PluginDesc[]> = {
      source: [],
      sink: [],
      converter: [],
      header_converter: [],
      transformation: [],
      predicate: [],
    };
    const add = (cls: PluginClass<unknown>, type: PluginType) => {
      const known = this.classes.get(cls.className);
      if (known && known !== cls) throw new ConnectError(`Two plugin classes are named ${cls.className}`);
      this.classes.set(cls.className, cls);
      if (!byKind[type].some((d) => d.pluginClass === cls)) byKind[type].push(new PluginDesc(cls, type));
    };
    for (const cls of lists.connectors ?? []) {
      if (cls.prototype instanceof SinkConnector) add(cls, PluginType.SINK);
      else if (cls.prototype instanceof SourceConnector) add(cls, PluginType.SOURCE);
      else throw new ConnectError(`Connector class ${cls.className} extends neither SinkConnector nor SourceConnector`);
    }
    for (const cls of lists.converters ?? []) add(cls, PluginType.CONVERTER);
    for (const cls of lists.headerConverters ?? []) add(cls, PluginType.HEADER_CONVERTER);
    for (const cls of lists.transformations ?? []) add(cls, PluginType.TRANSFORMATION);
    for (const cls of lists.predicates ?? []) add(cls, PluginType.PREDICATE);
    for (const descs of Object.values(byKind)) descs.sort((a, b) => compareNames(a.className, b.className));
    this.byKind = byKind;
    this.aliasMap = computeAliases(Object.values(byKind).flat());
  }

  sinkConnectors(): readonly PluginDesc[] {
    return this.byKind.sink;
  }

  sourceConnectors(): readonly PluginDesc[] {
    return this.byKind.source;
  }

  /** Sinks and sources together, sorted by class name (Kafka's Plugins.connectors()). */
  connectors(): readonly PluginDesc[] {
    return [...this.byKind.sink, ...this.byKind.source].sort(
      (a, b) => compareNames(a.className, b.className) || compareNames(a.type, b.type),
    );
  }

  converters(): readonly PluginDesc[] {
    return this.byKind.converter;
  }

  headerConverters(): readonly PluginDesc[] {
    return this.byKind.header_converter;
  }

  transformations(): readonly PluginDesc[] {
    return this.byKind.transformation;
  }

  predicates(): readonly PluginDesc[] {
    return this.byKind.predicate;
  }

  /** The transformation classes, sorted by class name (what `transforms.<alias>.type` recommends). */
  transformationClasses(): readonly PluginClass<unknown>[] {
    return this.byKind.transformation.map((d) => d.pluginClass);
  }

  predicateClasses(): readonly PluginClass<unknown>[] {
    return this.byKind.predicate.map((d) => d.pluginClass);
  }

  /**
   * GET /connector-plugins: sinks, then sources; with connectorsOnly false, then transformations,
   * predicates, converters and header converters; each kind sorted by class name
   * (Kafka's ConnectorPluginsResource).
   */
  connectorPlugins(connectorsOnly = true): PluginInfo[] {
    const kinds: PluginType[] = connectorsOnly
      ? [PluginType.SINK, PluginType.SOURCE]
      : [
          PluginType.SINK,
          PluginType.SOURCE,
          PluginType.TRANSFORMATION,
          PluginType.PREDICATE,
          PluginType.CONVERTER,
          PluginType.HEADER_CONVERTER,
        ];
    return kinds.flatMap((kind) => this.byKind[kind].map((d) => d.toPluginInfo()));
  }

  /**
   * Unambiguous aliases to class names (Kafka's PluginUtils.computeAliases): each plugin's simple
   * name, and its simple name without its kind's suffix ("FileStreamSink", "Json"). An alias two
   * classes share is dropped, so `Cast$Value` (simple name "Value") needs its full name.
   */
  aliases(): ReadonlyMap<string, string> {
    return this.aliasMap;
  }

  /** The class with this Java name or alias, or null (Kafka's DelegatingClassLoader#loadClass). */
  loadClass(nameOrAlias: string): PluginClass<unknown> | null {
    return this.classes.get(this.aliasMap.get(nameOrAlias) ?? nameOrAlias) ?? null;
  }

  /** The kinds a class is registered as, in Kafka's PluginType order. */
  typesOf(cls: PluginClass<unknown>): PluginType[] {
    return (Object.keys(this.byKind) as PluginType[]).filter((type) =>
      this.byKind[type].some((d) => d.pluginClass === cls),
    );
  }

  /**
   * A connector class by full name, alias, simple name, or simple name without "Connector"
   * (Kafka's Plugins.connectorClass). Throws ConnectError with Kafka's texts when none or several match.
   */
  connectorClass(nameOrAlias: string): PluginClass<Connector> {
    const loaded = this.loadClass(nameOrAlias);
    if (loaded && this.isConnector(loaded)) return loaded as PluginClass<Connector>;
    const connectors = this.connectors();
    const matches = connectors.filter((d) => {
      const simple = simpleName(d.className);
      return simple === nameOrAlias || simple === `${nameOrAlias}Connector`;
    });
    const available = connectors.map(String).join(', ');
    if (matches.length === 0) {
      throw new ConnectError(
        `Failed to find any class that implements Connector and which name matches ${nameOrAlias}, available connectors are: ${available}`,
      );
    }
    if (matches.length > 1) {
      throw new ConnectError(
        `More than one connector matches alias ${nameOrAlias}. Please use full package and class name instead. Classes found: ${available}`,
      );
    }
    return (matches[0] as PluginDesc).pluginClass as PluginClass<Connector>;
  }

  /** A new connector (Kafka's Plugins.newConnector); throws ConnectError as connectorClass does. */
  newConnector(nameOrAlias: string): Connector {
    return this.newPlugin(this.connectorClass(nameOrAlias));
  }

  /** A new, unconfigured converter by name or alias; throws ConnectError with Kafka's text when there is none. */
  newConverter(nameOrAlias: string): Converter {
    const cls = this.classOfKind(nameOrAlias, PluginType.CONVERTER);
    if (!cls) {
      throw new ConnectError(
        `Failed to find any class that implements Converter and which name matches ${nameOrAlias}, available converters are: ${this.converters().map(String).join(', ')}`,
      );
    }
    return this.newPlugin(cls as PluginClass<Converter>);
  }

  /** A new, unconfigured header converter by name or alias. */
  newHeaderConverter(nameOrAlias: string): HeaderConverter {
    const cls = this.classOfKind(nameOrAlias, PluginType.HEADER_CONVERTER);
    if (!cls) {
      throw new ConnectError(
        `Failed to find any class that implements HeaderConverter and which name matches ${nameOrAlias}, available header converters are: ${this.headerConverters().map(String).join(', ')}`,
      );
    }
    return this.newPlugin(cls as PluginClass<HeaderConverter>);
  }

  /** A new, unconfigured transformation by name or alias (Kafka's Plugins.newPlugin texts). */
  newTransformation<T extends AnyTransformation = AnyTransformation>(nameOrAlias: string): T {
    return this.newPlugin(this.transformation(nameOrAlias) as PluginClass<T>);
  }

  /** A new, unconfigured predicate by name or alias. */
  newPredicate<T extends AnyPredicate = AnyPredicate>(nameOrAlias: string): T {
    return this.newPlugin(this.predicate(nameOrAlias) as PluginClass<T>);
  }

  /**
   * The transformation class of a name or alias, for building transformation chains; throws
   * ConnectError when no transformation has it (a predicate's name does not count).
   */
  transformation(nameOrAlias: string): PluginClass<AnyTransformation> {
    const cls = this.classOfKind(nameOrAlias, PluginType.TRANSFORMATION);
    if (!cls) {
      throw new ConnectError(
        `Failed to find any class that implements interface org.apache.kafka.connect.transforms.Transformation and which name matches ${nameOrAlias}`,
      );
    }
    return cls as PluginClass<AnyTransformation>;
  }

  /** The predicate class of a name or alias; throws ConnectError when no predicate has it. */
  predicate(nameOrAlias: string): PluginClass<AnyPredicate> {
    const cls = this.classOfKind(nameOrAlias, PluginType.PREDICATE);
    if (!cls) {
      throw new ConnectError(
        `Failed to find any class that implements interface org.apache.kafka.connect.transforms.predicates.Predicate and which name matches ${nameOrAlias}`,
      );
    }
    return cls as PluginClass<AnyPredicate>;
  }

  /** Instantiates a class; a throwing constructor becomes ConnectError "Instantiation error" (Kafka's newPlugin). */
  newPlugin<T>(cls: PluginClass<T>): T {
    try {
      return new cls();
    } catch (err) {
      throw new ConnectError('Instantiation error', { cause: err });
    }
  }

  private classOfKind(nameOrAlias: string, type: PluginType): PluginClass<unknown> | null {
    const cls = this.loadClass(nameOrAlias);
    return cls && this.byKind[type].some((d) => d.pluginClass === cls) ? cls : null;
  }

  private isConnector(cls: PluginClass<unknown>): boolean {
    return [...this.byKind.sink, ...this.byKind.source].some((d) => d.pluginClass === cls);
  }
}

/** Java's Class#getSimpleName for a binary class name: "org.a.Cast$Value" -> "Value". */
export function simpleName(className: string): string {
  const afterPackage = className.slice(className.lastIndexOf('.') + 1);
  return afterPackage.slice(afterPackage.lastIndexOf('$') + 1);
}

/** Kafka's PluginUtils.prunedName: the simple name up to the last occurrence of the kind's suffix. */
export function prunedName(className: string, type: PluginType): string {
  const simple = simpleName(className);
  const pos = simple.lastIndexOf(ALIAS_SUFFIX[type]);
  return pos > 0 ? simple.slice(0, pos) : simple;
}

function computeAliases(descs: readonly PluginDesc[]): Map<string, string> {
  const candidates = new Map<string, Set<string>>();
  const note = (alias: string, className: string) => {
    const names = candidates.get(alias) ?? new Set<string>();
    names.add(className);
    candidates.set(alias, names);
  };
  for (const desc of descs) {
    note(simpleName(desc.className), desc.className);
    note(prunedName(desc.className, desc.type), desc.className);
  }
  const aliases = new Map<string, string>();
  for (const [alias, names] of candidates) {
    if (names.size === 1) aliases.set(alias, [...names][0] as string);
  }
  return aliases;
}

/** Java's String#compareTo (UTF-16 code units), which orders Kafka's plugin sets. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function versionOf(cls: PluginClass<unknown>): string {
  let instance: unknown;
  try {
    instance = new cls();
  } catch {
    return UNDEFINED_VERSION;
  }
  const version = (instance as { version?: unknown }).version;
  if (typeof version !== 'function') return UNDEFINED_VERSION;
  const value: unknown = version.call(instance);
  return value === null || value === undefined ? 'null' : String(value);
}
