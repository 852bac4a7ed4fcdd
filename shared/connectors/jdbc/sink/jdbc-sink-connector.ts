import { type ConfigDef, type ConfigValue, type PluginClass, SinkConnector, type Task } from '../../../api';
import { TASK_CLASS_CONFIG, VERSION } from '../jdbc-config';
import {
  DELETE_ENABLED_CONFIG,
  JdbcSinkConfig,
  PK_MODE_CONFIG,
  PrimaryKeyMode,
  SINK_CONFIG_DEF,
} from './jdbc-sink-config';
import { JdbcSinkTask } from './jdbc-sink-task';

/**
 * Writes Kafka topics to database tables (Confluent's JdbcSinkConnector): every task gets the
 * connector's config. Registered under Confluent's class name, so existing configs run unchanged.
 */
export class JdbcSinkConnector extends SinkConnector {
  static readonly className = 'io.confluent.connect.jdbc.JdbcSinkConnector';

  private props: Readonly<Record<string, string>> = {};

  version(): string {
    return VERSION;
  }

  /** @throws ConfigError for an invalid config. */
  start(props: Readonly<Record<string, string>>): void {
    new JdbcSinkConfig(props);
    this.props = { ...props };
  }

  taskClass(): PluginClass<Task> {
    return JdbcSinkTask;
  }

  taskConfigs(maxTasks: number): Record<string, string>[] {
    return Array.from({ length: maxTasks }, () => ({ ...this.props, [TASK_CLASS_CONFIG]: JdbcSinkTask.className }));
  }

  stop(): void {}

  config(): ConfigDef {
    return SINK_CONFIG_DEF;
  }

  /** The ConfigDef's checks plus Confluent's: deletes need pk.mode=record_key (on both keys). */
  override validate(connectorConfigs: Readonly<Record<string, string>>): ConfigValue[] {
    const values = super.validate(connectorConfigs);
    const deleteEnabled = values.find((v) => v.name === DELETE_ENABLED_CONFIG);
    const pkMode = values.find((v) => v.name === PK_MODE_CONFIG);
    if (deleteEnabled?.value === true && pkMode && String(pkMode.value).toLowerCase() !== PrimaryKeyMode.RECORD_KEY) {
      const message = 'Deletes are only supported for pk.mode record_key';
      pkMode.addErrorMessage(message);
      deleteEnabled.addErrorMessage(message);
    }
    return values;
  }

  /** Nothing to check: the sink keeps no offsets of its own (the consumer group's are the truth). */
  override alterOffsets(): boolean {
    return true;
  }
}
