import { ConfigDef, ConfigType, Importance, NO_DEFAULT_VALUE, NonEmptyString } from '../../api';

/** The Kafka release whose FileStream connectors these reproduce (AppInfoParser.getVersion()). */
export const VERSION = '3.9.0';

export const FILE_CONFIG = 'file';
export const TOPIC_CONFIG = 'topic';
export const TASK_BATCH_SIZE_CONFIG = 'batch.size';
export const DEFAULT_TASK_BATCH_SIZE = 2000;

/** The key a task config names its task class by (Kafka's TaskConfig.TASK_CLASS_CONFIG). */
export const TASK_CLASS_CONFIG = 'task.class';

/** The source partition and offset keys (Kafka's FileStreamSourceTask.FILENAME_FIELD / POSITION_FIELD). */
export const FILENAME_FIELD = 'filename';
export const POSITION_FIELD = 'position';

/**
 * Kafka's FileStreamSourceConnector.CONFIG_DEF. The `file` doc differs: Kafka reads standard input
 * when it is unset, a serverless task has none, so here the connector rejects a config without it
 * (see FileStreamSourceConnector#validate). The key stays optional with a null default, so its
 * `required` and `default_value` in the plugin's config listing match Kafka's.
 */
export const SOURCE_CONFIG_DEF = new ConfigDef()
  .define(
    FILE_CONFIG,
    ConfigType.STRING,
    null,
    Importance.HIGH,
    'Source filename. Required here: a serverless task has no standard input, which Kafka reads when it is not specified',
  )
  .define(
    TOPIC_CONFIG,
    ConfigType.STRING,
    NO_DEFAULT_VALUE,
    new NonEmptyString(),
    Importance.HIGH,
    'The topic to publish data to',
  )
  .define(
    TASK_BATCH_SIZE_CONFIG,
    ConfigType.INT,
    DEFAULT_TASK_BATCH_SIZE,
    Importance.LOW,
    'The maximum number of records the source task can read from the file each time it is polled',
  );

/** Kafka's FileStreamSinkConnector.CONFIG_DEF. Standard output is the function's log (CloudWatch Logs on AWS). */
export const SINK_CONFIG_DEF = new ConfigDef().define(
  FILE_CONFIG,
  ConfigType.STRING,
  null,
  Importance.HIGH,
  'Destination filename. If not specified, the standard output will be used',
);

/** The text that rejects a source config with no file. */
export const NO_STDIN_MESSAGE =
  "The standard input is not available to serverless source tasks; set 'file' to the path of the file to read";
