import {
  ConfigDef,
  ConfigType,
  type ConnectRecord,
  Importance,
  NonNullValidator,
  type SchemaAndValue,
  type Transformation,
  Values,
} from '../api';
import { SimpleConfig } from './util/simple-config';
import { KAFKA_VERSION } from './util/version';

const HEADER_FIELD = 'header';
const VALUE_LITERAL_FIELD = 'value.literal';

const CONFIG_DEF = new ConfigDef()
  .define(
    HEADER_FIELD,
    ConfigType.STRING,
    undefined,
    new NonNullValidator(),
    Importance.HIGH,
    'The name of the header.',
  )
  .define(
    VALUE_LITERAL_FIELD,
    ConfigType.STRING,
    undefined,
    new NonNullValidator(),
    Importance.HIGH,
    'The literal value that is to be set as the header value on all records.',
  );

/**
 * Adds one header to every record (Kafka's InsertHeader). The literal is parsed once with
 * Values.parseString, so "1" becomes an INT8 header, "true" a BOOLEAN, "[1,2]" an ARRAY, and text
 * that is nothing else a STRING.
 */
export class InsertHeader<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.InsertHeader';
  static readonly OVERVIEW_DOC = 'Add a header to each record.';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private header = '';
  private literalValue: SchemaAndValue | null = null;

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.header = config.getString(HEADER_FIELD) ?? '';
    this.literalValue = Values.parseString(config.getString(VALUE_LITERAL_FIELD));
  }

  apply(record: R): R | null {
    const updatedHeaders = record.headers.duplicate();
    updatedHeaders.add(this.header, this.literalValue?.value ?? null, this.literalValue?.schema ?? null);
    return record.newRecord(
      record.topic,
      record.kafkaPartition,
      record.keySchema,
      record.key,
      record.valueSchema,
      record.value,
      record.timestamp,
      updatedHeaders,
    );
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {}
}
