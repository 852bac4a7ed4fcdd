import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConnectDate,
  type ConnectRecord,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  MILLIS_PER_DAY,
  type Schema,
  SchemaBuilder,
  SinkRecord,
  Struct,
  type Transformation,
  validateValue,
} from '../../../shared/api';
import {
  CastValue,
  ExtractFieldValue,
  FlattenValue,
  HeaderFromValue,
  HoistFieldKey,
  InsertFieldValue,
  MaskFieldValue,
  ReplaceFieldValue,
  SetSchemaMetadataValue,
  TimestampConverterValue,
  ValueToKey,
} from '../../../shared/transforms';

/**
 * Property: whatever Struct goes in, a schema'd transform's output value validates against its
 * output schema (and a key transform's key against the key schema), for every configuration drawn.
 */

type Kind =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float32'
  | 'float64'
  | 'boolean'
  | 'string'
  | 'bytes'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'decimal'
  | 'array'
  | 'map'
  | 'struct';

const KINDS: Kind[] = [
  'int8',
  'int16',
  'int32',
  'int64',
  'float32',
  'float64',
  'boolean',
  'string',
  'bytes',
  'date',
  'time',
  'timestamp',
  'decimal',
  'array',
  'map',
  'struct',
];

function baseBuilder(kind: Kind): SchemaBuilder {
  switch (kind) {
    case 'int8':
      return SchemaBuilder.int8();
    case 'int16':
      return SchemaBuilder.int16();
    case 'int32':
      return SchemaBuilder.int32();
    case 'int64':
      return SchemaBuilder.int64();
    case 'float32':
      return SchemaBuilder.float32();
    case 'float64':
      return SchemaBuilder.float64();
    case 'boolean':
      return SchemaBuilder.bool();
    case 'string':
      return SchemaBuilder.string();
    case 'bytes':
      return SchemaBuilder.bytes();
    case 'date':
      return ConnectDate.builder();
    case 'time':
      return ConnectTime.builder();
    case 'timestamp':
      return ConnectTimestamp.builder();
    case 'decimal':
      return Decimal.builder(2);
    case 'array':
      return SchemaBuilder.array(SchemaBuilder.int32().build());
    case 'map':
      return SchemaBuilder.map(SchemaBuilder.string().build(), SchemaBuilder.string().optional().build());
    case 'struct':
      return SchemaBuilder.struct()
        .field('x', SchemaBuilder.int32().build())
        .field('y', SchemaBuilder.string().optional().build());
  }
}

function valueArb(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'int8':
      return fc.integer({ min: -128, max: 127 });
    case 'int16':
      return fc.integer({ min: -32768, max: 32767 });
    case 'int32':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'int64':
      return fc.oneof(fc.maxSafeInteger(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
    case 'float32':
      return fc.float();
    case 'float64':
      return fc.double();
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.string();
    case 'bytes':
      return fc.uint8Array({ maxLength: 8 });
    case 'date':
      return fc.integer({ min: -100_000, max: 100_000 }).map((d) => new Date(d * MILLIS_PER_DAY));
    case 'time':
      return fc.integer({ min: 0, max: MILLIS_PER_DAY - 1 }).map((t) => new Date(t));
    case 'timestamp':
      return fc.integer({ min: -8.64e15, max: 8.64e15 }).map((t) => new Date(t));
    case 'decimal':
      return fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((u) => new BigDecimal(u, 2));
    case 'array':
      return fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 3 });
    case 'map':
      return fc
        .array(fc.tuple(fc.string(), fc.option(fc.string(), { nil: null })), { maxLength: 3 })
        .map((entries) => new Map(entries));
    case 'struct':
      // Bound to the field's own schema (optionality included) when the input is built.
      return fc.tuple(fc.integer({ min: -10, max: 10 }), fc.option(fc.string(), { nil: null }));
  }
}

/** A drawn value as the field holds it: nested structs are bound to the field's schema. */
function bind(kind: Kind, raw: unknown, schema: Schema): unknown {
  if (kind !== 'struct' || raw === null) return raw;
  const [x, y] = raw as [number, string | null];
  return new Struct(schema).put('x', x).put('y', y);
}

interface FieldSpec {
  name: string;
  kind: Kind;
  optional: boolean;
  /** The value, or null for an unset optional field. */
  value: unknown;
  /** A default for the field (optional fields only), or null. */
  defaultValue: unknown;
}

const fieldArb = (name: string, kinds: readonly Kind[]): fc.Arbitrary<FieldSpec> =>
  fc.constantFrom(...kinds).chain((kind) =>
    fc
      .record({
        name: fc.constant(name),
        kind: fc.constant(kind),
        optional: fc.boolean(),
        value: valueArb(kind),
        defaultValue: fc.option(valueArb(kind), { nil: null, freq: 3 }),
        unset: fc.boolean(),
      })
      .map(({ unset, ...spec }) => ({
        ...spec,
        value: spec.optional && unset ? null : spec.value,
        defaultValue: spec.optional && kind !== 'struct' ? spec.defaultValue : null,
      })),
  );

interface Input {
  fields: FieldSpec[];
  schema: Schema;
  value: Struct;
}

/** A Struct schema of 1-6 fields of the given kinds (names f0, f1 ...), and a value for it. */
const inputArb = (kinds: readonly Kind[] = KINDS): fc.Arbitrary<Input> =>
  fc
    .integer({ min: 1, max: 6 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fieldArb(`f${i}`, kinds))))
    .map((fields) => {
      const builder = SchemaBuilder.struct().name('test.Value').version(2);
      for (const f of fields) {
        const fieldBuilder = baseBuilder(f.kind);
        if (f.optional) fieldBuilder.optional();
        if (f.defaultValue !== null) fieldBuilder.defaultValue(f.defaultValue);
        builder.field(f.name, fieldBuilder.build());
      }
      const schema = builder.build();
      const value = new Struct(schema);
      for (const f of fields) {
        const field = schema.field(f.name);
        if (field) value.put(field, bind(f.kind, f.value, field.schema));
      }
      return { fields, schema, value };
    });

function record(input: Input): SinkRecord {
  return new SinkRecord({
    topic: 'topic',
    kafkaPartition: 3,
    kafkaOffset: 42,
    timestamp: 1_700_000_000_000,
    valueSchema: input.schema,
    value: input.value,
  });
}

function expectValidValue<R extends ConnectRecord<R>>(out: R | null): R {
  expect(out).not.toBeNull();
  const result = out as R;
  expect(() => validateValue(result.valueSchema as Schema, result.value)).not.toThrow();
  return result;
}

const subsetOf = (fields: FieldSpec[]) => fc.subarray(fields.map((f) => f.name));
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) };

describe("schema'd transforms give values that validate against their output schema", () => {
  it('InsertField$Value', () => {
    fc.assert(
      fc.property(inputArb(), fc.boolean(), fc.boolean(), (input, required, replaceNullWithDefault) => {
        const xform = new InsertFieldValue<SinkRecord>();
        const mark = required ? '!' : '?';
        xform.configure({
          'topic.field': `t${mark}`,
          'partition.field': `p${mark}`,
          'offset.field': `o${mark}`,
          'timestamp.field': `ts${mark}`,
          'static.field': `s${mark}`,
          'static.value': 'v',
          'replace.null.with.default': replaceNullWithDefault,
        });
        expectValidValue(xform.apply(record(input)));
      }),
      RUNS,
    );
  });

  it('ReplaceField$Value', () => {
    fc.assert(
      fc.property(
        inputArb().chain((input) => fc.tuple(fc.constant(input), subsetOf(input.fields), subsetOf(input.fields))),
        fc.boolean(),
        ([input, excluded, renamed], replaceNullWithDefault) => {
          const xform = new ReplaceFieldValue<SinkRecord>();
          xform.configure({
            exclude: excluded,
            renames: renamed.map((name) => `${name}:r_${name}`),
            'replace.null.with.default': replaceNullWithDefault,
          });
          expectValidValue(xform.apply(record(input)));
        },
      ),
      RUNS,
    );
  });

  it('MaskField$Value, with and without replacement', () => {
    const maskable: Kind[] = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'string'];
    fc.assert(
      fc.property(
        inputArb(maskable).chain((input) => fc.tuple(fc.constant(input), subsetOf(input.fields))),
        fc.constantFrom(null, '7'),
        ([input, masked], replacement) => {
          fc.pre(masked.length > 0);
          const xform = new MaskFieldValue<SinkRecord>();
          xform.configure({ fields: masked, replacement });
          expectValidValue(xform.apply(record(input)));
        },
      ),
      RUNS,
    );
  });

  it('MaskField$Value with null values for every maskable kind', () => {
    const maskable: Kind[] = KINDS.filter((k) => k !== 'bytes' && k !== 'struct');
    fc.assert(
      fc.property(inputArb(maskable), (input) => {
        const xform = new MaskFieldValue<SinkRecord>();
        xform.configure({ fields: input.fields.map((f) => f.name) });
        expectValidValue(xform.apply(record(input)));
      }),
      RUNS,
    );
  });

  it('ValueToKey (the key against the key schema)', () => {
    fc.assert(
      fc.property(
        inputArb().chain((input) => fc.tuple(fc.constant(input), subsetOf(input.fields))),
        ([input, fields]) => {
          fc.pre(fields.length > 0);
          const xform = new ValueToKey<SinkRecord>();
          xform.configure({ fields });
          const out = expectValidValue(xform.apply(record(input)));
          expect(() => validateValue(out.keySchema as Schema, out.key)).not.toThrow();
        },
      ),
      RUNS,
    );
  });

  it('ExtractField$Value', () => {
    fc.assert(
      fc.property(
        inputArb().chain((input) => fc.tuple(fc.constant(input), fc.constantFrom(...input.fields))),
        fc.boolean(),
        ([input, field], replaceNullWithDefault) => {
          const xform = new ExtractFieldValue<SinkRecord>();
          xform.configure({ field: field.name, 'replace.null.with.default': replaceNullWithDefault });
          const out = xform.apply(record(input)) as SinkRecord;
          // An unset optional field without default extracts to null, which its optional schema allows.
          expect(() => validateValue(out.valueSchema as Schema, out.value)).not.toThrow();
        },
      ),
      RUNS,
    );
  });

  it('HoistField$Key', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const xform = new HoistFieldKey<SinkRecord>();
        xform.configure({ field: 'wrapped' });
        const out = xform.apply(
          new SinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0, keySchema: input.schema, key: input.value }),
        ) as SinkRecord;
        expect(() => validateValue(out.keySchema as Schema, out.key)).not.toThrow();
      }),
      RUNS,
    );
  });

  it('Cast$Value', () => {
    const targets: Record<string, string[]> = {
      numeric: ['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'boolean', 'string'],
      text: ['string'],
    };
    const castable: Kind[] = [
      'int8',
      'int16',
      'int32',
      'int64',
      'float32',
      'float64',
      'boolean',
      'string',
      'bytes',
      'date',
      'time',
      'timestamp',
      'decimal',
    ];
    fc.assert(
      fc.property(
        inputArb(castable).chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.tuple(
              ...input.fields.map((f) =>
                fc.constantFrom(
                  ...((f.kind === 'string' || f.kind === 'bytes' ? targets.text : targets.numeric) as string[]),
                ),
              ),
            ),
          ),
        ),
        fc.boolean(),
        ([input, types], replaceNullWithDefault) => {
          const xform = new CastValue<SinkRecord>();
          xform.configure({
            spec: input.fields.map((f, i) => `${f.name}:${types[i]}`),
            'replace.null.with.default': replaceNullWithDefault,
          });
          expectValidValue(xform.apply(record(input)));
        },
      ),
      RUNS,
    );
  });

  it('TimestampConverter$Value on a Timestamp field', () => {
    fc.assert(
      fc.property(
        inputArb(['timestamp', 'int32', 'string']),
        fc.constantFrom('Timestamp', 'Date', 'Time', 'unix', 'string'),
        fc.constantFrom('milliseconds', 'seconds', 'microseconds', 'nanoseconds'),
        (input, target, precision) => {
          const timestampField = input.fields.find((f) => f.kind === 'timestamp');
          fc.pre(timestampField !== undefined);
          const xform = new TimestampConverterValue<SinkRecord>();
          xform.configure({
            field: timestampField?.name,
            'target.type': target,
            format: "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
            'unix.precision': precision,
          });
          expectValidValue(xform.apply(record(input)));
        },
      ),
      RUNS,
    );
  });

  it('Flatten$Value', () => {
    fc.assert(
      fc.property(inputArb(KINDS.filter((k) => k !== 'map')), (input) => {
        const outer = SchemaBuilder.struct()
          .field('inner', input.schema)
          .field('n', SchemaBuilder.int8().build())
          .build();
        const value = new Struct(outer).put('inner', input.value).put('n', 1);
        const xform = new FlattenValue<SinkRecord>();
        xform.configure({ delimiter: '_' });
        expectValidValue(
          xform.apply(new SinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0, valueSchema: outer, value })),
        );
      }),
      RUNS,
    );
  });

  it('SetSchemaMetadata$Value', () => {
    fc.assert(
      fc.property(inputArb(), fc.boolean(), (input, replaceNullWithDefault) => {
        const xform = new SetSchemaMetadataValue<SinkRecord>();
        xform.configure({
          'schema.name': 'renamed',
          'schema.version': 9,
          'replace.null.with.default': replaceNullWithDefault,
        });
        expectValidValue(xform.apply(record(input)));
      }),
      RUNS,
    );
  });

  it('HeaderFrom$Value (value, and each header against its schema)', () => {
    fc.assert(
      fc.property(
        inputArb().chain((input) => fc.tuple(fc.constant(input), subsetOf(input.fields))),
        fc.constantFrom('move', 'copy'),
        fc.boolean(),
        ([input, fields], operation, replaceNullWithDefault) => {
          fc.pre(fields.length > 0);
          const xform = new HeaderFromValue<SinkRecord>();
          xform.configure({
            fields,
            headers: fields.map((f) => `h_${f}`),
            operation,
            'replace.null.with.default': replaceNullWithDefault,
          });
          const out = expectValidValue(xform.apply(record(input)));
          for (const header of out.headers) {
            expect(() => validateValue(header.schema as Schema, header.value)).not.toThrow();
          }
        },
      ),
      RUNS,
    );
  });

  it('a chain of HoistField, InsertField and Cast', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const chain: Transformation<SinkRecord>[] = [
          new HoistFieldKey<SinkRecord>(),
          new InsertFieldValue<SinkRecord>(),
          new SetSchemaMetadataValue<SinkRecord>(),
        ];
        chain[0]?.configure({ field: 'k' });
        chain[1]?.configure({ 'timestamp.field': 'ts', 'topic.field': 'topic!' });
        chain[2]?.configure({ 'schema.name': 'out' });
        let current: SinkRecord | null = record(input);
        for (const xform of chain) current = current && xform.apply(current);
        expectValidValue(current);
      }),
      RUNS,
    );
  });
});
