import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/api';
import { RegexRouter } from '../../../shared/transforms';
import { sinkRecord } from './support';

function apply(regex: string, replacement: string, topic: string): string | undefined {
  const router = new RegexRouter();
  router.configure({ regex, replacement });
  const routed = router.apply(sinkRecord({ topic }))?.topic;
  router.close();
  return routed;
}

describe('RegexRouter', () => {
  it('is registered under its Kafka class name', () => {
    // Assess
    expect(RegexRouter.className).toBe('org.apache.kafka.connect.transforms.RegexRouter');
    expect(new RegexRouter().version()).toBe('3.9.0');
  });

  it('replaces a whole topic with a static name', () => {
    // Assess
    expect(apply('foo', 'bar', 'foo')).toBe('bar');
  });

  it('leaves a topic the regex does not fully match', () => {
    // Assess
    expect(apply('foo', 'bar', 'orig')).toBe('orig');
    expect(apply('foo', 'bar', 'food')).toBe('food');
  });

  it('keeps the topic with an identity group reference', () => {
    // Assess
    expect(apply('(.*)', '$1', 'orig')).toBe('orig');
  });

  it('adds a prefix', () => {
    // Assess
    expect(apply('(.*)', 'prefix-$1', 'orig')).toBe('prefix-orig');
  });

  it('adds a suffix', () => {
    // Assess
    expect(apply('(.*)', '$1-suffix', 'orig')).toBe('orig-suffix');
  });

  it('slices a date suffix off', () => {
    // Assess
    expect(apply('(.*)-(\\d\\d\\d\\d\\d\\d\\d\\d)', '$1', 'index-20160117')).toBe('index');
  });

  it('reads Java replacement syntax: named groups, escapes and multi-digit references', () => {
    // Assess
    expect(apply('(?<name>[a-z]+)-(\\d+)', '${name}_$2', 'orders-42')).toBe('orders_42');
    expect(apply('(a)(b)', '\\$1$2', 'ab')).toBe('$1b');
    expect(apply('(a)', '$10', 'a')).toBe('a0');
  });

  it('replaces only the first match, as Matcher#replaceFirst', () => {
    // The whole topic matches "a|ab", but the first match found is "a".
    expect(apply('a|ab', 'x', 'ab')).toBe('xb');
  });

  it('accepts Java inline flags', () => {
    // Assess
    expect(apply('(?i)ORDERS', 'orders', 'Orders')).toBe('orders');
  });

  it('rejects an invalid regex when configured', () => {
    // Act
    const act = () => new RegexRouter().configure({ regex: '(', replacement: 'x' });
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(/^Invalid value \( for configuration regex: Invalid regex: /);
  });

  it('fails on a bad group reference only when a topic matches, as Java does', () => {
    // Prepare
    const router = new RegexRouter();
    router.configure({ regex: 'a(b)', replacement: '$2' });
    // Act
    const unmatched = router.apply(sinkRecord({ topic: 'zzz' }));
    const act = () => router.apply(sinkRecord({ topic: 'ab' }));
    // Assess
    expect(unmatched?.topic).toBe('zzz');
    expect(act).toThrow('No group 2');
  });

  it('requires regex and replacement', () => {
    // Assess
    expect(() => new RegexRouter().configure({ regex: 'a' })).toThrow(
      'Missing required configuration "replacement" which has no default value.',
    );
  });
});
