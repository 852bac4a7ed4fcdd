import {
  CompositeValidator,
  ConfigDef,
  ConfigError,
  ConfigType,
  type ConnectRecord,
  Importance,
  NonEmptyString,
  type Predicate,
} from '../../api';
import { JavaPattern } from '../util/java-regex';
import { SimpleConfig } from '../util/simple-config';
import { RegexValidator } from '../util/validators';
import { KAFKA_VERSION } from '../util/version';

const PATTERN_CONFIG = 'pattern';

const CONFIG_DEF = new ConfigDef().define(
  PATTERN_CONFIG,
  ConfigType.STRING,
  undefined,
  CompositeValidator.of(new NonEmptyString(), new RegexValidator()),
  Importance.MEDIUM,
  "A Java regular expression for matching against the name of a record's topic.",
);

/** True for records whose whole topic name matches the regex (Kafka's TopicNameMatches). */
export class TopicNameMatches<R extends ConnectRecord<R>> implements Predicate<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches';
  static readonly OVERVIEW_DOC =
    'A predicate which is true for records with a topic name that matches the configured regular expression.';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private pattern: JavaPattern | null = null;

  version(): string {
    return KAFKA_VERSION;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, unknown>>): void {
    const value = new SimpleConfig(CONFIG_DEF, configs).getString(PATTERN_CONFIG) ?? '';
    try {
      this.pattern = JavaPattern.compile(value);
    } catch (err) {
      throw ConfigError.invalidValue(
        PATTERN_CONFIG,
        value,
        `entry must be a Java-compatible regular expression: ${(err as Error).message}`,
      );
    }
  }

  test(record: R): boolean {
    return record.topic !== null && record.topic !== undefined && (this.pattern?.matches(record.topic) ?? false);
  }

  close(): void {}

  toString(): string {
    return `TopicNameMatches{pattern=${this.pattern}}`;
  }
}
