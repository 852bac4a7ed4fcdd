import { ConnectError } from '../../api';

/**
 * An error that carries its own HTTP status, for the few REST answers no domain error names
 * (405, 413, 403 topic tracking ...). Kafka's ConnectRestException.
 */
export class RestError extends ConnectError {
  override name = 'RestError';

  constructor(
    readonly statusCode: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
