import { AlreadyExistsError, BadRequestError, ConfigError, ConflictError, DataError, NotFoundError } from '../../api';
import { RestError } from './rest-error';

/** Kafka Connect's error body (ErrorMessage.java). */
export interface ErrorBody {
  error_code: number;
  message: string;
}

/** The HTTP status for an error (Kafka's ConnectExceptionMapper, with client mistakes as 4xx). */
export function statusOf(err: unknown): number {
  if (err instanceof RestError) return err.statusCode;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof AlreadyExistsError || err instanceof ConflictError) return 409;
  if (err instanceof BadRequestError || err instanceof ConfigError || err instanceof DataError) return 400;
  return 500;
}

/**
 * The one place an error becomes an HTTP response: Kafka's body, the status as `error_code`, the
 * message only (never a stack trace), and the headers a RestError carries (Allow on a 405).
 */
export function toErrorResponse(err: unknown): {
  statusCode: number;
  body: ErrorBody;
  headers: Record<string, string>;
} {
  const statusCode = statusOf(err);
  const message = err instanceof Error ? err.message : String(err);
  const headers = err instanceof RestError ? { ...err.headers } : {};
  return { statusCode, body: { error_code: statusCode, message }, headers };
}
