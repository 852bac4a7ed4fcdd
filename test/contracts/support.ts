import type { Clock } from '../../shared/api';

/** A clock the test moves; sleep() advances it instead of waiting, so no test sleeps (STYLE rule 12). */
export interface FakeClock extends Clock {
  advance(ms: number): void;
}

export function fakeClock(start = 1_700_000_000_000): FakeClock {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * The error `promise` rejects with, handled at once: a rejection awaited only after other awaits
 * would otherwise be reported as unhandled. Fails the test when the promise resolves.
 */
export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}
