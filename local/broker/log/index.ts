export { BatchIndex, INDEX_ENTRY_SIZE, type IndexEntry } from './batch-index';
export { LogManager, type LogManagerOptions, type Topic, validateTopicName } from './log-manager';
export {
  type AbortedTransaction,
  type AppendResult,
  IsolationLevel,
  LEADER_EPOCH,
  PartitionLog,
  type ReadResult,
} from './partition-log';
export { ProducerStateTable } from './producer-state';
export { Segment, segmentFileName } from './segment';
export {
  type ConfigDef,
  configValue,
  type LogConfig,
  TOPIC_CONFIGS,
  topicConfigDef,
  validateTopicConfig,
} from './topic-config';
