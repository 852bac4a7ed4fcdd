import {
  AbstractConfig,
  CompositeValidator,
  ConfigDef,
  ConfigError,
  ConfigType,
  ConnectError,
  Importance,
  LambdaValidator,
  NO_DEFAULT_VALUE,
  NonEmptyStringWithoutControlChars,
  NonNullValidator,
  type PluginClass,
  type Predicate,
  Range,
  type Transformation,
  ValidString,
  Width,
} from '../api';
import { type EnrichmentPlugins, enrich, NEGATE_CONFIG, PREDICATE_CONFIG } from './enrich';
import { ConcreteSubClassValidator, InstantiableClassValidator, PluginInterfaces } from './plugin-validators';

/**
 * The keys every connector has (Kafka's ConnectorConfig): name, connector.class, tasks.max,
 * converters, transforms, predicates, config.action.reload and error handling. Names, defaults,
 * validators, groups, order, widths, display names and docs are Kafka's, since the REST API
 * shows them (GET /connector-plugins/{plugin}/config and config validation).
 */

export const COMMON_GROUP = 'Common';
export const TRANSFORMS_GROUP = 'Transforms';
export const PREDICATES_GROUP = 'Predicates';
export const ERROR_GROUP = 'Error Handling';

export const NAME_CONFIG = 'name';
const NAME_DOC = 'Globally unique name to use for this connector.';
const NAME_DISPLAY = 'Connector name';

export const CONNECTOR_CLASS_CONFIG = 'connector.class';
// The double space before "or use" is Kafka's.
const CONNECTOR_CLASS_DOC =
  'Name or alias of the class for this connector. Must be a subclass of org.apache.kafka.connect.connector.Connector. ' +
  'If the connector is org.apache.kafka.connect.file.FileStreamSinkConnector, you can either specify this full name, ' +
  ' or use "FileStreamSink" or "FileStreamSinkConnector" to make the configuration a bit shorter';
const CONNECTOR_CLASS_DISPLAY = 'Connector class';

export const KEY_CONVERTER_CLASS_CONFIG = 'key.converter';
export const KEY_CONVERTER_CLASS_DOC =
  'Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. ' +
  'This controls the format of the keys in messages written to or read from Kafka, and since this is independent of connectors ' +
  'it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro.';
const KEY_CONVERTER_CLASS_DISPLAY = 'Key converter class';

export const VALUE_CONVERTER_CLASS_CONFIG = 'value.converter';
export const VALUE_CONVERTER_CLASS_DOC =
  'Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. ' +
  'This controls the format of the values in messages written to or read from Kafka, and since this is independent of connectors ' +
  'it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro.';
const VALUE_CONVERTER_CLASS_DISPLAY = 'Value converter class';

export const HEADER_CONVERTER_CLASS_CONFIG = 'header.converter';
export const HEADER_CONVERTER_CLASS_DOC =
  'HeaderConverter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. ' +
  'This controls the format of the header values in messages written to or read from Kafka, and since this is independent of connectors ' +
  'it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro. ' +
  'By default, the SimpleHeaderConverter is used to serialize header values to strings and deserialize them by inferring the schemas.';
const HEADER_CONVERTER_CLASS_DISPLAY = 'Header converter class';
/** No default at connector level: an unset header.converter means "use the worker's" (Kafka's comment). */
export const HEADER_CONVERTER_CLASS_DEFAULT = null;

export const TASKS_MAX_CONFIG = 'tasks.max';
const TASKS_MAX_DOC = 'Maximum number of tasks to use for this connector.';
export const TASKS_MAX_DEFAULT = 1;
const TASKS_MIN_CONFIG = 1;
const TASKS_MAX_DISPLAY = 'Tasks max';

export const TASKS_MAX_ENFORCE_CONFIG = 'tasks.max.enforce';
const TASKS_MAX_ENFORCE_DOC =
  '(Deprecated) Whether to enforce that the tasks.max property is respected by the connector. ' +
  'By default, connectors that generate too many tasks will fail, and existing sets of tasks that exceed the tasks.max property will also be failed. ' +
  'If this property is set to false, then connectors will be allowed to generate more than the maximum number of tasks, and existing sets of ' +
  'tasks that exceed the tasks.max property will be allowed to run. ' +
  'This property is deprecated and will be removed in an upcoming major release.';
export const TASKS_MAX_ENFORCE_DEFAULT = true;
const TASKS_MAX_ENFORCE_DISPLAY = 'Enforce tasks max';

export const TRANSFORMS_CONFIG = 'transforms';
const TRANSFORMS_DOC = 'Aliases for the transformations to be applied to records.';
const TRANSFORMS_DISPLAY = 'Transforms';

export const PREDICATES_CONFIG = 'predicates';
const PREDICATES_DOC = 'Aliases for the predicates used by transformations.';
const PREDICATES_DISPLAY = 'Predicates';

/** What to do when a config provider's value changes (Kafka's Herder.ConfigReloadAction). */
export const ConfigReloadAction = { NONE: 'none', RESTART: 'restart' } as const;
export type ConfigReloadAction = (typeof ConfigReloadAction)[keyof typeof ConfigReloadAction];

export const CONFIG_RELOAD_ACTION_CONFIG = 'config.action.reload';
// "properties.The restart" (no space) is Kafka's text.
const CONFIG_RELOAD_ACTION_DOC =
  "The action that Connect should take on the connector when changes in external configuration providers result in a change in the connector's configuration properties. " +
  "A value of 'none' indicates that Connect will do nothing. " +
  "A value of 'restart' indicates that Connect should restart/reload the connector with the updated configuration properties." +
  'The restart may actually be scheduled in the future if the external configuration provider indicates that a configuration value will expire in the future.';
const CONFIG_RELOAD_ACTION_DISPLAY = 'Reload Action';
export const CONFIG_RELOAD_ACTION_NONE = ConfigReloadAction.NONE;
export const CONFIG_RELOAD_ACTION_RESTART = ConfigReloadAction.RESTART;

/** How errors in record processing are tolerated (Kafka's ToleranceType). */
export const ToleranceType = { NONE: 'none', ALL: 'all' } as const;
export type ToleranceType = (typeof ToleranceType)[keyof typeof ToleranceType];

export const ERRORS_RETRY_TIMEOUT_CONFIG = 'errors.retry.timeout';
const ERRORS_RETRY_TIMEOUT_DISPLAY = 'Retry Timeout for Errors';
export const ERRORS_RETRY_TIMEOUT_DEFAULT = 0;
const ERRORS_RETRY_TIMEOUT_DOC =
  'The maximum duration in milliseconds that a failed operation will be reattempted. ' +
  'The default is 0, which means no retries will be attempted. Use -1 for infinite retries.';

export const ERRORS_RETRY_MAX_DELAY_CONFIG = 'errors.retry.delay.max.ms';
const ERRORS_RETRY_MAX_DELAY_DISPLAY = 'Maximum Delay Between Retries for Errors';
export const ERRORS_RETRY_MAX_DELAY_DEFAULT = 60000;
const ERRORS_RETRY_MAX_DELAY_DOC =
  'The maximum duration in milliseconds between consecutive retry attempts. ' +
  'Jitter will be added to the delay once this limit is reached to prevent thundering herd issues.';

export const ERRORS_TOLERANCE_CONFIG = 'errors.tolerance';
const ERRORS_TOLERANCE_DISPLAY = 'Error Tolerance';
export const ERRORS_TOLERANCE_DEFAULT = ToleranceType.NONE;
const ERRORS_TOLERANCE_DOC =
  "Behavior for tolerating errors during connector operation. 'none' is the default value and signals that any error will result in an immediate connector task failure; " +
  "'all' changes the behavior to skip over problematic records.";

export const ERRORS_LOG_ENABLE_CONFIG = 'errors.log.enable';
const ERRORS_LOG_ENABLE_DISPLAY = 'Log Errors';
export const ERRORS_LOG_ENABLE_DEFAULT = false;
const ERRORS_LOG_ENABLE_DOC =
  'If true, write each error and the details of the failed operation and problematic record to the Connect application log. ' +
  "This is 'false' by default, so that only errors that are not tolerated are reported.";

export const ERRORS_LOG_INCLUDE_MESSAGES_CONFIG = 'errors.log.include.messages';
const ERRORS_LOG_INCLUDE_MESSAGES_DISPLAY = 'Log Error Details';
export const ERRORS_LOG_INCLUDE_MESSAGES_DEFAULT = false;
const ERRORS_LOG_INCLUDE_MESSAGES_DOC =
  'Whether to include in the log the Connect record that resulted in a failure. ' +
  'For sink records, the topic, partition, offset, and timestamp will be logged. ' +
  'For source records, the key and value (and their schemas), all headers, and the timestamp, Kafka topic, Kafka partition, source partition, ' +
  'and source offset will be logged. ' +
  "This is 'false' by default, which will prevent record keys, values, and headers from being written to log files.";

export const CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX = 'producer.override.';
export const CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX = 'consumer.override.';
export const CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX = 'admin.override.';
export const TRANSFORMS_PREFIX = `${TRANSFORMS_CONFIG}.`;
export const PREDICATES_PREFIX = `${PREDICATES_CONFIG}.`;
/** The per-alias type key suffix: `transforms.<alias>.type`, `predicates.<alias>.type`. */
export const TYPE_CONFIG_SUFFIX = 'type';

/** A list of unique aliases (Kafka's ConnectorConfig.aliasValidator). */
export function aliasValidator(kind: string): CompositeValidator {
  return CompositeValidator.of(
    new NonNullValidator(),
    LambdaValidator.with(
      (name, value) => {
        const aliases = value as string[];
        if (aliases.length > new Set(aliases).size)
          throw ConfigError.invalidValue(name, value, 'Duplicate alias provided.');
      },
      () => `unique ${kind} aliases`,
    ),
  );
}

/** A new definition of the keys every connector has (Kafka's ConnectorConfig.configDef()). */
export function connectorConfigDef(): ConfigDef {
  let order = 0;
  let errorOrder = 0;
  const converterValidator = (iface: typeof PluginInterfaces.CONVERTER | typeof PluginInterfaces.HEADER_CONVERTER) =>
    CompositeValidator.of(ConcreteSubClassValidator.forSuperClass(iface), new InstantiableClassValidator());
  return new ConfigDef()
    .define({
      name: NAME_CONFIG,
      type: ConfigType.STRING,
      defaultValue: NO_DEFAULT_VALUE,
      validator: NonEmptyStringWithoutControlChars.nonEmptyStringWithoutControlChars(),
      importance: Importance.HIGH,
      documentation: NAME_DOC,
      group: COMMON_GROUP,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: NAME_DISPLAY,
    })
    .define({
      name: CONNECTOR_CLASS_CONFIG,
      type: ConfigType.STRING,
      importance: Importance.HIGH,
      documentation: CONNECTOR_CLASS_DOC,
      group: COMMON_GROUP,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: CONNECTOR_CLASS_DISPLAY,
    })
    .define({
      name: TASKS_MAX_CONFIG,
      type: ConfigType.INT,
      defaultValue: TASKS_MAX_DEFAULT,
      validator: Range.atLeast(TASKS_MIN_CONFIG),
      importance: Importance.HIGH,
      documentation: TASKS_MAX_DOC,
      group: COMMON_GROUP,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: TASKS_MAX_DISPLAY,
    })
    .define({
      name: TASKS_MAX_ENFORCE_CONFIG,
      type: ConfigType.BOOLEAN,
      defaultValue: TASKS_MAX_ENFORCE_DEFAULT,
      importance: Importance.LOW,
      documentation: TASKS_MAX_ENFORCE_DOC,
      group: COMMON_GROUP,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: TASKS_MAX_ENFORCE_DISPLAY,
    })
    .define({
      name: KEY_CONVERTER_CLASS_CONFIG,
      type: ConfigType.CLASS,
      defaultValue: null,
      validator: converterValidator(PluginInterfaces.CONVERTER),
      importance: Importance.LOW,
      documentation: KEY_CONVERTER_CLASS_DOC,
      group: COMMON_GROUP,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: KEY_CONVERTER_CLASS_DISPLAY,
    })
    .define({
      name: VALUE_CONVERTER_CLASS_CONFIG,
      type: ConfigType.CLASS,
      defaultValue: null,
      validator: converterValidator(PluginInterfaces.CONVERTER),
      importance: Importance.LOW,
      documentation: VALUE_CONVERTER_CLASS_DOC,
      group: COMMON_GROUP,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: VALUE_CONVERTER_CLASS_DISPLAY,
    })
    .define({
      name: HEADER_CONVERTER_CLASS_CONFIG,
      type: ConfigType.CLASS,
      defaultValue: HEADER_CONVERTER_CLASS_DEFAULT,
      validator: converterValidator(PluginInterfaces.HEADER_CONVERTER),
      importance: Importance.LOW,
      documentation: HEADER_CONVERTER_CLASS_DOC,
      group: COMMON_GROUP,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: HEADER_CONVERTER_CLASS_DISPLAY,
    })
    .define({
      name: TRANSFORMS_CONFIG,
      type: ConfigType.LIST,
      defaultValue: [],
      validator: aliasValidator('transformation'),
      importance: Importance.LOW,
      documentation: TRANSFORMS_DOC,
      group: TRANSFORMS_GROUP,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: TRANSFORMS_DISPLAY,
    })
    .define({
      name: PREDICATES_CONFIG,
      type: ConfigType.LIST,
      defaultValue: [],
      validator: aliasValidator('predicate'),
      importance: Importance.LOW,
      documentation: PREDICATES_DOC,
      group: PREDICATES_GROUP,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: PREDICATES_DISPLAY,
    })
    .define({
      name: CONFIG_RELOAD_ACTION_CONFIG,
      type: ConfigType.STRING,
      defaultValue: CONFIG_RELOAD_ACTION_RESTART,
      validator: ValidString.in(CONFIG_RELOAD_ACTION_NONE, CONFIG_RELOAD_ACTION_RESTART),
      importance: Importance.LOW,
      documentation: CONFIG_RELOAD_ACTION_DOC,
      group: COMMON_GROUP,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: CONFIG_RELOAD_ACTION_DISPLAY,
    })
    .define({
      name: ERRORS_RETRY_TIMEOUT_CONFIG,
      type: ConfigType.LONG,
      defaultValue: ERRORS_RETRY_TIMEOUT_DEFAULT,
      importance: Importance.MEDIUM,
      documentation: ERRORS_RETRY_TIMEOUT_DOC,
      group: ERROR_GROUP,
      orderInGroup: ++errorOrder,
      width: Width.MEDIUM,
      displayName: ERRORS_RETRY_TIMEOUT_DISPLAY,
    })
    .define({
      name: ERRORS_RETRY_MAX_DELAY_CONFIG,
      type: ConfigType.LONG,
      defaultValue: ERRORS_RETRY_MAX_DELAY_DEFAULT,
      importance: Importance.MEDIUM,
      documentation: ERRORS_RETRY_MAX_DELAY_DOC,
      group: ERROR_GROUP,
      orderInGroup: ++errorOrder,
      width: Width.MEDIUM,
      displayName: ERRORS_RETRY_MAX_DELAY_DISPLAY,
    })
    .define({
      name: ERRORS_TOLERANCE_CONFIG,
      type: ConfigType.STRING,
      defaultValue: ERRORS_TOLERANCE_DEFAULT,
      validator: ValidString.in(ToleranceType.NONE, ToleranceType.ALL),
      importance: Importance.MEDIUM,
      documentation: ERRORS_TOLERANCE_DOC,
      group: ERROR_GROUP,
      orderInGroup: ++errorOrder,
      width: Width.SHORT,
      displayName: ERRORS_TOLERANCE_DISPLAY,
    })
    .define({
      name: ERRORS_LOG_ENABLE_CONFIG,
      type: ConfigType.BOOLEAN,
      defaultValue: ERRORS_LOG_ENABLE_DEFAULT,
      importance: Importance.MEDIUM,
      documentation: ERRORS_LOG_ENABLE_DOC,
      group: ERROR_GROUP,
      orderInGroup: ++errorOrder,
      width: Width.SHORT,
      displayName: ERRORS_LOG_ENABLE_DISPLAY,
    })
    .define({
      name: ERRORS_LOG_INCLUDE_MESSAGES_CONFIG,
      type: ConfigType.BOOLEAN,
      defaultValue: ERRORS_LOG_INCLUDE_MESSAGES_DEFAULT,
      importance: Importance.MEDIUM,
      documentation: ERRORS_LOG_INCLUDE_MESSAGES_DOC,
      group: ERROR_GROUP,
      orderInGroup: ++errorOrder,
      width: Width.SHORT,
      displayName: ERRORS_LOG_INCLUDE_MESSAGES_DISPLAY,
    });
}

/** One transform of the chain as configured: its class and config, and the predicate that gates it. */
export interface TransformationStageSpec {
  alias: string;
  transformationClass: PluginClass<Transformation<never>>;
  /** The `transforms.<alias>.*` keys with the prefix, predicate and negate removed. */
  config: Record<string, unknown>;
  predicate: {
    alias: string;
    predicateClass: PluginClass<Predicate<never>>;
    /** The `predicates.<alias>.*` keys with the prefix removed (type included, as in Kafka). */
    config: Record<string, unknown>;
  } | null;
  negate: boolean;
}

/**
 * A connector's config parsed against the framework keys plus the keys of its transforms and
 * predicates (Kafka's ConnectorConfig). Construction throws ConfigError on the first invalid value.
 */
export class ConnectorConfig extends AbstractConfig {
  private readonly enriched: AbstractConfig;

  constructor(
    protected readonly plugins: EnrichmentPlugins,
    props: Readonly<Record<string, string>>,
    definition: ConfigDef = connectorConfigDef(),
  ) {
    super(definition, props, plugins);
    this.enriched = new AbstractConfig(enrich(plugins, definition, props, true), props, plugins);
  }

  /** Values come from the enriched definition, so `transforms.<alias>.*` keys can be read too. */
  override get(key: string): unknown {
    return this.enriched.get(key);
  }

  errorRetryTimeout(): number {
    return this.getLong(ERRORS_RETRY_TIMEOUT_CONFIG) as number;
  }

  errorMaxDelayInMillis(): number {
    return this.getLong(ERRORS_RETRY_MAX_DELAY_CONFIG) as number;
  }

  errorToleranceType(): ToleranceType {
    const tolerance = (this.getString(ERRORS_TOLERANCE_CONFIG) ?? '').toLowerCase();
    return Object.values(ToleranceType).find((t) => t === tolerance) ?? ERRORS_TOLERANCE_DEFAULT;
  }

  enableErrorLog(): boolean {
    return this.getBoolean(ERRORS_LOG_ENABLE_CONFIG) as boolean;
  }

  includeRecordDetailsInErrorLog(): boolean {
    return this.getBoolean(ERRORS_LOG_INCLUDE_MESSAGES_CONFIG) as boolean;
  }

  tasksMax(): number {
    return this.getInt(TASKS_MAX_CONFIG) as number;
  }

  enforceTasksMax(): boolean {
    return this.getBoolean(TASKS_MAX_ENFORCE_CONFIG) as boolean;
  }

  configReloadAction(): ConfigReloadAction {
    return this.getString(CONFIG_RELOAD_ACTION_CONFIG) as ConfigReloadAction;
  }

  /**
   * The configured transforms in order, each with its predicate (what Kafka's
   * transformationStages() instantiates). Throws ConnectError when a class cannot be used.
   */
  transformationStageSpecs(): TransformationStageSpec[] {
    const aliases = this.getList(TRANSFORMS_CONFIG) ?? [];
    return aliases.map((alias) => {
      const prefix = `${TRANSFORMS_PREFIX}${alias}.`;
      try {
        const transformationClass = this.requiredClass<Transformation<never>>(`${prefix}${TYPE_CONFIG_SUFFIX}`);
        const config = this.originalsWithPrefix(prefix);
        const predicateAlias = config[PREDICATE_CONFIG];
        const negate = config[NEGATE_CONFIG];
        delete config[PREDICATE_CONFIG];
        delete config[NEGATE_CONFIG];
        let predicate: TransformationStageSpec['predicate'] = null;
        if (predicateAlias !== undefined && predicateAlias !== null) {
          const predicatePrefix = `${PREDICATES_PREFIX}${String(predicateAlias)}.`;
          predicate = {
            alias: String(predicateAlias),
            predicateClass: this.requiredClass<Predicate<never>>(`${predicatePrefix}${TYPE_CONFIG_SUFFIX}`),
            config: this.originalsWithPrefix(predicatePrefix),
          };
        }
        // Kafka: negate != null && Boolean.parseBoolean(negate.toString()).
        const negated = predicate !== null && negate !== undefined && String(negate).toLowerCase() === 'true';
        return { alias, transformationClass, config, predicate, negate: negated };
      } catch (err) {
        if (err instanceof ConnectError && !(err instanceof ConfigError)) throw err;
        throw new ConnectError((err as Error).message, { cause: err });
      }
    });
  }

  private requiredClass<T>(key: string): PluginClass<T> {
    const cls = this.enriched.getPluginClass<T>(key) ?? this.plugins.loadClass(String(this.get(key)));
    if (cls === null) throw new ConfigError(`Class ${String(this.get(key))} could not be found.`);
    return cls as PluginClass<T>;
  }
}
