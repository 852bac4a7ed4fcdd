import { LeaseHeldError, LeaseLostError, StaleGenerationError } from '../errors';
import type { ConnectorTaskId, Lease, LeaseStore } from '../ports';
import { checkTtl, leaseHeldMessage, staleGenerationMessage, taskName } from '../ports/leases';

/** LeaseStore in process memory, for unit tests. */
export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, Lease>();

  async acquire(
    id: ConnectorTaskId,
    owner: string,
    configGeneration: number,
    ttlMs: number,
    now: number,
  ): Promise<Lease> {
    checkTtl(ttlMs);
    const key = taskName(id);
    const stored = this.leases.get(key);
    if (stored && stored.configGeneration > configGeneration) {
      throw new StaleGenerationError(staleGenerationMessage(id, configGeneration, stored.configGeneration), {
        configGeneration,
        storedGeneration: stored.configGeneration,
      });
    }
    if (stored && stored.expiresAt > now) {
      throw new LeaseHeldError(leaseHeldMessage(id, stored), { owner: stored.owner, expiresAt: stored.expiresAt });
    }
    const lease: Lease = {
      connector: id.connector,
      task: id.task,
      owner,
      epoch: (stored?.epoch ?? 0) + 1,
      configGeneration,
      expiresAt: now + ttlMs,
    };
    this.leases.set(key, lease);
    return { ...lease };
  }

  async renew(lease: Lease, ttlMs: number, now: number): Promise<Lease> {
    checkTtl(ttlMs);
    const stored = this.leases.get(taskName(lease));
    if (!stored || stored.owner !== lease.owner || stored.epoch !== lease.epoch || stored.expiresAt === 0) {
      throw new LeaseLostError(`Lease of task ${taskName(lease)} (epoch ${lease.epoch}) was lost`);
    }
    const renewed: Lease = { ...stored, expiresAt: now + ttlMs };
    this.leases.set(taskName(lease), renewed);
    return { ...renewed };
  }

  async release(lease: Lease): Promise<void> {
    const stored = this.leases.get(taskName(lease));
    if (stored && stored.owner === lease.owner && stored.epoch === lease.epoch) {
      this.leases.set(taskName(lease), { ...stored, expiresAt: 0 });
    }
  }

  async get(id: ConnectorTaskId): Promise<Lease | null> {
    const stored = this.leases.get(taskName(id));
    return stored ? { ...stored } : null;
  }
}
