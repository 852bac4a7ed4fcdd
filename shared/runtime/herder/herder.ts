import type { Logger } from '@aws-lambda-powertools/logger';
import {
  ConnectError,
  type Connector,
  type ConnectorContext,
  NotFoundError,
  RetriableError,
  SinkConnector,
} from '../../api';
import {
  ConcurrentUpdateError,
  type ConnectorRecord,
  type ConnectorStatuses,
  InstanceState,
  type RestartRequest,
  type Stores,
  TargetState,
  type TaskConfigs,
} from '../../stores';
import { traceOf } from '../status-trace';
import type { DesiredConnector, Platform } from './platform';
import type { PluginCatalog } from './ports';

const CONNECTOR_CLASS = 'connector.class';
const TASKS_MAX = 'tasks.max';
const TASKS_MAX_ENFORCE = 'tasks.max.enforce';
const TASK_CLASS = 'task.class';
const TOPICS = 'topics';
const TOPICS_REGEX = 'topics.regex';
/** The consumer's exclude.internal.topics default keeps these out of a topics.regex subscription. */
const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state']);
/** ${provider:[path:]key}, as Kafka's ConfigTransformer matches it. */
const PLACEHOLDER = /\$\{([^}]*?):(([^}]*?):)?([^}]*?)\}/;

export interface HerderDeps {
  stores: Stores;
  plugins: PluginCatalog;
  platform: Platform;
  /** Resolves `${provider:path:key}` placeholders (config providers) in a connector config. */
  resolveConfig(config: Readonly<Record<string, string>>): Promise<Record<string, string>>;
  workerId: string;
  logger: Logger;
}

export interface ReconcileOptions {
  /**
   * Re-run the connector's taskConfigs() even when its config has not changed: the periodic
   * repair does this so connectors that watch their source (new tables, new topics for
   * topics.regex) pick up changes, as Kafka's requestTaskReconfiguration would.
   */
  refreshTasks?: boolean;
}

/**
 * The herder: level-triggered and idempotent. `reconcile(name)` reads the desired state of one
 * connector (its config, target state, restart requests) and makes task configs, statuses and the
 * platform's resources match. Calling it again changes nothing; calling it after any change
 * converges. Statuses follow Kafka's state table (spec section 2).
 */
export class Herder {
  constructor(private readonly deps: HerderDeps) {}

  /** Converges every connector: the periodic repair. */
  async reconcileAll(options: ReconcileOptions = {}): Promise<void> {
    for (const name of await this.deps.stores.configs.list()) {
      try {
        await this.reconcile(name, options);
      } catch (err) {
        this.deps.logger.error('reconcile failed', { connector: name, error: err as Error });
      }
    }
  }

  async reconcile(name: string, options: ReconcileOptions = {}): Promise<void> {
    const { configs, statuses } = this.deps.stores;
    const record = await configs.get(name);
    if (!record) {
      await this.remove(name);
      return;
    }
    const type = this.deps.plugins.connectorType(record.config[CONNECTOR_CLASS]);
    const restart = await configs.getRestartRequest(name);
    const current = await statuses.list(name);

    if (type === 'unknown') {
      await this.failConnector(
        record,
        new ConnectError(`Connector class ${record.config[CONNECTOR_CLASS]} is unknown`),
      );
      await this.finishRestart(restart);
      return;
    }
    if (record.targetState === TargetState.STOPPED) {
      await this.stop(record, type, current);
      await this.finishRestart(restart);
      return;
    }

    const before = await configs.getTaskConfigs(name);
    let tasks = before;
    const restartConnector =
      restart !== null && (!restart.onlyFailed || current.connector?.state === InstanceState.FAILED);
    const connectorFailed = current.connector?.state === InstanceState.FAILED && !restartConnector;
    const configChanged = tasks === null || tasks.generation !== record.generation;
    if (configChanged || restartConnector || (options.refreshTasks && !connectorFailed)) {
      const computed = await this.computeTaskConfigs(record, type, before, current);
      if (computed === STALE) return; // a newer config arrived; its own reconcile converges
      if (computed !== FAILED) tasks = computed;
    } else if (!connectorFailed) {
      await this.putConnectorState(record, current, runningState(record.targetState));
    }

    const taskCount = tasks?.configs.length ?? 0;
    // Kafka restarts a connector's tasks when their configs change, failed ones included; a new
    // generation alone (pause, resume, an unchanged config written again) restarts nothing.
    const reconfigured = before !== null && tasks !== null && !sameTaskConfigs(before.configs, tasks.configs);
    const failedTasks = this.failedTasksAfterRestart(current, restart, taskCount, reconfigured);
    const topics = type === 'sink' ? await this.sinkTopics(record) : [];
    const desired: DesiredConnector = {
      name,
      type,
      config: record.config,
      generation: record.generation,
      targetState: record.targetState,
      tasks: taskCount,
      topics,
      failedTasks,
    };
    const { ready } = await this.deps.platform.apply(desired);
    await this.writeTaskStates(record, current, taskCount, failedTasks, ready);
    await this.finishRestart(restart);
  }

  private async remove(name: string): Promise<void> {
    await this.deps.platform.remove(name);
    await this.deps.stores.statuses.deleteAll(name);
    await this.deps.stores.retries.deleteAll(name);
  }

  private async stop(record: ConnectorRecord, type: 'source' | 'sink', current: ConnectorStatuses): Promise<void> {
    const { configs, statuses } = this.deps.stores;
    const tasks = await configs.getTaskConfigs(record.name);
    if (!tasks || tasks.configs.length > 0 || tasks.generation !== record.generation) {
      try {
        await configs.putTaskConfigs(record.name, record.generation, []);
      } catch (err) {
        if (err instanceof ConcurrentUpdateError) return;
        throw err;
      }
    }
    await this.deps.platform.apply({
      name: record.name,
      type,
      config: record.config,
      generation: record.generation,
      targetState: TargetState.STOPPED,
      tasks: 0,
      topics: [],
      failedTasks: new Set(),
    });
    await this.putConnectorState(record, current, InstanceState.STOPPED);
    for (const task of current.tasks) await statuses.deleteTask(record.name, task.task);
  }

  /** Runs the connector to get its task configs (Kafka's Worker.connectorTaskConfigs). */
  private async computeTaskConfigs(
    record: ConnectorRecord,
    type: 'source' | 'sink',
    previous: TaskConfigs | null,
    current: ConnectorStatuses,
  ): Promise<TaskConfigs | typeof FAILED | typeof STALE> {
    let connector: Connector | null = null;
    let raised: Error | null = null;
    try {
      const resolved = await this.deps.resolveConfig(record.config);
      connector = this.deps.plugins.newConnector(record.config[CONNECTOR_CLASS] ?? '');
      const context: ConnectorContext = {
        requestTaskReconfiguration: () => {
          // Each reconcile re-runs taskConfigs(); the periodic repair refreshes them.
        },
        raiseError: (err) => {
          raised = err;
        },
      };
      connector.initialize(context);
      await connector.start(resolved);
      const maxTasks = Number(resolved[TASKS_MAX] ?? '1');
      const generated = await connector.taskConfigs(maxTasks);
      if (raised) throw raised;
      if (generated.length > maxTasks && resolved[TASKS_MAX_ENFORCE]?.toLowerCase() !== 'false') {
        throw new ConnectError(tooManyTasksMessage(record.name, generated.length, maxTasks));
      }
      const taskClass = connector.taskClass().className;
      const configs = generated.map((config) => {
        const task: Record<string, string> = { ...config, [TASK_CLASS]: taskClass };
        if (type === 'sink' || connector instanceof SinkConnector) {
          for (const key of [TOPICS, TOPICS_REGEX]) {
            const value = record.config[key];
            if (value !== undefined) task[key] = value;
          }
        }
        return reverseTransform(record.config, task);
      });
      // The periodic refresh usually finds what is stored already: nothing to write then.
      let stored = previous;
      if (!stored || stored.generation !== record.generation || !sameTaskConfigs(stored.configs, configs)) {
        try {
          stored = await this.deps.stores.configs.putTaskConfigs(record.name, record.generation, configs);
        } catch (err) {
          // Deleted while its task configs were computed: the delete's own reconcile converges
          // (failing the connector here would write a status for a connector that is gone).
          if (err instanceof NotFoundError) return STALE;
          throw err;
        }
      }
      await this.putConnectorState(record, current, runningState(record.targetState));
      return stored;
    } catch (err) {
      if (err instanceof ConcurrentUpdateError) return STALE;
      if (err instanceof RetriableError) {
        // A source that is briefly unreachable (a database restarting) must not fail the connector
        // for good: its current tasks keep running and the next reconcile or repair tries again.
        this.deps.logger.warn('task configs could not be computed now; keeping the current ones', {
          connector: record.name,
          error: err,
        });
        return FAILED;
      }
      await this.failConnector(record, err);
      return FAILED;
    } finally {
      try {
        await connector?.stop();
      } catch (err) {
        this.deps.logger.warn('connector stop failed', { connector: record.name, error: err as Error });
      }
    }
  }

  /**
   * Restart requests and new task configs bring failed tasks back; a RESTARTING task status is a
   * single-task restart.
   * @returns the tasks that stay FAILED (and so stay off on the platform)
   */
  private failedTasksAfterRestart(
    current: ConnectorStatuses,
    restart: RestartRequest | null,
    taskCount: number,
    reconfigured: boolean,
  ): Set<number> {
    const failed = new Set<number>();
    for (const task of current.tasks) {
      if (task.task >= taskCount || task.state !== InstanceState.FAILED) continue;
      const restarted = restart?.includeTasks === true || reconfigured;
      if (!restarted) failed.add(task.task);
    }
    return failed;
  }

  private async writeTaskStates(
    record: ConnectorRecord,
    current: ConnectorStatuses,
    taskCount: number,
    failedTasks: ReadonlySet<number>,
    ready: boolean,
  ): Promise<void> {
    const { statuses } = this.deps.stores;
    for (const task of current.tasks) {
      if (task.task >= taskCount) await statuses.deleteTask(record.name, task.task);
    }
    const existing = new Map(current.tasks.map((t) => [t.task, t]));
    for (let task = 0; task < taskCount; task++) {
      if (failedTasks.has(task)) continue;
      const state =
        record.targetState === TargetState.PAUSED
          ? InstanceState.PAUSED
          : ready
            ? InstanceState.RUNNING
            : InstanceState.UNASSIGNED;
      const before = existing.get(task);
      if (before?.state === state && before.generation === record.generation) continue;
      await statuses.putTask(record.name, task, { state, workerId: this.deps.workerId, generation: record.generation });
    }
  }

  private async sinkTopics(record: ConnectorRecord): Promise<string[]> {
    const list = record.config[TOPICS]?.trim();
    if (list) return [...new Set(list.split(/\s*,\s*/).filter(Boolean))];
    const regex = record.config[TOPICS_REGEX]?.trim();
    if (!regex) return [];
    const pattern = new RegExp(`^(?:${regex})$`);
    const topics = await this.deps.platform.listTopics();
    return topics.filter((t) => !INTERNAL_TOPICS.has(t) && pattern.test(t)).sort();
  }

  private async failConnector(record: ConnectorRecord, err: unknown): Promise<void> {
    this.deps.logger.error('connector failed', { connector: record.name, error: err as Error });
    await this.deps.stores.statuses.putConnector(record.name, {
      state: InstanceState.FAILED,
      trace: traceOf(err),
      workerId: this.deps.workerId,
      generation: record.generation,
    });
  }

  private async putConnectorState(
    record: ConnectorRecord,
    current: ConnectorStatuses | null,
    state: InstanceState,
  ): Promise<void> {
    const before = current?.connector;
    if (before && before.state === state && before.generation === record.generation) return;
    await this.deps.stores.statuses.putConnector(record.name, {
      state,
      workerId: this.deps.workerId,
      generation: record.generation,
    });
  }

  private async finishRestart(restart: RestartRequest | null): Promise<void> {
    if (restart) await this.deps.stores.configs.completeRestart(restart);
  }
}

/** Task configs were not computed (the connector failed, or will be retried): keep the current ones. */
const FAILED = Symbol('failed');
const STALE = Symbol('stale');

function sameTaskConfigs(
  a: ReadonlyArray<Readonly<Record<string, string>>>,
  b: ReadonlyArray<Readonly<Record<string, string>>>,
): boolean {
  if (a.length !== b.length) return false;
  return a.every((config, i) => {
    const other = b[i] as Readonly<Record<string, string>>;
    const keys = Object.keys(config);
    return keys.length === Object.keys(other).length && keys.every((key) => other[key] === config[key]);
  });
}

function runningState(target: TargetState): InstanceState {
  return target === TargetState.PAUSED ? InstanceState.PAUSED : InstanceState.RUNNING;
}

/**
 * Puts placeholders back into task configs (Kafka's AbstractHerder.reverseTransform): a key whose
 * connector config value is a `${provider:...}` placeholder is stored as the placeholder, so
 * resolved secrets are never written to the task configs or shown by GET /tasks.
 */
export function reverseTransform(
  rawConnectorConfig: Readonly<Record<string, string>>,
  taskConfig: Readonly<Record<string, string>>,
): Record<string, string> {
  const result: Record<string, string> = { ...taskConfig };
  for (const key of Object.keys(result)) {
    const raw = rawConnectorConfig[key];
    if (raw !== undefined && PLACEHOLDER.test(raw)) result[key] = raw;
  }
  return result;
}

/** Kafka's TooManyTasksException text. */
export function tooManyTasksMessage(connector: string, generated: number, maxTasks: number): string {
  return (
    `The connector ${connector} has generated ${generated} tasks, which is greater than ${maxTasks}, ` +
    'the maximum number of tasks it is configured to create. This behaviour should be considered a bug and is ' +
    "disallowed. If necessary, it can be permitted by reconfiguring the connector with 'tasks.max.enforce' set " +
    'to false; however, this option will be removed in a future release of Kafka Connect.'
  );
}
