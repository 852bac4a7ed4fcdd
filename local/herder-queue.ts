import type { Logger } from '@aws-lambda-powertools/logger';
import type { HerderSignal, ReconcileOptions } from '../shared/runtime';

/**
 * The local stand-in for the configs table stream and the repair schedule: every reconcile goes
 * through here, so reconciles of one connector run one at a time (two at once could act on
 * different reads of the config, e.g. a repair restarting what a stop just stopped). Signals that
 * arrive while one is queued fold into it, as a level-triggered herder allows.
 */
export class HerderQueue implements HerderSignal {
  private readonly chains = new Map<string, Promise<void>>();
  /** Reconciles queued and not started yet, with the options of every signal folded into them. */
  private readonly queued = new Map<string, ReconcileOptions>();
  private closed = false;

  constructor(
    private readonly reconcile: (name: string, options: ReconcileOptions) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  async connectorChanged(name: string): Promise<void> {
    this.enqueue(name);
  }

  /** Queues a reconcile; resolves when it (or the one it folded into) has run. */
  enqueue(name: string, options: ReconcileOptions = {}): Promise<void> {
    if (this.closed) return Promise.resolve();
    const pending = this.chains.get(name) ?? Promise.resolve();
    const folded = this.queued.get(name);
    if (folded) {
      if (options.refreshTasks) folded.refreshTasks = true;
      return pending;
    }
    const own: ReconcileOptions = { ...options };
    this.queued.set(name, own);
    const next = pending.then(async () => {
      this.queued.delete(name);
      if (this.closed) return;
      try {
        await this.reconcile(name, own);
      } catch (err) {
        this.logger.error('reconcile failed', { connector: name, error: err as Error });
      }
    });
    this.chains.set(name, next);
    void next.finally(() => {
      if (this.chains.get(name) === next) this.chains.delete(name);
    });
    return next;
  }

  /** Waits for every queued reconcile (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** Accepts no more signals, and waits for the reconcile running now (queued ones are dropped). */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }
}
