/**
 * The Kafka Connect REST entities, with Kafka's exact JSON field names (spec 1.1). These are the
 * shapes users' tools parse, so a field is never renamed here.
 */

import type { InstanceState } from '../../stores';

export type ConnectorType = 'source' | 'sink' | 'unknown';

/** Instance and target states are the stores' (Kafka's AbstractStatus.State and TargetState). */
export { InstanceState, TargetState } from '../../stores';

export interface ConnectorTaskId {
  connector: string;
  task: number;
}

export interface ConnectorInfo {
  name: string;
  config: Record<string, string>;
  tasks: ConnectorTaskId[];
  type: ConnectorType;
}

export interface TaskInfo {
  id: ConnectorTaskId;
  config: Record<string, string>;
}

/** `trace` is left out when empty (Kafka's @JsonInclude(NON_EMPTY)). */
export interface ConnectorState {
  state: InstanceState;
  worker_id: string;
  trace?: string;
}

export interface TaskState extends ConnectorState {
  id: number;
}

export interface ConnectorStateInfo {
  name: string;
  connector: ConnectorState;
  tasks: TaskState[];
  type: ConnectorType;
}

export interface ServerInfo {
  version: string;
  commit: string;
  kafka_cluster_id: string;
}

export interface WorkerStatus {
  status: 'healthy' | 'starting' | 'unhealthy';
  message: string;
}

export interface ConnectorOffset {
  partition: Record<string, unknown>;
  offset: Record<string, unknown> | null;
}

export interface ConnectorOffsets {
  offsets: ConnectorOffset[];
}

export interface Message {
  message: string;
}

export interface ActiveTopicsInfo {
  topics: string[];
}

export interface LoggerLevel {
  level: string;
  last_modified: number | null;
}

export type PluginType = 'source' | 'sink' | 'converter' | 'header_converter' | 'transformation' | 'predicate';

export interface PluginInfo {
  class: string;
  type: PluginType;
  version?: string;
}

/** Which instances a restart covers (Kafka's RestartRequest). */
export interface RestartRequest {
  includeTasks: boolean;
  onlyFailed: boolean;
}
