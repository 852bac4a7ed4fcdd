import { ConnectError } from '../../api';

export interface RestErrorOptions extends ErrorOptions {
  /** Response headers that belong to this answer, e.g. Allow on a 405. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * An error that carries its own HTTP status, for the few REST answers no domain error names
 * (405, 413, 403 topic tracking ...). Kafka's ConnectRestException.
 */
export class RestError extends ConnectError {
  override name = 'RestError';
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly statusCode: number,
    message: string,
    options?: RestErrorOptions,
  ) {
    super(message, options);
    this.headers = { ...options?.headers };
  }
}
