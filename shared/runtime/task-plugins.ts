import type { ConnectRecord, Converter, HeaderConverter, SinkTask, SourceTask } from '../api';

/** Applies a connector's transformation chain; null drops the record. */
export interface RecordTransformer<R extends ConnectRecord<R>> {
  apply(record: R): R | null;
}

/** A configured converter with the class name reported in error contexts. */
export interface Named<T> {
  readonly instance: T;
  readonly className: string;
}

export interface TaskConverters {
  readonly key: Named<Converter>;
  readonly value: Named<Converter>;
  readonly header: Named<HeaderConverter>;
}

/**
 * Builds the plugins a task runs with from its (resolved) configs: the task itself, the converters
 * (connector overrides or the platform's defaults, Kafka's rules) and the transformation chain.
 */
export interface TaskPlugins {
  sinkTask(taskConfig: Readonly<Record<string, string>>): Named<SinkTask>;
  sourceTask(taskConfig: Readonly<Record<string, string>>): Named<SourceTask>;
  converters(connectorConfig: Readonly<Record<string, string>>): TaskConverters;
  transformer<R extends ConnectRecord<R>>(connectorConfig: Readonly<Record<string, string>>): RecordTransformer<R>;
}

/** The executing class of a failed transformation stage, when the chain says which it was. */
export function failedTransformClass(err: unknown): string {
  const named = err as { className?: unknown; transformationClass?: unknown } | null;
  const name = named?.className ?? named?.transformationClass;
  return typeof name === 'string' ? name : 'org.apache.kafka.connect.transforms.Transformation';
}
