import type {
  ActiveTopicsInfo,
  ConnectorInfo,
  ConnectorOffsets,
  ConnectorStateInfo,
  LoggerLevel,
  Message,
  PluginInfo,
  RestartRequest,
  ServerInfo,
  TargetState,
  TaskInfo,
  TaskState,
  WorkerStatus,
} from '../rest/entities';

/** `GET /connectors?expand=…` entries: what was asked for, when known. */
export interface ExpandedConnector {
  status?: ConnectorStateInfo;
  info?: ConnectorInfo | null;
}

/**
 * The one command surface of Kafka Connect (Kafka's Herder as its REST resources use it). The REST
 * function is a thin router over it; every operation that changes desired state writes it durably
 * and signals the herder, then returns.
 *
 * Errors: NotFoundError (404), AlreadyExistsError / ConflictError (409), BadRequestError (400) and
 * RestError (its own status) carry Kafka's message texts.
 */
export interface ConnectService {
  serverInfo(): Promise<ServerInfo>;
  health(): Promise<{ statusCode: number; status: WorkerStatus }>;

  connectors(): Promise<string[]>;
  connectorsExpanded(expand: ReadonlySet<string>): Promise<Record<string, ExpandedConnector>>;
  createConnector(
    name: string,
    config: Record<string, string>,
    initialState: TargetState | null,
  ): Promise<ConnectorInfo>;
  connectorInfo(name: string): Promise<ConnectorInfo>;
  connectorConfig(name: string): Promise<Record<string, string>>;
  /** Creates or replaces; `created` tells which (201 or 200). */
  putConnectorConfig(name: string, config: Record<string, string>): Promise<{ created: boolean; info: ConnectorInfo }>;
  /** Merges; a null value removes the key (Kafka's ConnectUtils.patchConfig). */
  patchConnectorConfig(name: string, patch: Record<string, string | null>): Promise<ConnectorInfo>;
  deleteConnector(name: string): Promise<void>;

  connectorStatus(name: string): Promise<ConnectorStateInfo>;
  /** null for the plain 204 restart; the status with RESTARTING instances for the 202 form. */
  restartConnector(name: string, request: RestartRequest): Promise<ConnectorStateInfo | null>;
  pauseConnector(name: string): Promise<void>;
  resumeConnector(name: string): Promise<void>;
  stopConnector(name: string): Promise<void>;

  taskConfigs(name: string): Promise<TaskInfo[]>;
  tasksConfig(name: string): Promise<Record<string, Record<string, string>>>;
  taskStatus(name: string, task: number): Promise<TaskState>;
  restartTask(name: string, task: number): Promise<void>;

  connectorActiveTopics(name: string): Promise<ActiveTopicsInfo>;
  resetConnectorActiveTopics(name: string): Promise<void>;

  connectorOffsets(name: string): Promise<ConnectorOffsets>;
  alterConnectorOffsets(name: string, offsets: ConnectorOffsets): Promise<Message>;
  resetConnectorOffsets(name: string): Promise<Message>;

  connectorPlugins(connectorsOnly: boolean): Promise<PluginInfo[]>;
  /** The ConfigKeyInfo list of a plugin (GET /connector-plugins/{plugin}/config). */
  pluginConfig(plugin: string): Promise<unknown[]>;
  /** The ConfigInfos of a config (PUT /connector-plugins/{plugin}/config/validate). */
  validateConfig(plugin: string, config: Record<string, string>): Promise<unknown>;

  loggers(): Promise<Record<string, LoggerLevel>>;
  logger(name: string): Promise<LoggerLevel>;
  /** Worker scope returns the affected logger names (200); cluster scope returns null (204). */
  setLoggerLevel(name: string, level: string, scope: 'worker' | 'cluster'): Promise<string[] | null>;
}
