import { describe, expect, it } from 'vitest';
import { ConfigError, Headers, Schemas, SourceRecord, Type } from '../../../shared/api';
import { InsertHeader } from '../../../shared/transforms';
import { expectHeaders, expectSchema } from './support';

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

describe('InsertHeader', () => {
  const xform = new InsertHeader<SourceRecord>();

  it('is registered under its Kafka class name', () => {
    // Assess
    expect(InsertHeader.className).toBe('org.apache.kafka.connect.transforms.InsertHeader');
    expect(xform.version()).toBe('3.9.0');
  });

  it('adds a string header next to another one', () => {
    // Prepare
    xform.configure({ header: 'inserted', 'value.literal': 'inserted-value' });
    const headers = new Headers().add('existing', 'existing-value', Schemas.STRING);
    const original = sourceRecord(headers);
    // Act
    const transformed = xform.apply(original);
    // Assess
    expectHeaders(transformed?.headers ?? [], headers.duplicate().add('inserted', 'inserted-value', Schemas.STRING));
    expect(transformed?.key).toBe('key');
    expect(transformed?.value).toBe('value');
    expect(transformed?.sourceOffset).toEqual({ baz: 'quxx' });
  });

  it('adds a header with the same name as an existing one', () => {
    // Prepare
    xform.configure({ header: 'existing', 'value.literal': 'inserted-value' });
    const headers = new Headers().add('existing', 'preexisting-value', Schemas.STRING);
    // Act
    const transformed = xform.apply(sourceRecord(headers));
    // Assess
    expectHeaders(transformed?.headers ?? [], headers.duplicate().add('existing', 'inserted-value', Schemas.STRING));
  });

  it('parses the literal with Values.parseString, so "1" is an INT8 header', () => {
    // Prepare
    xform.configure({ header: 'inserted', 'value.literal': '1' });
    const headers = new Headers().add('existing', 'existing-value', Schemas.STRING);
    // Act
    const transformed = xform.apply(sourceRecord(headers));
    // Assess
    expectHeaders(transformed?.headers ?? [], headers.duplicate().add('inserted', 1, Schemas.INT8));
  });

  it('parses booleans, lists and timestamps too', () => {
    // Prepare
    const literal = (text: string) => {
      xform.configure({ header: 'h', 'value.literal': text });
      return xform.apply(sourceRecord(new Headers()))?.headers.lastWithName('h');
    };
    // Act
    const bool = literal('true');
    const list = literal('[1,2,3]');
    const timestamp = literal('2019-08-23T14:34:54.346Z');
    // Assess
    expect(bool?.value).toBe(true);
    expectSchema(bool?.schema, Schemas.BOOLEAN);
    expect(list?.schema?.type).toBe(Type.ARRAY);
    expect(list?.value).toEqual([1, 2, 3]);
    expect(timestamp?.schema?.name).toBe('org.apache.kafka.connect.data.Timestamp');
    expect((timestamp!.value as Date).toISOString()).toBe('2019-08-23T14:34:54.346Z');
  });

  it('rejects a null header name', () => {
    // Act
    const act = () => xform.configure({ header: null, 'value.literal': '1' });
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('Invalid value null for configuration header: entry must be non null');
  });

  it('rejects a null literal', () => {
    // Assess
    expect(() => xform.configure({ header: 'inserted', 'value.literal': null })).toThrow(ConfigError);
  });
});
