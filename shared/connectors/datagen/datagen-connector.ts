import { type ConfigDef, ConfigError, type ConfigValue, type PluginClass, SourceConnector, type Task } from '../../api';
import {
  CONFIG_DEF,
  DatagenConfig,
  isExplicitlySetSchemaSource,
  MISSING_KEYFIELD,
  SCHEMA_KEYFIELD_CONF,
  SCHEMA_SOURCE_ERROR,
  SCHEMA_SOURCE_KEYS,
  TASK_ID,
  VERSION,
} from './datagen-config';
import { DatagenTask } from './datagen-task';

/**
 * Generates mock data from an Avro schema with generator arguments (Confluent's
 * kafka-connect-datagen DatagenConnector): a bundled quickstart (users, pageviews, orders ...),
 * a schema given inline (schema.string) or a schema file (schema.filename).
 *
 * There is nothing to split: every one of the tasks.max tasks generates on its own, with its own
 * task.id, its own random stream and its own offsets (`iterations` counts per task).
 */
export class DatagenConnector extends SourceConnector {
  static readonly className = 'io.confluent.kafka.connect.datagen.DatagenConnector';

  private props: Readonly<Record<string, string>> = {};

  version(): string {
    return VERSION;
  }

  /** @throws ConfigError for an invalid config, with Confluent's message around the cause */
  start(props: Readonly<Record<string, string>>): void {
    try {
      new DatagenConfig(props);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      throw new ConfigError(
        `Datagen connector could not start because of an error in the configuration: ${err.message}`,
        { cause: err, key: err.key },
      );
    }
    this.props = { ...props };
  }

  taskClass(): PluginClass<Task> {
    return DatagenTask;
  }

  /** maxTasks copies of the config, each with its task.id (0, 1, ...). */
  taskConfigs(maxTasks: number): Record<string, string>[] {
    return Array.from({ length: maxTasks }, (_, i) => ({ ...this.props, [TASK_ID]: String(i) }));
  }

  stop(): void {}

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  /**
   * Confluent's checks after the per-key ones: exactly one schema source must be set (each source
   * set, or all three when none is, gets "Must set exactly one of ..."); then, when the whole config
   * is valid, schema.keyfield must name a field of the schema.
   */
  override validate(connectorConfigs: Readonly<Record<string, string>>): ConfigValue[] {
    const values = super.validate(connectorConfigs);
    const singleSource = validateSchemaSource(values);
    let config: DatagenConfig;
    try {
      config = new DatagenConfig(connectorConfigs);
    } catch (err) {
      if (err instanceof ConfigError) return values;
      throw err;
    }
    const keyfield = values.find((value) => value.name === SCHEMA_KEYFIELD_CONF);
    if (singleSource && keyfield && keyfield.value !== '' && keyfield.value !== null) {
      const schema = config.schema();
      if (!schema?.fields.some((field) => field.name === keyfield.value)) keyfield.addErrorMessage(MISSING_KEYFIELD);
    }
    return values;
  }
}

function validateSchemaSource(values: ConfigValue[]): boolean {
  const set = values.filter((value) => isExplicitlySetSchemaSource(value.name, value.value));
  if (set.length > 1) {
    for (const value of set) value.addErrorMessage(SCHEMA_SOURCE_ERROR);
    return false;
  }
  if (set.length === 0) {
    for (const value of values) {
      if ((SCHEMA_SOURCE_KEYS as readonly string[]).includes(value.name)) value.addErrorMessage(SCHEMA_SOURCE_ERROR);
    }
    return false;
  }
  return true;
}
