import { type ErrorCode, errorName } from './protocol/error-codes';

/** The root of the dev broker's errors. */
export class BrokerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BrokerError';
  }
}

/**
 * The bytes of a request do not follow the Kafka protocol (truncated, a bad length, a null where none is
 * allowed). Kafka cannot answer such a request, so it closes the connection (SocketServer); so do we.
 */
export class ProtocolError extends BrokerError {
  override name = 'ProtocolError';
}

/**
 * A well-formed request that cannot be served. It carries the Kafka error code the response reports,
 * as Kafka's ApiException subclasses do.
 */
export class KafkaApiError extends BrokerError {
  override name = 'KafkaApiError';
  constructor(
    readonly errorCode: ErrorCode,
    message: string = errorName(errorCode),
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The data directory holds something the broker cannot read back (a foreign file, a newer format). */
export class StorageError extends BrokerError {
  override name = 'StorageError';
}
