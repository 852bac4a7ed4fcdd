import type { ConsumedRecord, KafkaProducer, ProducerRecord } from '../../kafka';
import { type ErrorContext, type ErrorReporter, exceptionClassName } from './error-context';

/** Kafka's DeadLetterQueueReporter header names. */
export const DLQ_HEADERS = {
  TOPIC: '__connect.errors.topic',
  PARTITION: '__connect.errors.partition',
  OFFSET: '__connect.errors.offset',
  CONNECTOR_NAME: '__connect.errors.connector.name',
  TASK_ID: '__connect.errors.task.id',
  STAGE: '__connect.errors.stage',
  EXECUTING_CLASS: '__connect.errors.class.name',
  EXCEPTION: '__connect.errors.exception.class.name',
  EXCEPTION_MESSAGE: '__connect.errors.exception.message',
  EXCEPTION_STACK_TRACE: '__connect.errors.exception.stacktrace',
} as const;

export interface DeadLetterQueueOptions {
  topic: string;
  producer: KafkaProducer;
  /** errors.deadletterqueue.context.headers.enable */
  contextHeaders: boolean;
  connectorName: string;
  taskId: number;
}

const utf8 = new TextEncoder();

/**
 * Sends each failed consumed record, raw (its original key, value, headers and timestamp), to the
 * dead letter queue topic, with Kafka's ten context headers when enabled. Reports are buffered in
 * order and produced by flush(), which the sink pipeline awaits before letting offsets move.
 */
export class DeadLetterQueueReporter implements ErrorReporter<ConsumedRecord> {
  private pending: ProducerRecord[] = [];

  constructor(private readonly options: DeadLetterQueueOptions) {}

  report({ stage, executingClass, error, original }: ErrorContext<ConsumedRecord>): void {
    const headers = [...original.headers];
    if (this.options.contextHeaders) {
      const add = (key: string, value: string | undefined) => {
        if (value !== undefined) headers.push({ key, value: utf8.encode(value) });
      };
      add(DLQ_HEADERS.TOPIC, original.topic);
      add(DLQ_HEADERS.PARTITION, String(original.partition));
      add(DLQ_HEADERS.OFFSET, String(original.offset));
      add(DLQ_HEADERS.CONNECTOR_NAME, this.options.connectorName);
      add(DLQ_HEADERS.TASK_ID, String(this.options.taskId));
      add(DLQ_HEADERS.STAGE, stage);
      add(DLQ_HEADERS.EXECUTING_CLASS, executingClass);
      add(DLQ_HEADERS.EXCEPTION, exceptionClassName(error));
      add(DLQ_HEADERS.EXCEPTION_MESSAGE, error.message);
      add(DLQ_HEADERS.EXCEPTION_STACK_TRACE, error.stack);
    }
    this.pending.push({
      topic: this.options.topic,
      key: original.key,
      value: original.value,
      headers,
      timestamp: original.timestampType === 'NoTimestampType' ? null : original.timestamp,
    });
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    await this.options.producer.send(batch);
  }
}
