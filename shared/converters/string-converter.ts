import {
  type ConfigDef,
  ConfigType,
  type Converter,
  ConverterType,
  type HeaderConverter,
  Importance,
  javaToString,
  type Schema,
  SchemaAndValue,
  Schemas,
  Width,
} from '../api';
import { type Charset, charsetForName, UTF_8 } from './charsets';
import { ConverterConfig, newConverterConfigDef, withConverterType } from './converter-config';
import { KAFKA_VERSION } from './version';

export const ENCODING_CONFIG = 'converter.encoding';
export const ENCODING_DEFAULT = 'UTF-8';

/** Kafka's StringConverterConfig keys. */
const CONFIG_DEF: ConfigDef = newConverterConfigDef().define({
  name: ENCODING_CONFIG,
  type: ConfigType.STRING,
  defaultValue: ENCODING_DEFAULT,
  importance: Importance.HIGH,
  documentation: 'The name of the Java character set to use for encoding strings as byte arrays.',
  group: null,
  orderInGroup: -1,
  width: Width.MEDIUM,
  displayName: 'Encoding',
});

/** A parsed StringConverter config (Kafka's StringConverterConfig). */
export class StringConverterConfig extends ConverterConfig {
  constructor(props: Readonly<Record<string, unknown>>) {
    super(CONFIG_DEF, props);
  }

  static configDef(): ConfigDef {
    return CONFIG_DEF;
  }

  encoding(): string {
    return this.getString(ENCODING_CONFIG) ?? ENCODING_DEFAULT;
  }
}

/**
 * Kafka's StringConverter: any value as its Java `toString()` text in `converter.encoding`
 * (UTF-8 by default), and bytes back as an OPTIONAL_STRING; the schema is not used. Also a
 * HeaderConverter.
 */
export class StringConverter implements Converter, HeaderConverter {
  static readonly className = 'org.apache.kafka.connect.storage.StringConverter';
  private charset: Charset = UTF_8;

  version(): string {
    return KAFKA_VERSION;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  /**
   * Reads `converter.encoding`; as Kafka's StringSerializer/Deserializer do, `key.`/`value.`
   * `serializer.encoding` / `deserializer.encoding` would win, but Kafka sets those from
   * converter.encoding, so it is the one that counts.
   * @throws ConfigError for invalid keys or an unsupported encoding
   */
  configure(configs: Readonly<Record<string, unknown>>, isKey?: boolean): void {
    const config = new StringConverterConfig(withConverterType(configs, isKey));
    const role = config.type() === ConverterType.KEY ? 'key' : 'value';
    const override = configs[`${role}.serializer.encoding`];
    this.charset = charsetForName(typeof override === 'string' ? override : config.encoding());
  }

  /** The value's Java text in the configured encoding; null gives null. */
  fromConnectData(_topic: string, schema: Schema | null, value: unknown): Uint8Array | null {
    if (value === null || value === undefined) return null;
    return this.charset.encode(typeof value === 'string' ? value : javaToString(value, schema));
  }

  /** The bytes as an OPTIONAL_STRING; null bytes give a null value (with the schema, as in Kafka). */
  toConnectData(_topic: string, value: Uint8Array | null): SchemaAndValue {
    return new SchemaAndValue(
      Schemas.OPTIONAL_STRING,
      value === null || value === undefined ? null : this.charset.decode(value),
    );
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, value);
  }
}
