/**
 * State stores: the ports the runtime, herder and REST layer depend on, their in-memory adapters
 * (for unit tests) and the stores' named errors. The DynamoDB adapters are in ./dynamodb, a surface
 * of their own, so code that only needs the ports never loads the AWS SDK.
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
export {
  type ConfigChange,
  type ConfigStore,
  type ConfigWriteOptions,
  type ConnectorRecord,
  type ConnectorStatus,
  type ConnectorStatuses,
  type ConnectorTaskId,
  type CreateOptions,
  canonicalPartition,
  InstanceState,
  type Lease,
  type LeaseStore,
  MAX_CONFIG_BYTES,
  MAX_ERROR_LENGTH,
  MAX_TRACE_LENGTH,
  type OffsetEntry,
  type OffsetPrimitive,
  type OffsetStore,
  type OffsetWrite,
  type OffsetWriteOptions,
  type PrimitiveMap,
  type RestartRequest,
  type RetryFailure,
  type RetryKey,
  type RetryState,
  type RetryStore,
  type StatusStore,
  type StatusUpdate,
  type Stores,
  TargetState,
  type TaskConfigs,
  type TaskStatus,
  type TopicStatus,
} from './ports';
