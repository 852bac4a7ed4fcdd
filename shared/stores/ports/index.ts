export type {
  ConfigChange,
  ConfigStore,
  ConfigWriteOptions,
  ConnectorRecord,
  CreateOptions,
  RestartRequest,
  TaskConfigs,
} from './config-store';
export { TargetState } from './config-store';
export type { ConnectorTaskId, Lease, LeaseStore } from './lease-store';
export type {
  OffsetEntry,
  OffsetPrimitive,
  OffsetStore,
  OffsetWrite,
  OffsetWriteOptions,
  PrimitiveMap,
} from './offset-store';
export type { RetryFailure, RetryKey, RetryState, RetryStore } from './retry-store';
export type {
  ConnectorStatus,
  ConnectorStatuses,
  StatusStore,
  StatusUpdate,
  TaskStatus,
  TopicStatus,
} from './status-store';
export { InstanceState } from './status-store';
export type { Stores } from './stores';
export { canonicalPartition, MAX_CONFIG_BYTES, MAX_ERROR_LENGTH, MAX_TRACE_LENGTH } from './validation';
