import type { ConfigStore } from './config-store';
import type { LeaseStore } from './lease-store';
import type { OffsetStore } from './offset-store';
import type { RetryStore } from './retry-store';
import type { StatusStore } from './status-store';

/** All the stores, as the runtime and the functions receive them (one adapter family at a time). */
export interface Stores {
  readonly configs: ConfigStore;
  readonly offsets: OffsetStore;
  readonly statuses: StatusStore;
  readonly leases: LeaseStore;
  readonly retries: RetryStore;
}
