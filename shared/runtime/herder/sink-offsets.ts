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
    if (!(KAFKA_TOPIC_KEY in partition) || !(KAFKA_PARTITION_KEY in partition)) {
      throw new BadRequestError(
        `The partition for a sink connector offset must contain the keys '${KAFKA_TOPIC_KEY}' and '${KAFKA_PARTITION_KEY}'`,
      );
    }
    const topic = partition[KAFKA_TOPIC_KEY];
    if (typeof topic !== 'string')
      throw new BadRequestError('Kafka topic names must be valid strings and may not be null');
    const rawPartition = partition[KAFKA_PARTITION_KEY];
    if (rawPartition === null || rawPartition === undefined) {
      throw new BadRequestError('Kafka partitions must be valid numbers and may not be null');
    }
    const partitionNumber = parseInteger(rawPartition);
    if (partitionNumber === null) {
      throw new BadRequestError(
        `Failed to parse the following Kafka partition value in the provided offsets: '${String(rawPartition)}'. Partition values for sink connectors need to be integers.`,
      );
    }
    if (offset === null || offset === undefined) return { topic, partition: partitionNumber, offset: null };
    if (!(KAFKA_OFFSET_KEY in offset)) {
      throw new BadRequestError(
        `The offset for a sink connector should either be null or contain the key '${KAFKA_OFFSET_KEY}'`,
      );
    }
    const rawOffset = offset[KAFKA_OFFSET_KEY];
    const offsetNumber = parseInteger(rawOffset);
    if (offsetNumber === null) {
      throw new BadRequestError(
        `Failed to parse the following Kafka offset value in the provided offsets: '${String(rawOffset)}'. Offset values for sink connectors need to be integers.`,
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

function parseInteger(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}
