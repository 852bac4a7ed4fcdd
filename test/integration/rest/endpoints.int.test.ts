import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KAFKA_CONNECT_VERSION } from '../../../local/runtime';
import { waitFor } from '../../helpers/wait-for';
import {
  errorBody,
  type RestClient,
  type RestFixture,
  type SourceConfig,
  sinkConfig,
  sourceConfig,
  startRestFixture,
  uniqueName,
  waitForState,
} from './support';

/**
 * Every endpoint of the Kafka Connect REST API (spec 1.2) over HTTP against the local API adapter,
 * with real dynalite, the dev broker and the herder: success and error paths with exact bodies.
 */
let fixture: RestFixture;
let api: RestClient;

beforeAll(async () => {
  fixture = await startRestFixture();
  api = fixture.api;
});

afterAll(async () => {
  await fixture?.stop();
});

const INVALID_SUFFIX =
  'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`';

/** Creates a FileStreamSource connector and waits until it and its task run. */
async function runningSource(prefix: string, lines: string[] = []): Promise<{ name: string; config: SourceConfig }> {
  const name = uniqueName(prefix);
  const config = sourceConfig(fixture.dir, name, lines);
  const res = await api.post('/connectors', { name, config });
  expect(res.status).toBe(201);
  await waitForState(api, name, 'RUNNING', 1);
  return { name, config: { ...config, name } };
}

describe('GET / and GET /health', () => {
  it('answers ServerInfo with the Kafka Connect version, the commit and the cluster id', async () => {
    // Act
    const res = await api.get('/');
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(res.body)).toEqual(['version', 'commit', 'kafka_cluster_id']);
    expect(res.body.version).toBe(KAFKA_CONNECT_VERSION);
    expect(res.body.commit).toEqual(expect.any(String));
    expect(res.body.kafka_cluster_id).toMatch(/^\S+$/);
  });

  it('answers healthy with Kafka Connect message once the worker is up', async () => {
    // Act
    const res = await api.get('/health');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'healthy',
      message: 'Worker has completed startup and is ready to handle requests.',
    });
  });
});

describe('POST /connectors', () => {
  it('creates a connector: 201, an absolute Location, and ConnectorInfo with the name added and no tasks yet', async () => {
    // Prepare
    const name = uniqueName('create');
    const config = sourceConfig(fixture.dir, name);
    // Act
    const res = await api.post('/connectors', { name, config });
    // Assess
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${fixture.runtime.restUrl}/connectors/${name}`);
    expect(res.body).toEqual({ name, config: { ...config, name }, tasks: [], type: 'source' });
    expect(Object.keys(res.body.config)).toEqual([...Object.keys(config), 'name']);
    expect((await api.get('/connectors')).body).toContain(name);
    await waitForState(api, name, 'RUNNING', 1);
  });

  it('coerces JSON numbers and booleans in the config to strings, as Jackson does', async () => {
    // Prepare
    const name = uniqueName('coerce');
    const config = { ...sinkConfig(fixture.dir, name), 'tasks.max': 1, 'errors.log.enable': false };
    // Act
    const res = await api.post('/connectors', { name, config });
    // Assess
    expect(res.status).toBe(201);
    const stored = (await api.get(`/connectors/${name}/config`)).body;
    expect(stored['tasks.max']).toBe('1');
    expect(stored['errors.log.enable']).toBe('false');
    expect((await fixture.runtime.stores.configs.get(name))?.config['tasks.max']).toBe('1');
  });

  it("trims the name as Java's String#trim does before validating it (control characters at the ends too)", async () => {
    // Prepare
    const name = uniqueName('trim');
    // Act
    const res = await api.post('/connectors', { name: ` \u0001${name}\t\n`, config: sinkConfig(fixture.dir, name) });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
    expect((await api.get(`/connectors/${name}`)).status).toBe(200);
  });

  it('creates a PAUSED connector for initial_state PAUSED, whose tasks exist and are paused', async () => {
    // Prepare
    const name = uniqueName('paused');
    // Act
    const res = await api.post('/connectors', {
      name,
      config: sourceConfig(fixture.dir, name),
      initial_state: 'PAUSED',
    });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('initial_state');
    const status = await waitForState(api, name, 'PAUSED', 1);
    expect(status.tasks).toEqual([{ id: 0, state: 'PAUSED', worker_id: expect.any(String) }]);
  });

  it('creates a STOPPED connector with no tasks for initial_state stopped (in any case)', async () => {
    // Prepare
    const name = uniqueName('stopped');
    // Act
    const res = await api.post('/connectors', {
      name,
      config: sourceConfig(fixture.dir, name),
      initial_state: 'stopped',
    });
    // Assess
    expect(res.status).toBe(201);
    const status = await waitForState(api, name, 'STOPPED', 0);
    expect(status.tasks).toEqual([]);
    expect((await api.get(`/connectors/${name}/tasks`)).body).toEqual([]);
  });

  it('creates a running connector for initial_state RUNNING', async () => {
    // Prepare
    const name = uniqueName('running');
    // Act
    const res = await api.post('/connectors', {
      name,
      config: sourceConfig(fixture.dir, name),
      initial_state: 'RUNNING',
    });
    // Assess
    expect(res.status).toBe(201);
    expect((await waitForState(api, name, 'RUNNING', 1)).connector.state).toBe('RUNNING');
  });

  it('answers 409 "Connector <name> already exists" for a name in use', async () => {
    // Prepare
    const name = uniqueName('dup');
    await api.post('/connectors', { name, config: sinkConfig(fixture.dir, name) });
    // Act
    const res = await api.post('/connectors', { name, config: sinkConfig(fixture.dir, name) });
    // Assess
    expect(res.status).toBe(409);
    expect(res.body).toEqual(errorBody(409, `Connector ${name} already exists`));
  });

  it('answers 400 for an invalid config before checking the name exists, as Kafka validates first', async () => {
    // Prepare
    const name = uniqueName('dup-invalid');
    await api.post('/connectors', { name, config: sinkConfig(fixture.dir, name) });
    const { topics: _, ...noTopics } = sinkConfig(fixture.dir, name);
    // Act
    const res = await api.post('/connectors', { name, config: noTopics });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toEqual(
      errorBody(
        400,
        [
          'Connector configuration is invalid and contains the following 2 error(s):',
          'Must configure one of topics or topics.regex',
          'Must configure one of topics or topics.regex',
          INVALID_SUFFIX,
        ].join('\n'),
      ),
    );
  });

  it("answers 400 with Kafka's invalid-config message listing each error", async () => {
    // Prepare
    const name = uniqueName('invalid');
    const { topic: _, ...noTopic } = sourceConfig(fixture.dir, name);
    // Act
    const res = await api.post('/connectors', { name, config: noTopic });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toEqual(
      errorBody(
        400,
        `Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration "topic" which has no default value.\n${INVALID_SUFFIX}`,
      ),
    );
    expect((await api.get(`/connectors/${name}`)).status).toBe(404);
  });

  it("answers 400 (where Kafka answers 500) with Kafka's text for an unknown connector class", async () => {
    // Prepare
    const name = uniqueName('unknown-class');
    // Act
    const res = await api.post('/connectors', { name, config: { 'connector.class': 'com.example.Nope' } });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe(400);
    expect(res.body.message).toMatch(
      /^Failed to find any class that implements Connector and which name matches com\.example\.Nope, available connectors are: .*FileStreamSinkConnector.*FileStreamSourceConnector/,
    );
    expect((await api.get(`/connectors/${name}`)).status).toBe(404);
  });

  it('answers 400 "contains no connector type" for a config without connector.class', async () => {
    // Prepare
    const name = uniqueName('no-class');
    // Act
    const res = await api.post('/connectors', { name, config: { topics: 'x' } });
    // Assess
    expect(res.body).toEqual(errorBody(400, `Connector config {topics=x, name=${name}} contains no connector type`));
  });

  it('answers 400 when the config names another connector than the request', async () => {
    // Prepare
    const name = uniqueName('mismatch');
    // Act
    const res = await api.post('/connectors', { name, config: { ...sinkConfig(fixture.dir, name), name: 'other' } });
    // Assess
    expect(res.body).toEqual(
      errorBody(400, `Connector name configuration (other) doesn't match connector name in the URL (${name})`),
    );
  });
});

describe('GET /connectors', () => {
  it('lists the connector names', async () => {
    // Prepare
    const { name } = await runningSource('list');
    // Act
    const res = await api.get('/connectors');
    // Assess
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body).toContain(name);
  });

  it('expands status and info when expand is repeated', async () => {
    // Prepare
    const { name, config } = await runningSource('expand');
    // Act
    const res = await api.get('/connectors?expand=status&expand=info');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body[name]).toEqual({
      status: {
        name,
        connector: { state: 'RUNNING', worker_id: expect.any(String) },
        tasks: [{ id: 0, state: 'RUNNING', worker_id: expect.any(String) }],
        type: 'source',
      },
      info: { name, config, tasks: [{ connector: name, task: 0 }], type: 'source' },
    });
  });

  it('expands only what is asked for, and ignores unknown expansions', async () => {
    // Prepare
    const { name, config } = await runningSource('expand-one');
    // Act
    const info = await api.get('/connectors?expand=info');
    const unknown = await api.get('/connectors?expand=bogus');
    // Assess
    expect(info.body[name]).toEqual({ info: { name, config, tasks: [{ connector: name, task: 0 }], type: 'source' } });
    expect(unknown.body[name]).toEqual({});
  });

  it('leaves out of expand=status a connector that has no status yet, but shows it with expand=info', async () => {
    // Prepare: a connector written straight to the store, which the herder has not been told of
    const name = uniqueName('no-status');
    const config = { ...sinkConfig(fixture.dir, name), name };
    await fixture.runtime.stores.configs.create(name, config);
    // Act
    const status = await api.get('/connectors?expand=status');
    const info = await api.get('/connectors?expand=info');
    const own = await api.get(`/connectors/${name}/status`);
    const restart = await api.send('POST', `/connectors/${name}/restart?includeTasks=true`);
    // Assess
    expect(status.body).not.toHaveProperty(name);
    expect(info.body[name]).toEqual({ info: { name, config, tasks: [], type: 'sink' } });
    expect(own.body).toEqual(errorBody(404, `No status found for connector ${name}`));
    expect(restart.body).toEqual(errorBody(404, `Status for connector ${name} not found`));
  });
});

describe('GET, PUT and PATCH /connectors/{name}/config', () => {
  it('GET /connectors/{name} answers ConnectorInfo with the task ids once the herder has assigned them', async () => {
    // Prepare
    const { name, config } = await runningSource('info');
    // Act
    const res = await api.get(`/connectors/${name}`);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name, config, tasks: [{ connector: name, task: 0 }], type: 'source' });
  });

  it('GET config answers the stored config verbatim, key order included', async () => {
    // Prepare
    const { name, config } = await runningSource('get-config');
    // Act
    const res = await api.get(`/connectors/${name}/config`);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual(config);
    expect(Object.keys(res.body)).toEqual(Object.keys(config));
  });

  it('PUT config creates a missing connector with 201 and Location', async () => {
    // Prepare
    const name = uniqueName('put-new');
    const config = sinkConfig(fixture.dir, name);
    // Act
    const res = await api.put(`/connectors/${name}/config`, config);
    // Assess
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${fixture.runtime.restUrl}/connectors/${name}`);
    expect(res.body).toEqual({ name, config: { ...config, name }, tasks: [], type: 'sink' });
  });

  it('PUT config replaces an existing config with 200 and keeps its target state', async () => {
    // Prepare
    const name = uniqueName('put-update');
    await api.post('/connectors', { name, config: sourceConfig(fixture.dir, name), initial_state: 'PAUSED' });
    await waitForState(api, name, 'PAUSED', 1);
    const replacement = { ...sourceConfig(fixture.dir, name), 'batch.size': '7' };
    // Act
    const res = await api.put(`/connectors/${name}/config`, replacement);
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(res.body).toEqual({
      name,
      config: { ...replacement, name },
      tasks: [{ connector: name, task: 0 }],
      type: 'source',
    });
    expect((await api.get(`/connectors/${name}/config`)).body).toEqual({ ...replacement, name });
    await fixture.runtime.settle();
    expect((await fixture.runtime.stores.configs.get(name))?.targetState).toBe('PAUSED');
    expect((await waitForState(api, name, 'PAUSED', 1)).connector.state).toBe('PAUSED');
  });

  it('PUT config answers 400 when the body names another connector', async () => {
    // Prepare
    const { name, config } = await runningSource('put-mismatch');
    // Act
    const res = await api.put(`/connectors/${name}/config`, { ...config, name: 'someone-else' });
    // Assess
    expect(res.body).toEqual(
      errorBody(400, `Connector name configuration (someone-else) doesn't match connector name in the URL (${name})`),
    );
    expect((await api.get(`/connectors/${name}/config`)).body).toEqual(config);
  });

  it('PUT config answers 400 with the invalid-config message and keeps the stored config', async () => {
    // Prepare
    const { name, config } = await runningSource('put-invalid');
    // Act
    const res = await api.put(`/connectors/${name}/config`, { ...config, 'tasks.max': 'many' });
    // Assess
    expect(res.body).toEqual(
      errorBody(
        400,
        // Kafka's ConfigDef also runs tasks.max's validator on the unparsed (null) value: two errors.
        [
          'Connector configuration is invalid and contains the following 2 error(s):',
          'Invalid value many for configuration tasks.max: Not a number of type INT',
          'Invalid value null for configuration tasks.max: Value must be non-null',
          INVALID_SUFFIX,
        ].join('\n'),
      ),
    );
    expect((await api.get(`/connectors/${name}/config`)).body).toEqual(config);
  });

  it('PATCH config merges the patch, removes keys patched to null, and answers ConnectorInfo', async () => {
    // Prepare
    const { name, config } = await runningSource('patch');
    // Act
    const res = await api.patch(`/connectors/${name}/config`, { 'batch.size': 5, 'tasks.max': null });
    // Assess
    const { 'tasks.max': _, ...rest } = config;
    const expected = { ...rest, 'batch.size': '5' };
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name, config: expected, tasks: [{ connector: name, task: 0 }], type: 'source' });
    expect((await api.get(`/connectors/${name}/config`)).body).toEqual(expected);
  });

  it('PATCH config answers 404 "Connector <name> not found" for an unknown connector', async () => {
    // Act
    const res = await api.patch('/connectors/nope/config', { 'tasks.max': '2' });
    // Assess
    expect(res.status).toBe(404);
    expect(res.body).toEqual(errorBody(404, 'Connector nope not found'));
  });

  it('PATCH config answers 400 when the merged config is invalid, and keeps the stored config', async () => {
    // Prepare
    const { name, config } = await runningSource('patch-invalid');
    // Act
    const res = await api.patch(`/connectors/${name}/config`, { topic: null });
    // Assess
    expect(res.body).toEqual(
      errorBody(
        400,
        `Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration "topic" which has no default value.\n${INVALID_SUFFIX}`,
      ),
    );
    expect((await api.get(`/connectors/${name}/config`)).body).toEqual(config);
  });

  it('GET /connectors/{name} and its config answer 404 "Connector <name> not found" for an unknown connector', async () => {
    // Act
    const info = await api.get('/connectors/nope');
    const config = await api.get('/connectors/nope/config');
    // Assess
    expect(info.status).toBe(404);
    expect(info.body).toEqual(errorBody(404, 'Connector nope not found'));
    expect(config.body).toEqual(errorBody(404, 'Connector nope not found'));
  });
});

describe('status, pause, resume, stop, restart and delete', () => {
  it('GET status answers ConnectorStateInfo with a worker id and no trace while running', async () => {
    // Prepare
    const { name } = await runningSource('status');
    // Act
    const res = await api.get(`/connectors/${name}/status`);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name,
      connector: { state: 'RUNNING', worker_id: expect.stringMatching(/.+:\d+$/) },
      tasks: [{ id: 0, state: 'RUNNING', worker_id: expect.stringMatching(/.+:\d+$/) }],
      type: 'source',
    });
  });

  it('pause and resume answer 202 with no body and move connector and tasks to PAUSED and back to RUNNING', async () => {
    // Prepare
    const { name } = await runningSource('pause');
    // Act
    const paused = await api.put(`/connectors/${name}/pause`);
    const pausedStatus = await waitForState(api, name, 'PAUSED', 1);
    const resumed = await api.put(`/connectors/${name}/resume`);
    const resumedStatus = await waitForState(api, name, 'RUNNING', 1);
    // Assess
    expect(paused.status).toBe(202);
    expect(paused.text).toBe('');
    expect(pausedStatus.tasks[0]?.state).toBe('PAUSED');
    expect(resumed.status).toBe(202);
    expect(resumed.text).toBe('');
    expect(resumedStatus.connector.state).toBe('RUNNING');
  });

  it('pause is idempotent: a second pause answers 202 too', async () => {
    // Prepare
    const { name } = await runningSource('pause-twice');
    await api.put(`/connectors/${name}/pause`);
    // Act
    const again = await api.put(`/connectors/${name}/pause`);
    // Assess
    expect(again.status).toBe(202);
    expect((await waitForState(api, name, 'PAUSED', 1)).connector.state).toBe('PAUSED');
  });

  it('stop answers 204, removes the tasks, and resume starts them again', async () => {
    // Prepare
    const { name } = await runningSource('stop');
    // Act
    const stopped = await api.put(`/connectors/${name}/stop`);
    const tasksAfterStop = await api.get(`/connectors/${name}/tasks`);
    const stoppedStatus = await waitForState(api, name, 'STOPPED', 0);
    const resumed = await api.put(`/connectors/${name}/resume`);
    const running = await waitForState(api, name, 'RUNNING', 1);
    // Assess
    expect(stopped.status).toBe(204);
    expect(stopped.text).toBe('');
    expect(tasksAfterStop.body).toEqual([]);
    expect(stoppedStatus.tasks).toEqual([]);
    expect(resumed.status).toBe(202);
    expect(running.tasks).toHaveLength(1);
  });

  it('pause, resume and stop answer 404 "Unknown connector <name>"', async () => {
    // Act
    const answers = await Promise.all(['pause', 'resume', 'stop'].map((op) => api.put(`/connectors/nope/${op}`)));
    // Assess
    for (const res of answers) expect(res.body).toEqual(errorBody(404, 'Unknown connector nope'));
  });

  it('restart without parameters answers 204 with no body and the connector runs again', async () => {
    // Prepare
    const { name } = await runningSource('restart');
    // Act
    const res = await api.post(`/connectors/${name}/restart`);
    // Assess
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    await fixture.runtime.settle();
    expect((await waitForState(api, name, 'RUNNING', 1)).connector.state).toBe('RUNNING');
  });

  it('restart?includeTasks=true answers 202 with the connector and its tasks shown RESTARTING', async () => {
    // Prepare
    const { name } = await runningSource('restart-tasks');
    // Act
    const res = await api.post(`/connectors/${name}/restart?includeTasks=true&onlyFailed=false`);
    // Assess
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      name,
      connector: { state: 'RESTARTING', worker_id: expect.any(String) },
      tasks: [{ id: 0, state: 'RESTARTING', worker_id: expect.any(String) }],
      type: 'source',
    });
    expect(Object.keys(res.body.tasks[0])).toEqual(['id', 'state', 'worker_id']);
    expect((await waitForState(api, name, 'RUNNING', 1)).tasks).toHaveLength(1);
  });

  it('restart?onlyFailed=true answers 202 and restarts nothing when nothing failed', async () => {
    // Prepare
    const { name } = await runningSource('restart-failed');
    // Act
    const onlyFailed = await api.post(`/connectors/${name}/restart?onlyFailed=true`);
    const both = await api.post(`/connectors/${name}/restart?includeTasks=true&onlyFailed=true`);
    // Assess
    const running = {
      name,
      connector: { state: 'RUNNING', worker_id: expect.any(String) },
      tasks: [{ id: 0, state: 'RUNNING', worker_id: expect.any(String) }],
      type: 'source',
    };
    expect(onlyFailed.status).toBe(202);
    expect(onlyFailed.body).toEqual(running);
    expect(both.status).toBe(202);
    expect(both.body).toEqual(running);
  });

  it('restart answers 404 "Unknown connector: <name>" in both forms', async () => {
    // Act
    const plain = await api.post('/connectors/nope/restart');
    const withTasks = await api.post('/connectors/nope/restart?includeTasks=true');
    // Assess
    expect(plain.body).toEqual(errorBody(404, 'Unknown connector: nope'));
    expect(withTasks.body).toEqual(errorBody(404, 'Unknown connector: nope'));
  });

  it('DELETE answers 204, then the connector, its config and its status are gone', async () => {
    // Prepare
    const { name } = await runningSource('delete');
    // Act
    const res = await api.delete(`/connectors/${name}`);
    // Assess
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await api.get(`/connectors/${name}`)).body).toEqual(errorBody(404, `Connector ${name} not found`));
    expect((await api.get('/connectors')).body).not.toContain(name);
    await fixture.runtime.settle();
    expect((await api.get(`/connectors/${name}/status`)).body).toEqual(
      errorBody(404, `No status found for connector ${name}`),
    );
  });

  it('DELETE and status answer their own 404 texts for an unknown connector', async () => {
    // Act
    const deleted = await api.delete('/connectors/nope');
    const status = await api.get('/connectors/nope/status');
    // Assess
    expect(deleted.body).toEqual(errorBody(404, 'Connector nope not found'));
    expect(status.body).toEqual(errorBody(404, 'No status found for connector nope'));
  });
});

describe('tasks', () => {
  it('GET tasks answers TaskInfo with task.class, and tasks-config the same configs by task id', async () => {
    // Prepare
    const { name, config } = await runningSource('tasks');
    const taskConfig = { ...config, 'task.class': 'org.apache.kafka.connect.file.FileStreamSourceTask' };
    // Act
    const tasks = await api.get(`/connectors/${name}/tasks`);
    const tasksConfig = await api.get(`/connectors/${name}/tasks-config`);
    // Assess
    expect(tasks.status).toBe(200);
    expect(tasks.body).toEqual([{ id: { connector: name, task: 0 }, config: taskConfig }]);
    expect(tasksConfig.status).toBe(200);
    expect(tasksConfig.body).toEqual({ [`${name}-0`]: taskConfig });
  });

  it('GET tasks of a sink copies topics into the task config', async () => {
    // Prepare
    const name = uniqueName('sink-tasks');
    const config = sinkConfig(fixture.dir, name);
    await api.post('/connectors', { name, config });
    await fixture.runtime.settle();
    // Act
    const tasks = await waitFor(async () => {
      const res = await api.get(`/connectors/${name}/tasks`);
      return res.body.length === 1 ? res.body : null;
    });
    // Assess
    expect(tasks[0].config).toEqual({
      ...config,
      name,
      'task.class': 'org.apache.kafka.connect.file.FileStreamSinkTask',
    });
  });

  it('tasks and tasks-config answer 404 "Connector <name> not found" for an unknown connector', async () => {
    // Act
    const tasks = await api.get('/connectors/nope/tasks');
    const tasksConfig = await api.get('/connectors/nope/tasks-config');
    // Assess
    expect(tasks.body).toEqual(errorBody(404, 'Connector nope not found'));
    expect(tasksConfig.body).toEqual(errorBody(404, 'Connector nope not found'));
  });

  it('task status answers the task state, and 404 texts for a missing task or a task id that is not an int', async () => {
    // Prepare
    const { name } = await runningSource('task-status');
    // Act
    const task = await api.get(`/connectors/${name}/tasks/0/status`);
    const missing = await api.get(`/connectors/${name}/tasks/7/status`);
    const notInt = await api.get(`/connectors/${name}/tasks/first/status`);
    const tooBig = await api.get(`/connectors/${name}/tasks/99999999999/status`);
    // Assess
    expect(task.body).toEqual({ id: 0, state: 'RUNNING', worker_id: expect.any(String) });
    expect(missing.body).toEqual(errorBody(404, `No status found for task ${name}-7`));
    expect(notInt.body).toEqual(errorBody(404, 'HTTP 404 Not Found'));
    expect(tooBig.body).toEqual(errorBody(404, 'HTTP 404 Not Found'));
  });

  it('task restart answers 204, and 404 for an unknown task or connector', async () => {
    // Prepare
    const { name } = await runningSource('task-restart');
    // Act
    const res = await api.post(`/connectors/${name}/tasks/0/restart`);
    const unknownTask = await api.post(`/connectors/${name}/tasks/3/restart`);
    const unknownConnector = await api.post('/connectors/nope/tasks/0/restart');
    const notInt = await api.post(`/connectors/${name}/tasks/x/restart`);
    // Assess
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(unknownTask.body).toEqual(errorBody(404, `Unknown task: ${name}-3`));
    expect(unknownConnector.body).toEqual(errorBody(404, 'Unknown connector: nope'));
    expect(notInt.body).toEqual(errorBody(404, 'HTTP 404 Not Found'));
    expect((await waitForState(api, name, 'RUNNING', 1)).tasks[0]?.state).toBe('RUNNING');
  });
});

describe('topics', () => {
  it('GET topics answers the topics a source produced to, keyed by connector name', async () => {
    // Prepare
    const { name, config } = await runningSource('topics', ['a', 'b']);
    // Act
    const res = await waitFor(async () => {
      const r = await api.get(`/connectors/${name}/topics`);
      return r.body[name].topics.length > 0 ? r : null;
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ [name]: { topics: [config.topic] } });
  });

  it('PUT topics/reset answers 202 with no body and clears the active topics', async () => {
    // Prepare
    const { name } = await runningSource('topics-reset', ['a']);
    await waitFor(async () => (await api.get(`/connectors/${name}/topics`)).body[name].topics.length > 0);
    await api.put(`/connectors/${name}/stop`);
    await waitForState(api, name, 'STOPPED', 0);
    // Act
    const res = await api.put(`/connectors/${name}/topics/reset`);
    // Assess
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect((await api.get(`/connectors/${name}/topics`)).body).toEqual({ [name]: { topics: [] } });
  });

  it('answers an empty topic list, and 202 to a reset, for an unknown connector (no 404, as in Kafka)', async () => {
    // Act
    const topics = await api.get('/connectors/nope/topics');
    const reset = await api.put('/connectors/nope/topics/reset');
    // Assess
    expect(topics.status).toBe(200);
    expect(topics.body).toEqual({ nope: { topics: [] } });
    expect(reset.status).toBe(202);
  });
});

describe('offsets', () => {
  const STOPPED_RULE = (name: string) =>
    `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`;

  it('GET offsets of a source answers its partition and position', async () => {
    // Prepare
    const { name, config } = await runningSource('src-offsets', ['one', 'two']);
    // Act
    const res = await waitFor(async () => {
      const r = await api.get(`/connectors/${name}/offsets`);
      return r.body.offsets.length > 0 && r.body.offsets[0].offset.position === 8 ? r : null;
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ offsets: [{ partition: { filename: config.file }, offset: { position: 8 } }] });
  });

  it('PATCH and DELETE offsets answer 400 with the STOPPED rule while running or paused', async () => {
    // Prepare
    const { name, config } = await runningSource('offsets-running');
    const body = { offsets: [{ partition: { filename: config.file }, offset: { position: 0 } }] };
    // Act
    const whileRunning = await api.patch(`/connectors/${name}/offsets`, body);
    await api.put(`/connectors/${name}/pause`);
    const whilePaused = await api.patch(`/connectors/${name}/offsets`, body);
    const deleteWhilePaused = await api.delete(`/connectors/${name}/offsets`);
    // Assess
    expect(whileRunning.body).toEqual(errorBody(400, STOPPED_RULE(name)));
    expect(whilePaused.body).toEqual(errorBody(400, STOPPED_RULE(name)));
    expect(deleteWhilePaused.body).toEqual(errorBody(400, STOPPED_RULE(name)));
  });

  it('alters and resets the offsets of a stopped source, in the store and as GET shows them', async () => {
    // Prepare
    const { name, config } = await runningSource('offsets-alter', ['0123456789']);
    await waitFor(async () => (await api.get(`/connectors/${name}/offsets`)).body.offsets.length > 0);
    await api.put(`/connectors/${name}/stop`);
    const partition = { filename: config.file };
    // Act
    const altered = await api.patch(`/connectors/${name}/offsets`, {
      offsets: [{ partition, offset: { position: 4 } }],
    });
    const afterAlter = await api.get(`/connectors/${name}/offsets`);
    const stored = await fixture.runtime.stores.offsets.list(name);
    const reset = await api.delete(`/connectors/${name}/offsets`);
    const afterReset = await api.get(`/connectors/${name}/offsets`);
    // Assess
    expect(altered.status).toBe(200);
    expect(altered.body).toEqual({ message: 'The offsets for this connector have been altered successfully' });
    expect(afterAlter.body).toEqual({ offsets: [{ partition, offset: { position: 4 } }] });
    expect(stored.map((o) => [o.partition, o.offset])).toEqual([[partition, { position: 4 }]]);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ message: 'The offsets for this connector have been reset successfully' });
    expect(afterReset.body).toEqual({ offsets: [] });
    expect(await fixture.runtime.stores.offsets.list(name)).toEqual([]);
  });

  it('PATCH offsets answers 400 when no offsets are given', async () => {
    // Prepare
    const name = uniqueName('offsets-empty');
    await api.post('/connectors', { name, config: sourceConfig(fixture.dir, name), initial_state: 'STOPPED' });
    // Act
    const noList = await api.patch(`/connectors/${name}/offsets`, {});
    const emptyList = await api.patch(`/connectors/${name}/offsets`, { offsets: [] });
    // Assess
    const text = 'Partitions / offsets need to be provided for an alter offsets request';
    expect(noList.body).toEqual(errorBody(400, text));
    expect(emptyList.body).toEqual(errorBody(400, text));
  });

  it('GET, PATCH and DELETE offsets answer 404 "Connector <name> not found" for an unknown connector', async () => {
    // Act
    const answers = [
      await api.get('/connectors/nope/offsets'),
      await api.patch('/connectors/nope/offsets', { offsets: [{ partition: { filename: 'x' }, offset: null }] }),
      await api.delete('/connectors/nope/offsets'),
    ];
    // Assess
    for (const res of answers) expect(res.body).toEqual(errorBody(404, 'Connector nope not found'));
  });

  it('alters and resets the consumer group offsets of a sink created STOPPED, in Kafka sink shapes', async () => {
    // Prepare: the topic exists once a source has produced to it
    const { name: sourceName, config: source } = await runningSource('sink-offsets-src', ['x', 'y', 'z']);
    const topic = source.topic;
    await waitFor(async () => (await api.get(`/connectors/${sourceName}/topics`)).body[sourceName].topics.length > 0);
    const name = uniqueName('sink-offsets');
    await api.post('/connectors', { name, config: sinkConfig(fixture.dir, name, topic), initial_state: 'STOPPED' });
    await waitForState(api, name, 'STOPPED', 0);
    // Act
    const empty = await api.get(`/connectors/${name}/offsets`);
    const altered = await api.patch(`/connectors/${name}/offsets`, {
      offsets: [{ partition: { kafka_topic: topic, kafka_partition: '0' }, offset: { kafka_offset: '2' } }],
    });
    const afterAlter = await api.get(`/connectors/${name}/offsets`);
    const reset = await api.delete(`/connectors/${name}/offsets`);
    const afterReset = await api.get(`/connectors/${name}/offsets`);
    // Assess
    expect(empty.body).toEqual({ offsets: [] });
    expect(altered.body).toEqual({ message: 'The offsets for this connector have been altered successfully' });
    expect(afterAlter.body).toEqual({
      offsets: [{ partition: { kafka_topic: topic, kafka_partition: 0 }, offset: { kafka_offset: 2 } }],
    });
    expect(reset.body).toEqual({ message: 'The offsets for this connector have been reset successfully' });
    expect(afterReset.body).toEqual({ offsets: [] });
  });

  it("answers Kafka's 400 texts for malformed sink offsets", async () => {
    // Prepare
    const name = uniqueName('sink-bad-offsets');
    await api.post('/connectors', { name, config: sinkConfig(fixture.dir, name), initial_state: 'STOPPED' });
    const cases: Array<[unknown, string]> = [
      [{ partition: null, offset: null }, 'The partition for a sink connector offset cannot be null or missing'],
      [
        { partition: { kafka_topic: 't' }, offset: null },
        "The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'",
      ],
      [
        { partition: { kafka_topic: null, kafka_partition: 0 }, offset: null },
        'Kafka topic names must be valid strings and may not be null',
      ],
      [
        { partition: { kafka_topic: 't', kafka_partition: null }, offset: null },
        'Kafka partitions must be valid numbers and may not be null',
      ],
      [
        { partition: { kafka_topic: 't', kafka_partition: 'zero' }, offset: null },
        "Failed to parse the following Kafka partition value in the provided offsets: 'zero'. Partition values for sink connectors need to be integers.",
      ],
      [
        { partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { position: 1 } },
        "The offset for a sink connector should either be null or contain the key 'kafka_offset'",
      ],
      [
        { partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: '1.5' } },
        "Failed to parse the following Kafka offset value in the provided offsets: '1.5'. Offset values for sink connectors need to be integers.",
      ],
    ];
    for (const [entry, message] of cases) {
      // Act
      const res = await api.patch(`/connectors/${name}/offsets`, { offsets: [entry] });
      // Assess
      expect(res.body, JSON.stringify(entry)).toEqual(errorBody(400, message));
    }
  });
});

describe('connector plugins', () => {
  it('lists only the connector plugins by default: sinks, then sources, each sorted by class name', async () => {
    // Act
    const res = await api.get('/connector-plugins');
    // Assess
    expect(res.status).toBe(200);
    const plugins = res.body as Array<{ class: string; type: string; version: string }>;
    expect(plugins).toContainEqual({
      class: 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      type: 'sink',
      version: expect.any(String),
    });
    expect(plugins).toContainEqual({
      class: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      type: 'source',
      version: expect.any(String),
    });
    for (const plugin of plugins) expect(Object.keys(plugin)).toEqual(['class', 'type', 'version']);
    const order = (type: string) => ['sink', 'source'].indexOf(type);
    const sorted = [...plugins].sort(
      (a, b) => order(a.type) - order(b.type) || (a.class < b.class ? -1 : a.class > b.class ? 1 : 0),
    );
    expect(plugins).toEqual(sorted);
    expect(plugins.every((p) => order(p.type) >= 0)).toBe(true);
  });

  it('lists transformations, predicates and converters too with connectorsOnly=false, connectors first', async () => {
    // Act
    const all = await api.get('/connector-plugins?connectorsOnly=false');
    const connectorsOnly = await api.get('/connector-plugins?connectorsOnly=true');
    // Assess
    const types = (all.body as Array<{ type: string }>).map((p) => p.type);
    const groups = types.filter((type, i) => type !== types[i - 1]);
    expect(groups).toEqual(['sink', 'source', 'transformation', 'predicate', 'converter', 'header_converter']);
    expect(all.body).toContainEqual({
      class: 'org.apache.kafka.connect.transforms.Cast$Key',
      type: 'transformation',
      version: expect.any(String),
    });
    expect(all.body).toContainEqual({
      class: 'org.apache.kafka.connect.storage.SimpleHeaderConverter',
      type: 'header_converter',
      version: expect.any(String),
    });
    expect(connectorsOnly.body).toEqual(
      (all.body as Array<{ type: string }>).filter((p) => ['sink', 'source'].includes(p.type)),
    );
  });

  it('answers the same ConfigKeyInfo list for a plugin by class name and by alias, its own keys first', async () => {
    // Act
    const byClass = await api.get('/connector-plugins/org.apache.kafka.connect.file.FileStreamSinkConnector/config');
    const byAlias = await api.get('/connector-plugins/FileStreamSink/config');
    // Assess
    expect(byClass.status).toBe(200);
    expect(byAlias.body).toEqual(byClass.body);
    expect(byClass.body[0]).toEqual({
      name: 'file',
      type: 'STRING',
      required: false,
      default_value: null,
      importance: 'HIGH',
      documentation: 'Destination filename. If not specified, the standard output will be used',
      group: null,
      width: 'NONE',
      display_name: 'file',
      dependents: [],
      order: -1,
    });
    expect((byClass.body as Array<{ name: string }>).map((k) => k.name)).toContain('topics');
  });

  it('answers 404 "Unknown plugin <p>." for a plugin it does not have', async () => {
    // Act
    const res = await api.get('/connector-plugins/com.example.Nope/config');
    // Assess
    expect(res.body).toEqual(errorBody(404, 'Unknown plugin com.example.Nope.'));
  });

  it('validate answers 200 with ConfigInfos even when the config is invalid', async () => {
    // Act
    const res = await api.put('/connector-plugins/FileStreamSourceConnector/config/validate', {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      name: 's',
      'tasks.max': '1',
      file: join(fixture.dir, 'validate.in'),
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('org.apache.kafka.connect.file.FileStreamSourceConnector');
    expect(res.body.error_count).toBe(1);
    expect(res.body.groups).toEqual([
      'Common',
      'Transforms',
      'Predicates',
      'Error Handling',
      'Topic Creation',
      'Exactly Once Support',
      'offsets.topic',
    ]);
    const topic = (res.body.configs as Array<{ value: { name: string } }>).find((c) => c.value.name === 'topic');
    expect(topic?.value).toEqual({
      name: 'topic',
      value: null,
      recommended_values: [],
      errors: ['Missing required configuration "topic" which has no default value.'],
      visible: true,
    });
  });

  it('validate answers 400 when the body names another connector type than the path', async () => {
    // Act
    const res = await api.put('/connector-plugins/FileStreamSink/config/validate', {
      'connector.class': 'FileStreamSource',
    });
    // Assess
    expect(res.body).toEqual(
      errorBody(400, 'Included connector type FileStreamSource does not match request type FileStreamSink'),
    );
  });

  it('validate answers 400 (where Kafka answers 500) for an unknown class or a missing connector.class', async () => {
    // Act
    const unknown = await api.put('/connector-plugins/Nope/config/validate', { 'connector.class': 'Nope' });
    const missing = await api.put('/connector-plugins/FileStreamSink/config/validate', { topics: 'x' });
    // Assess
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(
      /^Failed to find any class that implements Connector and which name matches Nope, available connectors are: /,
    );
    expect(missing.body).toEqual(errorBody(400, 'Connector config {topics=x} contains no connector type'));
  });
});

describe('admin/loggers', () => {
  it('lists the loggers with explicit levels, root included', async () => {
    // Act
    const res = await api.get('/admin/loggers');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.root).toEqual({ level: expect.any(String), last_modified: null });
  });

  it('sets a level at worker scope (200 with the affected loggers) and shows it with a modification time', async () => {
    // Prepare
    const logger = `org.apache.kafka.connect.${uniqueName('l')}`;
    const before = Date.now();
    // Act
    const res = await api.put(`/admin/loggers/${logger}`, { level: 'debug' });
    const one = await api.get(`/admin/loggers/${logger}`);
    const all = await api.get('/admin/loggers');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toContain(logger);
    expect(one.body).toEqual({ level: 'DEBUG', last_modified: expect.any(Number) });
    expect(one.body.last_modified).toBeGreaterThanOrEqual(before);
    expect(all.body[logger]).toEqual(one.body);
  });

  it('sets a level at cluster scope with 204 and no body', async () => {
    // Prepare
    const logger = `org.apache.kafka.connect.${uniqueName('c')}`;
    // Act
    const res = await api.put(`/admin/loggers/${logger}?scope=cluster`, { level: 'WARN' });
    // Assess
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await api.get(`/admin/loggers/${logger}`)).body.level).toBe('WARN');
  });

  it("answers Kafka's 404 for an invalid level and 400 for a missing one", async () => {
    // Act
    const invalid = await api.put('/admin/loggers/org.apache.kafka.connect', { level: 'LOUD' });
    const empty = await api.put('/admin/loggers/org.apache.kafka.connect', { level: '' });
    const missing = await api.put('/admin/loggers/org.apache.kafka.connect', {});
    // Assess
    expect(invalid.body).toEqual(errorBody(404, "invalid log level 'LOUD'."));
    expect(empty.body).toEqual(errorBody(404, "invalid log level ''."));
    expect(missing.body).toEqual(errorBody(400, "Desired 'level' parameter was not specified in request."));
  });

  it('answers 404 "Logger <name> not found." for a logger nobody created', async () => {
    // Act
    const res = await api.get('/admin/loggers/com.example.never.used');
    // Assess
    expect(res.body).toEqual(errorBody(404, 'Logger com.example.never.used not found.'));
  });
});

describe('the texts that differ per endpoint (spec 1.5)', () => {
  it('answers each endpoint its own 404 text for the same unknown connector', async () => {
    // Act
    const texts = {
      info: (await api.get('/connectors/nope')).body.message,
      pause: (await api.put('/connectors/nope/pause')).body.message,
      restart: (await api.post('/connectors/nope/restart')).body.message,
      status: (await api.get('/connectors/nope/status')).body.message,
    };
    // Assess
    expect(texts).toEqual({
      info: 'Connector nope not found',
      pause: 'Unknown connector nope',
      restart: 'Unknown connector: nope',
      status: 'No status found for connector nope',
    });
  });
});

describe('a source connector end to end through the REST API', () => {
  it('keeps reading lines appended to its file, as its offsets show', async () => {
    // Prepare
    const { name, config } = await runningSource('tail', ['a']);
    await waitFor(async () => (await api.get(`/connectors/${name}/offsets`)).body.offsets[0]?.offset.position === 2);
    // Act
    appendFileSync(config.file, 'bcd\n');
    // Assess
    const res = await waitFor(async () => {
      const r = await api.get(`/connectors/${name}/offsets`);
      return r.body.offsets[0]?.offset.position === 6 ? r : null;
    });
    expect(res.body.offsets).toEqual([{ partition: { filename: config.file }, offset: { position: 6 } }]);
  });
});
