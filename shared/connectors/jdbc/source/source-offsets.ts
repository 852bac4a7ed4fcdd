import { ConnectError, type SourceOffset, type SourcePartition } from '../../../api';
import { SqlTimestamp } from '../util/sql-timestamp';
import type { TableId } from '../util/table-id';

/** Confluent's JdbcSourceConnectorConstants and OffsetProtocols. */
export const TABLE_NAME_KEY = 'table';
export const QUERY_NAME_KEY = 'query';
export const QUERY_NAME_VALUE = 'query';
export const OFFSET_PROTOCOL_VERSION_KEY = 'protocol';
export const PROTOCOL_VERSION_ONE = '1';

export const INCREMENTING_FIELD = 'incrementing';
export const TIMESTAMP_FIELD = 'timestamp';
export const TIMESTAMP_NANOS_FIELD = 'timestamp_nanos';

/** Protocol 1: the unquoted fully qualified name and an explicit protocol key (what incremental modes write). */
export function tablePartitionV1(table: TableId): SourcePartition {
  return { [TABLE_NAME_KEY]: table.toUnquotedString(), [OFFSET_PROTOCOL_VERSION_KEY]: PROTOCOL_VERSION_ONE };
}

/** Protocol 0: the bare table name (what bulk mode writes, and older releases wrote for every mode). */
export function tablePartitionV0(table: TableId): SourcePartition {
  return { [TABLE_NAME_KEY]: table.table };
}

/** The one partition of a custom query. */
export const QUERY_PARTITION: SourcePartition = { [QUERY_NAME_KEY]: QUERY_NAME_VALUE };

/**
 * Where an incremental querier has read up to (Confluent's TimestampIncrementingOffset): the
 * timestamp of the last row, with its nanoseconds, and/or its incrementing value. A missing
 * timestamp reads as the epoch and a missing incrementing value as -1, so a fresh table is read
 * from its first row.
 */
export class TimestampIncrementingOffset {
  constructor(
    readonly timestamp: SqlTimestamp | null,
    readonly incrementing: number | null,
  ) {}

  static readonly EMPTY = new TimestampIncrementingOffset(null, null);

  get timestampOffset(): SqlTimestamp {
    return this.timestamp ?? SqlTimestamp.EPOCH;
  }

  get incrementingOffset(): number {
    return this.incrementing ?? -1;
  }

  /** Confluent's toMap: `incrementing`, `timestamp` (ms) and `timestamp_nanos` (the second's fraction), each when set. */
  toMap(): SourceOffset {
    const map: Record<string, number> = {};
    if (this.incrementing !== null) map[INCREMENTING_FIELD] = this.incrementing;
    if (this.timestamp !== null) {
      map[TIMESTAMP_FIELD] = this.timestamp.millis;
      map[TIMESTAMP_NANOS_FIELD] = this.timestamp.nanos;
    }
    return map;
  }

  /**
   * Confluent's fromMap, lenient about how a store gave the numbers back (number, bigint or digits).
   * @throws ConnectError for an offset that is not numbers
   */
  static fromMap(map: SourceOffset | null | undefined): TimestampIncrementingOffset {
    if (!map || Object.keys(map).length === 0) return TimestampIncrementingOffset.EMPTY;
    const incrementing = longOf(map[INCREMENTING_FIELD], INCREMENTING_FIELD);
    const millis = longOf(map[TIMESTAMP_FIELD], TIMESTAMP_FIELD);
    const nanos = longOf(map[TIMESTAMP_NANOS_FIELD], TIMESTAMP_NANOS_FIELD);
    const timestamp = millis === null ? null : SqlTimestamp.fromOffset(millis, nanos);
    return new TimestampIncrementingOffset(timestamp, incrementing);
  }

  equals(other: TimestampIncrementingOffset): boolean {
    const sameTimestamp =
      this.timestamp === null
        ? other.timestamp === null
        : other.timestamp !== null && this.timestamp.equals(other.timestamp);
    return sameTimestamp && this.incrementing === other.incrementing;
  }
}

function longOf(value: unknown, field: string): number | null {
  if (value === null || value === undefined) return null;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint' || typeof value === 'string'
        ? Number(value)
        : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new ConnectError(`Invalid '${field}' in source offset: ${String(value)}`);
  return n;
}
