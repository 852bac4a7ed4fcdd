import { describe, expect, it } from 'vitest';
import { Schemas, Struct, Type, validateValue } from '../../../../shared/api';
import {
  AVRO_TYPE_ENUM,
  AVRO_TYPE_UNION,
  AvroRandomGenerator,
  AvroSchemaError,
  parseAvroSchema,
  SeededRandom,
} from '../../../../shared/connectors/datagen';
import { plain } from './support';

/** A generator of a one-field record whose field has the given type. */
function fieldGenerator(type: unknown, generation = 0): AvroRandomGenerator {
  return new AvroRandomGenerator(
    parseAvroSchema({ type: 'record', name: 'r', fields: [{ name: 'f', type }] }),
    generation,
  );
}

/** `count` values of the field, each drawn from its own record stream, validated against the schema. */
function draws(generator: AvroRandomGenerator, count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => {
    const value = generator.generate(SeededRandom.forStream(11, i)) as Struct;
    validateValue(generator.schema, value);
    return plain(value.get('f'));
  });
}

const withArgs = (type: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type,
  ...extra,
  'arg.properties': args,
});

describe('AvroRandomGenerator', () => {
  describe('options', () => {
    it('picks every option of a primitive, and only those', () => {
      // Act
      const values = draws(fieldGenerator(withArgs('string', { options: ['a', 'b', 'c'] })), 300);
      // Assess
      expect(new Set(values)).toEqual(new Set(['a', 'b', 'c']));
    });

    it('builds records, arrays and maps from JSON options, with field defaults for missing fields', () => {
      // Prepare
      const record = withArgs(
        'record',
        { options: [{ x: 1 }, { x: 2, y: 'two' }] },
        {
          name: 'pair',
          fields: [
            { name: 'x', type: 'int' },
            { name: 'y', type: 'string', default: 'none' },
          ],
        },
      );
      // Act
      const records = new Set(draws(fieldGenerator(record), 100).map((v) => JSON.stringify(v)));
      const arrays = draws(fieldGenerator(withArgs('array', { options: [['p', 'q']] }, { items: 'string' })), 3);
      const maps = draws(fieldGenerator(withArgs('map', { options: [{ k: 1 }] }, { values: 'long' })), 1);
      // Assess
      expect(records).toEqual(new Set(['{"x":1,"y":"none"}', '{"x":2,"y":"two"}']));
      expect(arrays).toEqual([
        ['p', 'q'],
        ['p', 'q'],
        ['p', 'q'],
      ]);
      expect(maps).toEqual([{ k: 1 }]);
    });

    it('refuses options that do not fit the type, an empty list, and options beside range', () => {
      // Act / Assess
      expect(() => fieldGenerator(withArgs('int', { options: ['x'] }))).toThrow(
        'Invalid option for int schema: value \'"x"\'',
      );
      expect(() => fieldGenerator(withArgs('int', { options: [] }))).toThrow('options property cannot be empty');
      expect(() => fieldGenerator(withArgs('int', { options: [1], range: { min: 0 } }))).toThrow(
        'Cannot specify range prop when options prop is given',
      );
      expect(() => fieldGenerator(withArgs('int', { options: { file: 'x.json', encoding: 'json' } }))).toThrow(
        /options property given as a file is not supported/,
      );
    });
  });

  describe('range', () => {
    it('draws ints and longs from min (inclusive) to max (exclusive), as the generator does', () => {
      // Act
      const ints = draws(fieldGenerator(withArgs('int', { range: { min: 1, max: 5 } })), 400);
      const longs = draws(fieldGenerator(withArgs('long', { range: { min: 1487715775521, max: 1487715775524 } })), 100);
      // Assess
      expect(new Set(ints)).toEqual(new Set([1, 2, 3, 4]));
      expect(new Set(longs)).toEqual(new Set([1487715775521, 1487715775522, 1487715775523]));
    });

    it('draws doubles and floats within the range', () => {
      // Act
      const doubles = draws(fieldGenerator(withArgs('double', { range: { min: 0.1, max: 10 } })), 300) as number[];
      const floats = draws(fieldGenerator(withArgs('float', { range: { max: 2 } })), 300) as number[];
      // Assess
      for (const d of doubles) expect(d >= 0.1 && d < 10).toBe(true);
      for (const f of floats) expect(f === Math.fround(f) && f <= 2).toBe(true);
      expect(Math.min(...doubles)).toBeLessThan(1);
    });

    it('refuses a range whose min is not below its max, or a fraction for an int', () => {
      // Act / Assess
      expect(() => fieldGenerator(withArgs('int', { range: { min: 3, max: 3 } }))).toThrow(
        "'min' field must be strictly less than 'max' field in range property",
      );
      expect(() => fieldGenerator(withArgs('long', { range: { min: 0.5 } }))).toThrow(
        "'min' field of range property must be an integral number, was number instead",
      );
    });
  });

  describe('iteration', () => {
    it('counts from start by step, wrapping at restart, starting at initial', () => {
      // Act
      const stepped = draws(fieldGenerator(withArgs('long', { iteration: { start: 1, step: 10 } })), 4);
      const wrapping = draws(fieldGenerator(withArgs('int', { iteration: { start: 0, restart: 3 } })), 7);
      const down = draws(fieldGenerator(withArgs('int', { iteration: { start: 10, restart: 4, step: -3 } })), 5);
      const initial = draws(fieldGenerator(withArgs('int', { iteration: { start: 0, restart: 5, initial: 3 } })), 4);
      const doubles = draws(fieldGenerator(withArgs('double', { iteration: { start: 0.5, step: 0.25 } })), 3);
      // Assess
      expect(stepped).toEqual([1, 11, 21, 31]);
      expect(wrapping).toEqual([0, 1, 2, 0, 1, 2, 0]);
      expect(down).toEqual([10, 7, 10, 7, 10]);
      expect(initial).toEqual([3, 4, 0, 1]);
      expect(doubles).toEqual([0.5, 0.75, 1]);
    });

    it('continues from a generation, as a resumed task does', () => {
      // Act
      const fresh = draws(fieldGenerator(withArgs('int', { iteration: { start: 0, restart: 4 } })), 7);
      const resumed = draws(fieldGenerator(withArgs('int', { iteration: { start: 0, restart: 4 } }), 5), 2);
      const booleans = draws(fieldGenerator(withArgs('boolean', { iteration: { start: true } }), 3), 3);
      // Assess
      expect(resumed).toEqual(fresh.slice(5));
      expect(booleans).toEqual([false, true, false]);
    });

    it('iterates strings as the int sequence in text, with prefix and suffix', () => {
      // Act
      const values = draws(
        fieldGenerator(withArgs('string', { iteration: { start: 7 }, prefix: 'id-', suffix: '!' })),
        3,
      );
      // Assess
      expect(values).toEqual(['id-7!', 'id-8!', 'id-9!']);
    });

    it('refuses an iteration without start, with a zero step, with a step against restart, or on a record', () => {
      // Act / Assess
      expect(() => fieldGenerator(withArgs('int', { iteration: { step: 1 } }))).toThrow(
        'iteration property must contain start field',
      );
      expect(() => fieldGenerator(withArgs('int', { iteration: { start: 0, step: 0 } }))).toThrow(
        'step field of iteration property cannot be zero',
      );
      expect(() => fieldGenerator(withArgs('int', { iteration: { start: 0, restart: 5, step: -1 } }))).toThrow(
        'step field of iteration property must be positive when restart field is greater than start field',
      );
      expect(() =>
        fieldGenerator(
          withArgs('record', { iteration: { start: 0 } }, { name: 'x', fields: [{ name: 'a', type: 'int' }] }),
        ),
      ).toThrow('iteration property can only be specified on numeric, boolean or string schemas, not x schema');
    });
  });

  describe('length, regex, prefix, suffix, keys and odds', () => {
    it('sizes strings, bytes, arrays and maps by length, 8 to 15 by default', () => {
      // Act
      const strings = draws(fieldGenerator('string'), 200) as string[];
      const exact = draws(fieldGenerator(withArgs('bytes', { length: 3 })), 20) as Uint8Array[];
      const arrays = draws(
        fieldGenerator(withArgs('array', { length: { min: 1, max: 3 } }, { items: 'int' })),
        100,
      ) as unknown[][];
      const maps = draws(
        fieldGenerator(withArgs('map', { length: 2, keys: { options: ['k1', 'k2', 'k3'] } }, { values: 'boolean' })),
        50,
      ) as Record<string, unknown>[];
      // Assess
      expect(new Set(strings.map((s) => s.length))).toEqual(new Set([8, 9, 10, 11, 12, 13, 14, 15]));
      for (const s of strings) expect(/^[\x00-\x7f]+$/.test(s)).toBe(true);
      expect(exact.every((b) => b.length === 3)).toBe(true);
      expect(new Set(arrays.map((a) => a.length))).toEqual(new Set([1, 2]));
      for (const map of maps) {
        expect(Object.keys(map).length).toBeGreaterThanOrEqual(1);
        for (const key of Object.keys(map)) expect(['k1', 'k2', 'k3']).toContain(key);
      }
    });

    it('generates strings and map keys from a regex, with prefix and suffix', () => {
      // Act
      const strings = draws(fieldGenerator(withArgs('string', { regex: '[0-9]{3}', prefix: '<', suffix: '>' })), 50);
      const maps = draws(
        fieldGenerator(withArgs('map', { length: 1, keys: { regex: 'key_[a-c]' } }, { values: 'int' })),
        30,
      ) as Record<string, unknown>[];
      // Assess
      for (const s of strings) expect(s).toMatch(/^<[0-9]{3}>$/);
      for (const map of maps) expect(Object.keys(map)).toEqual([expect.stringMatching(/^key_[a-c]$/)]);
    });

    it('gives true with the odds given', () => {
      // Act
      const never = draws(fieldGenerator(withArgs('boolean', { odds: 0 })), 100);
      const always = draws(fieldGenerator(withArgs('boolean', { odds: 1 })), 100);
      // Assess
      expect(new Set(never)).toEqual(new Set([false]));
      expect(new Set(always)).toEqual(new Set([true]));
      expect(() => fieldGenerator(withArgs('boolean', { odds: 2 }))).toThrow(
        'odds property must be in the range [0.0, 1.0]',
      );
    });

    it('refuses a negative length, and arg.properties that is not an object', () => {
      // Act / Assess
      expect(() => fieldGenerator(withArgs('string', { length: -1 }))).toThrow(AvroSchemaError);
      expect(() => fieldGenerator({ type: 'string', 'arg.properties': 'x' })).toThrow(
        'arg.properties property must be given as object, was string instead',
      );
    });
  });

  describe('Connect schemas and values', () => {
    it("converts records as Confluent's AvroData: full names, docs as parameters, nested records", () => {
      // Prepare
      const avro = parseAvroSchema({
        type: 'record',
        namespace: 'ns',
        name: 'outer',
        doc: 'the outer record',
        fields: [
          { name: 'a', type: 'int', doc: 'an int' },
          { name: 'b', type: { type: 'record', name: 'inner', fields: [{ name: 'c', type: 'string' }] } },
          { name: 'd', type: 'double', default: 1.5 },
        ],
      });
      // Act
      const generator = new AvroRandomGenerator(avro);
      // Assess
      const schema = generator.schema;
      expect(schema.name).toBe('ns.outer');
      expect(schema.parameters).toEqual({
        'io.confluent.connect.avro.record.doc': 'the outer record',
        'io.confluent.connect.avro.field.doc.a': 'an int',
      });
      expect(schema.field('b')?.schema.name).toBe('ns.inner');
      expect(schema.field('d')?.schema.defaultValue).toBe(1.5);
      expect(schema.field('d')?.schema.parameters).toEqual({ 'io.confluent.connect.avro.field.default': 'true' });
      validateValue(schema, generator.generate(SeededRandom.forStream(1, 1)));
    });

    it('makes a union with null an optional field, and any other union an io.confluent.connect.avro.Union Struct', () => {
      // Act
      const nullable = fieldGenerator(['null', 'long']);
      const union = fieldGenerator(['null', 'string', 'int', { type: 'enum', name: 'e', symbols: ['X', 'Y'] }]);
      const nullableValues = draws(nullable, 100);
      const unionValues = draws(union, 200);
      // Assess
      expect(nullable.schema.field('f')?.schema).toEqual(Schemas.OPTIONAL_INT64);
      const unionSchema = union.schema.field('f')?.schema;
      expect([unionSchema?.type, unionSchema?.name, unionSchema?.optional]).toEqual([
        Type.STRUCT,
        AVRO_TYPE_UNION,
        true,
      ]);
      expect(unionSchema?.fields().map((f) => [f.name, f.schema.optional])).toEqual([
        ['string', true],
        ['int', true],
        ['e', true],
      ]);
      expect(nullableValues).toContain(null);
      expect(nullableValues.some((v) => typeof v === 'bigint' || typeof v === 'number')).toBe(true);
      const branches = new Set(
        unionValues.map((v) => (v === null ? 'null' : Object.entries(v as object).find(([, x]) => x !== null)?.[0])),
      );
      expect(branches).toEqual(new Set(['null', 'string', 'int', 'e']));
    });

    it("makes an enum a string with AvroData's enum parameters", () => {
      // Act
      const generator = fieldGenerator({
        type: 'enum',
        name: 'suit',
        namespace: 'cards',
        symbols: ['HEARTS', 'SPADES'],
      });
      const values = draws(generator, 50);
      // Assess
      const schema = generator.schema.field('f')?.schema;
      expect([schema?.type, schema?.name]).toEqual([Type.STRING, 'cards.suit']);
      expect(schema?.parameters).toEqual({
        [AVRO_TYPE_ENUM]: 'cards.suit',
        [`${AVRO_TYPE_ENUM}.HEARTS`]: 'HEARTS',
        [`${AVRO_TYPE_ENUM}.SPADES`]: 'SPADES',
      });
      expect(new Set(values)).toEqual(new Set(['HEARTS', 'SPADES']));
    });

    it('makes date, time-millis and timestamp-millis the Connect logical types, with Dates as values', () => {
      // Act
      const date = fieldGenerator(withArgs('int', { range: { min: 18000, max: 18001 } }, { logicalType: 'date' }));
      const time = fieldGenerator(withArgs('int', { options: [1000] }, { logicalType: 'time-millis' }));
      const timestamp = fieldGenerator(
        withArgs('long', { iteration: { start: 1609459200000, step: 1000 } }, { logicalType: 'timestamp-millis' }),
      );
      // Assess
      expect(date.schema.field('f')?.schema.name).toBe('org.apache.kafka.connect.data.Date');
      expect(time.schema.field('f')?.schema.name).toBe('org.apache.kafka.connect.data.Time');
      expect(timestamp.schema.field('f')?.schema.name).toBe('org.apache.kafka.connect.data.Timestamp');
      expect(draws(date, 1)).toEqual([new Date(18000 * 86_400_000)]);
      expect(draws(time, 1)).toEqual([new Date(1000)]);
      expect(draws(timestamp, 2)).toEqual([new Date(1609459200000), new Date(1609459201000)]);
    });

    it('refuses the decimal logical type, a standalone null and a recursive record', () => {
      // Act / Assess
      expect(() => fieldGenerator({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 })).toThrow(
        'The decimal logical type is not supported by this Datagen',
      );
      expect(() => fieldGenerator('null')).toThrow('Standalone null schemas are not supported by this converter');
      expect(
        () =>
          new AvroRandomGenerator(
            parseAvroSchema({ type: 'record', name: 'node', fields: [{ name: 'next', type: ['null', 'node'] }] }),
          ),
      ).toThrow('Recursive schemas are not supported: node');
    });

    it('draws the same value from the same stream', () => {
      // Prepare
      const generator = fieldGenerator(withArgs('string', { regex: '[a-z]{10}' }));
      // Act
      const first = generator.generate(SeededRandom.forStream(123, 456));
      const second = generator.generate(SeededRandom.forStream(123, 456));
      // Assess
      expect(second).toEqual(first);
      expect(first).toBeInstanceOf(Struct);
    });
  });
});
