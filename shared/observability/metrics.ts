/**
 * Task metrics in CloudWatch's Embedded Metric Format (EMF): JSON log lines with an `_aws` block
 * that CloudWatch Logs turns into metrics, so no API call (and no network) is needed. Kafka
 * Connect's task metrics (sink-record-read, sink-record-send, source-record-poll,
 * source-record-write, total-record-errors, deadletterqueue-produce-requests) under CamelCase
 * names, in the namespace "KafkaConnect", with the dimensions Connector and Task.
 *
 * The stack's dashboard and alarms (cdk/lib/alarms.ts) use these names; a cdk test keeps the two
 * in step.
 */

export const METRICS_NAMESPACE = 'KafkaConnect';

/** The metric names, with what each one counts. */
export const ConnectMetric = {
  /** Records a sink task received from its event source mapping (Kafka's sink-record-read). */
  SINK_RECORDS_READ: 'SinkRecordsRead',
  /** Records a sink task's put() accepted (Kafka's sink-record-send). */
  SINK_RECORDS_PUT: 'SinkRecordsPut',
  /** Records a source task's poll() returned (Kafka's source-record-poll). */
  SOURCE_RECORDS_POLLED: 'SourceRecordsPolled',
  /** Records a source task produced, acknowledged by Kafka (Kafka's source-record-write). */
  SOURCE_RECORDS_WRITTEN: 'SourceRecordsWritten',
  /** Records that failed a stage: conversion, transformation, put or produce (Kafka's total-record-errors). */
  RECORD_ERRORS: 'RecordErrors',
  /** Records written to the dead letter queue topic (Kafka's deadletterqueue-produce-requests). */
  DEAD_LETTER_RECORDS: 'DeadLetterRecords',
  /** Tasks that went FAILED. */
  TASK_FAILURES: 'TaskFailures',
} as const;
export type ConnectMetric = (typeof ConnectMetric)[keyof typeof ConnectMetric];

/** Which task a metric value belongs to. */
export interface MetricDimensions {
  readonly connector: string;
  readonly task: number;
}

/**
 * Each value is published three times: per task, per connector and in total (the empty dimension
 * set), so alarms can watch every connector at once and dashboards can break down by connector.
 */
const DIMENSION_SETS = [['Connector', 'Task'], ['Connector'], []] as const;

export interface EmfMetricsOptions {
  readonly namespace?: string;
  /**
   * Writes one EMF document (one line, no trailing newline). Standard output by default, written
   * directly rather than through console.log: with Lambda's JSON log format the runtime wraps
   * console output in its own JSON, and CloudWatch would no longer see the `_aws` block.
   */
  readonly write?: (line: string) => void;
  /** Milliseconds since the epoch, for the document's timestamp. */
  readonly now?: () => number;
}

/**
 * Counts per task, summed in memory and written by flush(): one EMF document per task that has
 * values, each with a single `_aws` block. Call flush() once at the end of an invocation (in a
 * finally block, so a failing batch still reports what it counted). Not for concurrent use
 * across invocations of one container, which Lambda never does.
 */
export class EmfMetrics {
  private readonly namespace: string;
  private readonly write: (line: string) => void;
  private readonly now: () => number;
  /** "<connector>\u0000<task>" -> metric -> summed value */
  private readonly pending = new Map<string, { dimensions: MetricDimensions; values: Map<ConnectMetric, number> }>();

  constructor(options: EmfMetricsOptions = {}) {
    this.namespace = options.namespace ?? METRICS_NAMESPACE;
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.now = options.now ?? Date.now;
  }

  /** Adds `value` (a count, default 1) to a task's metric. Non-positive or non-finite values are ignored. */
  count(metric: ConnectMetric, dimensions: MetricDimensions, value = 1): void {
    if (!Number.isFinite(value) || value <= 0) return;
    const key = `${dimensions.connector}\u0000${dimensions.task}`;
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { dimensions: { connector: dimensions.connector, task: dimensions.task }, values: new Map() };
      this.pending.set(key, entry);
    }
    entry.values.set(metric, (entry.values.get(metric) ?? 0) + value);
  }

  /** Whether anything is waiting to be flushed. */
  get empty(): boolean {
    return this.pending.size === 0;
  }

  /** Writes the counted values and forgets them. A failing writer loses them rather than throwing. */
  flush(): void {
    const timestamp = this.now();
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const { dimensions, values } of entries) {
      const document: Record<string, unknown> = {
        _aws: {
          Timestamp: timestamp,
          CloudWatchMetrics: [
            {
              Namespace: this.namespace,
              Dimensions: DIMENSION_SETS,
              Metrics: [...values.keys()].map((name) => ({ Name: name, Unit: 'Count' })),
            },
          ],
        },
        Connector: dimensions.connector,
        Task: String(dimensions.task),
      };
      for (const [name, value] of values) document[name] = value;
      try {
        this.write(JSON.stringify(document));
      } catch {
        // Metrics must never fail a batch: a closed stdout loses this document only.
      }
    }
  }
}
