import { ConfigDef, type ConnectRecord, type Transformation } from '../api';
import { KAFKA_VERSION } from './util/version';

const CONFIG_DEF = new ConfigDef();

/**
 * Drops every record (Kafka's Filter); meant to run under a predicate, e.g. to drop tombstones
 * with `transforms.dropTombstones.predicate=isTombstone`.
 */
export class Filter<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.Filter';
  static readonly OVERVIEW_DOC =
    'Drops all records, filtering them from subsequent transformations in the chain. ' +
    'This is intended to be used conditionally to filter out records matching (or not matching) ' +
    'a particular Predicate.';
  static readonly CONFIG_DEF = CONFIG_DEF;

  version(): string {
    return KAFKA_VERSION;
  }

  configure(_configs: Readonly<Record<string, unknown>>): void {}

  apply(_record: R): R | null {
    return null;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {}
}
