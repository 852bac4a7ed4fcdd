import type { Logger } from '@aws-lambda-powertools/logger';
import type { HerderSignal } from '../shared/runtime';

/**
 * The local stand-in for the configs table stream: a signal queues a reconcile of the connector.
 * Reconciles of one connector run one at a time, and signals that arrive while one is queued fold
 * into it, as a level-triggered herder allows.
 */
export class HerderQueue implements HerderSignal {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly queued = new Set<string>();

  constructor(
    private readonly reconcile: (name: string) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  async connectorChanged(name: string): Promise<void> {
    this.enqueue(name);
  }

  /** Queues a reconcile; resolves when it (or the one it folded into) has run. */
  enqueue(name: string): Promise<void> {
    const pending = this.chains.get(name) ?? Promise.resolve();
    if (this.queued.has(name)) return pending;
    this.queued.add(name);
    const next = pending.then(async () => {
      this.queued.delete(name);
      try {
        await this.reconcile(name);
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
}
