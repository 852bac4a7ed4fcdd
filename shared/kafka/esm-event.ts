import { DataError } from '../api';

/** A consumed Kafka record as the event source mapping delivers it: raw bytes, before conversion. */
export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number | null;
  readonly timestampType: 'CreateTime' | 'LogAppendTime' | 'NoTimestampType';
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: ReadonlyArray<{ readonly key: string; readonly value: Uint8Array | null }>;
}

/** The records of one topic partition, in offset order. */
export interface PartitionBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly ConsumedRecord[];
}

/** The Lambda event of an MSK or self-managed Kafka event source mapping. */
export interface KafkaEsmEvent {
  readonly eventSource: 'aws:kafka' | 'SelfManagedKafka' | string;
  readonly eventSourceArn?: string;
  readonly bootstrapServers?: string;
  readonly records: Readonly<Record<string, readonly EsmRecord[]>>;
}

export interface EsmRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp?: number;
  readonly timestampType?: 'CREATE_TIME' | 'LOG_APPEND_TIME' | 'NO_TIMESTAMP_TYPE' | string;
  /** base64; absent or null for a null key. */
  readonly key?: string | null;
  /** base64; absent or null for a null value (a tombstone). */
  readonly value?: string | null;
  /** One single-key object per header; values are byte arrays (Java bytes, so possibly negative). */
  readonly headers?: ReadonlyArray<Readonly<Record<string, readonly number[] | null>>>;
}

/**
 * Decodes an ESM event into partition batches. The map key "<topic>-<partition>" is not parsed
 * (topic names may contain dashes): each record names its own topic and partition.
 */
export function decodeEsmEvent(event: KafkaEsmEvent): PartitionBatch[] {
  if (!event || typeof event.records !== 'object' || event.records === null) {
    throw new DataError('Not a Kafka event source mapping event: no "records" map');
  }
  const batches: PartitionBatch[] = [];
  for (const [key, records] of Object.entries(event.records)) {
    if (records.length === 0) continue;
    const first = records[0] as EsmRecord;
    const decoded = records.map((record) => {
      if (record.topic !== first.topic || record.partition !== first.partition) {
        throw new DataError(`Records under "${key}" belong to more than one partition`);
      }
      return decodeRecord(record);
    });
    batches.push({ topic: first.topic, partition: first.partition, records: decoded });
  }
  return batches;
}

function decodeRecord(record: EsmRecord): ConsumedRecord {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: Number(record.offset),
    // Java's ConsumerRecord.NO_TIMESTAMP is -1; Connect turns it into a null timestamp
    // (ConnectUtils.checkAndConvertTimestamp).
    timestamp: typeof record.timestamp === 'number' && record.timestamp >= 0 ? record.timestamp : null,
    timestampType: timestampTypeOf(record.timestampType),
    key: fromBase64(record.key),
    value: fromBase64(record.value),
    headers: (record.headers ?? []).flatMap((header) =>
      Object.entries(header).map(([key, bytes]) => ({
        key,
        // Uint8Array conversion is modulo 256, so Java's negative bytes come out right (-1 -> 255).
        value: bytes === null ? null : Uint8Array.from(bytes),
      })),
    ),
  };
}

function fromBase64(text: string | null | undefined): Uint8Array | null {
  if (text === null || text === undefined) return null;
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Java's TimestampType enum names, as the ESM writes them. */
const ESM_TIMESTAMP_TYPES = {
  CreateTime: 'CREATE_TIME',
  LogAppendTime: 'LOG_APPEND_TIME',
  NoTimestampType: 'NO_TIMESTAMP_TYPE',
} as const satisfies Record<ConsumedRecord['timestampType'], string>;

function timestampTypeOf(type: string | undefined): ConsumedRecord['timestampType'] {
  if (type === 'CREATE_TIME') return 'CreateTime';
  if (type === 'LOG_APPEND_TIME') return 'LogAppendTime';
  return 'NoTimestampType';
}

/** The reverse, for the local ESM poller and tests: records -> an MSK-shaped event. */
export function encodeEsmEvent(
  records: readonly ConsumedRecord[],
  source: { eventSource?: string; eventSourceArn?: string; bootstrapServers?: string } = {},
): KafkaEsmEvent {
  const byPartition: Record<string, EsmRecord[]> = {};
  for (const r of records) {
    const key = `${r.topic}-${r.partition}`;
    const list = byPartition[key] ?? [];
    byPartition[key] = list;
    list.push({
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp ?? -1,
      timestampType: ESM_TIMESTAMP_TYPES[r.timestampType],
      key: r.key === null ? undefined : Buffer.from(r.key).toString('base64'),
      value: r.value === null ? null : Buffer.from(r.value).toString('base64'),
      headers: r.headers.map((h) => ({
        [h.key]: h.value === null ? null : Array.from(h.value, (b) => (b << 24) >> 24),
      })),
    });
  }
  return {
    eventSource: source.eventSource ?? 'aws:kafka',
    eventSourceArn: source.eventSourceArn,
    bootstrapServers: source.bootstrapServers,
    records: byPartition,
  };
}
