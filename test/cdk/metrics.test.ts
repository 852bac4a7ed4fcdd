import { describe, expect, it } from 'vitest';
import { TASK_METRICS } from '../../cdk/lib/alarms';
import { ConnectMetric, EmfMetrics, METRICS_NAMESPACE } from '../../shared/observability';

function recorder() {
  const lines: string[] = [];
  const metrics = new EmfMetrics({ write: (line) => lines.push(line), now: () => 1_732_000_000_000 });
  return { lines, metrics, documents: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('EmfMetrics', () => {
  it('writes one EMF document per task with one _aws block, summing counts', () => {
    // Prepare
    const { metrics, documents } = recorder();
    metrics.count(ConnectMetric.SINK_RECORDS_READ, { connector: 'orders-sink', task: 0 }, 100);
    metrics.count(ConnectMetric.SINK_RECORDS_READ, { connector: 'orders-sink', task: 0 }, 20);
    metrics.count(ConnectMetric.SINK_RECORDS_PUT, { connector: 'orders-sink', task: 0 }, 119);
    metrics.count(ConnectMetric.DEAD_LETTER_RECORDS, { connector: 'orders-sink', task: 0 });
    // Act
    metrics.flush();
    // Assess
    expect(documents()).toEqual([
      {
        _aws: {
          Timestamp: 1_732_000_000_000,
          CloudWatchMetrics: [
            {
              Namespace: 'KafkaConnect',
              Dimensions: [['Connector', 'Task'], ['Connector'], []],
              Metrics: [
                { Name: 'SinkRecordsRead', Unit: 'Count' },
                { Name: 'SinkRecordsPut', Unit: 'Count' },
                { Name: 'DeadLetterRecords', Unit: 'Count' },
              ],
            },
          ],
        },
        Connector: 'orders-sink',
        Task: '0',
        SinkRecordsRead: 120,
        SinkRecordsPut: 119,
        DeadLetterRecords: 1,
      },
    ]);
  });

  it('keeps tasks apart, since an EMF document has one value per dimension', () => {
    // Prepare
    const { metrics, documents } = recorder();
    metrics.count(ConnectMetric.SOURCE_RECORDS_POLLED, { connector: 'db-source', task: 0 }, 5);
    metrics.count(ConnectMetric.SOURCE_RECORDS_POLLED, { connector: 'db-source', task: 1 }, 7);
    // Act
    metrics.flush();
    // Assess
    expect(documents().map((d) => [d.Task, d.SourceRecordsPolled])).toEqual([
      ['0', 5],
      ['1', 7],
    ]);
  });

  it('writes nothing when nothing was counted, and forgets what it flushed', () => {
    // Prepare
    const { metrics, lines } = recorder();
    metrics.count(ConnectMetric.TASK_FAILURES, { connector: 'c', task: 0 }, 0);
    metrics.count(ConnectMetric.TASK_FAILURES, { connector: 'c', task: 0 }, Number.NaN);
    // Act
    metrics.flush();
    metrics.count(ConnectMetric.TASK_FAILURES, { connector: 'c', task: 0 });
    metrics.flush();
    metrics.flush();
    // Assess
    expect(lines).toHaveLength(1);
    expect(metrics.empty).toBe(true);
  });

  it('never throws when the writer fails', () => {
    // Prepare
    const metrics = new EmfMetrics({
      write: () => {
        throw new Error('EPIPE');
      },
    });
    metrics.count(ConnectMetric.RECORD_ERRORS, { connector: 'c', task: 2 });
    // Act & Assess
    expect(() => metrics.flush()).not.toThrow();
  });

  it('writes to standard output by default, bypassing console', () => {
    // Prepare
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    const metrics = new EmfMetrics();
    metrics.count(ConnectMetric.SOURCE_RECORDS_WRITTEN, { connector: 'c', task: 0 }, 3);
    // Act
    try {
      metrics.flush();
    } finally {
      process.stdout.write = original;
    }
    // Assess
    expect(written).toHaveLength(1);
    expect(written[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(written[0] ?? '')).toMatchObject({ SourceRecordsWritten: 3, Connector: 'c', Task: '0' });
  });

  it('uses the namespace and metric names the dashboard and alarms watch (cdk/lib/alarms.ts)', () => {
    // Prepare
    const { namespace, ...names } = TASK_METRICS;
    // Act
    const emitted = Object.values(ConnectMetric).sort();
    // Assess
    expect(namespace).toBe(METRICS_NAMESPACE);
    expect(Object.values(names).sort()).toEqual(emitted);
  });
});
