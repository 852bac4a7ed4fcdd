export { type DeadLetterQueueOptions, DeadLetterQueueReporter, DLQ_HEADERS } from './dead-letter-queue';
export { type ErrorContext, type ErrorReporter, exceptionClassName } from './error-context';
export { type ErrorHandlingConfig, errorHandlingConfig } from './error-handling-config';
export { describeConsumed, LogReporter } from './log-reporter';
export { MetricsReporter } from './metrics-reporter';
export {
  Failure,
  RETRIES_DELAY_MIN_MS,
  RetryWithToleranceOperator,
  type RetryWithToleranceOptions,
  SKIPPED,
  ToleranceExceededError,
} from './retry-with-tolerance';
export { ANY_ERROR_TOLERABLE, Stage, ToleranceType } from './stage';
