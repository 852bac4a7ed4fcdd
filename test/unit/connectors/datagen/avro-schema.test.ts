import { describe, expect, it } from 'vitest';
import { AvroSchemaError, parseAvroSchema, parseAvroSchemaText } from '../../../../shared/connectors/datagen';

describe('parseAvroSchema', () => {
  it('resolves namespaces and named types used twice to the same schema', () => {
    // Act
    const schema = parseAvroSchema({
      type: 'record',
      name: 'order',
      namespace: 'shop',
      fields: [
        { name: 'billing', type: { type: 'record', name: 'address', fields: [{ name: 'city', type: 'string' }] } },
        { name: 'shipping', type: 'address' },
        { name: 'also', type: 'shop.address' },
        { name: 'other', type: { type: 'record', name: 'x.y.z', fields: [] } },
      ],
    });
    // Assess
    if (schema.type !== 'record') throw new Error('not a record');
    const [billing, shipping, also, other] = schema.fields.map((f) => f.schema);
    expect(schema.fullName).toBe('shop.order');
    expect(billing).toMatchObject({ type: 'record', fullName: 'shop.address' });
    expect(shipping).toBe(billing);
    expect(also).toBe(billing);
    expect(other).toMatchObject({ namespace: 'x.y', name: 'z', fullName: 'x.y.z' });
  });

  it('keeps arg.properties and logical types as properties, and ignores a logical type that does not apply', () => {
    // Act
    const date = parseAvroSchema({ type: 'int', logicalType: 'date', 'arg.properties': { range: { min: 1 } } });
    const misplaced = parseAvroSchema({ type: 'string', logicalType: 'date' });
    // Assess
    expect(date).toEqual({
      type: 'int',
      logicalType: 'date',
      props: { logicalType: 'date', 'arg.properties': { range: { min: 1 } } },
    });
    expect(misplaced).toMatchObject({ type: 'string', logicalType: null });
  });

  it('reads text with // and /* */ comments, but not inside strings', () => {
    // Act
    const schema = parseAvroSchemaText(`{
      // the record
      "type": "record", "name": "r", /* its fields: */ "fields": [
        {"name": "url", "type": {"type": "string", "arg.properties": {"options": ["http://a//b/*c*/"]}}}
      ]
    }`);
    // Assess
    expect(schema).toMatchObject({
      fields: [{ schema: { props: { 'arg.properties': { options: ['http://a//b/*c*/'] } } } }],
    });
  });

  it.each([
    [
      'an undefined name',
      { type: 'record', name: 'r', fields: [{ name: 'a', type: 'Address' }] },
      'Undefined name: "Address"',
    ],
    ['a record without fields', { type: 'record', name: 'r' }, /Record has no fields/],
    ['an illegal name', { type: 'record', name: '1r', fields: [] }, 'Illegal name: "1r"'],
    [
      'a duplicate field',
      {
        type: 'record',
        name: 'r',
        fields: [
          { name: 'a', type: 'int' },
          { name: 'a', type: 'int' },
        ],
      },
      'Duplicate field a in record r',
    ],
    ['a nested union', ['null', ['int']], 'Unions may not immediately contain other unions'],
    ['a duplicate in a union', ['int', 'int'], 'Duplicate in union: int'],
    [
      'a redefined name',
      { type: 'record', name: 'r', fields: [{ name: 'a', type: { type: 'enum', name: 'r', symbols: ['A'] } }] },
      "Can't redefine: r",
    ],
    [
      'an invalid default',
      { type: 'record', name: 'r', fields: [{ name: 'a', type: 'int', default: 'x' }] },
      'Invalid default for field a: "x" not a int',
    ],
    ['an enum symbol twice', { type: 'enum', name: 'e', symbols: ['A', 'A'] }, 'Duplicate enum symbol: A'],
    ['a number', 42, 'Not a schema: 42'],
  ])('refuses %s', (_, json, message) => {
    // Act
    const parse = () => parseAvroSchema(json);
    // Assess
    expect(parse).toThrow(AvroSchemaError);
    expect(parse).toThrow(message);
  });

  it('refuses text that is not JSON', () => {
    // Act / Assess
    expect(() => parseAvroSchemaText('a schema')).toThrow(/^Invalid JSON: /);
  });
});
