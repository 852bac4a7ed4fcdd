import type { Stage } from './stage';

/** One failed operation, as reporters see it (Kafka's ProcessingContext). */
export interface ErrorContext<Original> {
  readonly stage: Stage;
  /** The Java-style class name of what ran: the converter, transform or task class. */
  readonly executingClass: string;
  readonly error: Error;
  /** The record being processed: the raw consumed record for sinks, the source record for sources. */
  readonly original: Original;
}

/** Receives every failure the operator handles, tolerated or not (Kafka's ErrorReporter). */
export interface ErrorReporter<Original> {
  report(context: ErrorContext<Original>): void;
  /** Makes the reports durable (the DLQ produces its buffered records); called before offsets move. */
  flush(): Promise<void>;
}

/** Java exception class names for our errors, so DLQ headers and logs read as Kafka's do. */
const JAVA_EXCEPTIONS: Readonly<Record<string, string>> = {
  ConnectError: 'org.apache.kafka.connect.errors.ConnectException',
  DataError: 'org.apache.kafka.connect.errors.DataException',
  SchemaError: 'org.apache.kafka.connect.errors.SchemaBuilderException',
  RetriableError: 'org.apache.kafka.connect.errors.RetriableException',
  ConfigError: 'org.apache.kafka.common.config.ConfigException',
  NotFoundError: 'org.apache.kafka.connect.errors.NotFoundException',
  AlreadyExistsError: 'org.apache.kafka.connect.errors.AlreadyExistsException',
};

export function exceptionClassName(error: Error): string {
  return JAVA_EXCEPTIONS[error.name] ?? error.name;
}
