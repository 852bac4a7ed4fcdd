import { type Clock, ConnectError, RetriableError } from '../../api';
import type { ErrorContext, ErrorReporter } from './error-context';
import { ANY_ERROR_TOLERABLE, Stage, type ToleranceType } from './stage';

/** The first backoff; each retry doubles it (Kafka's RetryWithToleranceOperator.RETRIES_DELAY_MIN_MS). */
export const RETRIES_DELAY_MIN_MS = 300;

/**
 * The operator gave up on an error it may not tolerate, so the task must fail: Kafka's "Tolerance
 * exceeded in error handler" (errors.tolerance=none), or "Unhandled exception in error handler"
 * for an error of a kind its stage never tolerates (a non-retriable put or produce error).
 */
export class ToleranceExceededError extends ConnectError {
  override name = 'ToleranceExceededError';

  constructor(
    readonly stage: Stage,
    readonly executingClass: string,
    cause: Error,
    message = 'Tolerance exceeded in error handler',
  ) {
    super(message, { cause });
  }
}

/** What a synchronous attempt returns instead of throwing, so the hot path stays free of awaits. */
export class Failure {
  constructor(readonly error: Error) {}
}

/** A record the operator skipped under errors.tolerance=all. */
export const SKIPPED: unique symbol = Symbol('skipped');

export interface RetryWithToleranceOptions<Original> {
  /** errors.retry.timeout: total retry time; 0 means no retries, -1 retries forever. */
  retryTimeoutMs: number;
  /** errors.retry.delay.max.ms */
  maxDelayMs: number;
  tolerance: ToleranceType;
  reporters: ReadonlyArray<ErrorReporter<Original>>;
  clock: Clock;
  /** Random in [0, 1), injected so tests can fix the jitter. */
  random?: () => number;
}

/**
 * Kafka's RetryWithToleranceOperator: one operator serves every stage. Retriable errors are
 * retried with exponential backoff until errors.retry.timeout; then, or at once for other
 * errors, the failure goes to every reporter (log, dead letter queue) and is either tolerated
 * (the record is skipped) or fails the task. Only converter and transform errors are tolerable
 * whatever their kind; in other stages only retriable errors are.
 */
export class RetryWithToleranceOperator<Original> {
  private totalFailures = 0;

  constructor(private readonly options: RetryWithToleranceOptions<Original>) {}

  /** Runs `op` once, synchronously; a thrown error comes back as a Failure for `recover`. */
  attempt<T>(op: () => T): T | Failure {
    try {
      return op();
    } catch (err) {
      return new Failure(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /**
   * Handles a failed attempt: retries `op` while the error is retriable and time remains, then
   * reports. @returns the value of a successful retry, or SKIPPED when the failure is tolerated.
   * @throws ToleranceExceededError when it is not (after reporting it).
   */
  async recover<T>(
    failure: Failure,
    op: () => T | Promise<T>,
    stage: Stage,
    executingClass: string,
    original: Original,
  ): Promise<T | typeof SKIPPED> {
    let error = failure.error;
    const started = this.options.clock.now();
    for (let attempt = 1; error instanceof RetriableError && this.mayRetry(started); attempt++) {
      await this.backoff(attempt, started);
      try {
        return await op();
      } catch (err) {
        error = err instanceof Error ? err : new Error(String(err));
      }
    }
    return this.fail({ stage, executingClass, error, original });
  }

  /**
   * Runs a synchronous stage (a converter call) once; only a failure takes the async path of
   * `recover`, so the common case costs no retry machinery.
   */
  async attemptOrRecover<T>(
    op: () => T,
    stage: Stage,
    executingClass: string,
    original: Original,
  ): Promise<T | typeof SKIPPED> {
    const attempt = this.attempt(op);
    return attempt instanceof Failure ? this.recover(attempt, op, stage, executingClass, original) : attempt;
  }

  /**
   * Applies a transformation chain to one record. A failing stage is reported with the
   * transform's own error and the executing transformation's class (what Kafka's DLQ headers
   * name), read from the chain's stage error. @returns the record, or null when dropped or skipped.
   */
  async transform<R>(chain: { apply(record: R): R | null }, record: R, original: Original): Promise<R | null> {
    const attempt = this.attempt(() => chain.apply(record));
    if (!(attempt instanceof Failure)) return attempt;
    const stage = attempt.error as Error & { className?: unknown };
    const className =
      typeof stage.className === 'string' ? stage.className : 'org.apache.kafka.connect.transforms.Transformation';
    const cause = stage.cause instanceof Error ? stage.cause : attempt.error;
    const recovered = await this.recover(
      new Failure(cause),
      () => chain.apply(record),
      Stage.TRANSFORMATION,
      className,
      original,
    );
    return recovered === SKIPPED ? null : recovered;
  }

  /** Runs an async operation with retries and tolerance (poll, put, produce). */
  async execute<T>(
    op: () => T | Promise<T>,
    stage: Stage,
    executingClass: string,
    original: Original,
  ): Promise<T | typeof SKIPPED> {
    try {
      return await op();
    } catch (err) {
      return this.recover(
        new Failure(err instanceof Error ? err : new Error(String(err))),
        op,
        stage,
        executingClass,
        original,
      );
    }
  }

  /** Reports a failure and applies errors.tolerance to it. */
  fail(context: ErrorContext<Original>): typeof SKIPPED {
    this.totalFailures++;
    for (const reporter of this.options.reporters) reporter.report(context);
    // Kafka's execAndHandleError: the kind of error first, then the tolerance.
    const tolerable = ANY_ERROR_TOLERABLE.has(context.stage) || context.error instanceof RetriableError;
    if (!tolerable) {
      throw new ToleranceExceededError(
        context.stage,
        context.executingClass,
        context.error,
        'Unhandled exception in error handler',
      );
    }
    if (this.options.tolerance === 'all') return SKIPPED;
    throw new ToleranceExceededError(context.stage, context.executingClass, context.error);
  }

  /**
   * A failure the task itself reports (Kafka's executeFailed, behind a sink task's
   * ErrantRecordReporter): reported as it is, and tolerated under errors.tolerance=all whatever its
   * kind, because the task chose to skip the record rather than fail.
   * @throws ToleranceExceededError under errors.tolerance=none, after reporting.
   */
  failed(context: ErrorContext<Original>): void {
    this.totalFailures++;
    for (const reporter of this.options.reporters) reporter.report(context);
    if (this.options.tolerance !== 'all') {
      throw new ToleranceExceededError(context.stage, context.executingClass, context.error);
    }
  }

  /** Flushes every reporter: the DLQ must hold the skipped records before offsets move. */
  async flush(): Promise<void> {
    for (const reporter of this.options.reporters) await reporter.flush();
  }

  failures(): number {
    return this.totalFailures;
  }

  private mayRetry(started: number): boolean {
    const { retryTimeoutMs } = this.options;
    if (retryTimeoutMs < 0) return true;
    return this.options.clock.now() - started < retryTimeoutMs;
  }

  /** 300 ms × 2^(n-1), capped by a random delay up to errors.retry.delay.max.ms, never past the deadline. */
  private async backoff(attempt: number, started: number): Promise<void> {
    const { maxDelayMs, retryTimeoutMs, clock } = this.options;
    let delay = RETRIES_DELAY_MIN_MS * 2 ** (attempt - 1);
    if (delay > maxDelayMs) delay = Math.floor((this.options.random ?? Math.random)() * maxDelayMs);
    if (retryTimeoutMs >= 0) delay = Math.min(delay, Math.max(0, started + retryTimeoutMs - clock.now()));
    await clock.sleep(delay);
  }
}
