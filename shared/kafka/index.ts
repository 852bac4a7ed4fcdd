export type { ConsumerOffsetChange, KafkaAdmin } from './admin';
