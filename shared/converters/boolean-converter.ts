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
import { ConverterConfig, newConverterConfigDef, withConverterType } from './converter-config';
import { KAFKA_VERSION } from './version';

const CONFIG_DEF = newConverterConfigDef();

/**
 * Kafka's BooleanConverter (3.7, KIP-959): one byte, 0x01 true and 0x00 false, read as
 * OPTIONAL_BOOLEAN. The schema, when given, must be BOOLEAN. Also a HeaderConverter.
 */
export class BooleanConverter implements Converter, HeaderConverter {
  static readonly className = 'org.apache.kafka.connect.converters.BooleanConverter';

  version(): string {
    return KAFKA_VERSION;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  /** Only checks the config (`converter.type`). @throws ConfigError */
  configure(configs: Readonly<Record<string, unknown>>, isKey?: boolean): void {
    new ConverterConfig(CONFIG_DEF, withConverterType(configs, isKey));
  }

  /** @throws DataError for a non-BOOLEAN schema or a value that is not a boolean */
  fromConnectData(_topic: string, schema: Schema | null, value: unknown): Uint8Array | null {
    if (schema !== null && schema.type !== Type.BOOLEAN) {
      throw new DataError(`Invalid schema type for BooleanConverter: ${schema.type}`);
    }
    if (value === null || value === undefined) return null;
    if (typeof value !== 'boolean') {
      throw new DataError(`BooleanConverter is not compatible with objects of type class ${javaClassName(value)}`);
    }
    return Uint8Array.of(value ? 1 : 0);
  }

  /** @throws DataError unless the bytes are exactly one 0x00 or 0x01 */
  toConnectData(_topic: string, value: Uint8Array | null): SchemaAndValue {
    if (value === null || value === undefined) return new SchemaAndValue(Schemas.OPTIONAL_BOOLEAN, null);
    if (value.length !== 1) {
      throw new DataError('Failed to deserialize boolean: ', {
        cause: new Error('Size of data received by BooleanDeserializer is not 1'),
      });
    }
    const byte = value[0] as number;
    if (byte > 1) {
      throw new DataError('Failed to deserialize boolean: ', {
        cause: new Error(`Unexpected byte received by BooleanDeserializer: ${(byte << 24) >> 24}`),
      });
    }
    return new SchemaAndValue(Schemas.OPTIONAL_BOOLEAN, byte === 1);
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, value);
  }
}
