import { describe, expect, it } from 'vitest';
import { Schemas, SinkRecord } from '../../../../shared/api';
import { RecordIsTombstone } from '../../../../shared/transforms';

describe('RecordIsTombstone', () => {
  it('is registered under its Kafka class name with an empty config', () => {
    // Prepare
    const predicate = new RecordIsTombstone();
    // Assess
    expect(RecordIsTombstone.className).toBe('org.apache.kafka.connect.transforms.predicates.RecordIsTombstone');
    expect(predicate.version()).toBe('3.9.0');
    expect(predicate.config().names()).toEqual([]);
    expect(predicate.toString()).toBe('RecordIsTombstone{}');
  });

  it('is true for a null value, whatever the key and schema', () => {
    // Prepare
    const predicate = new RecordIsTombstone();
    predicate.configure({});
    const record = (value: unknown) =>
      new SinkRecord({
        topic: 't',
        kafkaPartition: 0,
        kafkaOffset: 0,
        key: 'k',
        valueSchema: Schemas.OPTIONAL_STRING,
        value,
      });
    // Assess
    expect(predicate.test(record(null))).toBe(true);
    expect(predicate.test(record(''))).toBe(false);
    expect(predicate.test(record('x'))).toBe(false);
  });
});
