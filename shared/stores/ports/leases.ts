/** Texts and checks both LeaseStore adapters share. */
import { BadRequestError } from '../../api';
import type { ConnectorTaskId, Lease } from './lease-store';

/** Kafka's ConnectorTaskId.toString(): `<connector>-<task>`. */
export function taskName(id: ConnectorTaskId): string {
  return `${id.connector}-${id.task}`;
}

export function checkTtl(ttlMs: number): void {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new BadRequestError(`Lease TTL must be positive, got ${ttlMs}`);
}

export function leaseHeldMessage(id: ConnectorTaskId, stored: Pick<Lease, 'owner' | 'expiresAt' | 'epoch'>): string {
  return `Task ${taskName(id)} is running in another invocation (${stored.owner}, epoch ${stored.epoch}, lease expires at ${new Date(stored.expiresAt).toISOString()})`;
}

export function staleGenerationMessage(id: ConnectorTaskId, configGeneration: number, stored: number): string {
  return `Task ${taskName(id)} already ran with connector config generation ${stored}; this invocation has generation ${configGeneration}`;
}
