import type { Clock } from '../../api';
import type { Stores } from '../ports';
import { MemoryConfigStore } from './memory-config-store';
import { MemoryLeaseStore } from './memory-lease-store';
import { MemoryOffsetStore } from './memory-offset-store';
import { MemoryRetryStore } from './memory-retry-store';
import { MemoryStatusStore } from './memory-status-store';

/** A fresh, empty set of memory stores sharing one clock. */
export function createMemoryStores(options: { clock?: Clock } = {}): Stores {
  return {
    configs: new MemoryConfigStore(options),
    offsets: new MemoryOffsetStore(),
    statuses: new MemoryStatusStore(options),
    leases: new MemoryLeaseStore(),
    retries: new MemoryRetryStore(),
  };
}
