import {
  MemoryConfigStore,
  MemoryLeaseStore,
  MemoryOffsetStore,
  MemoryRetryStore,
  MemoryStatusStore,
} from '../../shared/stores';
import { configStoreContract } from './config-store.contract';
import { leaseStoreContract } from './lease-store.contract';
import { offsetStoreContract } from './offset-store.contract';
import { retryStoreContract } from './retry-store.contract';
import { statusStoreContract } from './status-store.contract';

// The same suites run against DynamoDB (dynalite) in test/integration/stores/dynamodb-stores.int.test.ts.
configStoreContract('memory', async (clock) => new MemoryConfigStore({ clock }));
offsetStoreContract('memory', async () => new MemoryOffsetStore());
statusStoreContract('memory', async (clock) => new MemoryStatusStore({ clock }));
leaseStoreContract('memory', async () => new MemoryLeaseStore());
retryStoreContract('memory', async () => new MemoryRetryStore());
