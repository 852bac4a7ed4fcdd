import { describe, expect, it } from 'vitest';
import { DataError, SchemaBuilder, Schemas, SinkRecord, SourceRecord, Struct } from '../../../../shared/api';
import {
  requireMap,
  requireMapOrNull,
  requireSchema,
  requireSinkRecord,
  requireStruct,
  requireStructOrNull,
} from '../../../../shared/transforms/util/requirements';

describe('Requirements', () => {
  it("names Java classes in Kafka's texts", () => {
    // Assess
    expect(() => requireMap('x', 'p')).toThrow(
      new DataError('Only Map objects supported in absence of schema for [p], found: java.lang.String'),
    );
    expect(() => requireStruct(new Map(), 'p')).toThrow(
      new DataError('Only Struct objects supported for [p], found: java.util.HashMap'),
    );
    expect(() => requireStruct(1, 'p', Schemas.INT16)).toThrow('found: java.lang.Short');
    expect(() => requireStruct(1.5, 'p', Schemas.FLOAT32)).toThrow('found: java.lang.Float');
    expect(() => requireStruct(Uint8Array.of(1), 'p')).toThrow('found: [B');
    expect(() => requireMap(null, 'p')).toThrow('found: null');
    expect(() => requireSchema(null, 'p')).toThrow(new DataError('Schema required for [p]'));
  });

  it('passes the right kinds, and null for the OrNull forms', () => {
    // Prepare
    const schema = SchemaBuilder.struct().build();
    const struct = new Struct(schema);
    const map = new Map();
    // Assess
    expect(requireStruct(struct, 'p')).toBe(struct);
    expect(requireMap(map, 'p')).toBe(map);
    expect(requireStructOrNull(null, 'p')).toBeNull();
    expect(requireMapOrNull(undefined, 'p')).toBeNull();
  });

  it('accepts sink records only, where the offset is needed', () => {
    // Prepare
    const sink = new SinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 1 });
    // Assess
    expect(requireSinkRecord(sink, 'p')).toBe(sink);
    expect(() => requireSinkRecord(new SourceRecord({ topic: 't' }), 'p')).toThrow(
      'Only SinkRecord supported for [p], found: org.apache.kafka.connect.source.SourceRecord',
    );
  });
});
