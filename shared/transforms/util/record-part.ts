import type { ConnectRecord, Field, Header, Schema, Struct } from '../../api';

/**
 * Which half of a record a `$Key` or `$Value` transform works on. Kafka spells this as three
 * abstract methods (operatingSchema, operatingValue, newRecord) overridden by each transform's Key
 * and Value subclasses; here it is one object, so a transform is written once and its two variants
 * only pick a part.
 */
export interface RecordPart {
  readonly name: 'key' | 'value';
  schema<R extends ConnectRecord<R>>(record: R): Schema | null;
  value<R extends ConnectRecord<R>>(record: R): unknown;
  /** A copy of the record with this part replaced; headers are duplicated unless given (as Kafka's newRecord). */
  update<R extends ConnectRecord<R>>(record: R, schema: Schema | null, value: unknown, headers?: Iterable<Header>): R;
}

export const KEY: RecordPart = {
  name: 'key',
  schema: (record) => record.keySchema,
  value: (record) => record.key,
  update: (record, schema, value, headers) =>
    record.newRecord(
      record.topic,
      record.kafkaPartition,
      schema,
      value,
      record.valueSchema,
      record.value,
      record.timestamp,
      headers,
    ),
};

export const VALUE: RecordPart = {
  name: 'value',
  schema: (record) => record.valueSchema,
  value: (record) => record.value,
  update: (record, schema, value, headers) =>
    record.newRecord(
      record.topic,
      record.kafkaPartition,
      record.keySchema,
      record.key,
      schema,
      value,
      record.timestamp,
      headers,
    ),
};

/**
 * A Struct field's value as the KIP-1040 `replace.null.with.default` switch wants it: with the
 * field's default when the value is null (Kafka's Struct#get), or as set (Struct#getWithoutDefault).
 */
export function fieldValue(struct: Struct, field: Field | string, replaceNullWithDefault: boolean): unknown {
  return replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field);
}

/** The doc of `replace.null.with.default`, word for word as every Kafka transform declares it. */
export const REPLACE_NULL_WITH_DEFAULT_DOC =
  'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.';
