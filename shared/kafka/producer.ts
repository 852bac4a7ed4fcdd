import type {
  ICustomPartitioner,
  Kafka,
  Message,
  PartitionMetadata,
  Producer,
  RecordMetadata,
  TopicMessages,
} from 'kafkajs';

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
  private readonly tracker = new PartitionTracker();
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: this.tracker.createPartitioner,
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
    const { topicMessages, messages } = this.tracker.batch(records);
    const metadata = await this.producer.sendBatch({ acks: -1, topicMessages });
    return this.tracker.acks(records, messages, metadata);
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = null;
  }
}

/**
 * What the kafkajs producers of this module share: the Java client's partitioner, which records the
 * partition each message went to, and the mapping of kafkajs's per-partition results back to one
 * ack per record. Internal to shared/kafka.
 */
export class PartitionTracker {
  private readonly chosen = new WeakMap<Message, number>();

  readonly createPartitioner: ICustomPartitioner = () => {
    const partitioner = defaultPartitioner();
    return (args) => {
      const partition = partitioner(args.topic, args.partitionMetadata, args.message);
      this.chosen.set(args.message, partition);
      return partition;
    };
  };

  /** The kafkajs messages of `records` grouped by topic, and the same messages in input order. */
  batch(records: readonly ProducerRecord[]): { topicMessages: TopicMessages[]; messages: Message[] } {
    const messagesByTopic = new Map<string, Message[]>();
    const messages = records.map((record) => {
      const message = toMessage(record);
      const list = messagesByTopic.get(record.topic) ?? [];
      list.push(message);
      messagesByTopic.set(record.topic, list);
      return message;
    });
    return {
      topicMessages: [...messagesByTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
      messages,
    };
  }

  /** One ack per record, in input order, from what kafkajs's sendBatch resolved with. */
  acks(records: readonly ProducerRecord[], messages: readonly Message[], metadata: readonly RecordMetadata[]) {
    return assignOffsets(records, messages, metadata, (m) => m.partition ?? this.chosen.get(m));
  }
}

/**
 * Kafka's Utils.murmur2 in 32-bit arithmetic (Math.imul), as the Java client hashes keys. kafkajs's
 * own copy computes the same values with 64-bit Long objects, which made it the largest cost of
 * producing keyed records.
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  const m = 0x5bd1e995;
  let h = 0x9747b28c ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i << 2;
    let k =
      (data[i4] as number) |
      ((data[i4 + 1] as number) << 8) |
      ((data[i4 + 2] as number) << 16) |
      ((data[i4 + 3] as number) << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  // The last one to three bytes, as Kafka's fall-through switch takes them.
  const tail = length & ~3;
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= (data[tail + 2] as number) << 16;
    if (rest >= 2) h ^= (data[tail + 1] as number) << 8;
    h ^= data[tail] as number;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * The partitioner of the Java client's keyed records and of kafkajs's DefaultPartitioner: an
 * explicit partition wins; a key goes to toPositive(murmur2(key)) % partitions; records without a
 * key go round-robin over the partitions that have a leader.
 */
function defaultPartitioner() {
  const counters = new Map<string, number>();
  return (topic: string, partitions: PartitionMetadata[], message: Message): number => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key !== null && message.key !== undefined) {
      const key = typeof message.key === 'string' ? Buffer.from(message.key) : message.key;
      return (murmur2(key) & 0x7fffffff) % partitions.length;
    }
    const next = ((counters.get(topic) ?? Math.floor(Math.random() * 0x7fffffff)) + 1) & 0x7fffffff;
    counters.set(topic, next);
    const available = partitions.filter((p) => p.leader >= 0);
    if (available.length === 0) return next % partitions.length;
    return (available[next % available.length] as PartitionMetadata).partitionId;
  };
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
