import { type Kafka, type Message, Partitioners, type Producer, type RecordMetadata } from 'kafkajs';

/** One record to produce: bytes already converted. */
export interface ProducerRecord {
  readonly topic: string;
  /** An explicit partition; otherwise Kafka's default partitioner picks (murmur2 of the key). */
  readonly partition?: number | null;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers?: ReadonlyArray<{ readonly key: string; readonly value: Uint8Array | null }>;
  /** Milliseconds since the epoch; the broker's time when absent. */
  readonly timestamp?: number | null;
}

/** Where an acknowledged record landed. */
export interface RecordAck {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** Sends records with acks=all, keeping each partition's order. */
export interface KafkaProducer {
  /**
   * Sends a batch and resolves once every record is acknowledged, with one ack per record in
   * the input order. Rejects when any record could not be written.
   */
  send(records: readonly ProducerRecord[]): Promise<RecordAck[]>;
  close(): Promise<void>;
}

/**
 * A kafkajs producer, idempotent (the broker drops retried duplicates), with acks=all. It learns
 * which partition each record went to through the partitioner, so acks map back to records.
 */
export class KafkaJsProducer implements KafkaProducer {
  private readonly chosen = new WeakMap<Message, number>();
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(kafka: Kafka) {
    const chosen = this.chosen;
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: () => {
        const partitioner = Partitioners.DefaultPartitioner();
        return (args) => {
          const partition = partitioner(args);
          chosen.set(args.message, partition);
          return partition;
        };
      },
    });
  }

  async send(records: readonly ProducerRecord[]): Promise<RecordAck[]> {
    if (records.length === 0) return [];
    // A failed connect is not kept: the next send connects again rather than fail forever.
    this.connected ??= this.producer.connect().catch((err: unknown) => {
      this.connected = null;
      throw err;
    });
    await this.connected;
    const messagesByTopic = new Map<string, Message[]>();
    const messages = records.map((record) => {
      const message = toMessage(record);
      const list = messagesByTopic.get(record.topic) ?? [];
      list.push(message);
      messagesByTopic.set(record.topic, list);
      return message;
    });
    const metadata = await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...messagesByTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
    });
    return assignOffsets(records, messages, metadata, (m) => m.partition ?? this.chosen.get(m));
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = null;
  }
}

function toMessage(record: ProducerRecord): Message {
  const message: Message = {
    key: record.key === null ? null : Buffer.from(record.key.buffer, record.key.byteOffset, record.key.byteLength),
    value:
      record.value === null ? null : Buffer.from(record.value.buffer, record.value.byteOffset, record.value.byteLength),
  };
  if (record.partition !== undefined && record.partition !== null) message.partition = record.partition;
  if (record.timestamp !== undefined && record.timestamp !== null) message.timestamp = String(record.timestamp);
  if (record.headers && record.headers.length > 0) {
    // kafkajs takes repeated keys as an array value, which keeps Connect's multi-valued headers.
    const headers: Record<string, Buffer[]> = {};
    for (const { key, value } of record.headers) {
      const values = headers[key] ?? [];
      values.push(value === null ? Buffer.alloc(0) : Buffer.from(value));
      headers[key] = values;
    }
    message.headers = headers;
  }
  return message;
}

/** A record's offset is its partition batch's base offset plus its position in that batch. */
function assignOffsets(
  records: readonly ProducerRecord[],
  messages: readonly Message[],
  metadata: readonly RecordMetadata[],
  partitionOf: (message: Message) => number | undefined,
): RecordAck[] {
  const base = new Map<string, number>();
  for (const m of metadata) base.set(`${m.topicName}\u0000${m.partition}`, Number(m.baseOffset ?? m.offset ?? 0));
  const next = new Map<string, number>();
  return records.map((record, i) => {
    const partition = partitionOf(messages[i] as Message);
    if (partition === undefined) throw new Error(`No partition was chosen for a record of topic ${record.topic}`);
    const key = `${record.topic}\u0000${partition}`;
    const index = next.get(key) ?? 0;
    next.set(key, index + 1);
    return { topic: record.topic, partition, offset: (base.get(key) ?? 0) + index };
  });
}
