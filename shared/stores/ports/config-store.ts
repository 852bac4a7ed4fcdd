/**
 * Desired state of connectors: Kafka's config topic (`connector-<name>`, `target-state-<name>`,
 * `task-<name>-<n>` + `commit-<name>`, `restart-connector-<name>`; spec section 7) as a port.
 */

/** What a connector should be doing (Kafka's TargetState, stored as `state.v2`). */
export const TargetState = { STARTED: 'STARTED', PAUSED: 'PAUSED', STOPPED: 'STOPPED' } as const;
export type TargetState = (typeof TargetState)[keyof typeof TargetState];

/** A connector's config and target state, kept in one record so that one write changes both atomically. */
export interface ConnectorRecord {
  readonly name: string;
  /** Exactly as submitted (key order included); config-provider placeholders such as `${secretsmanager:…}` are never resolved here. */
  readonly config: Readonly<Record<string, string>>;
  readonly targetState: TargetState;
  /**
   * Bumped by one on every write of config or target state (and by delete). Never reused for a
   * name: a connector re-created after delete continues above the generation it was deleted at,
   * so leases and caches keyed on generations stay ordered.
   */
  readonly generation: number;
  /** Milliseconds since the epoch, from the store's clock. */
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The task configs of one connector, visible only as a complete set (Kafka's `commit-<name>`). */
export interface TaskConfigs {
  readonly connector: string;
  /** The connector generation these were computed from. */
  readonly generation: number;
  /** One config per task, task 0 first. Empty when the connector is stopped. */
  readonly configs: ReadonlyArray<Readonly<Record<string, string>>>;
  readonly updatedAt: number;
}

/** `POST /connectors/{name}/restart?includeTasks&onlyFailed` (KIP-745), kept until the herder completes it. */
export interface RestartRequest {
  readonly connector: string;
  readonly includeTasks: boolean;
  readonly onlyFailed: boolean;
  readonly requestedAt: number;
}

export interface ConfigWriteOptions {
  /**
   * Write only if the record is still at this generation, else ConcurrentUpdateError. Without it
   * the write applies to whatever is current, and still never loses a concurrent write.
   */
  readonly expectedGeneration?: number;
}

/**
 * A new config, or a function from the current record to the new config (PATCH semantics). The
 * function may be called more than once (it is re-run on the newest record after losing a race),
 * so it must not have side effects.
 */
export type ConfigChange =
  | Readonly<Record<string, string>>
  | ((current: ConnectorRecord) => Readonly<Record<string, string>>);

/**
 * Connector configs, target states, task configs and restart requests. Reads are strongly
 * consistent. Errors: NotFoundError, AlreadyExistsError, ConcurrentUpdateError (a ConflictError),
 * BadRequestError for values that cannot be stored, RetriableError when the backend is throttled or down.
 */
export interface ConfigStore {
  /**
   * Creates a connector at target state `STARTED` unless told otherwise (`initial_state`, KIP-980).
   * @throws AlreadyExistsError when a connector of that name exists.
   */
  create(name: string, config: Readonly<Record<string, string>>, options?: CreateOptions): Promise<ConnectorRecord>;
  /**
   * Replaces the config and bumps the generation; the target state is untouched.
   * @throws NotFoundError when absent; ConcurrentUpdateError when `expectedGeneration` is stale.
   */
  update(name: string, change: ConfigChange, options?: ConfigWriteOptions): Promise<ConnectorRecord>;
  /**
   * Sets the target state and bumps the generation (even when the state is unchanged: Kafka writes
   * the record again too); the config is untouched.
   * @throws NotFoundError, ConcurrentUpdateError as for update.
   */
  setTargetState(name: string, state: TargetState, options?: ConfigWriteOptions): Promise<ConnectorRecord>;
  /**
   * Deletes the connector, its task configs and its pending restart request.
   * @throws NotFoundError when absent; ConcurrentUpdateError when `expectedGeneration` is stale.
   */
  delete(name: string, options?: ConfigWriteOptions): Promise<void>;
  /** The connector, or null when absent. */
  get(name: string): Promise<ConnectorRecord | null>;
  /** Names of all connectors, sorted (by UTF-16 code units, as JavaScript sorts strings). */
  list(): Promise<string[]>;
  /**
   * Publishes the task configs computed from connector generation `generation`, replacing the
   * previous set as one unit: readers see the old set or the new one, never a mix. Any size is fine.
   * @throws NotFoundError when the connector is absent; ConcurrentUpdateError when its generation is
   *   no longer `generation` (the configs were computed from a stale config; recompute them).
   */
  putTaskConfigs(
    name: string,
    generation: number,
    configs: ReadonlyArray<Readonly<Record<string, string>>>,
  ): Promise<TaskConfigs>;
  /** The last published task configs, or null when none were published (or the connector is absent). */
  getTaskConfigs(name: string): Promise<TaskConfigs | null>;
  /** Records a restart request (replacing a pending one for the same connector); requestedAt comes from the clock. */
  requestRestart(request: Omit<RestartRequest, 'requestedAt'>): Promise<RestartRequest>;
  getRestartRequest(name: string): Promise<RestartRequest | null>;
  /** Pending restart requests, sorted by connector name. */
  listRestartRequests(): Promise<RestartRequest[]>;
  /**
   * Removes `request` once the herder has carried it out, but only if it is still the pending one
   * (a newer request that arrived meanwhile stays). @returns whether it was removed.
   */
  completeRestart(request: RestartRequest): Promise<boolean>;
}

export interface CreateOptions {
  readonly targetState?: TargetState;
}
