import type { BrokerState } from '../broker-state';
import { type ConfigDef, configValue, TOPIC_CONFIGS, type Topic } from '../log';

/** Where a config value comes from (DescribeConfigsResponse ConfigSource). */
export const ConfigSource = { TOPIC_CONFIG: 1, STATIC_BROKER_CONFIG: 4, DEFAULT_CONFIG: 5 } as const;

/** The type of a config (DescribeConfigsResponse ConfigType, v3+). */
const ConfigTypeId: Record<ConfigDef['type'], number> = { BOOLEAN: 1, STRING: 2, INT: 3, LONG: 5, DOUBLE: 6, LIST: 7 };

export interface DescribedConfig {
  readonly name: string;
  readonly value: string;
  readonly readOnly: boolean;
  readonly source: number;
  readonly type: number;
  readonly documentation: string;
  /** The values that would apply, most specific first (KIP-226 synonyms). */
  readonly synonyms: ReadonlyArray<{ name: string; value: string; source: number }>;
}

/** Every topic config of a topic with its value and where that value comes from. */
export function describeTopicConfigs(topic: Topic, broker: BrokerState): DescribedConfig[] {
  const defaults = broker.logs.topicDefaults;
  return TOPIC_CONFIGS.map((def) => {
    const synonyms: Array<{ name: string; value: string; source: number }> = [];
    const override = topic.configs[def.name];
    if (override !== undefined) synonyms.push({ name: def.name, value: override, source: ConfigSource.TOPIC_CONFIG });
    const brokerDefault = defaults[def.name];
    if (brokerDefault !== undefined) {
      synonyms.push({
        name: def.brokerSynonym ?? def.name,
        value: brokerDefault,
        source: ConfigSource.STATIC_BROKER_CONFIG,
      });
    }
    synonyms.push({ name: def.brokerSynonym ?? def.name, value: def.default, source: ConfigSource.DEFAULT_CONFIG });
    return {
      name: def.name,
      value: configValue(def.name, topic.configs, defaults),
      readOnly: false,
      source: synonyms[0]!.source,
      type: ConfigTypeId[def.type],
      documentation: def.doc,
      synonyms,
    };
  });
}

/** The broker-level configs a client may ask about, as fixed facts of the dev broker. */
export function describeBrokerConfigs(broker: BrokerState): DescribedConfig[] {
  const { config, logs } = broker;
  const facts: Array<[string, string, ConfigDef['type'], string]> = [
    ['broker.id', String(config.nodeId), 'INT', 'The broker id for this server.'],
    ['node.id', String(config.nodeId), 'INT', 'The node ID associated with the roles this process is playing.'],
    [
      'auto.create.topics.enable',
      String(config.autoCreateTopics),
      'BOOLEAN',
      'Enable auto creation of topic on the server.',
    ],
    ['num.partitions', String(config.defaultPartitions), 'INT', 'The default number of log partitions per topic.'],
    ['default.replication.factor', '1', 'INT', 'The replication factor for automatically created topics.'],
    ['offsets.topic.replication.factor', '1', 'INT', 'The replication factor for the offsets topic.'],
    ['transaction.state.log.replication.factor', '1', 'INT', 'The replication factor for the transaction topic.'],
    ['delete.topic.enable', 'true', 'BOOLEAN', 'Enables delete topic.'],
    ...TOPIC_CONFIGS.filter((def) => def.brokerSynonym && def.applied).map(
      (def): [string, string, ConfigDef['type'], string] => [
        def.brokerSynonym!,
        logs.topicDefaults[def.name] ?? def.default,
        def.type,
        def.doc,
      ],
    ),
  ];
  return facts.map(([name, value, type, documentation]) => ({
    name,
    value,
    readOnly: true,
    source: ConfigSource.STATIC_BROKER_CONFIG,
    type: ConfigTypeId[type],
    documentation,
    synonyms: [{ name, value, source: ConfigSource.STATIC_BROKER_CONFIG }],
  }));
}
