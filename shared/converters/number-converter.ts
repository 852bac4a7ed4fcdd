import {
  type ConfigDef,
  type Converter,
  DataError,
  type HeaderConverter,
  javaClassName,
  type Schema,
  SchemaAndValue,
  Schemas,
} from '../api';
import { ConverterConfig, newConverterConfigDef, withConverterType } from './converter-config';
import { KAFKA_VERSION } from './version';

const CONFIG_DEF = newConverterConfigDef();

/** How one number type is written and read (Kafka's Integer/Long/Short/Float/DoubleSerializer and Deserializer). */
interface NumberCodec {
  /** The type name in messages ("integer", "long", ...). */
  readonly typeName: string;
  readonly schema: Schema;
  readonly size: number;
  /** The Deserializer name Kafka's size error names. */
  readonly deserializerName: string;
  /** Whether a value is of the Java type this converter takes. */
  accepts(value: unknown): boolean;
  write(view: DataView, value: number | bigint): void;
  read(view: DataView): number | bigint;
}

/**
 * Kafka's NumberConverter: one number type as its big-endian Kafka serializer bytes, read back with
 * an OPTIONAL schema of that type. The schema passed in is not used, as in Kafka. Also a
 * HeaderConverter.
 */
abstract class NumberConverter implements Converter, HeaderConverter {
  constructor(private readonly codec: NumberCodec) {}

  version(): string {
    return KAFKA_VERSION;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  /** Only checks the config (`converter.type`); number serializers take no settings. @throws ConfigError */
  configure(configs: Readonly<Record<string, unknown>>, isKey?: boolean): void {
    new ConverterConfig(CONFIG_DEF, withConverterType(configs, isKey));
  }

  /** @throws DataError when the value is not of this converter's number type */
  fromConnectData(_topic: string, _schema: Schema | null, value: unknown): Uint8Array | null {
    if (value === null || value === undefined) return null;
    const codec = this.codec;
    if (!codec.accepts(value)) {
      throw new DataError(`Failed to serialize to ${codec.typeName} (was class ${javaClassName(value)}): `);
    }
    const bytes = new Uint8Array(codec.size);
    codec.write(new DataView(bytes.buffer), value as number | bigint);
    return bytes;
  }

  /** @throws DataError when the bytes are not exactly the type's size */
  toConnectData(_topic: string, value: Uint8Array | null): SchemaAndValue {
    const codec = this.codec;
    if (value === null || value === undefined) return new SchemaAndValue(codec.schema, null);
    if (value.length !== codec.size) {
      throw new DataError(`Failed to deserialize ${codec.typeName}: `, {
        cause: new Error(`Size of data received by ${codec.deserializerName} is not ${codec.size}`),
      });
    }
    return new SchemaAndValue(codec.schema, codec.read(new DataView(value.buffer, value.byteOffset, value.length)));
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, value);
  }
}

const isIntIn = (min: number, max: number) => (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Kafka's IntegerConverter: 4 bytes, OPTIONAL_INT32. */
export class IntegerConverter extends NumberConverter {
  static readonly className = 'org.apache.kafka.connect.converters.IntegerConverter';

  constructor() {
    super({
      typeName: 'integer',
      schema: Schemas.OPTIONAL_INT32,
      size: 4,
      deserializerName: 'IntegerDeserializer',
      accepts: isIntIn(-2147483648, 2147483647),
      write: (view, v) => view.setInt32(0, v as number),
      read: (view) => view.getInt32(0),
    });
  }
}

/** Kafka's LongConverter: 8 bytes, OPTIONAL_INT64 (a number when safe, else a bigint). */
export class LongConverter extends NumberConverter {
  static readonly className = 'org.apache.kafka.connect.converters.LongConverter';

  constructor() {
    super({
      typeName: 'long',
      schema: Schemas.OPTIONAL_INT64,
      size: 8,
      deserializerName: 'LongDeserializer',
      accepts: (v) =>
        (typeof v === 'number' && Number.isSafeInteger(v)) ||
        (typeof v === 'bigint' && v >= -(2n ** 63n) && v < 2n ** 63n),
      write: (view, v) => view.setBigInt64(0, BigInt(v)),
      read: (view) => {
        const value = view.getBigInt64(0);
        return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
      },
    });
  }
}

/** Kafka's ShortConverter: 2 bytes, OPTIONAL_INT16. */
export class ShortConverter extends NumberConverter {
  static readonly className = 'org.apache.kafka.connect.converters.ShortConverter';

  constructor() {
    super({
      typeName: 'short',
      schema: Schemas.OPTIONAL_INT16,
      size: 2,
      deserializerName: 'ShortDeserializer',
      accepts: isIntIn(-32768, 32767),
      write: (view, v) => view.setInt16(0, v as number),
      read: (view) => view.getInt16(0),
    });
  }
}

/** Kafka's FloatConverter: 4 bytes IEEE-754, OPTIONAL_FLOAT32. */
export class FloatConverter extends NumberConverter {
  static readonly className = 'org.apache.kafka.connect.converters.FloatConverter';

  constructor() {
    super({
      typeName: 'float',
      schema: Schemas.OPTIONAL_FLOAT32,
      size: 4,
      deserializerName: 'Deserializer',
      accepts: (v) => typeof v === 'number',
      write: (view, v) => view.setFloat32(0, v as number),
      read: (view) => view.getFloat32(0),
    });
  }
}

/** Kafka's DoubleConverter: 8 bytes IEEE-754, OPTIONAL_FLOAT64. */
export class DoubleConverter extends NumberConverter {
  static readonly className = 'org.apache.kafka.connect.converters.DoubleConverter';

  constructor() {
    super({
      typeName: 'double',
      schema: Schemas.OPTIONAL_FLOAT64,
      size: 8,
      deserializerName: 'Deserializer',
      accepts: (v) => typeof v === 'number',
      write: (view, v) => view.setFloat64(0, v as number),
      read: (view) => view.getFloat64(0),
    });
  }
}
