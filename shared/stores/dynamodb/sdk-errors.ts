/**
 * Where AWS SDK errors become the project's errors: the SDK's exceptions never leave shared/stores
 * except as a `cause`.
 */
import { ConnectError, RetriableError } from '../../api';

/** DynamoDB error names that mean "try again later" (throttling, capacity, server side). */
const RETRIABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
  'TransactionConflictException',
  'TimeoutError',
]);

/** Node network failures: the endpoint is unreachable or dropped the connection. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH']);

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function isConditionalCheckFailed(err: unknown): boolean {
  return (err as SdkErrorLike | null)?.name === 'ConditionalCheckFailedException';
}

export function isRetriable(err: unknown): boolean {
  const e = (err ?? {}) as SdkErrorLike;
  if (e.name && RETRIABLE.has(e.name)) return true;
  if (e.code && NETWORK.has(e.code)) return true;
  if (e.$fault === 'server' || e.$retryable) return true;
  return (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * Maps a failed DynamoDB call to the error tree: throttling, 5xx and network failures become
 * RetriableError, anything else ConnectError; both name the operation and keep the SDK error as cause.
 * Project errors pass through unchanged.
 */
export function toStoreError(err: unknown, what: string): Error {
  if (err instanceof ConnectError) return err;
  const e = (err ?? {}) as SdkErrorLike;
  const detail = `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
  if (isRetriable(err))
    return new RetriableError(`${what} failed, and may succeed if retried (${detail})`, { cause: err });
  return new ConnectError(`${what} failed (${detail})`, { cause: err });
}
