import { Logger } from '@aws-lambda-powertools/logger';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigDef,
  ConnectError,
  type PluginClass,
  RetriableError,
  SinkConnector,
  SinkTask,
  SourceConnector,
  SourceTask,
  type Task,
} from '../../../../shared/api';
import type { DesiredConnector, Platform, PluginCatalog } from '../../../../shared/runtime';
import { Herder } from '../../../../shared/runtime';
import { createMemoryStores, InstanceState, type Stores, TargetState } from '../../../../shared/stores';

class NoopSinkTask extends SinkTask {
  static readonly className = 'test.NoopSinkTask';
  version = () => '1';
  start() {}
  put() {}
  stop() {}
}

class NoopSourceTask extends SourceTask {
  static readonly className = 'test.NoopSourceTask';
  version = () => '1';
  start() {}
  poll = async () => null;
  stop() {}
}

/** A sink that makes one task config per task, each naming its index. */
class SplittingSink extends SinkConnector {
  static readonly className = 'test.SplittingSinkConnector';
  private props: Readonly<Record<string, string>> = {};
  version = () => '1';
  start(props: Readonly<Record<string, string>>) {
    this.props = props;
  }
  taskClass = (): PluginClass<Task> => NoopSinkTask;
  taskConfigs(maxTasks: number) {
    return Array.from({ length: maxTasks }, (_, i) => ({ ...this.props, index: String(i) }));
  }
  stop() {}
  config = () => new ConfigDef();
}

/** A source whose behaviour the test sets: fail on start, or make too many tasks. */
class ScriptedSource extends SourceConnector {
  static readonly className = 'test.ScriptedSourceConnector';
  static failOnStart = false;
  static retriableOnStart = false;
  static extraTasks = 0;
  private props: Readonly<Record<string, string>> = {};
  version = () => '1';
  start(props: Readonly<Record<string, string>>) {
    if (ScriptedSource.failOnStart)
      throw new ConnectError('cannot reach the source', { cause: new Error('ECONNREFUSED') });
    this.props = props;
  }
  taskClass = (): PluginClass<Task> => NoopSourceTask;
  taskConfigs(maxTasks: number) {
    return Array.from({ length: maxTasks + ScriptedSource.extraTasks }, () => ({ ...this.props }));
  }
  stop() {}
  config = () => new ConfigDef();
}

const CONNECTORS: Record<string, PluginClass<SinkConnector | SourceConnector>> = {
  SplittingSink,
  ScriptedSource,
};

const catalog: PluginCatalog = {
  connectorType: (cls) => {
    const plugin = cls ? CONNECTORS[cls] : undefined;
    if (!plugin) return 'unknown';
    return plugin.prototype instanceof SinkConnector ? 'sink' : 'source';
  },
  plugins: () => [],
  pluginConfig: () => [],
  validate: async () => ({ name: '', error_count: 0, configs: [] }),
  newConnector: (cls) => new (CONNECTORS[cls] as PluginClass<SinkConnector | SourceConnector>)(),
};

/** A Platform that records what it was asked to run; readiness is the test's to set. */
class RecordingPlatform implements Platform {
  applied: DesiredConnector[] = [];
  removed: string[] = [];
  ready = true;
  topics: string[] = [];
  async apply(desired: DesiredConnector) {
    this.applied.push(desired);
    return { ready: this.ready };
  }
  async remove(name: string) {
    this.removed.push(name);
  }
  async listTopics() {
    return this.topics;
  }
}

describe('Herder', () => {
  let stores: Stores;
  let platform: RecordingPlatform;
  let herder: Herder;

  beforeEach(() => {
    ScriptedSource.failOnStart = false;
    ScriptedSource.retriableOnStart = false;
    ScriptedSource.extraTasks = 0;
    stores = createMemoryStores();
    platform = new RecordingPlatform();
    herder = new Herder({
      stores,
      plugins: catalog,
      platform,
      resolveConfig: async (config) =>
        Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.replace('${env:SECRET}', 's3cret')])),
      workerId: 'test-worker',
      logger: new Logger({ logLevel: 'SILENT' }),
    });
  });

  it('publishes task configs with task.class and the sink topics, keeping placeholders out of resolved values', async () => {
    // Prepare
    await stores.configs.create('sink', {
      name: 'sink',
      'connector.class': 'SplittingSink',
      'tasks.max': '2',
      topics: 'orders',
      password: '${env:SECRET}',
    });
    // Act
    await herder.reconcile('sink');
    // Assess
    const tasks = await stores.configs.getTaskConfigs('sink');
    expect(tasks?.configs).toHaveLength(2);
    expect(tasks?.configs[1]).toMatchObject({
      'task.class': 'test.NoopSinkTask',
      topics: 'orders',
      index: '1',
      password: '${env:SECRET}',
    });
    expect(platform.applied.at(-1)).toMatchObject({ name: 'sink', type: 'sink', tasks: 2, topics: ['orders'] });
    const statuses = await stores.statuses.list('sink');
    expect(statuses.connector?.state).toBe(InstanceState.RUNNING);
    expect(statuses.tasks.map((t) => t.state)).toEqual([InstanceState.RUNNING, InstanceState.RUNNING]);
  });

  it('leaves tasks UNASSIGNED while the platform is not ready, and RUNNING once it is', async () => {
    // Prepare
    await stores.configs.create('src', { name: 'src', 'connector.class': 'ScriptedSource', 'tasks.max': '1' });
    platform.ready = false;
    // Act
    await herder.reconcile('src');
    const before = (await stores.statuses.getTask('src', 0))?.state;
    platform.ready = true;
    await herder.reconcile('src');
    // Assess
    expect(before).toBe(InstanceState.UNASSIGNED);
    expect((await stores.statuses.getTask('src', 0))?.state).toBe(InstanceState.RUNNING);
  });

  it('pauses and stops: PAUSED statuses, then no task configs and no task statuses', async () => {
    // Prepare
    await stores.configs.create('src', { name: 'src', 'connector.class': 'ScriptedSource', 'tasks.max': '2' });
    await herder.reconcile('src');
    // Act
    await stores.configs.setTargetState('src', TargetState.PAUSED);
    await herder.reconcile('src');
    const paused = await stores.statuses.list('src');
    await stores.configs.setTargetState('src', TargetState.STOPPED);
    await herder.reconcile('src');
    // Assess
    expect(paused.connector?.state).toBe(InstanceState.PAUSED);
    expect(paused.tasks.map((t) => t.state)).toEqual([InstanceState.PAUSED, InstanceState.PAUSED]);
    expect((await stores.configs.getTaskConfigs('src'))?.configs).toEqual([]);
    const stopped = await stores.statuses.list('src');
    expect(stopped.connector?.state).toBe(InstanceState.STOPPED);
    expect(stopped.tasks).toEqual([]);
    expect(platform.applied.at(-1)).toMatchObject({ targetState: TargetState.STOPPED, tasks: 0 });
  });

  it('marks the connector FAILED with the full trace when start throws, and recovers on restart', async () => {
    // Prepare
    ScriptedSource.failOnStart = true;
    await stores.configs.create('src', { name: 'src', 'connector.class': 'ScriptedSource', 'tasks.max': '1' });
    // Act
    await herder.reconcile('src');
    const failed = await stores.statuses.getConnector('src');
    ScriptedSource.failOnStart = false;
    await stores.configs.requestRestart({ connector: 'src', includeTasks: false, onlyFailed: true });
    await herder.reconcile('src');
    // Assess
    expect(failed?.state).toBe(InstanceState.FAILED);
    expect(failed?.trace).toContain('cannot reach the source');
    expect(failed?.trace).toContain('Caused by: Error: ECONNREFUSED');
    expect((await stores.statuses.getConnector('src'))?.state).toBe(InstanceState.RUNNING);
    expect(await stores.configs.getRestartRequest('src')).toBeNull();
  });

  it('keeps a running connector and its tasks when a refresh meets a retriable error, and refreshes later', async () => {
    // Prepare
    await stores.configs.create('src', { name: 'src', 'connector.class': 'ScriptedSource', 'tasks.max': '1' });
    await herder.reconcile('src');
    const before = await stores.configs.getTaskConfigs('src');
    ScriptedSource.retriableOnStart = true;
    // Act
    await herder.reconcile('src', { refreshTasks: true });
    const during = await stores.statuses.list('src');
    ScriptedSource.retriableOnStart = false;
    await herder.reconcile('src', { refreshTasks: true });
    // Assess
    expect(during.connector?.state).toBe(InstanceState.RUNNING);
    expect(during.tasks.map((t) => t.state)).toEqual([InstanceState.RUNNING]);
    expect((await stores.configs.getTaskConfigs('src'))?.configs).toEqual(before?.configs);
    expect((await stores.statuses.getConnector('src'))?.state).toBe(InstanceState.RUNNING);
  });

  it("fails a connector that generates more tasks than tasks.max with Kafka's message", async () => {
    // Prepare
    ScriptedSource.extraTasks = 1;
    await stores.configs.create('src', { name: 'src', 'connector.class': 'ScriptedSource', 'tasks.max': '1' });
    // Act
    await herder.reconcile('src');
    // Assess
    const status = await stores.statuses.getConnector('src');
    expect(status?.state).toBe(InstanceState.FAILED);
    expect(status?.trace).toContain(
      'The connector src has generated 2 tasks, which is greater than 1, the maximum number of tasks it is configured to create.',
    );
  });

  it('allows too many tasks when tasks.max.enforce is false', async () => {
    // Prepare
    ScriptedSource.extraTasks = 1;
    await stores.configs.create('src', {
      name: 'src',
      'connector.class': 'ScriptedSource',
      'tasks.max': '1',
      'tasks.max.enforce': 'false',
    });
    // Act
    await herder.reconcile('src');
    // Assess
    expect((await stores.configs.getTaskConfigs('src'))?.configs).toHaveLength(2);
  });

  it('keeps a failed task off until a restart with includeTasks brings it back', async () => {
    // Prepare
    await stores.configs.create('sink', {
      name: 'sink',
      'connector.class': 'SplittingSink',
      'tasks.max': '2',
      topics: 't',
    });
    await herder.reconcile('sink');
    const generation = (await stores.configs.get('sink'))?.generation ?? 0;
    await stores.statuses.putTask('sink', 1, { state: InstanceState.FAILED, trace: 'boom', workerId: 'w', generation });
    // Act
    await herder.reconcile('sink');
    const whileFailed = platform.applied.at(-1)?.failedTasks;
    const stateWhileFailed = (await stores.statuses.getTask('sink', 1))?.state;
    await stores.configs.requestRestart({ connector: 'sink', includeTasks: true, onlyFailed: true });
    await herder.reconcile('sink');
    // Assess
    expect([...(whileFailed ?? [])]).toEqual([1]);
    expect(stateWhileFailed).toBe(InstanceState.FAILED);
    expect([...(platform.applied.at(-1)?.failedTasks ?? [])]).toEqual([]);
    expect((await stores.statuses.getTask('sink', 1))?.state).toBe(InstanceState.RUNNING);
  });

  it('resolves topics.regex against the cluster, leaving out internal topics', async () => {
    // Prepare
    platform.topics = ['orders-eu', 'orders-us', 'payments', '__consumer_offsets'];
    await stores.configs.create('sink', {
      name: 'sink',
      'connector.class': 'SplittingSink',
      'tasks.max': '1',
      'topics.regex': 'orders-.*|__.*',
    });
    // Act
    await herder.reconcile('sink');
    // Assess
    expect(platform.applied.at(-1)?.topics).toEqual(['orders-eu', 'orders-us']);
  });

  it('removes platform resources and statuses of a deleted connector', async () => {
    // Prepare
    await stores.configs.create('src', { name: 'src', 'connector.class': 'ScriptedSource', 'tasks.max': '1' });
    await herder.reconcile('src');
    await stores.configs.delete('src');
    // Act
    await herder.reconcile('src');
    // Assess
    expect(platform.removed).toEqual(['src']);
    expect(await stores.statuses.list('src')).toEqual({ connector: null, tasks: [] });
  });

  it('changes nothing when run again on a converged connector', async () => {
    // Prepare
    await stores.configs.create('src', { name: 'src', 'connector.class': 'ScriptedSource', 'tasks.max': '2' });
    await herder.reconcile('src');
    const before = await stores.statuses.list('src');
    const tasksBefore = await stores.configs.getTaskConfigs('src');
    // Act
    await herder.reconcile('src');
    // Assess
    expect(await stores.statuses.list('src')).toEqual(before);
    expect(await stores.configs.getTaskConfigs('src')).toEqual(tasksBefore);
  });
});
