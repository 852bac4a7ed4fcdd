import {
  ConfigDef,
  ConfigError,
  ConfigType,
  type ConnectRecord,
  type PluginClass,
  type Predicate,
  parseType,
  type Transformation,
} from '../api';
import { TransformationStageError } from './errors';

/** The implicit key naming the predicate that gates a transform (Kafka's TransformationStage.PREDICATE_CONFIG). */
const PREDICATE_CONFIG = 'predicate';
/** The implicit key inverting that predicate (Kafka's TransformationStage.NEGATE_CONFIG). */
const NEGATE_CONFIG = 'negate';
const TRANSFORMS_CONFIG = 'transforms';
const PREDICATES_CONFIG = 'predicates';

/**
 * One configured transform of a connector's chain, with the predicate that gates it (Kafka's
 * TransformationStage). The transform applies iff `predicate` is null or `negate XOR
 * predicate.test(record)`.
 */
export interface TransformationStage<R extends ConnectRecord<R>> {
  /** The alias in `transforms` (e.g. "insertTs"). */
  readonly alias: string;
  readonly transformation: Transformation<R>;
  /** The Java class name of the transform (`transforms.<alias>.type` resolved), for error reports. */
  readonly className: string;
  readonly predicate: Predicate<R> | null;
  /** The alias in `predicates`, or null without a predicate. */
  readonly predicateAlias: string | null;
  readonly negate: boolean;
}

/**
 * A connector's transforms applied in order to each record (Kafka's TransformationChain), used by
 * the sink pipeline (after conversion, before SinkTask.put) and the source loop (after poll,
 * before conversion). A stage returning null drops the record and ends the chain. A stage that
 * throws is reported as a TransformationStageError naming its alias and class, with the original
 * error as cause; `applyFrom` resumes the chain at a stage, for a retry of that stage.
 *
 * The hot path allocates nothing of its own: a batch of 10,000 records costs what the transforms
 * themselves cost.
 */
export class TransformationChain<R extends ConnectRecord<R>> {
  private readonly stageList: readonly TransformationStage<R>[];

  constructor(stages: readonly TransformationStage<R>[]) {
    this.stageList = [...stages];
  }

  get stages(): readonly TransformationStage<R>[] {
    return this.stageList;
  }

  isEmpty(): boolean {
    return this.stageList.length === 0;
  }

  /**
   * Runs the record through every stage.
   * @returns the transformed record, or null when a stage dropped it
   * @throws TransformationStageError when a predicate or transform throws
   */
  apply(record: R): R | null {
    return this.stageList.length === 0 ? record : this.applyFrom(record, 0);
  }

  /** Runs the record through the stages from `first` on (to retry a failed stage and continue). */
  applyFrom(record: R, first: number): R | null {
    const stages = this.stageList;
    let current: R | null = record;
    let i = first;
    try {
      for (; i < stages.length; i++) {
        const stage = stages[i] as TransformationStage<R>;
        const predicate = stage.predicate;
        if (predicate === null || stage.negate !== predicate.test(current as R)) {
          current = stage.transformation.apply(current as R);
          if (current === null) return null;
        }
      }
      return current;
    } catch (err) {
      const stage = stages[i] as TransformationStage<R>;
      throw new TransformationStageError(stage.alias, stage.className, i, current, err);
    }
  }

  /** Closes every transform and predicate, ignoring their errors (Kafka's Utils.closeQuietly). */
  close(): void {
    for (const stage of this.stageList) {
      closeQuietly(stage.transformation);
      if (stage.predicate) closeQuietly(stage.predicate);
    }
  }

  /** Kafka's TransformationChain#toString: the transforms' class names. */
  toString(): string {
    return `org.apache.kafka.connect.runtime.TransformationChain{${this.stageList.map((s) => s.className).join(', ')}}`;
  }
}

function closeQuietly(closeable: { close(): void }): void {
  try {
    closeable.close();
  } catch {
    // As Kafka's Utils.closeQuietly, which logs and moves on; a failing close must not stop the others.
  }
}

/** How the chain builder finds plugin classes by the name (or alias) a config gives (the plugin registry). */
export interface TransformationResolver {
  // biome-ignore lint/suspicious/noExplicitAny: resolved classes serve any record type
  transformation(className: string): PluginClass<Transformation<any>>;
  // biome-ignore lint/suspicious/noExplicitAny: resolved classes serve any record type
  predicate(className: string): PluginClass<Predicate<any>>;
}

/**
 * Builds a connector's chain from its config (Kafka's ConnectorConfig#transformationStages, with
 * the checks its enrichment makes first): `transforms` lists aliases; each has
 * `transforms.<a>.type` and its own keys under `transforms.<a>.`, and may name a predicate with
 * `transforms.<a>.predicate` (an alias in `predicates`, configured from `predicates.<p>.*`) and
 * invert it with `transforms.<a>.negate`. Each stage gets its own configured instances.
 * @throws ConfigError with Kafka's texts for duplicate aliases, a missing or unknown type, a
 * `negate` without `predicate`, an unknown predicate alias, and invalid transform or predicate keys
 */
export function transformationChainFrom<R extends ConnectRecord<R>>(
  connectorConfig: Readonly<Record<string, string>>,
  resolve: TransformationResolver,
): TransformationChain<R> {
  const transformAliases = aliasList(connectorConfig, TRANSFORMS_CONFIG);
  const predicateAliases = new Set(aliasList(connectorConfig, PREDICATES_CONFIG));
  const stages: TransformationStage<R>[] = [];
  try {
    for (const alias of transformAliases) {
      const prefix = `${TRANSFORMS_CONFIG}.${alias}.`;
      const cls = resolveClass(connectorConfig, prefix, 'Transformation', (name) => resolve.transformation(name));
      const negateKey = prefix + NEGATE_CONFIG;
      const predicateKey = prefix + PREDICATE_CONFIG;
      if (Object.hasOwn(connectorConfig, negateKey) && !Object.hasOwn(connectorConfig, predicateKey)) {
        throw new ConfigError(
          `Config '${negateKey}' was provided but there is no config '${predicateKey}' defining a predicate to be negated.`,
        );
      }
      const transformation = new cls() as Transformation<R>;
      validatePrefixed(connectorConfig, prefix, transformation.config(), [PREDICATE_CONFIG, NEGATE_CONFIG]);
      const configs = withPrefix(connectorConfig, prefix);
      delete configs[PREDICATE_CONFIG];
      delete configs[NEGATE_CONFIG];
      transformation.configure(configs);

      const predicateAlias = connectorConfig[predicateKey] ?? null;
      let predicate: Predicate<R> | null = null;
      let negate = false;
      if (predicateAlias !== null) {
        const predicatePrefix = `${PREDICATES_CONFIG}.${predicateAlias}.`;
        if (!predicateAliases.has(predicateAlias)) {
          // Kafka defines predicate keys only for listed aliases, so the lookup of an unlisted one fails.
          throw new ConfigError(`Unknown configuration '${predicatePrefix}type'`);
        }
        const predicateClass = resolveClass(connectorConfig, predicatePrefix, 'Predicate', (name) =>
          resolve.predicate(name),
        );
        predicate = new predicateClass() as Predicate<R>;
        validatePrefixed(connectorConfig, predicatePrefix, predicate.config(), []);
        predicate.configure(withPrefix(connectorConfig, predicatePrefix));
        negate = Object.hasOwn(connectorConfig, negateKey)
          ? (parseType(negateKey, connectorConfig[negateKey], ConfigType.BOOLEAN) as boolean)
          : false;
      }
      stages.push({ alias, transformation, className: cls.className, predicate, predicateAlias, negate });
    }
  } catch (err) {
    new TransformationChain(stages).close();
    throw err;
  }
  return new TransformationChain(stages);
}

/** The `transforms` or `predicates` list, with Kafka's aliasValidator check for duplicates. */
function aliasList(config: Readonly<Record<string, string>>, key: string): string[] {
  const aliases = (parseType(key, config[key] ?? '', ConfigType.LIST) as string[] | null) ?? [];
  if (new Set(aliases).size < aliases.length) throw ConfigError.invalidValue(key, aliases, 'Duplicate alias provided.');
  return aliases;
}

function resolveClass<T>(
  config: Readonly<Record<string, string>>,
  prefix: string,
  kind: 'Transformation' | 'Predicate',
  load: (name: string) => PluginClass<T>,
): PluginClass<T> {
  const typeKey = `${prefix}type`;
  const name = config[typeKey]?.trim();
  if (name === undefined) throw ConfigError.invalidValue(typeKey, null, `Not a ${kind}`);
  let cls: PluginClass<T> | null | undefined;
  try {
    cls = load(name);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`Invalid value ${name} for configuration ${typeKey}: Class ${name} could not be found.`, {
      cause: err,
      key: typeKey,
      value: name,
    });
  }
  if (!cls) throw ConfigError.invalidValue(typeKey, name, `Class ${name} could not be found.`);
  return cls;
}

/** The keys under `prefix`, prefix stripped (Kafka's originalsWithPrefix; `type` included). */
export function withPrefix(config: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(prefix) && key.length > prefix.length) result[key.slice(prefix.length)] = value;
  }
  return result;
}

/**
 * Parses the plugin's keys as embedded under its prefix, as Kafka's enriched connector config does
 * before any stage is built, so errors name the full key ("Missing required configuration
 * \"transforms.a.field\" ..."). Keys the implicit predicate/negate keys mask are left out.
 */
function validatePrefixed(
  config: Readonly<Record<string, string>>,
  prefix: string,
  pluginDef: ConfigDef,
  masked: readonly string[],
): void {
  const child = new ConfigDef();
  for (const key of pluginDef.configKeys().values()) if (!masked.includes(key.name)) child.define(key);
  new ConfigDef().embed(prefix, prefix.slice(0, -1), 0, child).parse(config);
}
