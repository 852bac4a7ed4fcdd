import { BadRequestError } from '../../api';
import type { ConsumerOffsetChange } from '../../kafka';
import type { ConnectorOffset } from '../rest/entities';

/**
 * Kafka's sink offset shapes (SinkUtils, spec 1.4): partition {kafka_topic, kafka_partition},
 * offset {kafka_offset} or null. Numbers may arrive as strings ("10").
 */
export const KAFKA_TOPIC_KEY = 'kafka_topic';
export const KAFKA_PARTITION_KEY = 'kafka_partition';
export const KAFKA_OFFSET_KEY = 'kafka_offset';

export function toSinkOffsetChanges(offsets: readonly ConnectorOffset[]): ConsumerOffsetChange[] {
  return offsets.map(({ partition, offset }) => {
    if (partition === null || partition === undefined) {
      throw new BadRequestError('The partition for a sink connector offset cannot be null or missing');
    }
    if (!isMap(partition) || !(KAFKA_TOPIC_KEY in partition) || !(KAFKA_PARTITION_KEY in partition)) {
      throw new BadRequestError(
        `The partition for a sink connector offset must contain the keys '${KAFKA_TOPIC_KEY}' and '${KAFKA_PARTITION_KEY}'`,
      );
    }
    // SinkUtils: a null topic is refused; any other value is read with String.valueOf.
    const rawTopic = partition[KAFKA_TOPIC_KEY];
    const topic = typeof rawTopic === 'number' || typeof rawTopic === 'boolean' ? String(rawTopic) : rawTopic;
    if (typeof topic !== 'string') {
      throw new BadRequestError('Kafka topic names must be valid strings and may not be null');
    }
    const rawPartition = partition[KAFKA_PARTITION_KEY];
    if (rawPartition === null || rawPartition === undefined) {
      throw new BadRequestError('Kafka partitions must be valid numbers and may not be null');
    }
    const partitionNumber = parseInteger(rawPartition, INT_MAX);
    if (partitionNumber === null) {
      throw new BadRequestError(
        `Failed to parse the following Kafka partition value in the provided offsets: '${javaString(rawPartition)}'. Partition values for sink connectors need to be integers.`,
      );
    }
    if (offset === null || offset === undefined) return { topic, partition: partitionNumber, offset: null };
    if (!isMap(offset) || !(KAFKA_OFFSET_KEY in offset)) {
      throw new BadRequestError(
        `The offset for a sink connector should either be null or contain the key '${KAFKA_OFFSET_KEY}'`,
      );
    }
    const rawOffset = offset[KAFKA_OFFSET_KEY];
    const offsetNumber = parseInteger(rawOffset, Number.MAX_SAFE_INTEGER);
    if (offsetNumber === null) {
      throw new BadRequestError(
        `Failed to parse the following Kafka offset value in the provided offsets: '${javaString(rawOffset)}'. Offset values for sink connectors need to be integers.`,
      );
    }
    return { topic, partition: partitionNumber, offset: offsetNumber };
  });
}

export function toSinkConnectorOffset(topic: string, partition: number, offset: number): ConnectorOffset {
  return {
    partition: { [KAFKA_TOPIC_KEY]: topic, [KAFKA_PARTITION_KEY]: partition },
    offset: { [KAFKA_OFFSET_KEY]: offset },
  };
}

const INT_MAX = 2 ** 31 - 1;

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Java's Integer.parseInt / Long.parseLong of String.valueOf(value): an optional sign and digits,
 * nothing else (no spaces), within range. Offsets stop at 2^53 - 1, the largest exact JavaScript
 * integer, rather than Long.MAX_VALUE.
 */
function parseInteger(value: unknown, max: number): number | null {
  let parsed: number;
  if (typeof value === 'number') parsed = value;
  else if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) parsed = Number(value);
  else return null;
  return Number.isInteger(parsed) && parsed >= -max - 1 && parsed <= max ? parsed : null;
}

/** A value as Java's String.valueOf prints it in Kafka's messages. */
function javaString(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}
