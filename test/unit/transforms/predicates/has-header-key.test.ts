import { describe, expect, it } from 'vitest';
import { ConfigError, Headers, SourceRecord } from '../../../../shared/api';
import { HasHeaderKey } from '../../../../shared/transforms';

function recordWithHeaders(...keys: string[]): SourceRecord {
  const headers = new Headers();
  for (const key of keys) headers.add(key, null);
  return new SourceRecord({ topic: 'topic', headers });
}

describe('HasHeaderKey', () => {
  it('is registered under its Kafka class name', () => {
    // Assess
    expect(HasHeaderKey.className).toBe('org.apache.kafka.connect.transforms.predicates.HasHeaderKey');
    expect(new HasHeaderKey().version()).toBe('3.9.0');
  });

  it('requires a name', () => {
    // Act
    const act = () => new HasHeaderKey().configure({});
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('Missing required configuration "name"');
  });

  it('requires a non-empty name', () => {
    // Assess
    expect(() => new HasHeaderKey().configure({ name: '' })).toThrow('String must be non-empty');
  });

  it('reports an empty name as a validation error', () => {
    // Prepare
    const predicate = new HasHeaderKey();
    // Act
    const valid = predicate.config().validate({ name: 'foo' });
    const invalid = predicate.config().validate({ name: '' });
    // Assess
    expect(valid[0]?.errorMessages).toEqual([]);
    expect(invalid[0]?.errorMessages).toEqual(['Invalid value  for configuration name: String must be non-empty']);
  });

  it('is true when at least one header has the name', () => {
    // Prepare
    const predicate = new HasHeaderKey();
    predicate.configure({ name: 'foo' });
    // Assess
    expect(predicate.test(recordWithHeaders('foo'))).toBe(true);
    expect(predicate.test(recordWithHeaders('foo', 'bar'))).toBe(true);
    expect(predicate.test(recordWithHeaders('bar', 'foo', 'bar', 'foo'))).toBe(true);
    expect(predicate.test(recordWithHeaders('bar'))).toBe(false);
    expect(predicate.test(recordWithHeaders('bar', 'bar'))).toBe(false);
    expect(predicate.test(recordWithHeaders())).toBe(false);
    expect(predicate.toString()).toBe("HasHeaderKey{name='foo'}");
  });
});
