import { describe, expect, it } from 'vitest';
import { ConfigError, SourceRecord } from '../../../../shared/api';
import { TopicNameMatches } from '../../../../shared/transforms';

describe('TopicNameMatches', () => {
  it('is registered under its Kafka class name', () => {
    // Assess
    expect(TopicNameMatches.className).toBe('org.apache.kafka.connect.transforms.predicates.TopicNameMatches');
    expect(new TopicNameMatches().version()).toBe('3.9.0');
  });

  it('requires a pattern', () => {
    // Act
    const act = () => new TopicNameMatches().configure({});
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('Missing required configuration "pattern"');
  });

  it('requires a non-empty pattern', () => {
    // Assess
    expect(() => new TopicNameMatches().configure({ pattern: '' })).toThrow('String must be non-empty');
  });

  it('requires a valid regex', () => {
    // Assess
    expect(() => new TopicNameMatches().configure({ pattern: '[' })).toThrow('Invalid regex');
  });

  it('reports an invalid regex as one validation error', () => {
    // Prepare
    const predicate = new TopicNameMatches();
    // Act
    const valid = predicate.config().validate({ pattern: 'my-prefix-.*' });
    const invalid = predicate.config().validate({ pattern: '*' });
    // Assess
    expect(valid[0]?.errorMessages).toEqual([]);
    expect(invalid[0]?.errorMessages).toHaveLength(1);
    expect(invalid[0]?.errorMessages[0]).toContain('Invalid regex');
  });

  it('is true when the whole topic matches', () => {
    // Prepare
    const predicate = new TopicNameMatches();
    predicate.configure({ pattern: 'my-prefix-.*' });
    const topic = (name: string) => new SourceRecord({ topic: name });
    // Assess
    expect(predicate.test(topic('my-prefix-'))).toBe(true);
    expect(predicate.test(topic('my-prefix-foo'))).toBe(true);
    expect(predicate.test(topic('x-my-prefix-'))).toBe(false);
    expect(predicate.test(topic('x-my-prefix-foo'))).toBe(false);
    expect(predicate.test(topic('your-prefix-'))).toBe(false);
    expect(predicate.test(topic('your-prefix-foo'))).toBe(false);
    expect(predicate.test(topic(null as unknown as string))).toBe(false);
    expect(predicate.toString()).toBe('TopicNameMatches{pattern=my-prefix-.*}');
  });
});
