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
 * invocation's remaining time zero, so its loop commits and returns promptly.
 */
export class SourceTimer {
  private running = false;
  private loop: Promise<void> | null = null;
  private stopping = Promise.withResolvers<void>();

  constructor(private options: SourceTimerOptions) {}

  get payload(): SourceTaskPayload {
    return this.options.payload;
  }

  /** Takes effect at the next invocation (a new generation after a config change). */
  update(payload: SourceTaskPayload): void {
    this.options = { ...this.options, payload };
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
      const deadline = clock.now() + budgetMs;
      const remaining = () => (this.running ? Math.max(0, deadline - clock.now()) : 0);
      try {
        const outcome = await this.options.invoke(this.options.payload, remaining);
        // A task that is not running (paused, stale, leased elsewhere) is asked again shortly.
        if (outcome !== 'completed') await Promise.race([clock.sleep(retryDelayMs), this.stopping.promise]);
      } catch (err) {
        logger.error('source invocation failed', { payload: this.options.payload, error: err as Error });
        await Promise.race([clock.sleep(retryDelayMs), this.stopping.promise]);
      }
    }
  }
}
