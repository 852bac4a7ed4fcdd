import { ConfigDef, ConfigType, type ConnectRecord, DataError, Importance, type Transformation } from '../api';
import { SimpleConfig } from './util/simple-config';
import { SimpleDateFormat } from './util/simple-date-format';
import { KAFKA_VERSION } from './util/version';

const TOPIC_FORMAT = 'topic.format';
const TIMESTAMP_FORMAT = 'timestamp.format';

const CONFIG_DEF = new ConfigDef()
  .define(
    TOPIC_FORMAT,
    ConfigType.STRING,
    '${topic}-${timestamp}',
    Importance.HIGH,
    'Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> as placeholders for the topic and timestamp, respectively.',
  )
  .define(
    TIMESTAMP_FORMAT,
    ConfigType.STRING,
    'yyyyMMdd',
    Importance.HIGH,
    'Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>.',
  );

/**
 * Rewrites the topic from the original topic and the record timestamp, formatted in UTC (Kafka's
 * TimestampRouter), e.g. `orders` at 2017-01-03 -> `orders-20170103`.
 */
export class TimestampRouter<R extends ConnectRecord<R>> implements Transformation<R> {
  static readonly className = 'org.apache.kafka.connect.transforms.TimestampRouter';
  static readonly OVERVIEW_DOC =
    "Update the record's topic field as a function of the original topic value and the record timestamp." +
    '<p/>' +
    'This is mainly useful for sink connectors, since the topic field is often used to determine the equivalent entity name in the destination system' +
    '(e.g. database table or search index name).';
  static readonly CONFIG_DEF = CONFIG_DEF;

  private topicFormat = '${topic}-${timestamp}';
  private pattern = 'yyyyMMdd';
  private timestampFormat: SimpleDateFormat | null = null;

  version(): string {
    return KAFKA_VERSION;
  }

  configure(props: Readonly<Record<string, unknown>>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.topicFormat = config.getString(TOPIC_FORMAT) ?? '';
    // Kafka builds the SimpleDateFormat lazily (a ThreadLocal), so a bad pattern fails on the first record.
    this.pattern = config.getString(TIMESTAMP_FORMAT) ?? '';
    this.timestampFormat = null;
  }

  apply(record: R): R | null {
    if (record.timestamp === null) throw new DataError(`Timestamp missing on record: ${record}`);
    this.timestampFormat ??= new SimpleDateFormat(this.pattern);
    const formatted = this.timestampFormat.format(new Date(record.timestamp));
    // In this order, as Kafka: a topic holding "${timestamp}" has it replaced too.
    const topic = this.topicFormat
      .replaceAll('${topic}', () => record.topic)
      .replaceAll('${timestamp}', () => formatted);
    return record.newRecord(
      topic,
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

  close(): void {
    this.timestampFormat = null;
  }
}
