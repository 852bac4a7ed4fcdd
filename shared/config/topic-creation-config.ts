import { ConfigDef, ConfigError, ConfigType, Importance, LambdaValidator, NonNullValidator, Width } from '../api';
import { compileJavaRegex } from './plugin-validators';

/**
 * The keys of a topic-creation group of a source connector (Kafka's TopicCreationConfig, KIP-158):
 * `topic.creation.<group>.include|exclude|replication.factor|partitions`.
 */

export const DEFAULT_TOPIC_CREATION_PREFIX = 'topic.creation.default.';
export const DEFAULT_TOPIC_CREATION_GROUP = 'default';

export const INCLUDE_REGEX_CONFIG = 'include';
const INCLUDE_REGEX_DOC =
  'A list of regular expression literals used to match the topic names used by the source connector. ' +
  'This list is used to include topics that should be created using the topic settings defined by this group.';

export const EXCLUDE_REGEX_CONFIG = 'exclude';
const EXCLUDE_REGEX_DOC =
  'A list of regular expression literals used to match the topic names used by the source connector. ' +
  'This list is used to exclude topics from being created with the topic settings defined by this group. ' +
  'Note that exclusion rules have precedent and override any inclusion rules for the topics.';

export const REPLICATION_FACTOR_CONFIG = 'replication.factor';
// Kafka's text lacks the space in "broker'sdefault"; kept as Kafka publishes it.
const REPLICATION_FACTOR_DOC =
  "The replication factor for new topics created for this connector using this group. This value may be -1 to use the broker'sdefault replication factor, " +
  'or may be a positive number not larger than the number of brokers in the Kafka cluster. ' +
  'A value larger than the number of brokers in the Kafka cluster will result in an error when the new topic is created. ' +
  'For the default group this configuration is required. For any other group defined in topic.creation.groups this config is optional ' +
  "and if it's missing it gets the value of the default group";

export const PARTITIONS_CONFIG = 'partitions';
const PARTITIONS_DOC =
  'The number of partitions new topics created for this connector. ' +
  "This value may be -1 to use the broker's default number of partitions, or a positive number representing the desired number of partitions. " +
  'For the default group this configuration is required. For any other group defined in topic.creation.groups this config is optional ' +
  "and if it's missing it gets the value of the default group";

/** -1: let the broker decide (Kafka's TopicAdmin.NO_PARTITIONS / NO_REPLICATION_FACTOR). */
export const NO_PARTITIONS = -1;
export const NO_REPLICATION_FACTOR = -1;

export const REPLICATION_FACTOR_VALIDATOR = LambdaValidator.with(
  (name, value) => {
    const factor = value as number;
    if (factor !== NO_REPLICATION_FACTOR && factor < 1) {
      throw ConfigError.invalidValue(
        name,
        factor,
        "Replication factor must be positive and not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default",
      );
    }
  },
  () => "Positive number not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default",
);

export const PARTITIONS_VALIDATOR = LambdaValidator.with(
  (name, value) => {
    const partitions = value as number;
    if (partitions !== NO_PARTITIONS && partitions < 1) {
      throw ConfigError.invalidValue(
        name,
        partitions,
        "Number of partitions must be positive, or -1 to use the broker's default",
      );
    }
  },
  () => "Positive number, or -1 to use the broker's default",
);

export const REGEX_VALIDATOR = LambdaValidator.with(
  (name, value) => {
    for (const pattern of (value as string[] | null) ?? []) {
      try {
        compileJavaRegex(pattern);
      } catch (err) {
        throw ConfigError.invalidValue(name, value, `Syntax error in regular expression: ${(err as Error).message}`);
      }
    }
  },
  // Kafka describes the regex lists with the partitions text; kept as Kafka publishes it.
  () => "Positive number, or -1 to use the broker's default",
);

/** The keys of a non-default group, whose replication factor and partitions default to the default group's. */
export function topicCreationConfigDef(
  group: string,
  defaultReplicationFactor: number,
  defaultPartitionCount: number,
): ConfigDef {
  let order = 0;
  return new ConfigDef()
    .define({
      name: INCLUDE_REGEX_CONFIG,
      type: ConfigType.LIST,
      defaultValue: [],
      validator: REGEX_VALIDATOR,
      importance: Importance.LOW,
      documentation: INCLUDE_REGEX_DOC,
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: `Inclusion Topic Pattern for ${group}`,
    })
    .define({
      name: EXCLUDE_REGEX_CONFIG,
      type: ConfigType.LIST,
      defaultValue: [],
      validator: REGEX_VALIDATOR,
      importance: Importance.LOW,
      documentation: EXCLUDE_REGEX_DOC,
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: `Exclusion Topic Pattern for ${group}`,
    })
    .define({
      name: REPLICATION_FACTOR_CONFIG,
      type: ConfigType.SHORT,
      defaultValue: defaultReplicationFactor,
      validator: REPLICATION_FACTOR_VALIDATOR,
      importance: Importance.LOW,
      documentation: REPLICATION_FACTOR_DOC,
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: `Replication Factor for Topics in ${group}`,
    })
    .define({
      name: PARTITIONS_CONFIG,
      type: ConfigType.INT,
      defaultValue: defaultPartitionCount,
      validator: PARTITIONS_VALIDATOR,
      importance: Importance.LOW,
      documentation: PARTITIONS_DOC,
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: `Partition Count for Topics in ${group}`,
    });
}

/** The keys of the `default` group: include `.*`, and replication factor and partitions required. */
export function defaultGroupConfigDef(): ConfigDef {
  let order = 0;
  const group = DEFAULT_TOPIC_CREATION_GROUP;
  return new ConfigDef()
    .define({
      name: INCLUDE_REGEX_CONFIG,
      type: ConfigType.LIST,
      defaultValue: '.*',
      validator: new NonNullValidator(),
      importance: Importance.LOW,
      documentation: INCLUDE_REGEX_DOC,
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: `Inclusion Topic Pattern for ${group}`,
    })
    .define({
      name: EXCLUDE_REGEX_CONFIG,
      type: ConfigType.LIST,
      defaultValue: [],
      validator: new NonNullValidator(),
      importance: Importance.LOW,
      documentation: EXCLUDE_REGEX_DOC,
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: `Exclusion Topic Pattern for ${group}`,
    })
    .define({
      name: REPLICATION_FACTOR_CONFIG,
      type: ConfigType.SHORT,
      validator: REPLICATION_FACTOR_VALIDATOR,
      importance: Importance.LOW,
      documentation: REPLICATION_FACTOR_DOC,
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: `Replication Factor for Topics in ${group}`,
    })
    .define({
      name: PARTITIONS_CONFIG,
      type: ConfigType.INT,
      validator: PARTITIONS_VALIDATOR,
      importance: Importance.LOW,
      documentation: PARTITIONS_DOC,
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: `Partition Count for Topics in ${group}`,
    });
}
