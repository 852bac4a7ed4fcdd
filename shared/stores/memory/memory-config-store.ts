import { AlreadyExistsError, type Clock, NotFoundError, systemClock } from '../../api';
import { ConcurrentUpdateError } from '../errors';
import {
  type ConfigChange,
  type ConfigStore,
  type ConfigWriteOptions,
  type ConnectorRecord,
  type CreateOptions,
  type RestartRequest,
  TargetState,
  type TaskConfigs,
} from '../ports';
import { configJson, connectorConfigJson } from '../ports/validation';

interface Entry {
  /** null once deleted: the entry stays to keep the generation counting up (a tombstone). */
  record: ConnectorRecord | null;
  generation: number;
  tasks: TaskConfigs | null;
}

/** ConfigStore in process memory, for unit tests. Everything in and out is copied. */
export class MemoryConfigStore implements ConfigStore {
  private readonly connectors = new Map<string, Entry>();
  private readonly restarts = new Map<string, RestartRequest>();
  private readonly clock: Clock;

  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
  }

  async create(
    name: string,
    config: Readonly<Record<string, string>>,
    options?: CreateOptions,
  ): Promise<ConnectorRecord> {
    const json = connectorConfigJson(name, config);
    const entry = this.connectors.get(name);
    if (entry?.record) throw new AlreadyExistsError(`Connector ${name} already exists`);
    const now = this.clock.now();
    const record: ConnectorRecord = {
      name,
      config: JSON.parse(json),
      targetState: options?.targetState ?? TargetState.STARTED,
      generation: (entry?.generation ?? 0) + 1,
      createdAt: now,
      updatedAt: now,
    };
    this.connectors.set(name, { record, generation: record.generation, tasks: null });
    return structuredClone(record);
  }

  async update(name: string, change: ConfigChange, options?: ConfigWriteOptions): Promise<ConnectorRecord> {
    const current = this.current(name, options);
    const config = typeof change === 'function' ? change(structuredClone(current)) : change;
    const json = connectorConfigJson(name, config);
    return this.write(name, { config: JSON.parse(json) });
  }

  async setTargetState(name: string, state: TargetState, options?: ConfigWriteOptions): Promise<ConnectorRecord> {
    this.current(name, options);
    return this.write(name, { targetState: state });
  }

  async delete(name: string, options?: ConfigWriteOptions): Promise<void> {
    const current = this.current(name, options);
    this.connectors.set(name, { record: null, generation: current.generation + 1, tasks: null });
    this.restarts.delete(name);
  }

  async get(name: string): Promise<ConnectorRecord | null> {
    const record = this.connectors.get(name)?.record;
    return record ? structuredClone(record) : null;
  }

  async list(): Promise<string[]> {
    return [...this.connectors.entries()]
      .filter(([, entry]) => entry.record)
      .map(([name]) => name)
      .sort();
  }

  async putTaskConfigs(
    name: string,
    generation: number,
    configs: ReadonlyArray<Readonly<Record<string, string>>>,
  ): Promise<TaskConfigs> {
    const copies = configs.map((config, task) => JSON.parse(configJson(`${name}-${task}`, config, 'Task')));
    const entry = this.connectors.get(name);
    if (!entry?.record) throw new NotFoundError(`Connector ${name} not found`);
    if (entry.record.generation !== generation) {
      throw new ConcurrentUpdateError(name, {
        expectedGeneration: generation,
        actualGeneration: entry.record.generation,
      });
    }
    entry.tasks = { connector: name, generation, configs: copies, updatedAt: this.clock.now() };
    return structuredClone(entry.tasks);
  }

  async getTaskConfigs(name: string): Promise<TaskConfigs | null> {
    const tasks = this.connectors.get(name)?.tasks;
    return tasks ? structuredClone(tasks) : null;
  }

  async requestRestart(request: Omit<RestartRequest, 'requestedAt'>): Promise<RestartRequest> {
    const stored: RestartRequest = {
      connector: request.connector,
      includeTasks: request.includeTasks,
      onlyFailed: request.onlyFailed,
      requestedAt: this.clock.now(),
    };
    this.restarts.set(request.connector, stored);
    return { ...stored };
  }

  async getRestartRequest(name: string): Promise<RestartRequest | null> {
    const request = this.restarts.get(name);
    return request ? { ...request } : null;
  }

  async listRestartRequests(): Promise<RestartRequest[]> {
    return [...this.restarts.values()]
      .sort((a, b) => (a.connector < b.connector ? -1 : a.connector > b.connector ? 1 : 0))
      .map((request) => ({ ...request }));
  }

  async completeRestart(request: RestartRequest): Promise<boolean> {
    const pending = this.restarts.get(request.connector);
    if (
      !pending ||
      pending.requestedAt !== request.requestedAt ||
      pending.includeTasks !== request.includeTasks ||
      pending.onlyFailed !== request.onlyFailed
    ) {
      return false;
    }
    this.restarts.delete(request.connector);
    return true;
  }

  private current(name: string, options?: ConfigWriteOptions): ConnectorRecord {
    const record = this.connectors.get(name)?.record;
    if (!record) throw new NotFoundError(`Connector ${name} not found`);
    const expected = options?.expectedGeneration;
    if (expected !== undefined && expected !== record.generation) {
      throw new ConcurrentUpdateError(name, { expectedGeneration: expected, actualGeneration: record.generation });
    }
    return record;
  }

  private write(name: string, change: Partial<Pick<ConnectorRecord, 'config' | 'targetState'>>): ConnectorRecord {
    const entry = this.connectors.get(name)!;
    const record: ConnectorRecord = {
      ...entry.record!,
      ...change,
      generation: entry.generation + 1,
      updatedAt: this.clock.now(),
    };
    entry.record = record;
    entry.generation = record.generation;
    return structuredClone(record);
  }
}
