import { describe, expect, it } from 'vitest';
import { Decimal, SchemaBuilder, Schemas } from '../../../../shared/api';
import { extractFieldsMetadata, PrimaryKeyMode } from '../../../../shared/connectors/jdbc';

const VALUE = SchemaBuilder.struct()
  .field('id', Schemas.INT32)
  .field('name', Schemas.OPTIONAL_STRING)
  .field('price', Decimal.schema(2))
  .build();
const KEY = SchemaBuilder.struct().field('k1', Schemas.STRING).field('k2', Schemas.INT64).build();

function extract(pkMode: PrimaryKeyMode, pkFields: string[] = [], whitelist: string[] = [], key = KEY, value = VALUE) {
  const meta = extractFieldsMetadata('t', pkMode, pkFields, new Set(whitelist), key, value);
  return { keys: meta.keyFieldNames, nonKeys: meta.nonKeyFieldNames, all: [...meta.allFields.keys()] };
}

describe('extractFieldsMetadata', () => {
  it('uses no key with pk.mode=none, and every value field as a column', () => {
    expect(extract(PrimaryKeyMode.NONE)).toEqual({
      keys: [],
      nonKeys: ['id', 'name', 'price'],
      all: ['id', 'name', 'price'],
    });
  });

  it('uses the Kafka coordinates under their default names with pk.mode=kafka, first among the columns', () => {
    expect(extract(PrimaryKeyMode.KAFKA)).toEqual({
      keys: ['__connect_topic', '__connect_partition', '__connect_offset'],
      nonKeys: ['id', 'name', 'price'],
      all: ['__connect_topic', '__connect_partition', '__connect_offset', 'id', 'name', 'price'],
    });
    expect(extract(PrimaryKeyMode.KAFKA, ['t', 'p', 'o']).keys).toEqual(['t', 'p', 'o']);
    expect(() => extract(PrimaryKeyMode.KAFKA, ['t'])).toThrow(/either be no field names defined .* or exactly 3/);
  });

  it('uses all or the named fields of a struct key with pk.mode=record_key, after the value columns', () => {
    expect(extract(PrimaryKeyMode.RECORD_KEY)).toEqual({
      keys: ['k1', 'k2'],
      nonKeys: ['id', 'name', 'price'],
      all: ['id', 'name', 'price', 'k1', 'k2'],
    });
    expect(extract(PrimaryKeyMode.RECORD_KEY, ['k2']).keys).toEqual(['k2']);
    expect(() => extract(PrimaryKeyMode.RECORD_KEY, ['nope'])).toThrow(
      'but record key schema does not contain field: nope',
    );
  });

  it('needs exactly one pk.fields name for a primitive key', () => {
    expect(extract(PrimaryKeyMode.RECORD_KEY, ['id_col'], [], Schemas.INT64).keys).toEqual(['id_col']);
    expect(() => extract(PrimaryKeyMode.RECORD_KEY, [], [], Schemas.INT64)).toThrow(/Need exactly one PK column/);
  });

  it('uses value fields as the key with pk.mode=record_value, and fields.whitelist only for the others', () => {
    expect(extract(PrimaryKeyMode.RECORD_VALUE, ['id'], ['price'])).toEqual({
      keys: ['id'],
      nonKeys: ['price'],
      all: ['id', 'price'],
    });
  });

  it('refuses a value that is not a struct', () => {
    expect(() => extractFieldsMetadata('t', PrimaryKeyMode.NONE, [], new Set(), null, Schemas.STRING)).toThrow(
      'Value schema must be of type Struct',
    );
  });
});
