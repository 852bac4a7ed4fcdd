export type { ConsumerOffsetChange, KafkaAdmin } from './admin';
export { type KafkaConnectionSettings, kafkaJsConfig } from './connection';
export {
  type ConsumedRecord,
  decodeEsmEvent,
  type EsmRecord,
  encodeEsmEvent,
  type KafkaEsmEvent,
  type PartitionBatch,
} from './esm-event';
export { KafkaJsAdmin } from './kafkajs-admin';
export { KafkaJsProducer, type KafkaProducer, murmur2, type ProducerRecord, type RecordAck } from './producer';
