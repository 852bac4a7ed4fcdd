import { ConfigDef, ConfigType, type ConnectRecord, Headers, Importance, type Transformation } from '../api';
import { SimpleConfig } from './util/simple-config';
import { NonEmptyListValidator } from './util/validators';
import { KAFKA_VERSION } from './util/version';

const HEADERS_FIELD = 'headers';

const CONFIG_DEF = new ConfigDef().define(
  HEADERS_FIELD,
  ConfigType.LIST,
  undefined,
  new NonEmptyListValidator(),
  Importance.HIGH,
  'The name of the headers to be removed.',
);

/** Removes every header with one of the configured names (Kafka's DropHeaders). */
export class DropHeaders<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.DropHeaders';
  static readonly OVERVIEW_DOC = 'Removes one or more headers from each record.';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private headers = new Set<string>();

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.headers = new Set(config.getList(HEADERS_FIELD));
  }

  apply(record: R): R | null {
    const updated = new Headers();
    for (const header of record.headers) if (!this.headers.has(header.key)) updated.addHeader(header);
    return record.newRecord(
      record.topic,
      record.kafkaPartition,
      record.keySchema,
      record.key,
      record.valueSchema,
      record.value,
      record.timestamp,
      updated,
    );
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {}
}
