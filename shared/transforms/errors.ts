import { ConnectError } from '../api';

/**
 * Kafka's transforms throw java.lang.IllegalArgumentException in a few places (ExtractField's
 * "Unknown field: f"); this keeps that class apart from DataError so the DLQ context header
 * `__connect.errors.exception.class.name` can name it as Kafka does.
 */
export class IllegalArgumentError extends ConnectError {
  static readonly javaClassName = 'java.lang.IllegalArgumentException';
  override name = 'IllegalArgumentError';
}
