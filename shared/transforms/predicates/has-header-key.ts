import { ConfigDef, ConfigType, type ConnectRecord, Importance, NonEmptyString, type Predicate } from '../../api';
import { SimpleConfig } from '../util/simple-config';
import { KAFKA_VERSION } from '../util/version';

const NAME_CONFIG = 'name';

const CONFIG_DEF = new ConfigDef().define(
  NAME_CONFIG,
  ConfigType.STRING,
  undefined,
  new NonEmptyString(),
  Importance.MEDIUM,
  'The header name.',
);

/** True for records with at least one header of the configured name (Kafka's HasHeaderKey). */
export class HasHeaderKey<R extends ConnectRecord<R>> implements Predicate<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey';
  static readonly OVERVIEW_DOC =
    'A predicate which is true for records with at least one header with the configured name.';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private name: string | null = null;

  version(): string {
    return KAFKA_VERSION;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, unknown>>): void {
    this.name = new SimpleConfig(CONFIG_DEF, configs).getString(NAME_CONFIG);
  }

  test(record: R): boolean {
    for (const header of record.headers) if (header.key === this.name) return true;
    return false;
  }

  close(): void {}

  toString(): string {
    return `HasHeaderKey{name='${this.name}'}`;
  }
}
