/**
 * Connector and task statuses and active topics: Kafka's status topic (`status-connector-<name>`,
 * `status-task-<name>-<n>`, `status-topic-<topic>:connector-<name>`; spec sections 2 and 7) as a port.
 */

/** What `/status` shows (Kafka's AbstractStatus.State; DESTROYED is a delete here, as in Kafka). */
export const InstanceState = {
  UNASSIGNED: 'UNASSIGNED',
  RUNNING: 'RUNNING',
  PAUSED: 'PAUSED',
  STOPPED: 'STOPPED',
  FAILED: 'FAILED',
  RESTARTING: 'RESTARTING',
} as const;
export type InstanceState = (typeof InstanceState)[keyof typeof InstanceState];

/** A status to write. */
export interface StatusUpdate {
  readonly state: InstanceState;
  /** The failure's stack trace; omitted when empty. Stored up to MAX_TRACE_LENGTH characters. */
  readonly trace?: string;
  /** Who reports it (Kafka's `worker_id`): e.g. the function and invocation that ran the task. */
  readonly workerId: string;
  /** The connector config generation the writer was working from (Kafka: the group generation). */
  readonly generation: number;
}

export interface ConnectorStatus extends StatusUpdate {
  readonly connector: string;
  /** Milliseconds since the epoch, from the store's clock. */
  readonly updatedAt: number;
}

export interface TaskStatus extends ConnectorStatus {
  readonly task: number;
}

export interface ConnectorStatuses {
  readonly connector: ConnectorStatus | null;
  /** Sorted by task id. */
  readonly tasks: TaskStatus[];
}

/** A topic a connector has used (KIP-558, `GET /connectors/{name}/topics`). */
export interface TopicStatus {
  readonly connector: string;
  readonly topic: string;
  /** When it was first recorded since the last reset. */
  readonly discoverTimestamp: number;
}

/**
 * Statuses follow Kafka's KafkaStatusBackingStore rule: a write carrying an older generation than
 * the stored status is dropped (put returns false), so a slow writer from an old configuration never
 * hides what a newer one reported. Equal or newer generations overwrite.
 */
export interface StatusStore {
  /** @returns false when a status with a newer generation is stored (nothing was written). */
  putConnector(connector: string, status: StatusUpdate): Promise<boolean>;
  /** @returns false when a status with a newer generation is stored (nothing was written). */
  putTask(connector: string, task: number, status: StatusUpdate): Promise<boolean>;
  getConnector(connector: string): Promise<ConnectorStatus | null>;
  getTask(connector: string, task: number): Promise<TaskStatus | null>;
  /** The connector's status and all its task statuses (sorted by task id). */
  list(connector: string): Promise<ConnectorStatuses>;
  /** Removes one task's status (Kafka tombstones the statuses of tasks that no longer exist). */
  deleteTask(connector: string, task: number): Promise<void>;
  /** Removes the connector's status, its task statuses and its active topics (connector deleted). */
  deleteAll(connector: string): Promise<void>;
  /**
   * Records that the connector uses `topic`; the first `now` since the last reset is kept.
   * Cheap when already recorded: adapters may remember recorded topics for a while.
   */
  recordTopic(connector: string, topic: string, now: number): Promise<void>;
  /** Active topics, sorted by name. */
  listTopics(connector: string): Promise<TopicStatus[]>;
  /** `PUT /connectors/{name}/topics/reset`. */
  resetTopics(connector: string): Promise<void>;
}
