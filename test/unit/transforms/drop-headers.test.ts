import { describe, expect, it } from 'vitest';
import { ConfigError, Headers, Schemas, SourceRecord } from '../../../shared/api';
import { DropHeaders } from '../../../shared/transforms';
import { expectHeaders } from './support';

function sourceRecord(headers: Headers): SourceRecord {
  return new SourceRecord({
    sourcePartition: { foo: 'bar' },
    sourceOffset: { baz: 'quxx' },
    topic: 'topic',
    kafkaPartition: 0,
    key: 'key',
    value: 'value',
    timestamp: 0,
    headers,
  });
}

function expectNonHeaders(original: SourceRecord, transformed: SourceRecord | null): void {
  expect(transformed?.sourcePartition).toEqual(original.sourcePartition);
  expect(transformed?.sourceOffset).toEqual(original.sourceOffset);
  expect(transformed?.topic).toBe(original.topic);
  expect(transformed?.kafkaPartition).toBe(original.kafkaPartition);
  expect(transformed?.keySchema).toBe(original.keySchema);
  expect(transformed?.key).toBe(original.key);
  expect(transformed?.valueSchema).toBe(original.valueSchema);
  expect(transformed?.value).toBe(original.value);
  expect(transformed?.timestamp).toBe(original.timestamp);
}

describe('DropHeaders', () => {
  const xform = new DropHeaders<SourceRecord>();

  it('is registered under its Kafka class name', () => {
    // Assess
    expect(DropHeaders.className).toBe('org.apache.kafka.connect.transforms.DropHeaders');
    expect(xform.version()).toBe('3.9.0');
  });

  it('drops an existing header', () => {
    // Prepare
    xform.configure({ headers: ['to-drop'] });
    const expected = new Headers().add('existing', 'existing-value', Schemas.STRING);
    const original = sourceRecord(expected.duplicate().add('to-drop', 'existing-value', Schemas.STRING));
    // Act
    const transformed = xform.apply(original);
    // Assess
    expectNonHeaders(original, transformed);
    expectHeaders(transformed?.headers ?? [], expected);
  });

  it('drops every header of that name', () => {
    // Prepare
    xform.configure({ headers: ['to-drop'] });
    const expected = new Headers().add('existing', 'existing-value', Schemas.STRING);
    const headers = expected
      .duplicate()
      .add('to-drop', 'existing-value', Schemas.STRING)
      .add('to-drop', 'existing-other-value', Schemas.STRING);
    const original = sourceRecord(headers);
    // Act
    const transformed = xform.apply(original);
    // Assess
    expectNonHeaders(original, transformed);
    expectHeaders(transformed?.headers ?? [], expected);
  });

  it('keeps the headers when none has that name', () => {
    // Prepare
    xform.configure({ headers: ['to-drop'] });
    const expected = new Headers().add('existing', 'existing-value', Schemas.STRING);
    const original = sourceRecord(expected.duplicate());
    // Act
    const transformed = xform.apply(original);
    // Assess
    expectNonHeaders(original, transformed);
    expectHeaders(transformed?.headers ?? [], expected);
  });

  it('does not change the original record headers', () => {
    // Prepare
    xform.configure({ headers: 'a,b' });
    const original = sourceRecord(new Headers().add('a', 1).add('c', 2).add('b', 3));
    // Act
    xform.apply(original);
    // Assess
    expect([...original.headers].map((h) => h.key)).toEqual(['a', 'c', 'b']);
  });

  it('rejects an empty list', () => {
    // Act
    const act = () => xform.configure({ headers: [] });
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('Invalid value [] for configuration headers: Empty list');
  });
});
