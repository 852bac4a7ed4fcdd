import { ConfigError } from '../../api';

/** How to create a topic a source connector writes to (Kafka's TopicCreationGroup). */
export interface NewTopicSettings {
  readonly group: string;
  /** -1: the broker's default. */
  readonly partitions: number;
  /** -1: the broker's default. */
  readonly replicationFactor: number;
  /** Topic configs, e.g. cleanup.policy. */
  readonly configs: Readonly<Record<string, string>>;
}

const PREFIX = 'topic.creation.';
const GROUPS = `${PREFIX}groups`;
const DEFAULT_GROUP = 'default';
const RESERVED = new Set(['include', 'exclude', 'replication.factor', 'partitions']);

/**
 * The settings for a new topic by the connector's `topic.creation.*` rules (Kafka's
 * TopicCreation, KIP-158), or null when the connector does not use topic creation (no
 * `topic.creation.default.*` keys: the broker creates topics on first use, if it does).
 * Groups are tried in `topic.creation.groups` order, then `default`, which includes every topic;
 * the first whose `include` regexes match the topic (and no `exclude` regex does) wins; a group
 * without its own `replication.factor` / `partitions` takes the default group's.
 */
export function newTopicSettings(config: Readonly<Record<string, string>>, topic: string): NewTopicSettings | null {
  const defaults = `${PREFIX}${DEFAULT_GROUP}.`;
  if (!Object.keys(config).some((key) => key.startsWith(defaults))) return null;
  const groups = [...list(config[GROUPS]).filter((g) => g !== DEFAULT_GROUP), DEFAULT_GROUP];
  for (const group of groups) {
    const prefix = `${PREFIX}${group}.`;
    const include = group === DEFAULT_GROUP ? ['.*'] : list(config[`${prefix}include`]);
    const exclude = list(config[`${prefix}exclude`]);
    if (!include.some((r) => fullMatch(r, topic)) || exclude.some((r) => fullMatch(r, topic))) continue;
    const configs: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
      if (!key.startsWith(prefix)) continue;
      const name = key.slice(prefix.length);
      if (!RESERVED.has(name)) configs[name] = value;
    }
    return {
      group,
      partitions: integer(config, `${prefix}partitions`) ?? integer(config, `${defaults}partitions`) ?? -1,
      replicationFactor:
        integer(config, `${prefix}replication.factor`) ?? integer(config, `${defaults}replication.factor`) ?? -1,
      configs,
    };
  }
  return null;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Java's Pattern.matches: the whole topic name. */
function fullMatch(regex: string, topic: string): boolean {
  return new RegExp(`^(?:${regex})$`).test(topic);
}

function integer(config: Readonly<Record<string, string>>, key: string): number | null {
  const text = config[key]?.trim();
  if (text === undefined || text === '') return null;
  if (!/^-?\d+$/.test(text)) throw ConfigError.invalidValue(key, text, 'Not a number of type INT');
  return Number(text);
}
