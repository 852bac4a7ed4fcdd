import type { ConnectRecord, Converter, HeaderConverter, SinkTask, SourceTask } from '../api';

/** Applies a connector's transformation chain; null drops the record. */
export interface RecordTransformer<R extends ConnectRecord<R>> {
  apply(record: R): R | null;
  /** Closes the transformations and predicates, when the chain holds any. */
  close?(): void;
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
  sinkTask(
    connectorConfig: Readonly<Record<string, string>>,
    taskConfig: Readonly<Record<string, string>>,
  ): Named<SinkTask>;
  sourceTask(
    connectorConfig: Readonly<Record<string, string>>,
    taskConfig: Readonly<Record<string, string>>,
  ): Named<SourceTask>;
  converters(connectorConfig: Readonly<Record<string, string>>): TaskConverters;
  transformer<R extends ConnectRecord<R>>(connectorConfig: Readonly<Record<string, string>>): RecordTransformer<R>;
}

/**
 * Closes what a stopped task ran with, as Kafka's WorkerSinkTask/WorkerSourceTask#close do with
 * Utils.closeQuietly: the transformation chain and the converters; an error is reported to
 * `warn` and the others are still closed.
 */
export function closeTaskPlugins(
  converters: TaskConverters,
  transformer: { close?(): void },
  warn: (what: string, error: unknown) => void,
): void {
  const closeables: Array<[string, { close?(): void }]> = [
    ['transformation chain', transformer],
    ['key converter', converters.key.instance],
    ['value converter', converters.value.instance],
    ['header converter', converters.header.instance],
  ];
  for (const [what, closeable] of closeables) {
    try {
      closeable.close?.();
    } catch (err) {
      warn(what, err);
    }
  }
}
