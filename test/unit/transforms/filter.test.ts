import { describe, expect, it } from 'vitest';
import { Filter } from '../../../shared/transforms';
import { sinkRecord } from './support';

describe('Filter', () => {
  it('is registered under its Kafka class name with an empty config', () => {
    // Prepare
    const filter = new Filter();
    // Assess
    expect(Filter.className).toBe('org.apache.kafka.connect.transforms.Filter');
    expect(filter.version()).toBe('3.9.0');
    expect(filter.config().names()).toEqual([]);
  });

  it('drops every record', () => {
    // Prepare
    const filter = new Filter();
    filter.configure({});
    // Act
    const result = filter.apply(sinkRecord({ value: 'anything' }));
    // Assess
    expect(result).toBeNull();
  });
});
