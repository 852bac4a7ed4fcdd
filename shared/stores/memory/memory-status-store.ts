import { type Clock, systemClock } from '../../api';
import type { ConnectorStatus, ConnectorStatuses, StatusStore, StatusUpdate, TaskStatus, TopicStatus } from '../ports';
import { statusFields } from '../ports/validation';

interface ConnectorEntry {
  connector: ConnectorStatus | null;
  tasks: Map<number, TaskStatus>;
  topics: Map<string, TopicStatus>;
}

/** StatusStore in process memory, for unit tests. */
export class MemoryStatusStore implements StatusStore {
  private readonly entries = new Map<string, ConnectorEntry>();
  private readonly clock: Clock;

  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
  }

  async putConnector(connector: string, status: StatusUpdate): Promise<boolean> {
    const entry = this.entry(connector);
    if (entry.connector && entry.connector.generation > status.generation) return false;
    entry.connector = { connector, ...statusFields(status), updatedAt: this.clock.now() };
    return true;
  }

  async putTask(connector: string, task: number, status: StatusUpdate): Promise<boolean> {
    const entry = this.entry(connector);
    const stored = entry.tasks.get(task);
    if (stored && stored.generation > status.generation) return false;
    entry.tasks.set(task, { connector, task, ...statusFields(status), updatedAt: this.clock.now() });
    return true;
  }

  async getConnector(connector: string): Promise<ConnectorStatus | null> {
    const status = this.entries.get(connector)?.connector;
    return status ? { ...status } : null;
  }

  async getTask(connector: string, task: number): Promise<TaskStatus | null> {
    const status = this.entries.get(connector)?.tasks.get(task);
    return status ? { ...status } : null;
  }

  async list(connector: string): Promise<ConnectorStatuses> {
    const entry = this.entries.get(connector);
    return {
      connector: entry?.connector ? { ...entry.connector } : null,
      tasks: entry ? [...entry.tasks.values()].sort((a, b) => a.task - b.task).map((task) => ({ ...task })) : [],
    };
  }

  async deleteTask(connector: string, task: number): Promise<void> {
    this.entries.get(connector)?.tasks.delete(task);
  }

  async deleteAll(connector: string): Promise<void> {
    this.entries.delete(connector);
  }

  async recordTopic(connector: string, topic: string, now: number): Promise<void> {
    const topics = this.entry(connector).topics;
    if (!topics.has(topic)) topics.set(topic, { connector, topic, discoverTimestamp: now });
  }

  async listTopics(connector: string): Promise<TopicStatus[]> {
    const topics = this.entries.get(connector)?.topics;
    if (!topics) return [];
    return [...topics.values()]
      .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0))
      .map((topic) => ({ ...topic }));
  }

  async resetTopics(connector: string): Promise<void> {
    this.entries.get(connector)?.topics.clear();
  }

  private entry(connector: string): ConnectorEntry {
    let entry = this.entries.get(connector);
    if (!entry) {
      entry = { connector: null, tasks: new Map(), topics: new Map() };
      this.entries.set(connector, entry);
    }
    return entry;
  }
}
