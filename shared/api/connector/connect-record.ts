import { type Header, Headers } from '../data/headers';
import type { Schema } from '../data/schema';

/** The fields every record has (Kafka's ConnectRecord constructor arguments). */
export interface ConnectRecordInit {
  topic: string;
  kafkaPartition?: number | null;
  keySchema?: Schema | null;
  key?: unknown;
  valueSchema?: Schema | null;
  value?: unknown;
  /** Milliseconds since the epoch, or null when unknown. */
  timestamp?: number | null;
  headers?: Iterable<Header>;
}

/**
 * A record moving through Connect: a topic, a key and a value with their schemas, a timestamp and
 * headers (Kafka's ConnectRecord). Records are immutable; transformations make new ones with
 * `newRecord`, which keeps the subclass's own fields (sink offsets, source partitions).
 */
export abstract class ConnectRecord<R extends ConnectRecord<R>> {
  readonly topic: string;
  readonly kafkaPartition: number | null;
  readonly keySchema: Schema | null;
  readonly key: unknown;
  readonly valueSchema: Schema | null;
  readonly value: unknown;
  readonly timestamp: number | null;
  readonly headers: Headers;

  protected constructor(init: ConnectRecordInit) {
    this.topic = init.topic;
    this.kafkaPartition = init.kafkaPartition ?? null;
    this.keySchema = init.keySchema ?? null;
    this.key = init.key ?? null;
    this.valueSchema = init.valueSchema ?? null;
    this.value = init.value ?? null;
    this.timestamp = init.timestamp ?? null;
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
  }

  /**
   * A copy with new routing and data; every other field is kept. Headers default to a duplicate of
   * this record's, so the new record never shares a mutable header list with the old one.
   */
  abstract newRecord(
    topic: string,
    kafkaPartition: number | null,
    keySchema: Schema | null,
    key: unknown,
    valueSchema: Schema | null,
    value: unknown,
    timestamp: number | null,
    headers?: Iterable<Header>,
  ): R;

  toString(): string {
    return (
      `ConnectRecord{topic='${this.topic}', kafkaPartition=${this.kafkaPartition}, key=${String(this.key)}, ` +
      `keySchema=${this.keySchema}, value=${String(this.value)}, valueSchema=${this.valueSchema}, ` +
      `timestamp=${this.timestamp}, headers=${this.headers.size}}`
    );
  }
}
