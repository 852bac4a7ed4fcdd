import { describe, expect, it } from 'vitest';
import { Schemas, SourceRecord } from '../../../shared/api';
import { JsonConverter } from '../../../shared/converters';
import { HoistFieldValue, InsertFieldValue } from '../../../shared/transforms';

/**
 * The FileStream source emits each line as a STRING value; the usual connector config hoists it
 * into a struct and stamps it, then JsonConverter writes it. The bytes must be Kafka's.
 */
describe('HoistField$Value then InsertField$Value on a FileStream line, written by JsonConverter', () => {
  it("serialises to exactly Kafka's schema and payload", () => {
    // Prepare
    const hoist = new HoistFieldValue<SourceRecord>();
    hoist.configure({ field: 'content' });
    const insert = new InsertFieldValue<SourceRecord>();
    insert.configure({ 'timestamp.field': 'ts' });
    const converter = new JsonConverter();
    converter.configure({ 'schemas.enable': 'true' }, false);
    const line = new SourceRecord({
      sourcePartition: { filename: '/tmp/test.txt' },
      sourceOffset: { position: 6 },
      topic: 'connect-test',
      valueSchema: Schemas.STRING,
      value: 'hello',
      timestamp: 1_700_000_000_000,
    });
    // Act
    const hoisted = hoist.apply(line) as SourceRecord;
    const stamped = insert.apply(hoisted) as SourceRecord;
    const bytes = converter.fromConnectData(stamped.topic, stamped.valueSchema, stamped.value);
    // Assess
    expect(new TextDecoder().decode(bytes ?? new Uint8Array())).toBe(
      '{"schema":{"type":"struct","fields":[' +
        '{"type":"string","optional":false,"field":"content"},' +
        '{"type":"int64","optional":true,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"}' +
        '],"optional":false},' +
        '"payload":{"content":"hello","ts":1700000000000}}',
    );
  });

  it('writes a null timestamp field for a record without a timestamp', () => {
    // Prepare
    const hoist = new HoistFieldValue<SourceRecord>();
    hoist.configure({ field: 'content' });
    const insert = new InsertFieldValue<SourceRecord>();
    insert.configure({ 'timestamp.field': 'ts' });
    const converter = new JsonConverter();
    converter.configure({ 'schemas.enable': 'false' }, false);
    const line = new SourceRecord({ topic: 'connect-test', valueSchema: Schemas.STRING, value: 'hello' });
    // Act
    const stamped = insert.apply(hoist.apply(line) as SourceRecord) as SourceRecord;
    const bytes = converter.fromConnectData(stamped.topic, stamped.valueSchema, stamped.value);
    // Assess
    expect(new TextDecoder().decode(bytes ?? new Uint8Array())).toBe('{"content":"hello","ts":null}');
  });
});
