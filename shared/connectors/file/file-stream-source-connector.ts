import {
  AbstractConfig,
  type ConfigDef,
  ConfigError,
  type ConfigValue,
  ConnectError,
  ExactlyOnceSupport,
  type PluginClass,
  SourceConnector,
  type SourceOffset,
  type SourcePartition,
  type Task,
} from '../../api';
import {
  FILE_CONFIG,
  FILENAME_FIELD,
  NO_STDIN_MESSAGE,
  POSITION_FIELD,
  SOURCE_CONFIG_DEF,
  TASK_CLASS_CONFIG,
  VERSION,
} from './file-stream-config';
import { FileStreamSourceTask } from './file-stream-source-task';

/**
 * Streams lines of a file into a topic (Kafka's FileStreamSourceConnector): always one task, whose
 * config is the connector's plus `task.class`, so changes to transforms or converters reach it.
 *
 * Standard input (no `file`) is rejected: a Lambda invocation has no stdin and could not track
 * offsets for one. validate() reports it on the `file` key, so creating such a connector fails with
 * a 400 listing the error, rather than starting a task that can only fail.
 */
export class FileStreamSourceConnector extends SourceConnector {
  static readonly className = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

  private props: Readonly<Record<string, string>> = {};

  version(): string {
    return VERSION;
  }

  /** @throws ConfigError for an invalid config, or when `file` is unset. */
  start(props: Readonly<Record<string, string>>): void {
    const config = new AbstractConfig(SOURCE_CONFIG_DEF, props);
    if (!config.getString(FILE_CONFIG)) throw new ConfigError(NO_STDIN_MESSAGE, { key: FILE_CONFIG });
    this.props = { ...props };
  }

  taskClass(): PluginClass<Task> {
    return FileStreamSourceTask;
  }

  /** One task, whatever maxTasks is: only one reader of a file makes sense. */
  taskConfigs(_maxTasks: number): Record<string, string>[] {
    return [{ ...this.props, [TASK_CLASS_CONFIG]: FileStreamSourceTask.className }];
  }

  stop(): void {}

  config(): ConfigDef {
    return SOURCE_CONFIG_DEF;
  }

  /** Kafka's checks, plus an error on `file` when it is unset (no standard input here). */
  override validate(connectorConfigs: Readonly<Record<string, string>>): ConfigValue[] {
    const values = super.validate(connectorConfigs);
    const file = values.find((value) => value.name === FILE_CONFIG);
    if (file && file.errorMessages.length === 0 && !file.value) file.addErrorMessage(NO_STDIN_MESSAGE);
    return values;
  }

  /** SUPPORTED when reading a real file (as long as it is only appended to), as in Kafka. */
  override exactlyOnceSupport(connectorConfig: Readonly<Record<string, string>>): ExactlyOnceSupport {
    const filename = new AbstractConfig(SOURCE_CONFIG_DEF, connectorConfig).getString(FILE_CONFIG);
    return filename ? ExactlyOnceSupport.SUPPORTED : ExactlyOnceSupport.UNSUPPORTED;
  }

  /**
   * Kafka's checks and texts: tombstones (null offsets) are always allowed; any other offset needs a
   * non-negative integer `position` and a partition with `filename`. Whether the position fits the
   * file is left to the task when it starts.
   * @throws ConnectError when `file` is unset or an offset is malformed.
   */
  override alterOffsets(
    connectorConfig: Readonly<Record<string, string>>,
    offsets: ReadonlyArray<{ partition: SourcePartition; offset: SourceOffset | null }>,
  ): boolean {
    const filename = new AbstractConfig(SOURCE_CONFIG_DEF, connectorConfig).getString(FILE_CONFIG);
    if (!filename) {
      throw new ConnectError(
        `Offsets cannot be modified if the '${FILE_CONFIG}' configuration is unspecified. ` +
          'This is because stdin is used for input and offsets are not tracked.',
      );
    }
    for (const { partition, offset } of offsets) {
      if (offset === null || offset === undefined) continue;
      if (!Object.hasOwn(offset, POSITION_FIELD)) {
        throw new ConnectError(`Offset objects should either be null or contain the key '${POSITION_FIELD}'`);
      }
      const position = offset[POSITION_FIELD];
      if (!isLong(position)) {
        throw new ConnectError(
          `The value for the '${POSITION_FIELD}' key in the offset is expected to be a Long value`,
        );
      }
      if (position < 0) {
        throw new ConnectError(
          `The value for the '${POSITION_FIELD}' key in the offset should be a non-negative value`,
        );
      }
      if (partition === null || partition === undefined) throw new ConnectError('Partition objects cannot be null');
      if (!Object.hasOwn(partition, FILENAME_FIELD)) {
        throw new ConnectError(`Partition objects should contain the key '${FILENAME_FIELD}'`);
      }
    }
    return true;
  }
}

/** Java's `instanceof Long` for a JSON offset: an integral number (or a bigint), not a string. */
function isLong(value: unknown): value is number | bigint {
  return (typeof value === 'number' && Number.isSafeInteger(value)) || typeof value === 'bigint';
}
