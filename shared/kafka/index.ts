export type { ConsumerOffsetChange, KafkaAdmin } from './admin';
export { KafkaJsAdmin } from './kafkajs-admin';
