/**
 * State stores: ports (what the runtime, herder and REST layer depend on), their in-memory adapters
 * and the stores' named errors. The DynamoDB adapters live in ./dynamodb (their own surface, so
 * code that only needs the ports never loads the AWS SDK).
 */
export {
  ConcurrentUpdateError,
  FencedError,
  LeaseHeldError,
  LeaseLostError,
  StaleGenerationError,
} from './errors';
export {
  createMemoryStores,
  MemoryConfigStore,
  MemoryLeaseStore,
  MemoryOffsetStore,
  MemoryRetryStore,
  MemoryStatusStore,
} from './memory';
export * from './ports';
