import { ConnectRecord, type ConnectRecordInit } from '../connector/connect-record';
import type { Header } from '../data/headers';
import type { Schema } from '../data/schema';

/** How a Kafka record's timestamp was set (Kafka's TimestampType). */
export const TimestampType = {
  NO_TIMESTAMP_TYPE: 'NoTimestampType',
  CREATE_TIME: 'CreateTime',
  LOG_APPEND_TIME: 'LogAppendTime',
} as const;
export type TimestampType = (typeof TimestampType)[keyof typeof TimestampType];

export interface SinkRecordInit extends ConnectRecordInit {
  kafkaPartition: number;
  kafkaOffset: number;
  timestampType?: TimestampType;
  /** Where the record was consumed from, before any transformation re-routed it. */
  originalTopic?: string;
  originalKafkaPartition?: number;
  originalKafkaOffset?: number;
}

/** A record consumed from Kafka on its way to a sink task (Kafka's SinkRecord). */
export class SinkRecord extends ConnectRecord<SinkRecord> {
  readonly kafkaOffset: number;
  readonly timestampType: TimestampType;
  readonly originalTopic: string;
  readonly originalKafkaPartition: number;
  readonly originalKafkaOffset: number;

  constructor(init: SinkRecordInit) {
    super(init);
    this.kafkaOffset = init.kafkaOffset;
    this.timestampType = init.timestampType ?? TimestampType.NO_TIMESTAMP_TYPE;
    this.originalTopic = init.originalTopic ?? init.topic;
    this.originalKafkaPartition = init.originalKafkaPartition ?? init.kafkaPartition;
    this.originalKafkaOffset = init.originalKafkaOffset ?? init.kafkaOffset;
  }

  newRecord(
    topic: string,
    kafkaPartition: number | null,
    keySchema: Schema | null,
    key: unknown,
    valueSchema: Schema | null,
    value: unknown,
    timestamp: number | null,
    headers?: Iterable<Header>,
  ): SinkRecord {
    return new SinkRecord({
      topic,
      kafkaPartition: kafkaPartition ?? this.originalKafkaPartition,
      keySchema,
      key,
      valueSchema,
      value,
      timestamp,
      headers: headers ?? this.headers.duplicate(),
      kafkaOffset: this.kafkaOffset,
      timestampType: this.timestampType,
      originalTopic: this.originalTopic,
      originalKafkaPartition: this.originalKafkaPartition,
      originalKafkaOffset: this.originalKafkaOffset,
    });
  }
}
