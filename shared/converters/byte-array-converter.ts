import {
  type ConfigDef,
  type Converter,
  DataError,
  type HeaderConverter,
  javaClassName,
  type Schema,
  SchemaAndValue,
  Schemas,
  Type,
} from '../api';
import { newConverterConfigDef } from './converter-config';
import { KAFKA_VERSION } from './version';

const CONFIG_DEF = newConverterConfigDef();

/**
 * Kafka's ByteArrayConverter: bytes pass through unchanged (no copy), as OPTIONAL_BYTES when read.
 * The schema, when given, must be BYTES. Also a HeaderConverter.
 */
export class ByteArrayConverter implements Converter, HeaderConverter {
  static readonly className = 'org.apache.kafka.connect.converters.ByteArrayConverter';

  version(): string {
    return KAFKA_VERSION;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  /** Nothing to configure (Kafka ignores the configs, converter.type included). */
  configure(_configs: Readonly<Record<string, unknown>>, _isKey?: boolean): void {}

  /** @throws DataError for a non-BYTES schema or a value that is not bytes */
  fromConnectData(_topic: string, schema: Schema | null, value: unknown): Uint8Array | null {
    if (schema !== null && schema.type !== Type.BYTES) {
      throw new DataError(`Invalid schema type for ByteArrayConverter: ${schema.type}`);
    }
    if (value === null || value === undefined) return null;
    if (!(value instanceof Uint8Array)) {
      throw new DataError(`ByteArrayConverter is not compatible with objects of type class ${javaClassName(value)}`);
    }
    return value;
  }

  toConnectData(_topic: string, value: Uint8Array | null): SchemaAndValue {
    return new SchemaAndValue(Schemas.OPTIONAL_BYTES, value ?? null);
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, value);
  }
}
