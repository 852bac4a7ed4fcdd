import fc from 'fast-check';
import { type FieldSpec, inRange, type MessageSpec, parseVersions } from '../../../../local/broker/protocol';

/**
 * fast-check arbitraries for any Kafka message at any version, built from the same field tables the
 * codec reads: only the fields the version has, null only where the version allows it.
 */
export function messageArbitrary(spec: MessageSpec, version: number): fc.Arbitrary<Record<string, unknown>> {
  return structArbitrary(spec.fields, version);
}

function structArbitrary(fields: readonly FieldSpec[], version: number): fc.Arbitrary<Record<string, unknown>> {
  const present = fields.filter((f) => inRange(parseVersions(f.versions), version));
  return fc.record(Object.fromEntries(present.map((f) => [f.name, fieldArbitrary(f, version)])));
}

function fieldArbitrary(field: FieldSpec, version: number): fc.Arbitrary<unknown> {
  const nullable = inRange(parseVersions(field.nullableVersions), version);
  const isArray = field.type.startsWith('[]');
  const element = isArray ? field.type.slice(2) : field.type;
  const single = field.fields ? structArbitrary(field.fields, version) : scalarArbitrary(element);
  const value = isArray ? fc.array(single, { maxLength: 3 }) : single;
  return nullable ? fc.option(value, { nil: null }) : value;
}

const bytes = fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a));

function scalarArbitrary(type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'bool':
      return fc.boolean();
    case 'int8':
      return fc.integer({ min: -128, max: 127 });
    case 'int16':
      return fc.integer({ min: -32768, max: 32767 });
    case 'uint16':
      return fc.integer({ min: 0, max: 65535 });
    case 'int32':
      return fc.integer({ min: -2147483648, max: 2147483647 });
    case 'int64':
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case 'float64':
      return fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0));
    case 'string':
      return fc.string({ unit: 'grapheme', maxLength: 12 });
    case 'bytes':
    case 'records':
      return bytes;
    case 'uuid':
      return fc.uint8Array({ minLength: 16, maxLength: 16 }).map((a) => Buffer.from(a).toString('base64url'));
    default:
      throw new Error(`No arbitrary for ${type}`);
  }
}

/** Every message spec with each of its valid versions. */
export function everyMessageVersion(specs: readonly MessageSpec[]): Array<[string, MessageSpec, number]> {
  return specs.flatMap((spec) => {
    const { min, max } = parseVersions(spec.validVersions);
    return Array.from({ length: max - min + 1 }, (_, i): [string, MessageSpec, number] => [
      `${spec.name} v${min + i}`,
      spec,
      min + i,
    ]);
  });
}
