import { ConfigDef, ConfigType, type ConnectRecord, Importance, type Transformation } from '../api';
import { JavaPattern, JavaReplacement } from './util/java-regex';
import { SimpleConfig } from './util/simple-config';
import { RegexValidator } from './util/validators';
import { KAFKA_VERSION } from './util/version';

const REGEX = 'regex';
const REPLACEMENT = 'replacement';

const CONFIG_DEF = new ConfigDef()
  .define(
    REGEX,
    ConfigType.STRING,
    undefined,
    new RegexValidator(),
    Importance.HIGH,
    'Regular expression to use for matching.',
  )
  .define(REPLACEMENT, ConfigType.STRING, undefined, Importance.HIGH, 'Replacement string.');

/**
 * Renames the topic when the regex matches all of it, with Java's Matcher#replaceFirst and its
 * `$1` replacement syntax (Kafka's RegexRouter).
 */
export class RegexRouter<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.RegexRouter';
  static readonly OVERVIEW_DOC =
    'Update the record topic using the configured regular expression and replacement string.' +
    '<p/>Under the hood, the regex is compiled to a <code>java.util.regex.Pattern</code>. ' +
    'If the pattern matches the input topic, <code>java.util.regex.Matcher#replaceFirst()</code> is used with the replacement string to obtain the new topic.';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private regex: JavaPattern | null = null;
  private replacement: JavaReplacement | null = null;

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.regex = JavaPattern.compile(config.getString(REGEX) ?? '');
    this.replacement = new JavaReplacement(config.getString(REPLACEMENT) ?? '', this.regex.groupCount);
  }

  apply(record: R): R | null {
    const { regex, replacement } = this;
    if (!regex || !replacement || !regex.matches(record.topic)) return record;
    return record.newRecord(
      replacement.replaceFirst(regex, record.topic),
      record.kafkaPartition,
      record.keySchema,
      record.key,
      record.valueSchema,
      record.value,
      record.timestamp,
    );
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  close(): void {}
}
