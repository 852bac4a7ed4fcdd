export { MemoryConfigStore } from './memory-config-store';
export { MemoryLeaseStore } from './memory-lease-store';
export { MemoryOffsetStore } from './memory-offset-store';
export { MemoryRetryStore } from './memory-retry-store';
export { MemoryStatusStore } from './memory-status-store';
export { createMemoryStores } from './memory-stores';
