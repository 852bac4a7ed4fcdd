import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '../shared/api';
import type { SourceTaskPayload } from '../shared/runtime';

/** Invokes the source function with a schedule's payload, giving it `budgetMs` to run. */
export type SourceInvoker = (payload: SourceTaskPayload, remaining: () => number) => Promise<unknown>;

export interface SourceTimerOptions {
  payload: SourceTaskPayload;
  invoke: SourceInvoker;
  logger: Logger;
  clock: Clock;
  /** Each invocation's time budget (Lambda's timeout); the loop inside returns before it ends. */
  budgetMs?: number;
  /** Pause after a failed invocation before the next one (Scheduler would wait a minute). */
  retryDelayMs?: number;
}

/**
 * A local EventBridge Scheduler schedule: instead of once a minute, it invokes the source task's
 * handler back to back, so local data flows with sub-second latency. Stopping makes the running
 * invocation's remaining time zero, so its loop commits and returns promptly; so does a new
 * generation, so a changed config takes effect at once rather than when the invocation's budget
 * runs out.
 */
export class SourceTimer {
  private running = false;
  private loop: Promise<void> | null = null;
  private stopping = Promise.withResolvers<void>();
  /** Ends the running invocation early (its remaining time becomes zero) and any pause after it. */
  private interrupt = Promise.withResolvers<void>();
  private interrupted = false;

  constructor(private options: SourceTimerOptions) {}

  get payload(): SourceTaskPayload {
    return this.options.payload;
  }

  /** The next invocation carries `payload`; a new generation also ends the running one now. */
  update(payload: SourceTaskPayload): void {
    const changed = payload.generation !== this.options.payload.generation;
    this.options = { ...this.options, payload };
    if (changed) {
      this.interrupted = true;
      this.interrupt.resolve();
    }
  }

  isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = Promise.withResolvers<void>();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping.resolve();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    const { clock, logger, budgetMs = 60_000, retryDelayMs = 1000 } = this.options;
    while (this.running) {
      this.interrupted = false;
      this.interrupt = Promise.withResolvers<void>();
      const deadline = clock.now() + budgetMs;
      const remaining = () => (this.running && !this.interrupted ? Math.max(0, deadline - clock.now()) : 0);
      const pause = () => Promise.race([clock.sleep(retryDelayMs), this.stopping.promise, this.interrupt.promise]);
      try {
        const outcome = await this.options.invoke(this.options.payload, remaining);
        // A task that is not running (paused, stale, leased elsewhere) is asked again shortly.
        if (outcome !== 'completed' && !this.interrupted) await pause();
      } catch (err) {
        logger.error('source invocation failed', { payload: this.options.payload, error: err as Error });
        await pause();
      }
    }
  }
}
