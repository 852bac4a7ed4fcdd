import {
  AlreadyExistsError,
  BadRequestError,
  type Clock,
  ConnectError,
  NotFoundError,
  SinkConnector,
  SourceConnector,
} from '../../api';
import type { KafkaAdmin } from '../../kafka';
import { isLogLevelName, type LoggerRegistry } from '../../observability';
import {
  type ConnectorRecord,
  type ConnectorStatus,
  InstanceState,
  type Stores,
  TargetState,
  type TaskConfigs,
} from '../../stores';
import type {
  ActiveTopicsInfo,
  ConnectorInfo,
  ConnectorOffset,
  ConnectorOffsets,
  ConnectorState,
  ConnectorStateInfo,
  ConnectorType,
  LoggerLevel,
  Message,
  PluginInfo,
  RestartRequest,
  ServerInfo,
  TaskInfo,
  TaskState,
  WorkerStatus,
} from '../rest/entities';
import { RestError } from '../rest/rest-error';
import { configErrorsMessage } from '../validation/config-infos';
import type { ConnectService, ExpandedConnector } from './connect-service';
import { sinkConsumerGroup } from './consumer-groups';
import type { ConfigInfosLike, HerderSignal, PluginCatalog } from './ports';
import { toSinkConnectorOffset, toSinkOffsetChanges } from './sink-offsets';

const NAME_CONFIG = 'name';
const CONNECTOR_CLASS_CONFIG = 'connector.class';
/** How many connectors GET /connectors?expand=… reads at once. */
const EXPAND_CONCURRENCY = 16;
/** How Kafka's Password shows itself. */
const HIDDEN = '[hidden]';

export interface HerderConnectServiceDeps {
  stores: Stores;
  plugins: PluginCatalog;
  herder: HerderSignal;
  /** Kafka admin for sink offsets and the cluster id. */
  kafka: KafkaAdmin;
  loggers: LoggerRegistry;
  clock: Clock;
  /** Reported as `worker_id` for statuses the control plane writes itself. */
  workerId: string;
  /** GET / answers: the Kafka Connect version whose behaviour we match, and our build's commit. */
  version: string;
  commit: string;
  /** Kafka's topic.tracking.enable / topic.tracking.allow.reset (both default true). */
  topicTracking?: { enable: boolean; allowReset: boolean };
}

/**
 * The command surface over the stores (Kafka's AbstractHerder + DistributedHerder request
 * handling). Desired state is written durably first, then the herder is signalled; nothing here
 * starts tasks. Messages are Kafka's, verbatim, so tools that match on them keep working.
 */
export class HerderConnectService implements ConnectService {
  private readonly topicTracking: { enable: boolean; allowReset: boolean };

  constructor(private readonly deps: HerderConnectServiceDeps) {
    this.topicTracking = deps.topicTracking ?? { enable: true, allowReset: true };
  }

  async serverInfo(): Promise<ServerInfo> {
    return {
      version: this.deps.version,
      commit: this.deps.commit,
      kafka_cluster_id: await this.deps.kafka.clusterId(),
    };
  }

  async health(): Promise<{ statusCode: number; status: WorkerStatus }> {
    try {
      await this.deps.stores.configs.list();
      return {
        statusCode: 200,
        status: { status: 'healthy', message: 'Worker has completed startup and is ready to handle requests.' },
      };
    } catch {
      return {
        statusCode: 500,
        status: {
          status: 'unhealthy',
          message:
            'Worker was unable to handle this request and may be unable to handle other requests. The state store could not be read.',
        },
      };
    }
  }

  connectors(): Promise<string[]> {
    return this.deps.stores.configs.list();
  }

  async connectorsExpanded(expand: ReadonlySet<string>): Promise<Record<string, ExpandedConnector>> {
    const names = await this.connectors();
    const expandOne = async (name: string): Promise<ExpandedConnector | null> => {
      const entry: ExpandedConnector = {};
      if (expand.has('status')) {
        const status = await this.stateInfo(name);
        if (!status) return null; // Kafka leaves out connectors that have no status yet
        entry.status = status;
      }
      if (expand.has('info')) entry.info = await this.infoOrNull(name);
      return entry;
    };
    // A few store reads per connector: run them EXPAND_CONCURRENCY connectors at a time rather than
    // one after the other, so a listing of many connectors is not their sum of round trips.
    const entries: Array<ExpandedConnector | null> = new Array(names.length).fill(null);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < names.length; i = next++) entries[i] = await expandOne(names[i] as string);
    };
    await Promise.all(Array.from({ length: Math.min(EXPAND_CONCURRENCY, names.length) }, worker));
    const result: Record<string, ExpandedConnector> = {};
    names.forEach((name, i) => {
      const entry = entries[i];
      if (entry) result[name] = entry;
    });
    return result;
  }

  async createConnector(
    name: string,
    config: Record<string, string>,
    initialState: TargetState | null,
  ): Promise<ConnectorInfo> {
    const withName = putConnectorName(name, config);
    await this.requireValid(withName);
    requireStorableName(name);
    const record = await this.deps.stores.configs.create(name, withName, {
      targetState: initialState ?? TargetState.STARTED,
    });
    await this.deps.herder.connectorChanged(name);
    return this.info(record, null);
  }

  async connectorInfo(name: string): Promise<ConnectorInfo> {
    const info = await this.infoOrNull(name);
    if (!info) throw notFound(name);
    return info;
  }

  async connectorConfig(name: string): Promise<Record<string, string>> {
    return { ...(await this.record(name)).config };
  }

  async putConnectorConfig(name: string, config: Record<string, string>) {
    const withName = putConnectorName(name, config);
    await this.requireValid(withName);
    requireStorableName(name);
    const { configs } = this.deps.stores;
    let record: ConnectorRecord;
    let created = false;
    try {
      record = await configs.update(name, withName);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      try {
        record = await configs.create(name, withName);
        created = true;
      } catch (createErr) {
        // Created concurrently between our update and create: update what is there now.
        if (!(createErr instanceof AlreadyExistsError)) throw createErr;
        record = await configs.update(name, withName);
      }
    }
    await this.deps.herder.connectorChanged(name);
    return { created, info: this.info(record, await configs.getTaskConfigs(name)) };
  }

  async patchConnectorConfig(name: string, patch: Record<string, string | null>): Promise<ConnectorInfo> {
    const current = await this.record(name);
    const merged = putConnectorName(name, applyPatch(current.config, patch));
    await this.requireValid(merged);
    // Re-apply the patch to whatever is current when the write lands, so a concurrent change to
    // other keys is not lost (the store re-runs this function after losing a race).
    const record = await this.deps.stores.configs.update(name, (latest) =>
      putConnectorName(name, applyPatch(latest.config, patch)),
    );
    await this.deps.herder.connectorChanged(name);
    return this.info(record, await this.deps.stores.configs.getTaskConfigs(name));
  }

  async deleteConnector(name: string): Promise<void> {
    if (!storableName(name)) throw notFound(name);
    await this.deps.stores.configs.delete(name);
    // Kafka tombstones statuses once the connector is gone; source offsets are kept, as in Kafka,
    // so a connector re-created under the same name resumes where it was.
    await this.deps.stores.statuses.deleteAll(name);
    await this.deps.herder.connectorChanged(name);
  }

  async connectorStatus(name: string): Promise<ConnectorStateInfo> {
    const status = await this.stateInfo(name);
    if (!status) throw new NotFoundError(`No status found for connector ${name}`);
    return status;
  }

  async restartConnector(name: string, request: RestartRequest): Promise<ConnectorStateInfo | null> {
    const record = await this.configRecord(name);
    if (!record) throw new NotFoundError(`Unknown connector: ${name}`);
    if (!request.includeTasks && !request.onlyFailed) {
      await this.deps.stores.configs.requestRestart({ connector: name, includeTasks: false, onlyFailed: false });
      await this.deps.herder.connectorChanged(name);
      return null;
    }
    const status = await this.stateInfo(name, record);
    if (!status) throw new NotFoundError(`Status for connector ${name} not found`);
    await this.deps.stores.configs.requestRestart({ connector: name, ...request });
    await this.deps.herder.connectorChanged(name);
    // Kafka's RestartRequest rules: the 202 body shows what will restart as RESTARTING.
    const restarting = (state: ConnectorState) => !request.onlyFailed || state.state === InstanceState.FAILED;
    return {
      ...status,
      connector: restarting(status.connector) ? restartingState(status.connector) : status.connector,
      tasks: status.tasks.map((task) =>
        request.includeTasks && restarting(task) ? { id: task.id, ...restartingState(task) } : task,
      ),
    };
  }

  async pauseConnector(name: string): Promise<void> {
    await this.setTargetState(name, TargetState.PAUSED);
  }

  async resumeConnector(name: string): Promise<void> {
    await this.setTargetState(name, TargetState.STARTED);
  }

  async stopConnector(name: string): Promise<void> {
    // Kafka writes an empty task-config list with the STOPPED target state, so offsets can be
    // edited as soon as stop returns.
    const record = await this.setTargetState(name, TargetState.STOPPED, false);
    await this.deps.stores.configs.putTaskConfigs(name, record.generation, []);
    await this.deps.herder.connectorChanged(name);
  }

  async taskConfigs(name: string): Promise<TaskInfo[]> {
    await this.record(name);
    const tasks = await this.deps.stores.configs.getTaskConfigs(name);
    return (tasks?.configs ?? []).map((config, task) => ({ id: { connector: name, task }, config: { ...config } }));
  }

  async tasksConfig(name: string): Promise<Record<string, Record<string, string>>> {
    const result: Record<string, Record<string, string>> = {};
    for (const { id, config } of await this.taskConfigs(name)) result[`${name}-${id.task}`] = config;
    return result;
  }

  async taskStatus(name: string, task: number): Promise<TaskState> {
    const status = storableName(name) ? await this.deps.stores.statuses.getTask(name, task) : null;
    if (!status) throw new NotFoundError(`No status found for task ${name}-${task}`);
    return { id: task, ...restState(status) };
  }

  async restartTask(name: string, task: number): Promise<void> {
    const record = await this.configRecord(name);
    if (!record) throw new NotFoundError(`Unknown connector: ${name}`);
    const tasks = await this.deps.stores.configs.getTaskConfigs(name);
    if (!tasks || task < 0 || task >= tasks.configs.length) throw new NotFoundError(`Unknown task: ${name}-${task}`);
    // A RESTARTING task status is the request: the herder restarts tasks it finds in that state.
    await this.deps.stores.statuses.putTask(name, task, {
      state: InstanceState.RESTARTING,
      workerId: this.deps.workerId,
      generation: record.generation,
    });
    await this.deps.herder.connectorChanged(name);
  }

  async connectorActiveTopics(name: string): Promise<ActiveTopicsInfo> {
    if (!this.topicTracking.enable) throw new RestError(403, 'Topic tracking is disabled.');
    const topics = storableName(name) ? await this.deps.stores.statuses.listTopics(name) : [];
    return { topics: topics.map((t) => t.topic) };
  }

  async resetConnectorActiveTopics(name: string): Promise<void> {
    if (!this.topicTracking.enable) throw new RestError(403, 'Topic tracking is disabled.');
    if (!this.topicTracking.allowReset) throw new RestError(403, 'Topic tracking reset is disabled.');
    // Kafka clears whatever topics are recorded, and answers 202 for an unknown connector too.
    if (!storableName(name)) return;
    await this.deps.stores.statuses.resetTopics(name);
  }

  async connectorOffsets(name: string): Promise<ConnectorOffsets> {
    const record = await this.record(name);
    if (this.typeOf(record) === 'sink') {
      const offsets: ConnectorOffset[] = [];
      for (const [group, topic] of await this.sinkGroups(record)) {
        for (const o of await this.deps.kafka.groupOffsets(group)) {
          if (topic === null || o.topic === topic) offsets.push(toSinkConnectorOffset(o.topic, o.partition, o.offset));
        }
      }
      return { offsets };
    }
    const offsets = await this.deps.stores.offsets.list(name);
    return { offsets: offsets.map((o) => ({ partition: { ...o.partition }, offset: { ...o.offset } })) };
  }

  async alterConnectorOffsets(name: string, body: ConnectorOffsets): Promise<Message> {
    const record = await this.requireStopped(name);
    const handled = await this.modifyOffsets(record, body.offsets);
    return { message: offsetsMessage(handled, 'altered') };
  }

  async resetConnectorOffsets(name: string): Promise<Message> {
    const record = await this.requireStopped(name);
    let handled: boolean;
    if (this.typeOf(record) === 'sink') {
      handled = await this.callAlterOffsets(record, []);
      for (const group of new Set((await this.sinkGroups(record)).map(([g]) => g))) {
        try {
          await this.deps.kafka.deleteGroupOffsets(group);
        } catch (err) {
          // Kafka's Worker.resetSinkConnectorOffsets text; the client's error is the cause (logged, not sent).
          throw new ConnectError(`Failed to reset consumer group offsets for sink connector ${name}`, { cause: err });
        }
      }
    } else {
      const existing = await this.deps.stores.offsets.list(name);
      handled = await this.callAlterOffsets(
        record,
        existing.map((o) => ({ partition: o.partition, offset: null })),
      );
      await this.deps.stores.offsets.deleteAll(name);
    }
    return { message: offsetsMessage(handled, 'reset') };
  }

  async connectorPlugins(connectorsOnly: boolean): Promise<PluginInfo[]> {
    return this.deps.plugins.plugins(connectorsOnly);
  }

  async pluginConfig(plugin: string): Promise<unknown[]> {
    return this.deps.plugins.pluginConfig(plugin);
  }

  async validateConfig(plugin: string, config: Record<string, string>): Promise<unknown> {
    const included = config[CONNECTOR_CLASS_CONFIG];
    if (included === undefined) throw noConnectorType(config);
    // Kafka's normalizedPluginName check: "FileStreamSource" matches "...FileStreamSourceConnector".
    if (!withoutConnectorSuffix(included).endsWith(withoutConnectorSuffix(plugin))) {
      throw new BadRequestError(`Included connector type ${included} does not match request type ${plugin}`);
    }
    return this.validate(config);
  }

  async loggers(): Promise<Record<string, LoggerLevel>> {
    const result: Record<string, LoggerLevel> = {};
    for (const { name, level, lastModified } of this.deps.loggers.explicitLevels()) {
      result[name] = { level, last_modified: lastModified };
    }
    return result;
  }

  async logger(name: string): Promise<LoggerLevel> {
    const level = this.deps.loggers.level(name);
    if (!level) throw new NotFoundError(`Logger ${name} not found.`);
    return { level: level.level, last_modified: level.lastModified };
  }

  async setLoggerLevel(name: string, level: string, scope: 'worker' | 'cluster'): Promise<string[] | null> {
    const upper = level.toUpperCase();
    if (!isLogLevelName(upper)) throw new NotFoundError(`invalid log level '${level}'.`);
    const affected = this.deps.loggers.setLevel(name, upper);
    return scope === 'cluster' ? null : affected;
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The connector, or null; a name longer than the stores can key names no connector. */
  private async configRecord(name: string): Promise<ConnectorRecord | null> {
    return storableName(name) ? this.deps.stores.configs.get(name) : null;
  }

  private async record(name: string): Promise<ConnectorRecord> {
    const record = await this.configRecord(name);
    if (!record) throw notFound(name);
    return record;
  }

  private async infoOrNull(name: string): Promise<ConnectorInfo | null> {
    const record = await this.configRecord(name);
    return record ? this.info(record, await this.deps.stores.configs.getTaskConfigs(name)) : null;
  }

  private info(record: ConnectorRecord, tasks: TaskConfigs | null): ConnectorInfo {
    return {
      name: record.name,
      config: { ...record.config },
      tasks: (tasks?.configs ?? []).map((_, task) => ({ connector: record.name, task })),
      type: this.typeOf(record),
    };
  }

  private typeOf(record: ConnectorRecord | null): ConnectorType {
    return this.deps.plugins.connectorType(record?.config[CONNECTOR_CLASS_CONFIG]);
  }

  private async stateInfo(name: string, known?: ConnectorRecord): Promise<ConnectorStateInfo | null> {
    if (!storableName(name)) return null;
    // The two reads do not depend on each other: in parallel, GET status costs one round trip.
    const [statuses, record] = await Promise.all([
      this.deps.stores.statuses.list(name),
      known ? Promise.resolve(known) : this.configRecord(name),
    ]);
    if (!statuses.connector) return null;
    return {
      name,
      connector: restState(statuses.connector),
      tasks: statuses.tasks.map((task) => ({ id: task.task, ...restState(task) })),
      type: this.typeOf(record),
    };
  }

  private async setTargetState(name: string, state: TargetState, signal = true): Promise<ConnectorRecord> {
    let record: ConnectorRecord;
    if (!storableName(name)) throw new NotFoundError(`Unknown connector ${name}`);
    try {
      record = await this.deps.stores.configs.setTargetState(name, state);
    } catch (err) {
      if (err instanceof NotFoundError) throw new NotFoundError(`Unknown connector ${name}`, { cause: err });
      throw err;
    }
    if (signal) await this.deps.herder.connectorChanged(name);
    return record;
  }

  private async requireValid(config: Record<string, string>): Promise<void> {
    if (config[CONNECTOR_CLASS_CONFIG] === undefined) throw noConnectorType(config);
    const result = await this.validate(config);
    if (result.error_count > 0) throw new BadRequestError(configErrorsMessage(result));
  }

  /**
   * Validation, with a connector.class that names no connector (or several) as the client's
   * mistake: 400 with Kafka's text, where Kafka lets the ConnectException escape as a 500. Values
   * that came from config-provider placeholders are shown as the placeholders (see showPlaceholders).
   */
  private async validate(config: Record<string, string>): Promise<ConfigInfosLike> {
    try {
      return showPlaceholders(config, await this.deps.plugins.validate(config));
    } catch (err) {
      const unknownClass =
        err instanceof ConnectError &&
        err.constructor === ConnectError &&
        this.deps.plugins.connectorType(config[CONNECTOR_CLASS_CONFIG]) === 'unknown';
      if (unknownClass) throw new BadRequestError(err.message, { cause: err });
      throw err;
    }
  }

  private async requireStopped(name: string): Promise<ConnectorRecord> {
    const record = await this.record(name);
    const tasks = await this.deps.stores.configs.getTaskConfigs(name);
    if (record.targetState !== TargetState.STOPPED || (tasks?.configs.length ?? 0) !== 0) {
      throw new BadRequestError(
        `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`,
      );
    }
    return record;
  }

  /** Validates with the connector, then writes; returns what the connector's alterOffsets said. */
  private async modifyOffsets(record: ConnectorRecord, offsets: readonly ConnectorOffset[]): Promise<boolean> {
    if (this.typeOf(record) === 'sink') {
      const changes = toSinkOffsetChanges(offsets);
      const handled = await this.callAlterOffsets(record, changes);
      const topics = await this.sinkTopics(record);
      for (const topic of new Set(changes.map((c) => c.topic))) {
        const group = sinkConsumerGroup(record.name, record.config, topic, Math.max(topics.length, 1));
        try {
          await this.deps.kafka.alterGroupOffsets(
            group,
            changes.filter((c) => c.topic === topic),
          );
        } catch (err) {
          // Kafka's Worker.alterSinkConnectorOffsets text (e.g. for a topic the cluster does not have).
          throw new ConnectError(`Failed to alter consumer group offsets for connector ${record.name}`, {
            cause: err,
          });
        }
      }
      return handled;
    }
    const entries = offsets.map(({ partition, offset }) => {
      if (partition === null || partition === undefined || typeof partition !== 'object') {
        throw new BadRequestError('The partition for a source connector offset cannot be null or missing');
      }
      return { partition, offset: offset ?? null };
    });
    const handled = await this.callAlterOffsets(record, entries);
    await this.deps.stores.offsets.write(record.name, entries);
    return handled;
  }

  /** The topics a sink consumes: its `topics`, else the active topics recorded for its `topics.regex`. */
  private async sinkTopics(record: ConnectorRecord): Promise<string[]> {
    const listed =
      record.config.topics
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean) ?? [];
    if (listed.length > 0) return [...new Set(listed)];
    return (await this.deps.stores.statuses.listTopics(record.name)).map((t) => t.topic);
  }

  /** [group, topic] pairs of a sink; topic null when one group holds every topic. */
  private async sinkGroups(record: ConnectorRecord): Promise<Array<[string, string | null]>> {
    const topics = await this.sinkTopics(record);
    if (topics.length <= 1) return [[sinkConsumerGroup(record.name, record.config, topics[0] ?? '', 1), null]];
    return topics.map((topic) => [sinkConsumerGroup(record.name, record.config, topic, topics.length), topic]);
  }

  private async callAlterOffsets(record: ConnectorRecord, offsets: readonly unknown[]): Promise<boolean> {
    const connector = this.deps.plugins.newConnector(record.config[CONNECTOR_CLASS_CONFIG] ?? '');
    try {
      if (connector instanceof SinkConnector) {
        return await connector.alterOffsets(record.config, offsets as Parameters<SinkConnector['alterOffsets']>[1]);
      }
      if (connector instanceof SourceConnector) {
        return await connector.alterOffsets(record.config, offsets as Parameters<SourceConnector['alterOffsets']>[1]);
      }
      return false;
    } catch (err) {
      // The connector refused the offsets: that is the request's fault, so 400 with its message.
      if (err instanceof ConnectError && !(err instanceof RestError)) {
        throw new BadRequestError(err.message, { cause: err });
      }
      throw err;
    }
  }
}

/**
 * The longest connector name, in UTF-8 bytes, the stores can key: the configs table's sort key
 * holds at most 1024 bytes (DynamoDB's limit). Kafka has no limit; past it a name is refused with a
 * 400 on create, and names no connector on every other call (404 with Kafka's text), never a 500.
 */
const MAX_NAME_BYTES = 1024;

function storableName(name: string): boolean {
  return Buffer.byteLength(name, 'utf8') <= MAX_NAME_BYTES;
}

function requireStorableName(name: string): void {
  if (!storableName(name)) {
    throw new BadRequestError(
      `Connector name is ${Buffer.byteLength(name, 'utf8')} bytes long in UTF-8; names of at most ${MAX_NAME_BYTES} bytes are supported`,
    );
  }
}

/** Kafka's checkAndPutConnectorConfigName: `name` must match the URL's, and is added when absent. */
function putConnectorName(name: string, config: Readonly<Record<string, string>>): Record<string, string> {
  const given = config[NAME_CONFIG];
  if (given !== undefined && given !== name) {
    throw new BadRequestError(
      `Connector name configuration (${given}) doesn't match connector name in the URL (${name})`,
    );
  }
  return { ...config, [NAME_CONFIG]: name };
}

function applyPatch(
  config: Readonly<Record<string, string>>,
  patch: Readonly<Record<string, string | null>>,
): Record<string, string> {
  const merged: Record<string, string> = { ...config };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** `${provider:[path:]key}`, as Kafka's ConfigTransformer matches it. */
const PLACEHOLDER = /\$\{[^}]*?:[^}]*\}/;
/** Resolved values at least this long are also replaced wherever an error text quotes them. */
const MIN_QUOTED_SECRET = 8;

/**
 * Validation runs on the config with its `${provider:path:key}` placeholders resolved (as Kafka's
 * does), so its ConfigValueInfo values and "Invalid value <v> for configuration <k>" errors would
 * carry the resolved text: the very secret the placeholder keeps out of the stored config, for any
 * key not typed PASSWORD. Kafka returns them; we show the placeholder instead, so validate and the
 * 400 on create never echo what a config provider returned.
 */
function showPlaceholders<T extends ConfigInfosLike>(config: Readonly<Record<string, string>>, result: T): T {
  const withPlaceholder = (name: string) => {
    const raw = config[name];
    return raw !== undefined && PLACEHOLDER.test(raw) ? raw : undefined;
  };
  const entries = result.configs as ReadonlyArray<{
    value?: { name?: string; value?: unknown; errors?: string[] } | null;
  }>;
  const quoted = new Map<string, string>();
  for (const entry of entries) {
    const name = entry.value?.name;
    const raw = name === undefined ? undefined : withPlaceholder(name);
    const shown = entry.value?.value;
    if (raw !== undefined && typeof shown === 'string' && shown !== raw && shown.length >= MIN_QUOTED_SECRET) {
      quoted.set(shown, raw);
    }
  }
  const configs = entries.map((entry) => {
    if (!entry.value) return entry;
    const name = entry.value.name ?? '';
    const raw = withPlaceholder(name);
    let errors = entry.value.errors ?? [];
    if (raw !== undefined) {
      const prefix = `Invalid value `;
      const suffix = ` for configuration ${name}`;
      errors = errors.map((e) => {
        const end = e.indexOf(suffix);
        // "Invalid value null": the validator saw no value (the text did not parse); nothing to hide.
        const quotedValue = e.slice(prefix.length, end);
        return e.startsWith(prefix) && end >= prefix.length && quotedValue !== 'null'
          ? `${prefix}${raw}${e.slice(end)}`
          : e;
      });
    }
    for (const [secret, placeholder] of quoted) errors = errors.map((e) => e.split(secret).join(placeholder));
    const value = raw !== undefined && entry.value.value !== HIDDEN ? raw : entry.value.value;
    return { ...entry, value: { ...entry.value, value, errors } };
  });
  return { ...result, configs };
}

/**
 * Kafka's text prints the whole config map. Without a connector class there is no ConfigDef to say
 * which keys are passwords, so values of keys that look secret are shown as Password shows itself.
 */
function noConnectorType(config: Readonly<Record<string, string>>): BadRequestError {
  const shown = Object.entries(config)
    .map(([k, v]) => `${k}=${SECRET_KEY.test(k) ? HIDDEN : v}`)
    .join(', ');
  return new BadRequestError(`Connector config {${shown}} contains no connector type`);
}

/** Key names of secrets: Kafka's PASSWORD-typed client keys (ssl.*.password, ssl.keystore.key, sasl.jaas.config) and the like. */
const SECRET_KEY = /(password|secret|credential|token|jaas|\.key$|apikey|api\.key)/i;

function notFound(name: string): NotFoundError {
  return new NotFoundError(`Connector ${name} not found`);
}

function withoutConnectorSuffix(name: string): string {
  return name.endsWith('Connector') ? name.slice(0, -'Connector'.length) : name;
}

function restState(status: ConnectorStatus): ConnectorState {
  const state: ConnectorState = { state: status.state, worker_id: status.workerId };
  if (status.trace) state.trace = status.trace;
  return state;
}

function restartingState(state: ConnectorState): ConnectorState {
  return { state: InstanceState.RESTARTING, worker_id: state.worker_id };
}

function offsetsMessage(handled: boolean, verb: 'altered' | 'reset'): string {
  return handled
    ? `The offsets for this connector have been ${verb} successfully`
    : `The Connect framework-managed offsets for this connector have been ${verb} successfully. However, if this connector manages offsets externally, they will need to be manually ${verb} in the system that the connector uses.`;
}
