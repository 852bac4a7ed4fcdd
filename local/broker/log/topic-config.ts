import { KafkaApiError } from '../errors';
import { ErrorCode } from '../protocol';

/**
 * Kafka's topic-level configs (org.apache.kafka.common.config.TopicConfig), declared once with their
 * defaults and docs. CreateTopics accepts any of them, DescribeConfigs reports them all; the broker acts
 * on the ones marked `applied`, and keeps the others so tools that set them (cleanup.policy=compact,
 * min.insync.replicas) work unchanged. Values are strings, as on the wire.
 */
export type ConfigType = 'BOOLEAN' | 'STRING' | 'INT' | 'LONG' | 'DOUBLE' | 'LIST';

export interface ConfigDef {
  readonly name: string;
  readonly type: ConfigType;
  readonly default: string;
  readonly doc: string;
  /** The broker-wide config that sets this topic config's default (Kafka's synonym). */
  readonly brokerSynonym?: string;
  readonly validValues?: readonly string[];
  readonly atLeast?: number;
  /** The dev broker acts on this config; the others are stored and reported only. */
  readonly applied?: boolean;
}

const LONG_MAX = '9223372036854775807';

export const TOPIC_CONFIGS: readonly ConfigDef[] = [
  {
    name: 'cleanup.policy',
    type: 'LIST',
    default: 'delete',
    validValues: ['delete', 'compact'],
    brokerSynonym: 'log.cleanup.policy',
    doc: 'The retention policy on old log segments: "delete" discards old segments when their retention time or size limit is reached; "compact" enables log compaction (not performed by the dev broker).',
  },
  {
    name: 'compression.type',
    type: 'STRING',
    default: 'producer',
    validValues: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'],
    brokerSynonym: 'compression.type',
    doc: 'The final compression type for a topic. The dev broker keeps the codec the producer used.',
  },
  {
    name: 'delete.retention.ms',
    type: 'LONG',
    default: '86400000',
    atLeast: 0,
    brokerSynonym: 'log.cleaner.delete.retention.ms',
    doc: 'The amount of time to retain delete tombstone markers for log compacted topics.',
  },
  {
    name: 'file.delete.delay.ms',
    type: 'LONG',
    default: '60000',
    atLeast: 0,
    brokerSynonym: 'log.segment.delete.delay.ms',
    doc: 'The time to wait before deleting a file from the filesystem.',
  },
  {
    name: 'flush.messages',
    type: 'LONG',
    default: LONG_MAX,
    atLeast: 1,
    brokerSynonym: 'log.flush.interval.messages',
    doc: 'The interval of messages written to the log after which an fsync is forced.',
  },
  {
    name: 'flush.ms',
    type: 'LONG',
    default: LONG_MAX,
    atLeast: 0,
    brokerSynonym: 'log.flush.interval.ms',
    doc: 'The time interval after which an fsync of the log is forced.',
  },
  {
    name: 'index.interval.bytes',
    type: 'INT',
    default: '4096',
    atLeast: 0,
    brokerSynonym: 'log.index.interval.bytes',
    doc: 'How frequently Kafka adds an index entry to its offset index. The dev broker indexes every batch.',
  },
  {
    name: 'max.compaction.lag.ms',
    type: 'LONG',
    default: LONG_MAX,
    atLeast: 1,
    brokerSynonym: 'log.cleaner.max.compaction.lag.ms',
    doc: 'The maximum time a message will remain ineligible for compaction in the log.',
  },
  {
    name: 'max.message.bytes',
    type: 'INT',
    default: '1048588',
    atLeast: 0,
    brokerSynonym: 'message.max.bytes',
    applied: true,
    doc: 'The largest record batch size allowed by Kafka (after compression if compression is enabled).',
  },
  {
    name: 'message.timestamp.after.max.ms',
    type: 'LONG',
    default: LONG_MAX,
    atLeast: 0,
    brokerSynonym: 'log.message.timestamp.after.max.ms',
    doc: 'The maximum allowed timestamp difference between the message timestamp and the broker timestamp, for messages in the future.',
  },
  {
    name: 'message.timestamp.before.max.ms',
    type: 'LONG',
    default: LONG_MAX,
    atLeast: 0,
    brokerSynonym: 'log.message.timestamp.before.max.ms',
    doc: 'The maximum allowed timestamp difference between the message timestamp and the broker timestamp, for messages in the past.',
  },
  {
    name: 'message.timestamp.type',
    type: 'STRING',
    default: 'CreateTime',
    validValues: ['CreateTime', 'LogAppendTime'],
    brokerSynonym: 'log.message.timestamp.type',
    applied: true,
    doc: 'Define whether the timestamp in the message is message create time or log append time.',
  },
  {
    name: 'min.cleanable.dirty.ratio',
    type: 'DOUBLE',
    default: '0.5',
    atLeast: 0,
    brokerSynonym: 'log.cleaner.min.cleanable.ratio',
    doc: 'The minimum ratio of dirty log to total log for a log to be eligible for cleaning.',
  },
  {
    name: 'min.compaction.lag.ms',
    type: 'LONG',
    default: '0',
    atLeast: 0,
    brokerSynonym: 'log.cleaner.min.compaction.lag.ms',
    doc: 'The minimum time a message will remain uncompacted in the log.',
  },
  {
    name: 'min.insync.replicas',
    type: 'INT',
    default: '1',
    atLeast: 1,
    brokerSynonym: 'min.insync.replicas',
    doc: 'The minimum number of replicas that must acknowledge a write with acks=all. The dev broker has one.',
  },
  {
    name: 'preallocate',
    type: 'BOOLEAN',
    default: 'false',
    brokerSynonym: 'log.preallocate',
    doc: 'True if we should preallocate the file on disk when creating a new log segment.',
  },
  {
    name: 'retention.bytes',
    type: 'LONG',
    default: '-1',
    brokerSynonym: 'log.retention.bytes',
    applied: true,
    doc: 'The maximum size a partition can grow to before old log segments are discarded to free up space; -1 for no limit.',
  },
  {
    name: 'retention.ms',
    type: 'LONG',
    default: '604800000',
    atLeast: -1,
    brokerSynonym: 'log.retention.ms',
    applied: true,
    doc: 'The maximum time a log segment is retained before it is discarded, measured from its newest record timestamp; -1 for no time limit.',
  },
  {
    name: 'segment.bytes',
    type: 'INT',
    default: '1073741824',
    atLeast: 14,
    brokerSynonym: 'log.segment.bytes',
    applied: true,
    doc: 'The segment file size for the log. Retention always deletes a whole segment at a time.',
  },
  {
    name: 'segment.index.bytes',
    type: 'INT',
    default: '10485760',
    atLeast: 4,
    brokerSynonym: 'log.index.size.max.bytes',
    doc: 'The size of the index that maps offsets to file positions.',
  },
  {
    name: 'segment.jitter.ms',
    type: 'LONG',
    default: '0',
    atLeast: 0,
    brokerSynonym: 'log.roll.jitter.ms',
    doc: 'The maximum random jitter subtracted from the scheduled segment roll time.',
  },
  {
    name: 'segment.ms',
    type: 'LONG',
    default: '604800000',
    atLeast: 1,
    brokerSynonym: 'log.roll.ms',
    applied: true,
    doc: 'The period of time after which Kafka will force the log to roll even if the segment file is not full.',
  },
  {
    name: 'unclean.leader.election.enable',
    type: 'BOOLEAN',
    default: 'false',
    brokerSynonym: 'unclean.leader.election.enable',
    doc: 'Whether replicas not in the ISR set may be elected as leader as a last resort.',
  },
];

const BY_NAME = new Map(TOPIC_CONFIGS.map((def) => [def.name, def]));

export function topicConfigDef(name: string): ConfigDef | undefined {
  return BY_NAME.get(name);
}

/** The configs the log acts on, parsed. */
export interface LogConfig {
  readonly retentionMs: number;
  readonly retentionBytes: number;
  readonly segmentBytes: number;
  readonly segmentMs: number;
  readonly maxMessageBytes: number;
  readonly logAppendTime: boolean;
}

/** Checks one config value; throws KafkaApiError INVALID_CONFIG, as Kafka's ConfigDef validation does. */
export function validateTopicConfig(name: string, value: string | null): void {
  const def = BY_NAME.get(name);
  if (!def) throw new KafkaApiError(ErrorCode.INVALID_CONFIG, `Unknown topic config name: ${name}`);
  if (value === null) return;
  const invalid = (why: string) =>
    new KafkaApiError(ErrorCode.INVALID_CONFIG, `Invalid value ${value} for configuration ${name}: ${why}`);
  switch (def.type) {
    case 'BOOLEAN':
      if (value !== 'true' && value !== 'false') throw invalid('Expected value to be either true or false');
      break;
    case 'INT':
    case 'LONG':
    case 'DOUBLE': {
      const number = Number(value);
      const integral = def.type !== 'DOUBLE';
      if (value.trim() === '' || Number.isNaN(number) || (integral && !/^-?\d+$/.test(value.trim()))) {
        throw invalid(`Not a number of type ${def.type}`);
      }
      if (def.type === 'INT' && (number > 0x7fffffff || number < -0x80000000))
        throw invalid('Not a number of type INT');
      if (def.atLeast !== undefined && number < def.atLeast) throw invalid(`Value must be at least ${def.atLeast}`);
      break;
    }
    case 'LIST':
      for (const item of value.split(',').map((v) => v.trim())) {
        if (def.validValues && !def.validValues.includes(item))
          throw invalid(`String must be one of: ${def.validValues.join(', ')}`);
      }
      break;
    case 'STRING':
      if (def.validValues && !def.validValues.includes(value))
        throw invalid(`String must be one of: ${def.validValues.join(', ')}`);
      break;
  }
}

/** A topic's value of a config: its override, else the broker's default, else Kafka's default. */
export function configValue(
  name: string,
  overrides: Readonly<Record<string, string>>,
  brokerDefaults: Readonly<Record<string, string>>,
): string {
  return overrides[name] ?? brokerDefaults[name] ?? BY_NAME.get(name)?.default ?? '';
}

// Values beyond 2^53 (Long.MAX_VALUE means "never") lose precision as numbers but keep their meaning.
const long = (value: string) => Number(value);

export function logConfig(
  overrides: Readonly<Record<string, string>>,
  brokerDefaults: Readonly<Record<string, string>>,
): LogConfig {
  const get = (name: string) => configValue(name, overrides, brokerDefaults);
  return {
    retentionMs: long(get('retention.ms')),
    retentionBytes: long(get('retention.bytes')),
    segmentBytes: long(get('segment.bytes')),
    segmentMs: long(get('segment.ms')),
    maxMessageBytes: long(get('max.message.bytes')),
    logAppendTime: get('message.timestamp.type') === 'LogAppendTime',
  };
}
