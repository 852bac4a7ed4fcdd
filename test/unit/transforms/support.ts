import { expect } from 'vitest';
import {
  type Header,
  type Schema,
  SinkRecord,
  type SinkRecordInit,
  SourceRecord,
  type SourceRecordInit,
  schemaEquals,
  valueEquals,
} from '../../../shared/api';

/** Shared test helpers for the transforms' unit tests (not a test file itself). */

export function sinkRecord(init: Partial<SinkRecordInit> = {}): SinkRecord {
  return new SinkRecord({ topic: 'test', kafkaPartition: 0, kafkaOffset: 0, ...init });
}

export function sourceRecord(init: Partial<SourceRecordInit> = {}): SourceRecord {
  return new SourceRecord({ topic: 'test', kafkaPartition: 0, ...init });
}

/** Asserts Connect value equality (Java's equals: Structs by schema and values, Maps by entries ...). */
export function expectValue(actual: unknown, expected: unknown): void {
  if (!valueEquals(actual, expected)) expect(actual).toEqual(expected);
}

/** Asserts Connect schema equality (Kafka's ConnectSchema#equals). */
export function expectSchema(actual: Schema | null | undefined, expected: Schema | null): void {
  if (actual === expected) return;
  if (!schemaEquals(actual, expected)) expect(describeSchema(actual)).toEqual(describeSchema(expected));
}

/** Asserts two header lists hold the same keys, schemas and values in order (ConnectHeaders#equals). */
export function expectHeaders(actual: Iterable<Header>, expected: Iterable<Header>): void {
  const a = [...actual];
  const e = [...expected];
  const same =
    a.length === e.length &&
    a.every(
      (h, i) =>
        h.key === e[i]?.key && schemaEquals(h.schema, e[i]?.schema ?? null) && valueEquals(h.value, e[i]?.value),
    );
  if (!same) expect(a.map(describeHeader)).toEqual(e.map(describeHeader));
}

function describeHeader(h: Header): string {
  return `${h.key}=${String(h.value)} (${describeSchema(h.schema)})`;
}

/** A readable form of a schema for failure messages. */
export function describeSchema(schema: Schema | null | undefined): string {
  if (!schema) return String(schema);
  const head = `${schema.type}${schema.optional ? '?' : ''}${schema.name ? ` ${schema.name}` : ''}${
    schema.version !== null ? ` v${schema.version}` : ''
  }${schema.defaultValue !== null ? ` default=${String(schema.defaultValue)}` : ''}`;
  if (schema.type === 'STRUCT') {
    return `${head}{${schema
      .fields()
      .map((f) => `${f.name}: ${describeSchema(f.schema)}`)
      .join(', ')}}`;
  }
  return head;
}
