import { AbstractConfig, type ConfigDef, type PluginClass, SinkConnector, type Task } from '../../api';
import { SINK_CONFIG_DEF, TASK_CLASS_CONFIG, VERSION } from './file-stream-config';
import { FileStreamSinkTask } from './file-stream-sink-task';

/**
 * Writes the values of records from Kafka topics to a file, one per line (Kafka's
 * FileStreamSinkConnector). Every task gets the connector's config plus `task.class`; `topics` or
 * `topics.regex` are checked by the framework.
 */
export class FileStreamSinkConnector extends SinkConnector {
  static readonly className = 'org.apache.kafka.connect.file.FileStreamSinkConnector';

  private props: Readonly<Record<string, string>> = {};

  version(): string {
    return VERSION;
  }

  /** @throws ConfigError for an invalid config. */
  start(props: Readonly<Record<string, string>>): void {
    new AbstractConfig(SINK_CONFIG_DEF, props);
    this.props = { ...props };
  }

  taskClass(): PluginClass<Task> {
    return FileStreamSinkTask;
  }

  /** maxTasks copies of the connector's config. */
  taskConfigs(maxTasks: number): Record<string, string>[] {
    return Array.from({ length: maxTasks }, () => ({
      ...this.props,
      [TASK_CLASS_CONFIG]: FileStreamSinkTask.className,
    }));
  }

  stop(): void {}

  config(): ConfigDef {
    return SINK_CONFIG_DEF;
  }

  /** Nothing to do: the connector keeps no offsets of its own and needs no validation of them (Kafka). */
  override alterOffsets(
    _config: Readonly<Record<string, string>>,
    _offsets: ReadonlyArray<{ topic: string; partition: number; offset: number | null }>,
  ): boolean {
    return true;
  }
}
