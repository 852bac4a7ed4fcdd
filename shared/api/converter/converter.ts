import type { ConfigDef } from '../config/config-def';
import type { Headers } from '../data/headers';
import type { Schema } from '../data/schema';
import type { SchemaAndValue } from '../data/schema-and-value';

/** Which part of a record a converter serves; set in its config as `converter.type` (Kafka's ConverterType). */
export const ConverterType = { KEY: 'key', VALUE: 'value', HEADER: 'header' } as const;
export type ConverterType = (typeof ConverterType)[keyof typeof ConverterType];

/**
 * Turns Connect data into Kafka bytes and back (Kafka's Converter). One instance serves one role
 * (key or value) of one connector; it may cache schemas across calls.
 */
export interface Converter {
  configure(configs: Readonly<Record<string, unknown>>, isKey: boolean): void;
  /** Serializes; null schema and null value give null (a tombstone). Throws DataError on a mismatch. */
  fromConnectData(topic: string, schema: Schema | null, value: unknown, headers?: Headers): Uint8Array | null;
  /** Deserializes; null bytes give SchemaAndValue.NULL. Throws DataError on malformed input. */
  toConnectData(topic: string, value: Uint8Array | null, headers?: Headers): SchemaAndValue;
  config(): ConfigDef;
  close?(): void;
}

/** Turns header values into bytes and back (Kafka's HeaderConverter). */
export interface HeaderConverter {
  configure(configs: Readonly<Record<string, unknown>>): void;
  toConnectHeader(topic: string, headerKey: string, value: Uint8Array | null): SchemaAndValue;
  fromConnectHeader(topic: string, headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null;
  config(): ConfigDef;
  close?(): void;
}
