import { describe, expect, it } from 'vitest';
import { DataError, RetriableError } from '../../../../shared/api';
import {
  type ErrorContext,
  type ErrorReporter,
  Failure,
  RetryWithToleranceOperator,
  SKIPPED,
  Stage,
  ToleranceExceededError,
  type ToleranceType,
} from '../../../../shared/runtime';
import { fakeClock } from '../../../helpers/fake-clock';

class RecordingReporter implements ErrorReporter<string> {
  reports: ErrorContext<string>[] = [];
  flushes = 0;
  report(context: ErrorContext<string>) {
    this.reports.push(context);
  }
  async flush() {
    this.flushes++;
  }
}

function operator(tolerance: ToleranceType, retryTimeoutMs = 0, maxDelayMs = 60_000) {
  const clock = fakeClock();
  const reporter = new RecordingReporter();
  const op = new RetryWithToleranceOperator<string>({
    retryTimeoutMs,
    maxDelayMs,
    tolerance,
    reporters: [reporter],
    clock,
    random: () => 0.5,
  });
  return { op, clock, reporter };
}

describe('RetryWithToleranceOperator', () => {
  it('returns the value of a successful attempt without reporting', () => {
    // Prepare
    const { op, reporter } = operator('none');
    // Act
    const value = op.attempt(() => 42);
    // Assess
    expect(value).toBe(42);
    expect(reporter.reports).toEqual([]);
  });

  it('skips and reports a converter error under tolerance all', async () => {
    // Prepare
    const { op, reporter } = operator('all');
    const failure = op.attempt(() => {
      throw new DataError('bad json');
    });
    // Act
    const result = await op.recover(failure as Failure, () => 1, Stage.VALUE_CONVERTER, 'JsonConverter', 'rec-1');
    // Assess
    expect(result).toBe(SKIPPED);
    expect(reporter.reports).toHaveLength(1);
    expect(reporter.reports[0]).toMatchObject({
      stage: 'VALUE_CONVERTER',
      executingClass: 'JsonConverter',
      original: 'rec-1',
    });
    expect(op.failures()).toBe(1);
  });

  it('reports, then fails with "Tolerance exceeded in error handler" under tolerance none', async () => {
    // Prepare
    const { op, reporter } = operator('none');
    const cause = new DataError('bad json');
    // Act
    const outcome = op.recover(new Failure(cause), () => 1, Stage.VALUE_CONVERTER, 'JsonConverter', 'rec-1');
    // Assess
    await expect(outcome).rejects.toThrow(ToleranceExceededError);
    await expect(outcome).rejects.toMatchObject({ message: 'Tolerance exceeded in error handler', cause });
    expect(reporter.reports).toHaveLength(1);
  });

  it('does not tolerate a non-retriable error in the put stage even under tolerance all', async () => {
    // Prepare
    const { op } = operator('all');
    // Act
    const outcome = op.execute(
      () => {
        throw new Error('disk full');
      },
      Stage.TASK_PUT,
      'FileStreamSinkTask',
      'batch',
    );
    // Assess
    await expect(outcome).rejects.toThrow(ToleranceExceededError);
  });

  it('retries a retriable error with doubling backoff until it succeeds', async () => {
    // Prepare
    const { op, clock, reporter } = operator('none', 10_000);
    let calls = 0;
    // Act
    const result = await op.execute(
      () => {
        calls++;
        if (calls < 4) throw new RetriableError('try again');
        return 'written';
      },
      Stage.TASK_PUT,
      'Task',
      'batch',
    );
    // Assess
    expect(result).toBe('written');
    expect(clock.sleeps).toEqual([300, 600, 1200]);
    expect(reporter.reports).toEqual([]);
  });

  it('stops retrying at errors.retry.timeout, never sleeping past it', async () => {
    // Prepare
    const { op, clock } = operator('all', 1000);
    // Act
    const result = await op.execute(
      () => {
        throw new RetriableError('still down');
      },
      Stage.TASK_PUT,
      'Task',
      'batch',
    );
    // Assess
    expect(result).toBe(SKIPPED);
    expect(clock.sleeps).toEqual([300, 600, 100]);
  });

  it('caps the backoff with a random delay up to errors.retry.delay.max.ms', async () => {
    // Prepare
    const { op, clock } = operator('all', 5000, 1000);
    // Act
    await op.execute(
      () => {
        throw new RetriableError('still down');
      },
      Stage.KAFKA_PRODUCE,
      'Producer',
      'rec',
    );
    // Assess: 300, 600, then 1200 > 1000 so random(0.5) * 1000 = 500, repeatedly, until 5 s are spent.
    expect(clock.sleeps.slice(0, 4)).toEqual([300, 600, 500, 500]);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('does not retry when errors.retry.timeout is 0', async () => {
    // Prepare
    const { op, clock } = operator('all', 0);
    // Act
    const result = await op.execute(
      () => {
        throw new RetriableError('down');
      },
      Stage.TASK_POLL,
      'Task',
      'x',
    );
    // Assess
    expect(result).toBe(SKIPPED);
    expect(clock.sleeps).toEqual([]);
  });

  it('flushes every reporter', async () => {
    // Prepare
    const { op, reporter } = operator('all');
    // Act
    await op.flush();
    // Assess
    expect(reporter.flushes).toBe(1);
  });
});
