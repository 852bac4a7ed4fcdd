import { ConnectMetric, type EmfMetrics } from '../../observability';
import type { ErrorContext, ErrorReporter } from './error-context';

/**
 * Counts every failed record (Kafka's total-record-errors) and, when the task has a dead letter
 * queue, every record sent there (deadletterqueue-produce-requests), for the task's EMF metrics.
 */
export class MetricsReporter<Original> implements ErrorReporter<Original> {
  constructor(
    private readonly metrics: EmfMetrics,
    private readonly task: { connector: string; task: number },
    private readonly deadLetterQueue: boolean,
  ) {}

  report(_context: ErrorContext<Original>): void {
    this.metrics.count(ConnectMetric.RECORD_ERRORS, this.task);
    if (this.deadLetterQueue) this.metrics.count(ConnectMetric.DEAD_LETTER_RECORDS, this.task);
  }

  async flush(): Promise<void> {}
}
