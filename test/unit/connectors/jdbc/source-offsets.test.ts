import { describe, expect, it } from 'vitest';
import {
  MySqlDialect,
  PostgresDialect,
  QUERY_PARTITION,
  SqlTimestamp,
  TableId,
  TimestampIncrementingCriteria,
  TimestampIncrementingOffset,
  TimeZone,
  tablePartitionV0,
  tablePartitionV1,
} from '../../../../shared/connectors/jdbc';

const orders = new TableId(null, 'public', 'orders');

describe('TimestampIncrementingOffset', () => {
  it('writes Confluent offset maps: incrementing, timestamp in ms and the second fraction in ns', () => {
    // Prepare
    const at = new SqlTimestamp(1_700_000_000, 123_456_000);
    // Act
    const both = new TimestampIncrementingOffset(at, 42).toMap();
    // Assess
    expect(both).toEqual({ incrementing: 42, timestamp: 1_700_000_000_123, timestamp_nanos: 123_456_000 });
    expect(new TimestampIncrementingOffset(null, 7).toMap()).toEqual({ incrementing: 7 });
    expect(new TimestampIncrementingOffset(at, null).toMap()).toEqual({
      timestamp: 1_700_000_000_123,
      timestamp_nanos: 123_456_000,
    });
  });

  it('reads back exactly what it wrote, and offsets whose numbers came back as bigints or digits', () => {
    // Prepare
    const offset = new TimestampIncrementingOffset(new SqlTimestamp(-5, 999_999_000), 3);
    // Act
    const read = TimestampIncrementingOffset.fromMap(offset.toMap());
    const lenient = TimestampIncrementingOffset.fromMap({
      incrementing: 3n,
      timestamp: '-4001',
      timestamp_nanos: 999_999_000,
    });
    // Assess
    expect(read.equals(offset)).toBe(true);
    expect(lenient.equals(offset)).toBe(true);
  });

  it('reads an offset without nanos (older releases) from its milliseconds', () => {
    expect(TimestampIncrementingOffset.fromMap({ timestamp: 1500 }).timestampOffset).toEqual(
      new SqlTimestamp(1, 500_000_000),
    );
  });

  it('starts an empty offset at the epoch and incrementing -1', () => {
    const empty = TimestampIncrementingOffset.fromMap(null);
    expect([empty.timestampOffset, empty.incrementingOffset]).toEqual([SqlTimestamp.EPOCH, -1]);
  });

  it('refuses an offset that is not numbers', () => {
    expect(() => TimestampIncrementingOffset.fromMap({ incrementing: 'x' })).toThrow(
      "Invalid 'incrementing' in source offset: x",
    );
  });
});

describe('source partitions', () => {
  it('are Confluent protocol 1 (qualified name), protocol 0 (table name) and the query partition', () => {
    expect(tablePartitionV1(orders)).toEqual({ table: 'public.orders', protocol: '1' });
    expect(tablePartitionV0(orders)).toEqual({ table: 'orders' });
    expect(QUERY_PARTITION).toEqual({ query: 'query' });
  });
});

describe('SqlTimestamp', () => {
  it('parses timestamptz text exactly and timestamp text as the wall clock of db.timezone', () => {
    expect(SqlTimestamp.parse('2024-03-10 12:00:00.000001+05:30', TimeZone.UTC)).toEqual(
      new SqlTimestamp(1710052200, 1000),
    );
    expect(SqlTimestamp.parse('2024-03-10 12:00:00', TimeZone.of('America/New_York'))).toEqual(
      new SqlTimestamp(1710086400, 0),
    );
  });

  it('moves a wall clock in a DST gap forward, and takes the earlier offset of an overlap', () => {
    const paris = TimeZone.of('Europe/Paris');
    // 2024-03-31 02:30 does not exist in Paris (clocks go 02:00 -> 03:00): it means 03:30 CEST.
    expect(SqlTimestamp.parse('2024-03-31 02:30:00', paris).millis).toBe(Date.UTC(2024, 2, 31, 1, 30));
    // 2024-10-27 02:30 happens twice: the first, in CEST (+02:00).
    expect(SqlTimestamp.parse('2024-10-27 02:30:00', paris).millis).toBe(Date.UTC(2024, 9, 27, 0, 30));
  });

  it('compares by second then nanos, and subtracts a delay keeping the fraction', () => {
    const a = new SqlTimestamp(10, 500);
    expect(a.compareTo(new SqlTimestamp(10, 499))).toBeGreaterThan(0);
    expect(a.minusMillis(1500)).toEqual(new SqlTimestamp(8, 500_000_500));
  });

  it('refuses infinity and text that is not a timestamp', () => {
    expect(() => SqlTimestamp.parse('infinity', TimeZone.UTC)).toThrow("Cannot read 'infinity' as a timestamp");
  });
});

describe('TimestampIncrementingCriteria', () => {
  const pg = new PostgresDialect();
  const values = { begin: new SqlTimestamp(100, 5000), end: new SqlTimestamp(200, 0), lastIncrementing: 9 };

  it('renders the timestamp+incrementing window with its tie-break on the incrementing column', () => {
    // Prepare
    const criteria = new TimestampIncrementingCriteria(pg, 'id', ['updated'], orders);
    // Act
    const where = criteria.whereClause();
    const params = criteria.parameters(values, TimeZone.UTC);
    // Assess
    const ts = '"public"."orders"."updated"';
    expect(where).toBe(
      ` WHERE ${ts} < $1 AND ((${ts} = $2 AND "public"."orders"."id" > $3) OR ${ts} > $4) ORDER BY ${ts},"public"."orders"."id" ASC`,
    );
    expect(params).toEqual([
      '1970-01-01 00:03:20.000000+00:00',
      '1970-01-01 00:01:40.000005+00:00',
      9,
      '1970-01-01 00:01:40.000005+00:00',
    ]);
  });

  it('renders timestamp mode over COALESCE of several columns, unqualified for a query', () => {
    const criteria = new TimestampIncrementingCriteria(new MySqlDialect(), null, ['modified', 'created'], null);
    expect(criteria.whereClause()).toBe(
      ' WHERE COALESCE(`modified`,`created`) > ? AND COALESCE(`modified`,`created`) < ? ORDER BY COALESCE(`modified`,`created`) ASC',
    );
    expect(criteria.parameters(values, TimeZone.UTC)).toEqual([
      '1970-01-01 00:01:40.000005',
      '1970-01-01 00:03:20.000000',
    ]);
  });

  it('renders incrementing mode', () => {
    const criteria = new TimestampIncrementingCriteria(pg, 'id', [], null);
    expect(criteria.whereClause()).toBe(' WHERE "id" > $1 ORDER BY "id" ASC');
    expect(criteria.parameters(values, TimeZone.UTC)).toEqual([9]);
  });
});
