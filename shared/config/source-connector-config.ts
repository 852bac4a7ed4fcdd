import {
  AbstractConfig,
  CaseInsensitiveValidString,
  CompositeValidator,
  ConfigDef,
  ConfigError,
  ConfigType,
  Importance,
  LambdaValidator,
  NonEmptyString,
  NonNullValidator,
  parseType,
  Range,
  Width,
} from '../api';
import { ConnectorConfig, connectorConfigDef } from './connector-config';
import type { EnrichmentPlugins } from './enrich';
import {
  DEFAULT_TOPIC_CREATION_GROUP,
  DEFAULT_TOPIC_CREATION_PREFIX,
  defaultGroupConfigDef,
  EXCLUDE_REGEX_CONFIG,
  INCLUDE_REGEX_CONFIG,
  PARTITIONS_CONFIG,
  REPLICATION_FACTOR_CONFIG,
  topicCreationConfigDef,
} from './topic-creation-config';

/** The keys only source connectors have (Kafka's SourceConnectorConfig), with topic creation (KIP-158). */

export const TOPIC_CREATION_GROUP = 'Topic Creation';
export const TOPIC_CREATION_PREFIX = 'topic.creation.';
export const TOPIC_CREATION_GROUPS_CONFIG = `${TOPIC_CREATION_PREFIX}groups`;
const TOPIC_CREATION_GROUPS_DOC = 'Groups of configurations for topics created by source connectors';
const TOPIC_CREATION_GROUPS_DISPLAY = 'Topic Creation Groups';

export const EXACTLY_ONCE_SUPPORT_GROUP = 'Exactly Once Support';

/** Whether a source connector must give exactly-once delivery (Kafka's ExactlyOnceSupportLevel; values as Kafka prints them). */
export const ExactlyOnceSupportLevel = { REQUESTED: 'requested', REQUIRED: 'required' } as const;
export type ExactlyOnceSupportLevel = (typeof ExactlyOnceSupportLevel)[keyof typeof ExactlyOnceSupportLevel];

/** How a source task's producer transactions are delimited (Kafka's SourceTask.TransactionBoundary). */
export const TransactionBoundary = { POLL: 'poll', INTERVAL: 'interval', CONNECTOR: 'connector' } as const;
export type TransactionBoundary = (typeof TransactionBoundary)[keyof typeof TransactionBoundary];
export const TRANSACTION_BOUNDARY_DEFAULT = TransactionBoundary.POLL;

/** Parses a level case-insensitively, as Kafka's fromProperty does; throws ConfigError for others. */
export function exactlyOnceSupportLevelOf(property: string): ExactlyOnceSupportLevel {
  return enumOf(ExactlyOnceSupportLevel, property, 'ExactlyOnceSupportLevel');
}

export function transactionBoundaryOf(property: string): TransactionBoundary {
  return enumOf(TransactionBoundary, property, 'TransactionBoundary');
}

function enumOf<T extends string>(values: Record<string, T>, property: string, name: string): T {
  const found = Object.values(values).find((v) => v === property.trim().toLowerCase());
  if (found === undefined) throw new ConfigError(`No enum constant ${name}.${property.trim().toUpperCase()}`);
  return found;
}

export const EXACTLY_ONCE_SUPPORT_CONFIG = 'exactly.once.support';
const EXACTLY_ONCE_SUPPORT_DOC =
  'Permitted values are requested, required. ' +
  'If set to "required", forces a preflight check for the connector to ensure that it can provide exactly-once semantics with the given configuration. ' +
  'Some connectors may be capable of providing exactly-once semantics but not signal to Connect that they support this; ' +
  'in that case, documentation for the connector should be consulted carefully before creating it, ' +
  'and the value for this property should be set to "requested". ' +
  'Additionally, if the value is set to "required" but the worker that performs preflight validation does not have exactly-once support enabled for source connectors, ' +
  'requests to create or validate the connector will fail.';
const EXACTLY_ONCE_SUPPORT_DISPLAY = 'Exactly once support';

export const TRANSACTION_BOUNDARY_CONFIG = 'transaction.boundary';
const TRANSACTION_BOUNDARY_DOC =
  'Permitted values are: poll, interval, connector. ' +
  "If set to 'poll', a new producer transaction will be started and committed for every batch of records that each task from this connector provides to Connect. " +
  "If set to 'connector', relies on connector-defined transaction boundaries; note that not all connectors are capable of defining their own transaction boundaries, " +
  'and in that case, attempts to instantiate a connector with this value will fail. ' +
  "Finally, if set to 'interval', commits transactions only after a user-defined time interval has passed.";
const TRANSACTION_BOUNDARY_DISPLAY = 'Transaction Boundary';

export const TRANSACTION_BOUNDARY_INTERVAL_CONFIG = 'transaction.boundary.interval.ms';
const TRANSACTION_BOUNDARY_INTERVAL_DOC =
  "If 'transaction.boundary' is set to 'interval', determines the interval for producer transaction commits by connector tasks. " +
  "If unset, defaults to the value of the worker-level 'offset.flush.interval.ms' property. " +
  'It has no effect if a different transaction.boundary is specified.';
const TRANSACTION_BOUNDARY_INTERVAL_DISPLAY = 'Transaction boundary interval';

export const OFFSETS_TOPIC_GROUP = 'offsets.topic';
export const OFFSETS_TOPIC_CONFIG = 'offsets.storage.topic';
// "worker’s" with a typographic apostrophe is Kafka's text.
const OFFSETS_TOPIC_DOC =
  'The name of a separate offsets topic to use for this connector. ' +
  'If empty or not specified, the worker’s global offsets topic name will be used. ' +
  'If specified, the offsets topic will be created if it does not already exist on the Kafka cluster targeted by this connector ' +
  "(which may be different from the one used for the worker's global offsets topic if the bootstrap.servers property of the connector's producer " +
  "has been overridden from the worker's). Only applicable in distributed mode; in standalone mode, setting this property will have no effect.";
const OFFSETS_TOPIC_DISPLAY = 'Offsets topic';

/** A new definition of the source connector keys: the common ones, then these (Kafka's SourceConnectorConfig.configDef()). */
export function sourceConnectorConfigDef(): ConfigDef {
  const atLeastZero = Range.atLeast(0);
  let order = 0;
  return new ConfigDef(connectorConfigDef())
    .define({
      name: TOPIC_CREATION_GROUPS_CONFIG,
      type: ConfigType.LIST,
      defaultValue: [],
      validator: CompositeValidator.of(
        new NonNullValidator(),
        LambdaValidator.with(
          (name, value) => {
            const groups = value as string[];
            if (groups.length > new Set(groups).size)
              throw ConfigError.invalidValue(name, value, 'Duplicate alias provided.');
          },
          () => 'unique topic creation groups',
        ),
      ),
      importance: Importance.LOW,
      documentation: TOPIC_CREATION_GROUPS_DOC,
      group: TOPIC_CREATION_GROUP,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: TOPIC_CREATION_GROUPS_DISPLAY,
    })
    .define({
      name: EXACTLY_ONCE_SUPPORT_CONFIG,
      type: ConfigType.STRING,
      defaultValue: ExactlyOnceSupportLevel.REQUESTED,
      validator: CaseInsensitiveValidString.in(...Object.values(ExactlyOnceSupportLevel)),
      importance: Importance.MEDIUM,
      documentation: EXACTLY_ONCE_SUPPORT_DOC,
      group: EXACTLY_ONCE_SUPPORT_GROUP,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: EXACTLY_ONCE_SUPPORT_DISPLAY,
    })
    .define({
      name: TRANSACTION_BOUNDARY_CONFIG,
      type: ConfigType.STRING,
      defaultValue: TRANSACTION_BOUNDARY_DEFAULT,
      validator: CaseInsensitiveValidString.in(...Object.values(TransactionBoundary)),
      importance: Importance.MEDIUM,
      documentation: TRANSACTION_BOUNDARY_DOC,
      group: EXACTLY_ONCE_SUPPORT_GROUP,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: TRANSACTION_BOUNDARY_DISPLAY,
    })
    .define({
      name: TRANSACTION_BOUNDARY_INTERVAL_CONFIG,
      type: ConfigType.LONG,
      defaultValue: null,
      validator: LambdaValidator.with(
        (name, value) => {
          if (value === null || value === undefined) return;
          atLeastZero.ensureValid(name, value);
        },
        () => atLeastZero.toString(),
      ),
      importance: Importance.LOW,
      documentation: TRANSACTION_BOUNDARY_INTERVAL_DOC,
      group: EXACTLY_ONCE_SUPPORT_GROUP,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: TRANSACTION_BOUNDARY_INTERVAL_DISPLAY,
    })
    .define({
      name: OFFSETS_TOPIC_CONFIG,
      type: ConfigType.STRING,
      defaultValue: null,
      validator: new NonEmptyString(),
      importance: Importance.LOW,
      documentation: OFFSETS_TOPIC_DOC,
      group: OFFSETS_TOPIC_GROUP,
      orderInGroup: 1,
      width: Width.LONG,
      displayName: OFFSETS_TOPIC_DISPLAY,
    });
}

/** `base` plus the default group's keys under `topic.creation.default.` (Kafka's embedDefaultGroup). */
export function embedDefaultGroup(base: ConfigDef): ConfigDef {
  return new ConfigDef(base).embed(
    DEFAULT_TOPIC_CREATION_PREFIX,
    DEFAULT_TOPIC_CREATION_GROUP,
    0,
    defaultGroupConfigDef(),
  );
}

/**
 * `base` plus the keys of each group in topic.creation.groups, whose replication factor and
 * partitions default to the default group's (Kafka's SourceConnectorConfig.enrich).
 */
export function enrichTopicCreation(
  base: ConfigDef,
  props: Readonly<Record<string, string>>,
  defaultGroupConfig: AbstractConfig,
): ConfigDef {
  const listed = (parseType(TOPIC_CREATION_GROUPS_CONFIG, props[TOPIC_CREATION_GROUPS_CONFIG], ConfigType.LIST) ??
    []) as string[];
  // The default group always exists; listing it is ignored.
  const groups = [...new Set(listed.filter((g) => g !== DEFAULT_TOPIC_CREATION_GROUP))];
  const newDef = new ConfigDef(base);
  const defaultPrefix = `${TOPIC_CREATION_PREFIX}${DEFAULT_TOPIC_CREATION_GROUP}.`;
  const replicationFactor = defaultGroupConfig.getShort(defaultPrefix + REPLICATION_FACTOR_CONFIG) as number;
  const partitions = defaultGroupConfig.getInt(defaultPrefix + PARTITIONS_CONFIG) as number;
  for (const alias of groups) {
    const configGroup = `${TOPIC_CREATION_GROUP}: ${alias}`;
    newDef.embed(
      `${TOPIC_CREATION_PREFIX}${alias}.`,
      configGroup,
      0,
      topicCreationConfigDef(configGroup, replicationFactor, partitions),
    );
  }
  return newDef;
}

/** Whether any topic.creation.* key is set, which turns topic creation on for the connector. */
export function usesTopicCreation(props: Readonly<Record<string, unknown>>): boolean {
  return Object.keys(props).some((key) => key.startsWith(TOPIC_CREATION_PREFIX));
}

/**
 * A source connector's config (Kafka's SourceConnectorConfig). With `createTopics` (the worker's
 * topic.creation.enable) and any topic.creation.* key, the default group's replication factor
 * and partitions are required and the groups' keys are parsed too. Throws ConfigError.
 */
export class SourceConnectorConfig extends ConnectorConfig {
  private readonly topicCreation: ConnectorConfig | null;

  constructor(plugins: EnrichmentPlugins, props: Readonly<Record<string, string>>, createTopics: boolean) {
    super(plugins, props, sourceConnectorConfigDef());
    if (createTopics && usesTopicCreation(props)) {
      const defaultConfigDef = embedDefaultGroup(sourceConnectorConfigDef());
      // Only read for the default group's replication factor and partitions.
      const defaultGroup = new AbstractConfig(defaultConfigDef, props, plugins);
      // Include and exclude patterns given for the default group are ignored (.* and none apply).
      const withoutDefaultRegexes = { ...props };
      delete withoutDefaultRegexes[DEFAULT_TOPIC_CREATION_PREFIX + INCLUDE_REGEX_CONFIG];
      delete withoutDefaultRegexes[DEFAULT_TOPIC_CREATION_PREFIX + EXCLUDE_REGEX_CONFIG];
      this.topicCreation = new ConnectorConfig(
        plugins,
        withoutDefaultRegexes,
        enrichTopicCreation(defaultConfigDef, props, defaultGroup),
      );
    } else {
      this.topicCreation = null;
    }
  }

  override get(key: string): unknown {
    return this.topicCreation ? this.topicCreation.get(key) : super.get(key);
  }

  exactlyOnceSupport(): ExactlyOnceSupportLevel {
    return exactlyOnceSupportLevelOf(this.getString(EXACTLY_ONCE_SUPPORT_CONFIG) as string);
  }

  transactionBoundary(): TransactionBoundary {
    return transactionBoundaryOf(this.getString(TRANSACTION_BOUNDARY_CONFIG) as string);
  }

  transactionBoundaryInterval(): number | null {
    return this.getLong(TRANSACTION_BOUNDARY_INTERVAL_CONFIG);
  }

  offsetsTopic(): string | null {
    return this.getString(OFFSETS_TOPIC_CONFIG);
  }

  /** Whether topics are created with the topic.creation.* settings. */
  usesTopicCreation(): boolean {
    return this.topicCreation !== null;
  }

  /** The groups with their own settings, in order, without `default` (which always applies last). */
  topicCreationGroups(): string[] {
    const groups = this.getList(TOPIC_CREATION_GROUPS_CONFIG) ?? [];
    return [...new Set(groups.filter((g) => g !== DEFAULT_TOPIC_CREATION_GROUP))];
  }

  topicCreationInclude(group: string): string[] {
    return this.getList(`${TOPIC_CREATION_PREFIX}${group}.${INCLUDE_REGEX_CONFIG}`) ?? [];
  }

  topicCreationExclude(group: string): string[] {
    return this.getList(`${TOPIC_CREATION_PREFIX}${group}.${EXCLUDE_REGEX_CONFIG}`) ?? [];
  }

  topicCreationReplicationFactor(group: string): number | null {
    return this.getShort(`${TOPIC_CREATION_PREFIX}${group}.${REPLICATION_FACTOR_CONFIG}`);
  }

  topicCreationPartitions(group: string): number | null {
    return this.getInt(`${TOPIC_CREATION_PREFIX}${group}.${PARTITIONS_CONFIG}`);
  }

  /** The group's other keys, passed to the new topic as topic configs (e.g. cleanup.policy). */
  topicCreationOtherConfigs(group: string): Record<string, unknown> {
    if (!this.topicCreation) return {};
    const own = new Set([INCLUDE_REGEX_CONFIG, EXCLUDE_REGEX_CONFIG, REPLICATION_FACTOR_CONFIG, PARTITIONS_CONFIG]);
    const others = this.topicCreation.originalsWithPrefix(`${TOPIC_CREATION_PREFIX}${group}.`);
    for (const key of own) delete others[key];
    return others;
  }
}
