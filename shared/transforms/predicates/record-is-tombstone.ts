import { ConfigDef, type ConnectRecord, type Predicate } from '../../api';
import { KAFKA_VERSION } from '../util/version';

const CONFIG_DEF = new ConfigDef();

/** True for tombstones: records whose value is null (Kafka's RecordIsTombstone). */
export class RecordIsTombstone<R extends ConnectRecord<R>> implements Predicate<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone';
  static readonly OVERVIEW_DOC = 'A predicate which is true for records which are tombstones (i.e. have null value).';
  static readonly CONFIG_DEF = CONFIG_DEF;

  version(): string {
    return KAFKA_VERSION;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(_configs: Readonly<Record<string, unknown>>): void {}

  test(record: R): boolean {
    return record.value === null || record.value === undefined;
  }

  close(): void {}

  toString(): string {
    return 'RecordIsTombstone{}';
  }
}
