import { type Clock, ConnectError, RetriableError } from '../api';

/** Bounded exponential backoff for control-plane calls. */
export interface RetryOptions {
  /** Tries per call, the first included (default 5). */
  readonly attempts?: number;
  /** First backoff (default 250 ms), doubled per retry. */
  readonly baseDelayMs?: number;
  /** Longest backoff (default 5 s). */
  readonly maxDelayMs?: number;
}

/**
 * SDK errors worth repeating: throttling (Lambda's TooManyRequestsException, Scheduler's
 * ThrottlingException), conflicts with an operation in flight (Lambda's ResourceConflictException
 * and ResourceInUseException while an event source mapping is Creating or Updating, Scheduler's
 * ConflictException) and service-side failures. The SDK retries throttling itself first; these
 * retries outlast the seconds an ESM update keeps it busy.
 */
const RETRIABLE = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'ResourceConflictException',
  'ResourceInUseException',
  'ConflictException',
  'ServiceException',
  'InternalServerException',
  'ServiceUnavailableException',
  'TimeoutError',
]);

export function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

export function isNotFound(err: unknown): boolean {
  return errorName(err) === 'ResourceNotFoundException';
}

export function isRetriable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (RETRIABLE.has(err.name)) return true;
  const meta = err as { $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  return meta.$retryable !== undefined || (meta.$metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * The project's error for an SDK failure: RetriableError when repeating may help, ConnectError
 * otherwise; both name the operation and keep the SDK error as `cause`.
 */
export function toConnectError(what: string, err: unknown): ConnectError {
  if (err instanceof ConnectError) return err;
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const message = `${what} failed: ${detail}`;
  return isRetriable(err) ? new RetriableError(message, { cause: err }) : new ConnectError(message, { cause: err });
}

/** Runs SDK calls with bounded backoff; nothing the SDK throws leaves unwrapped. */
export class AwsCalls {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly clock: Clock,
    retry: RetryOptions = {},
  ) {
    this.attempts = Math.max(1, retry.attempts ?? 5);
    this.baseDelayMs = retry.baseDelayMs ?? 250;
    this.maxDelayMs = retry.maxDelayMs ?? 5_000;
  }

  /** @throws RetriableError or ConnectError naming `what`, with the SDK error as cause */
  async send<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (!isRetriable(err) || attempt >= this.attempts) throw toConnectError(what, err);
        await this.clock.sleep(Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  /** Like send(), but a missing resource (ResourceNotFoundException) is null. */
  sendOrNull<T>(what: string, call: () => Promise<T>): Promise<T | null> {
    return this.send(what, async () => {
      try {
        return await call();
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    });
  }

  /** Like send(), for deletes: a resource already gone is success. */
  async delete(what: string, call: () => Promise<unknown>): Promise<void> {
    await this.sendOrNull(what, call);
  }
}
