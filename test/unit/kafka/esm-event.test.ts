import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../shared/api';
import { type ConsumedRecord, decodeEsmEvent, encodeEsmEvent, type KafkaEsmEvent } from '../../../shared/kafka';

function fixture(name: string): KafkaEsmEvent {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures', name), 'utf8')) as KafkaEsmEvent;
}

const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : bytes);

describe('decodeEsmEvent', () => {
  it('decodes an MSK event into one batch per partition, each in offset order', () => {
    // Prepare
    const event = fixture('msk-event-orders.json');
    // Act
    const batches = decodeEsmEvent(event);
    // Assess
    expect(batches.map((b) => [b.topic, b.partition, b.records.map((r) => r.offset)])).toEqual([
      ['orders-eu-west-1', 0, [41, 42, 43]],
      ['orders-eu-west-1', 1, [7, 8]],
    ]);
  });

  it('takes topic and partition from the records, not by splitting the "<topic>-<partition>" key on dashes', () => {
    // Prepare
    const event = fixture('msk-event-orders.json');
    // Act
    const [batch] = decodeEsmEvent(event);
    // Assess
    expect(Object.keys(event.records)[0]).toBe('orders-eu-west-1-0');
    expect(batch?.topic).toBe('orders-eu-west-1');
    expect(batch?.records.every((r) => r.topic === 'orders-eu-west-1' && r.partition === 0)).toBe(true);
  });

  it('decodes base64 keys and values, UTF-8 included', () => {
    // Prepare
    const event = fixture('msk-event-orders.json');
    // Act
    const first = decodeEsmEvent(event)[0]?.records[0];
    // Assess
    expect(text(first?.key)).toBe('order-17');
    expect(text(first?.value)).toBe('{"id":17,"city":"Zürich"}');
    expect(first?.timestamp).toBe(1732000000000);
    expect(first?.timestampType).toBe('CreateTime');
  });

  it('reads a null or absent value as a tombstone and a null or absent key as no key, but an empty string as empty bytes', () => {
    // Prepare
    const event = fixture('msk-event-orders.json');
    // Act
    const [p0, p1] = decodeEsmEvent(event);
    // Assess
    expect(p0?.records[1]).toMatchObject({ offset: 42, value: null });
    expect(text(p0?.records[1]?.key)).toBe('order-17');
    expect(p0?.records[2]).toMatchObject({ offset: 43, key: null });
    expect(p1?.records[0]).toMatchObject({ offset: 7, key: null, timestampType: 'LogAppendTime' });
    expect(p1?.records[0]?.value).toEqual(new Uint8Array(0));
    expect(p1?.records[1]).toMatchObject({ offset: 8, value: null });
  });

  it('decodes header byte arrays, negative Java bytes included, keeping order and repeated keys', () => {
    // Prepare
    const event = fixture('msk-event-orders.json');
    // Act
    const [p0, p1] = decodeEsmEvent(event);
    // Assess
    expect(p0?.records[0]?.headers.map((h) => [h.key, text(h.value)])).toEqual([
      ['content-type', 'application/json'],
      ['origin', 'café ✓'],
      ['origin', 'second'],
    ]);
    expect(p1?.records[0]?.headers).toEqual([{ key: 'binary', value: Uint8Array.from([0, 1, 127, 128, 255]) }]);
  });

  it('decodes a self-managed Kafka event the same way', () => {
    // Prepare
    const event = fixture('msk-event-self-managed.json');
    // Act
    const batches = decodeEsmEvent(event);
    // Assess
    expect(event.eventSource).toBe('SelfManagedKafka');
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ topic: 'audit-log', partition: 3 });
    expect(batches[0]?.records.map((r) => [r.offset, text(r.key), text(r.value)])).toEqual([
      [1000, 'user-1', 'login'],
      [1001, 'user-2', 'logout'],
    ]);
  });

  it('reads a negative timestamp (Java NO_TIMESTAMP) as no timestamp', () => {
    // Prepare
    const event: KafkaEsmEvent = {
      eventSource: 'aws:kafka',
      records: { 't-0': [{ topic: 't', partition: 0, offset: 0, timestamp: -1, timestampType: 'NO_TIMESTAMP_TYPE' }] },
    };
    // Act
    const record = decodeEsmEvent(event)[0]?.records[0];
    // Assess
    expect(record).toMatchObject({ timestamp: null, timestampType: 'NoTimestampType', key: null, value: null });
  });

  it('skips empty partitions and rejects an event without a records map or with mixed partitions under one key', () => {
    // Prepare
    const mixed: KafkaEsmEvent = {
      eventSource: 'aws:kafka',
      records: {
        't-0': [
          { topic: 't', partition: 0, offset: 0 },
          { topic: 't', partition: 1, offset: 0 },
        ],
      },
    };
    // Act
    const empty = decodeEsmEvent({ eventSource: 'aws:kafka', records: { 't-0': [] } });
    // Assess
    expect(empty).toEqual([]);
    expect(() => decodeEsmEvent({ eventSource: 'aws:kafka' } as unknown as KafkaEsmEvent)).toThrow(DataError);
    expect(() => decodeEsmEvent(mixed)).toThrow('Records under "t-0" belong to more than one partition');
  });
});

describe('encodeEsmEvent', () => {
  it('round-trips consumed records through the MSK event shape', () => {
    // Prepare
    const records: ConsumedRecord[] = [
      {
        topic: 'a-b-c',
        partition: 12,
        offset: 5,
        timestamp: 1,
        timestampType: 'CreateTime',
        key: Uint8Array.from([1, 2]),
        value: null,
        headers: [
          { key: 'h', value: Uint8Array.from([0, 200, 255]) },
          { key: 'h', value: null },
        ],
      },
      {
        topic: 'a-b-c',
        partition: 12,
        offset: 6,
        timestamp: null,
        timestampType: 'NoTimestampType',
        key: null,
        value: Uint8Array.from([]),
        headers: [],
      },
      {
        topic: 'a-b',
        partition: 0,
        offset: 9,
        timestamp: 3,
        timestampType: 'LogAppendTime',
        key: null,
        value: Uint8Array.from([104, 105]),
        headers: [],
      },
    ];
    // Act
    const event = JSON.parse(JSON.stringify(encodeEsmEvent(records))) as KafkaEsmEvent;
    const decoded = decodeEsmEvent(event);
    // Assess
    expect(Object.keys(event.records)).toEqual(['a-b-c-12', 'a-b-0']);
    expect(event.records['a-b-c-12']?.[0]?.headers).toEqual([{ h: [0, -56, -1] }, { h: null }]);
    expect(decoded.flatMap((b) => b.records)).toEqual(records);
  });
});
