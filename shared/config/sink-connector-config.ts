import { type ConfigDef, ConfigError, ConfigType, ConfigValue, Importance, javaTrim, parseType, Width } from '../api';
import { COMMON_GROUP, ConnectorConfig, connectorConfigDef, ERROR_GROUP } from './connector-config';
import type { EnrichmentPlugins } from './enrich';
import { compileJavaRegex, RegexValidator } from './plugin-validators';

/** The keys only sink connectors have (Kafka's SinkConnectorConfig). */

export const TOPICS_CONFIG = 'topics';
const TOPICS_DOC = 'List of topics to consume, separated by commas';
export const TOPICS_DEFAULT = '';
const TOPICS_DISPLAY = 'Topics';

export const TOPICS_REGEX_CONFIG = 'topics.regex';
const TOPICS_REGEX_DOC =
  'Regular expression giving topics to consume. Under the hood, the regex is compiled to a <code>java.util.regex.Pattern</code>. ' +
  `Only one of ${TOPICS_CONFIG} or ${TOPICS_REGEX_CONFIG} should be specified.`;
export const TOPICS_REGEX_DEFAULT = '';
const TOPICS_REGEX_DISPLAY = 'Topics regex';

export const DLQ_PREFIX = 'errors.deadletterqueue.';

export const DLQ_TOPIC_NAME_CONFIG = `${DLQ_PREFIX}topic.name`;
const DLQ_TOPIC_NAME_DOC =
  'The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an error when processed by this sink connector, ' +
  'or its transformations or converters. The topic name is blank by default, which means that no messages are to be recorded in the DLQ.';
export const DLQ_TOPIC_DEFAULT = '';
const DLQ_TOPIC_DISPLAY = 'Dead Letter Queue Topic Name';

export const DLQ_TOPIC_REPLICATION_FACTOR_CONFIG = `${DLQ_PREFIX}topic.replication.factor`;
const DLQ_TOPIC_REPLICATION_FACTOR_CONFIG_DOC =
  "Replication factor used to create the dead letter queue topic when it doesn't already exist.";
export const DLQ_TOPIC_REPLICATION_FACTOR_CONFIG_DEFAULT = 3;
const DLQ_TOPIC_REPLICATION_FACTOR_CONFIG_DISPLAY = 'Dead Letter Queue Topic Replication Factor';

export const DLQ_CONTEXT_HEADERS_ENABLE_CONFIG = `${DLQ_PREFIX}context.headers.enable`;
export const DLQ_CONTEXT_HEADERS_ENABLE_DEFAULT = false;
// "all error context header keys" twice is Kafka's text.
const DLQ_CONTEXT_HEADERS_ENABLE_DOC =
  'If true, add headers containing error context to the messages written to the dead letter queue. ' +
  'To avoid clashing with headers from the original record, all error context header keys, all error context header keys will start with <code>__connect.errors.</code>';
const DLQ_CONTEXT_HEADERS_ENABLE_DISPLAY = 'Enable Error Context Headers';

/** A new definition of the sink connector keys: the common ones, then these (Kafka's SinkConnectorConfig.configDef()). */
export function sinkConnectorConfigDef(): ConfigDef {
  return connectorConfigDef()
    .define({
      name: TOPICS_CONFIG,
      type: ConfigType.LIST,
      defaultValue: TOPICS_DEFAULT,
      importance: Importance.HIGH,
      documentation: TOPICS_DOC,
      group: COMMON_GROUP,
      orderInGroup: 4,
      width: Width.LONG,
      displayName: TOPICS_DISPLAY,
    })
    .define({
      name: TOPICS_REGEX_CONFIG,
      type: ConfigType.STRING,
      defaultValue: TOPICS_REGEX_DEFAULT,
      validator: new RegexValidator(),
      importance: Importance.HIGH,
      documentation: TOPICS_REGEX_DOC,
      group: COMMON_GROUP,
      orderInGroup: 4,
      width: Width.LONG,
      displayName: TOPICS_REGEX_DISPLAY,
    })
    .define({
      name: DLQ_TOPIC_NAME_CONFIG,
      type: ConfigType.STRING,
      defaultValue: DLQ_TOPIC_DEFAULT,
      importance: Importance.MEDIUM,
      documentation: DLQ_TOPIC_NAME_DOC,
      group: ERROR_GROUP,
      orderInGroup: 6,
      width: Width.MEDIUM,
      displayName: DLQ_TOPIC_DISPLAY,
    })
    .define({
      name: DLQ_TOPIC_REPLICATION_FACTOR_CONFIG,
      type: ConfigType.SHORT,
      defaultValue: DLQ_TOPIC_REPLICATION_FACTOR_CONFIG_DEFAULT,
      importance: Importance.MEDIUM,
      documentation: DLQ_TOPIC_REPLICATION_FACTOR_CONFIG_DOC,
      group: ERROR_GROUP,
      orderInGroup: 7,
      width: Width.MEDIUM,
      displayName: DLQ_TOPIC_REPLICATION_FACTOR_CONFIG_DISPLAY,
    })
    .define({
      name: DLQ_CONTEXT_HEADERS_ENABLE_CONFIG,
      type: ConfigType.BOOLEAN,
      defaultValue: DLQ_CONTEXT_HEADERS_ENABLE_DEFAULT,
      importance: Importance.MEDIUM,
      documentation: DLQ_CONTEXT_HEADERS_ENABLE_DOC,
      group: ERROR_GROUP,
      orderInGroup: 8,
      width: Width.MEDIUM,
      displayName: DLQ_CONTEXT_HEADERS_ENABLE_DISPLAY,
    });
}

/** Kafka's Utils.isBlank. */
function isBlank(text: string | null | undefined): boolean {
  return text === null || text === undefined || javaTrim(text) === '';
}

export function hasTopicsConfig(props: Readonly<Record<string, string | null>>): boolean {
  return !isBlank(props[TOPICS_CONFIG]);
}

export function hasTopicsRegexConfig(props: Readonly<Record<string, string | null>>): boolean {
  return !isBlank(props[TOPICS_REGEX_CONFIG]);
}

export function hasDlqTopicConfig(props: Readonly<Record<string, string | null>>): boolean {
  return !isBlank(props[DLQ_TOPIC_NAME_CONFIG]);
}

/** The configured topics, without empty entries or repeats (Kafka's SinkConnectorConfig.parseTopicsList). */
export function parseTopicsList(props: Readonly<Record<string, string | null>>): string[] {
  const topics = parseType(TOPICS_CONFIG, props[TOPICS_CONFIG], ConfigType.LIST) as string[] | null;
  if (topics === null) return [];
  return [...new Set(topics.filter((topic) => topic !== ''))];
}

/**
 * The sink-only preflight checks (Kafka's SinkConnectorConfig.validate): exactly one of topics and
 * topics.regex, and a DLQ topic that the connector does not consume. Errors are added to
 * `validatedConfig`, creating entries for keys it lacks.
 */
export function validateSinkConnectorConfig(
  props: Readonly<Record<string, string | null>>,
  validatedConfig: Map<string, ConfigValue>,
): void {
  const topicsList = props[TOPICS_CONFIG] ?? null;
  const topicsRegex = props[TOPICS_REGEX_CONFIG] ?? null;
  const dlqTopic = javaTrim(props[DLQ_TOPIC_NAME_CONFIG] ?? '');
  const hasTopics = !isBlank(topicsList);
  const hasTopicsRegex = !isBlank(topicsRegex);
  const hasDlqTopic = !isBlank(dlqTopic);

  if (hasTopics && hasTopicsRegex) {
    const message = `${TOPICS_CONFIG} and ${TOPICS_REGEX_CONFIG} are mutually exclusive options, but both are set.`;
    addErrorMessage(validatedConfig, TOPICS_CONFIG, topicsList, message);
    addErrorMessage(validatedConfig, TOPICS_REGEX_CONFIG, topicsRegex, message);
  }
  if (!hasTopics && !hasTopicsRegex) {
    const message = `Must configure one of ${TOPICS_CONFIG} or ${TOPICS_REGEX_CONFIG}`;
    addErrorMessage(validatedConfig, TOPICS_CONFIG, topicsList, message);
    addErrorMessage(validatedConfig, TOPICS_REGEX_CONFIG, topicsRegex, message);
  }
  if (hasDlqTopic) {
    if (hasTopics) {
      const topics = parseTopicsList(props);
      if (topics.includes(dlqTopic)) {
        addErrorMessage(
          validatedConfig,
          TOPICS_CONFIG,
          topicsList,
          `The DLQ topic '${dlqTopic}' may not be included in the list of topics ('${TOPICS_CONFIG}=[${topics.join(', ')}]') consumed by the connector`,
        );
      }
    }
    // Like Kafka, an invalid regex throws here (its validator has already reported it).
    if (hasTopicsRegex && compileJavaRegex(topicsRegex as string).test(dlqTopic)) {
      addErrorMessage(
        validatedConfig,
        TOPICS_REGEX_CONFIG,
        topicsRegex,
        `The DLQ topic '${dlqTopic}' may not be matched by the regex for the topics ('${TOPICS_REGEX_CONFIG}=${topicsRegex}') consumed by the connector`,
      );
    }
  }
}

/** The throwing form (Kafka's SinkConnectorConfig.validate(props)): the first error as a ConfigError. */
export function ensureValidSinkConnectorConfig(props: Readonly<Record<string, string | null>>): void {
  const validated = new Map<string, ConfigValue>();
  validateSinkConnectorConfig(props, validated);
  for (const value of validated.values()) {
    const [first] = value.errorMessages;
    if (first !== undefined) throw ConfigError.invalidValue(value.name, value.value, first);
  }
}

function addErrorMessage(validated: Map<string, ConfigValue>, name: string, value: string | null, message: string) {
  let configValue = validated.get(name);
  if (!configValue) {
    configValue = new ConfigValue(name, value);
    validated.set(name, configValue);
  }
  configValue.addErrorMessage(message);
}

/** A sink connector's config (Kafka's SinkConnectorConfig). Throws ConfigError on invalid values. */
export class SinkConnectorConfig extends ConnectorConfig {
  constructor(plugins: EnrichmentPlugins, props: Readonly<Record<string, string>>) {
    super(plugins, props, sinkConnectorConfigDef());
  }

  /** The topics to consume; empty when topics.regex is used. */
  topics(): string[] {
    return (this.getList(TOPICS_CONFIG) ?? []).filter((topic) => topic !== '');
  }

  topicsRegex(): string {
    return this.getString(TOPICS_REGEX_CONFIG) ?? '';
  }

  dlqTopicName(): string {
    return this.getString(DLQ_TOPIC_NAME_CONFIG) ?? '';
  }

  dlqTopicReplicationFactor(): number {
    return this.getShort(DLQ_TOPIC_REPLICATION_FACTOR_CONFIG) as number;
  }

  isDlqContextHeadersEnabled(): boolean {
    return this.getBoolean(DLQ_CONTEXT_HEADERS_ENABLE_CONFIG) as boolean;
  }

  /** Whether failed records are reported (to a DLQ topic or the log), Kafka's enableErrantRecordReporter. */
  enableErrantRecordReporter(): boolean {
    return this.dlqTopicName() !== '' || this.enableErrorLog();
  }
}
