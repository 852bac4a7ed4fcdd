export type { ConsumerOffsetChange, KafkaAdmin } from './admin';
export { type KafkaConnectionSettings, kafkaJsConfig } from './connection';
export { ProducerFencedError } from './errors';
export {
  type ConsumedRecord,
  decodeEsmEvent,
  type EsmRecord,
  encodeEsmEvent,
  type KafkaEsmEvent,
  type PartitionBatch,
} from './esm-event';
export { type ExactlyOnceKafka, kafkaJsExactlyOnce } from './exactly-once-kafka';
export { KafkaJsAdmin } from './kafkajs-admin';
export { KafkaJsOffsetsTopic, type KafkaJsOffsetsTopicOptions } from './kafkajs-offsets-topic';
export {
  type OffsetsTopic,
  type OffsetsTopicEntry,
  offsetsTopicRecord,
  parseOffsetsTopicRecord,
} from './offsets-topic';
export { KafkaJsProducer, type KafkaProducer, murmur2, type ProducerRecord, type RecordAck } from './producer';
export {
  KafkaJsTransactionalProducer,
  type TransactionalProducer,
  type TransactionalProducerOptions,
} from './transactional-producer';
