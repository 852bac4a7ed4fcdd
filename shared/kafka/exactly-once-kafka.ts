import type { Kafka } from 'kafkajs';
import { KafkaJsOffsetsTopic, type KafkaJsOffsetsTopicOptions } from './kafkajs-offsets-topic';
import type { OffsetsTopic } from './offsets-topic';
import {
  KafkaJsTransactionalProducer,
  type TransactionalProducer,
  type TransactionalProducerOptions,
} from './transactional-producer';

/** What exactly-once source tasks need of Kafka: transactional producers and the offsets topic. */
export interface ExactlyOnceKafka {
  /** A new, not yet initialized producer for the transactional id (call initTransactions() first). */
  transactionalProducer(
    transactionalId: string,
    options?: TransactionalProducerOptions,
  ): Promise<TransactionalProducer>;
  readonly offsetsTopic: OffsetsTopic;
}

/** ExactlyOnceKafka over one kafkajs client, created on first use (a Lambda container's LazyKafka, say). */
export function kafkaJsExactlyOnce(
  client: () => Promise<Kafka>,
  options: KafkaJsOffsetsTopicOptions = {},
): ExactlyOnceKafka {
  return {
    transactionalProducer: async (transactionalId, producerOptions) =>
      new KafkaJsTransactionalProducer(await client(), transactionalId, producerOptions),
    offsetsTopic: new KafkaJsOffsetsTopic(client, options),
  };
}
