import {
  ConnectError,
  type ConnectRecord,
  ConverterType,
  type PluginClass,
  SinkTask,
  SourceTask,
  type Task,
} from '../api';
import { HEADER_CONVERTER_CLASS_CONFIG, KEY_CONVERTER_CLASS_CONFIG, VALUE_CONVERTER_CLASS_CONFIG } from '../config';
import type { PluginRegistry } from '../plugins';
import type { Named, RecordTransformer, TaskConverters, TaskPlugins } from './task-plugins';
import { transformationChainFrom, withPrefix } from './transformation-chain';

const TASK_CLASS_CONFIG = 'task.class';
const CONNECTOR_CLASS_CONFIG = 'connector.class';

/**
 * The worker-level converter settings (Kafka's worker config `key.converter`, `value.converter`,
 * `header.converter` and their `*.`-prefixed properties), used when a connector sets none.
 */
export interface WorkerConverterConfig {
  readonly keyConverter: string;
  readonly valueConverter: string;
  readonly headerConverter: string;
  /** Worker properties such as `key.converter.schemas.enable`. */
  readonly props: Readonly<Record<string, string>>;
}

/** Kafka Connect's usual worker defaults (connect-distributed.properties): JSON with schemas. */
export const DEFAULT_WORKER_CONVERTERS: WorkerConverterConfig = {
  keyConverter: 'org.apache.kafka.connect.json.JsonConverter',
  valueConverter: 'org.apache.kafka.connect.json.JsonConverter',
  headerConverter: 'org.apache.kafka.connect.storage.SimpleHeaderConverter',
  props: {},
};

/** TaskPlugins over the plugin registry, with Kafka's converter override rules. */
export class PluginTaskFactory implements TaskPlugins {
  constructor(
    private readonly registry: PluginRegistry,
    private readonly worker: WorkerConverterConfig = DEFAULT_WORKER_CONVERTERS,
  ) {}

  sinkTask(
    connectorConfig: Readonly<Record<string, string>>,
    taskConfig: Readonly<Record<string, string>>,
  ): Named<SinkTask> {
    return this.task(connectorConfig, taskConfig, SinkTask);
  }

  sourceTask(
    connectorConfig: Readonly<Record<string, string>>,
    taskConfig: Readonly<Record<string, string>>,
  ): Named<SourceTask> {
    return this.task(connectorConfig, taskConfig, SourceTask);
  }

  /**
   * Kafka's rule (Plugins.newConverter): a connector that sets `key.converter` gets that class
   * configured with its own `key.converter.*` properties; one that does not gets the worker's
   * converter with the worker's properties (connector-level sub-properties alone are ignored).
   * Every converter is also told its role with `converter.type`.
   */
  converters(connectorConfig: Readonly<Record<string, string>>): TaskConverters {
    const pick = (key: string, fallback: string) => {
      const own = connectorConfig[key]?.trim();
      return own
        ? { className: own, props: withPrefix(connectorConfig, `${key}.`) }
        : { className: fallback, props: withPrefix(this.worker.props, `${key}.`) };
    };
    const key = pick(KEY_CONVERTER_CLASS_CONFIG, this.worker.keyConverter);
    const value = pick(VALUE_CONVERTER_CLASS_CONFIG, this.worker.valueConverter);
    const header = pick(HEADER_CONVERTER_CLASS_CONFIG, this.worker.headerConverter);

    const keyConverter = this.registry.newConverter(key.className);
    keyConverter.configure({ ...key.props, 'converter.type': ConverterType.KEY }, true);
    const valueConverter = this.registry.newConverter(value.className);
    valueConverter.configure({ ...value.props, 'converter.type': ConverterType.VALUE }, false);
    const headerConverter = this.registry.newHeaderConverter(header.className);
    headerConverter.configure({ ...header.props, 'converter.type': ConverterType.HEADER });
    return {
      key: { instance: keyConverter, className: classNameOf(keyConverter, key.className) },
      value: { instance: valueConverter, className: classNameOf(valueConverter, value.className) },
      header: { instance: headerConverter, className: classNameOf(headerConverter, header.className) },
    };
  }

  transformer<R extends ConnectRecord<R>>(connectorConfig: Readonly<Record<string, string>>): RecordTransformer<R> {
    return transformationChainFrom<R>(connectorConfig, this.registry);
  }

  /**
   * The task class is the connector's taskClass(); `task.class` in the task config must name it
   * (Kafka loads `task.class` through the connector's class loader, which amounts to the same).
   */
  private task<T extends Task>(
    connectorConfig: Readonly<Record<string, string>>,
    taskConfig: Readonly<Record<string, string>>,
    kind: abstract new () => T,
  ): Named<T> {
    const connector = this.registry.newConnector(connectorConfig[CONNECTOR_CLASS_CONFIG] ?? '');
    const cls = connector.taskClass() as PluginClass<Task>;
    const named = taskConfig[TASK_CLASS_CONFIG];
    if (named !== undefined && named !== cls.className) {
      throw new ConnectError(`Task class ${named} is not the task class ${cls.className} of its connector`);
    }
    const instance = this.registry.newPlugin(cls);
    if (!(instance instanceof kind)) {
      throw new ConnectError(`Task class ${cls.className} is not a ${kind.name}`);
    }
    return { instance, className: cls.className };
  }
}

function classNameOf(instance: object, fallback: string): string {
  const ctor = instance.constructor as { className?: string };
  return ctor.className ?? fallback;
}
