import { ConfigDef, type HeaderConverter, type Schema, SchemaAndValue, Schemas, Values } from '../api';
import { UTF_8 } from './charsets';
import { KAFKA_VERSION } from './version';

const CONFIG_DEF = new ConfigDef();

/**
 * Kafka's SimpleHeaderConverter, the worker's default header converter: values are written as
 * their Values.convertToString text in UTF-8 (no schema is written), and read back with
 * Values.parseString, which infers the type (boolean, integer, float, list, map, date ...).
 */
export class SimpleHeaderConverter implements HeaderConverter {
  static readonly className = 'org.apache.kafka.connect.storage.SimpleHeaderConverter';

  version(): string {
    return KAFKA_VERSION;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  /** Nothing to configure. */
  configure(_configs: Readonly<Record<string, unknown>>): void {}

  /**
   * The header's value with an inferred schema; null gives SchemaAndValue.NULL. Text that cannot
   * be parsed is kept as its BYTES, as Kafka does.
   */
  toConnectHeader(_topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    if (value === null || value === undefined) return SchemaAndValue.NULL;
    try {
      return Values.parseString(UTF_8.decode(value));
    } catch {
      // Kafka logs "Failed to deserialize value for header '<key>' on topic '<topic>', so using byte array".
      return new SchemaAndValue(Schemas.BYTES, value);
    }
  }

  /** The value's text in UTF-8; null gives null. @throws DataError for a value of no Connect type */
  fromConnectHeader(_topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    if (value === null || value === undefined) return null;
    return UTF_8.encode(Values.convertToString(schema, value) as string);
  }
}
