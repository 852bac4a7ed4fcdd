import type { Logger } from '@aws-lambda-powertools/logger';
import type { ConsumedRecord } from '../../kafka';
import type { ErrorContext, ErrorReporter } from './error-context';

/**
 * errors.log.enable: logs each failure with its stage and class (Kafka's LogReporter); with
 * errors.log.include.messages the record's coordinates too. Record contents are never logged.
 */
export class LogReporter<Original> implements ErrorReporter<Original> {
  constructor(
    private readonly logger: Logger,
    private readonly taskName: string,
    private readonly includeMessages: boolean,
    private readonly describe: (original: Original) => string,
  ) {}

  report({ stage, executingClass, error, original }: ErrorContext<Original>): void {
    const where = this.includeMessages ? `, where ${this.describe(original)}` : '';
    this.logger.error(
      `Error encountered in task ${this.taskName}. Executing stage '${stage}' with class '${executingClass}'${where}.`,
      { error },
    );
  }

  async flush(): Promise<void> {}
}

/** Kafka's description of a consumed record in error logs (ProcessingContext#toString): no timestamp when it has none. */
export function describeConsumed(record: ConsumedRecord): string {
  const timestamp =
    record.timestampType === 'NoTimestampType'
      ? ''
      : `, timestamp=${record.timestamp ?? -1}, timestampType=${record.timestampType}`;
  return `consumed record is {topic='${record.topic}', partition=${record.partition}, offset=${record.offset}${timestamp}}`;
}
