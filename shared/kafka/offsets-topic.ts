import type { ProducerRecord } from './producer';

/**
 * Source offsets in a Kafka offsets topic, in Kafka Connect's format (spec section 7, Kafka's
 * OffsetStorageWriter and KafkaOffsetBackingStore): key `["<connector>", {partition}]` and value
 * `{offset}`, both JSON as JsonConverter writes them with schemas.enable=false, or a null value
 * (tombstone) for a reset offset. A Kafka Connect worker reads what we write, and the other way round.
 */

/** One source partition's last offset in the topic; `offset` null for a tombstone. */
export interface OffsetsTopicEntry {
  readonly partition: Readonly<Record<string, unknown>>;
  readonly offset: Readonly<Record<string, unknown>> | null;
}

/** Reads and creates offsets topics; writes go through a (transactional) producer with offsetsTopicRecord. */
export interface OffsetsTopic {
  /**
   * Creates the topic, compacted, unless it exists (Kafka's worker creates its offsets topic, and
   * a connector's offsets.storage.topic, the same way).
   */
  ensure(topic: string): Promise<void>;
  /**
   * Every committed entry of `connector` (read_committed), in the order the topic holds them (a
   * later entry for the same key replaces an earlier one), read to the end of the topic as of the
   * call. Records of other connectors and records that are not in the format are skipped.
   * @throws RetriableError when the end could not be reached in time (e.g. another producer's
   * transaction stays open).
   */
  read(topic: string, connector: string): Promise<OffsetsTopicEntry[]>;
}

/** The record that stores `offset` (null: a tombstone) for a connector's source partition. */
export function offsetsTopicRecord(
  topic: string,
  connector: string,
  partition: Readonly<Record<string, unknown>>,
  offset: Readonly<Record<string, unknown>> | null,
): ProducerRecord {
  return {
    topic,
    key: Buffer.from(JSON.stringify([connector, partition]), 'utf8'),
    value: offset === null ? null : Buffer.from(JSON.stringify(offset), 'utf8'),
  };
}

/**
 * The entry of a record of `connector`, or null when the record belongs to another connector or is
 * not in the format (Kafka's OffsetUtils.processPartitionKey logs and ignores such records).
 */
export function parseOffsetsTopicRecord(
  connector: string,
  key: Uint8Array | null,
  value: Uint8Array | null,
): OffsetsTopicEntry | null {
  if (key === null) return null;
  const parsedKey = parseJson(key);
  if (!Array.isArray(parsedKey) || parsedKey.length !== 2 || parsedKey[0] !== connector) return null;
  const partition = parsedKey[1];
  if (!isPlainObject(partition)) return null;
  if (value === null) return { partition, offset: null };
  const offset = parseJson(value);
  return isPlainObject(offset) ? { partition, offset } : null;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
