/**
 * Time, injected (as Kafka injects its `Time`): session timeouts, rebalance delays, transaction
 * timeouts and retention all read this clock, so tests drive them with a ManualClock and never sleep.
 */
export interface Clock {
  now(): number;
  /** Runs `task` after `ms`; returns a function that cancels it. Never keeps the process alive. */
  schedule(ms: number, task: () => void): () => void;
}

/** setTimeout's largest delay; a longer one would fire at once (TimeoutOverflowWarning). About 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(ms, task) {
    const timer = setTimeout(task, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** A clock that only moves when told to; due tasks run, in time order, inside `advance`. */
export class ManualClock implements Clock {
  private time: number;
  private readonly tasks = new Set<{ at: number; task: () => void }>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(ms: number, task: () => void): () => void {
    const entry = { at: this.time + Math.max(0, ms), task };
    this.tasks.add(entry);
    return () => this.tasks.delete(entry);
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.tasks].filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.tasks.delete(next);
      this.time = Math.max(this.time, next.at);
      next.task();
    }
    this.time = until;
  }
}
