import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/rest/handler';
import { startApiServer } from '../../../local/api-server';
import type { ConnectService } from '../../../shared/runtime';
import {
  RestClient,
  type RestFixture,
  type RestResponse,
  type SendOptions,
  sinkConfig,
  sourceConfig,
  startRestFixture,
  uniqueName,
  waitForState,
} from './support';

/**
 * What a client can get wrong, and what many clients do at once: the bad-input table (each answer a
 * 4xx with Kafka's error body, the stored state unchanged), unknown paths and methods, oversized
 * bodies, trailing slashes, concurrent writes to one connector, and secrets kept out of answers.
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

/** An error answer: Kafka's two fields only, error_code equal to the status, JSON, and no stack trace. */
function expectErrorBody(res: RestResponse, status: number, message: string | RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(Object.keys(res.body)).toEqual(['error_code', 'message']);
  expect(res.body.error_code).toBe(status);
  if (typeof message === 'string') expect(res.body.message).toBe(message);
  else expect(res.body.message).toMatch(message);
  expect(res.text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
}

describe('the bad-input table', () => {
  const existing = uniqueName('existing');
  const big = 'x'.repeat(1024 * 1024);
  let stored: Record<string, string>;

  beforeAll(async () => {
    const res = await api.post('/connectors', { name: existing, config: sinkConfig(fixture.dir, existing) });
    expect(res.status).toBe(201);
    stored = res.body.config;
  });

  type Row = {
    what: string;
    method: string;
    path: string;
    send: SendOptions;
    status: number;
    message: string | RegExp;
  };
  const invalid = (...errors: string[]) =>
    [
      `Connector configuration is invalid and contains the following ${errors.length} error(s):`,
      ...errors,
      INVALID_SUFFIX,
    ].join('\n');
  const sink = () => sinkConfig(fixture.dir, 'bad');
  const rows = (): Row[] => [
    {
      what: 'malformed JSON in a create request',
      method: 'POST',
      path: '/connectors',
      send: { raw: '{"name": "x", "config": {' },
      status: 400,
      message: /^Malformed JSON in request body: /,
    },
    {
      what: 'malformed JSON in a PUT config',
      method: 'PUT',
      path: `/connectors/${existing}/config`,
      send: { raw: "{'connector.class': 'FileStreamSink'}" },
      status: 400,
      message: /^Malformed JSON in request body: /,
    },
    {
      what: 'malformed JSON in a PATCH config',
      method: 'PATCH',
      path: `/connectors/${existing}/config`,
      send: { raw: '{"tasks.max": 2,}' },
      status: 400,
      message: /^Malformed JSON in request body: /,
    },
    {
      what: 'malformed JSON in a validate request',
      method: 'PUT',
      path: '/connector-plugins/FileStreamSink/config/validate',
      send: { raw: 'connector.class=FileStreamSink' },
      status: 400,
      message: /^Malformed JSON in request body: /,
    },
    {
      what: 'malformed JSON in an offsets request',
      method: 'PATCH',
      path: `/connectors/${existing}/offsets`,
      send: { raw: '{"offsets": [' },
      status: 400,
      message: /^Malformed JSON in request body: /,
    },
    {
      what: 'malformed JSON in a logger request',
      method: 'PUT',
      path: '/admin/loggers/root',
      send: { raw: '{level: DEBUG}' },
      status: 400,
      message: /^Malformed JSON in request body: /,
    },
    {
      what: 'an empty create request',
      method: 'POST',
      path: '/connectors',
      send: {},
      status: 400,
      message: 'Request body is empty; a JSON document is required',
    },
    {
      what: 'a body that is not UTF-8',
      method: 'PUT',
      path: `/connectors/${existing}/config`,
      send: { raw: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x22, 0x31, 0x22, 0x7d]) },
      status: 400,
      message: 'Request body is not valid UTF-8; a JSON document is required',
    },
    {
      what: 'a create request that is an array',
      method: 'POST',
      path: '/connectors',
      send: { json: [{ name: 'x' }] },
      status: 400,
      message: 'The create connector request must be a JSON object, found an array',
    },
    {
      what: 'a config that is a string',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: 'bad', config: 'connector.class=FileStreamSink' } },
      status: 400,
      message: '"config" must be a JSON object of string values, found a string',
    },
    {
      what: 'a config value that is an array',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: 'bad', config: { ...sink(), topics: ['a', 'b'] } } },
      status: 400,
      message: 'Config value of "topics" must be a string, number or boolean, found an array',
    },
    {
      what: 'a PUT config value that is an object',
      method: 'PUT',
      path: `/connectors/${existing}/config`,
      send: { json: { ...sink(), 'tasks.max': { value: 1 } } },
      status: 400,
      message: 'Config value of "tasks.max" must be a string, number or boolean, found an object',
    },
    {
      what: 'a PUT config that is an array',
      method: 'PUT',
      path: `/connectors/${existing}/config`,
      send: { json: [sink()] },
      status: 400,
      message: 'The connector config must be a JSON object of string values, found an array',
    },
    {
      what: 'a PATCH that is a number',
      method: 'PATCH',
      path: `/connectors/${existing}/config`,
      send: { json: 42 },
      status: 400,
      message: 'The config patch must be a JSON object of string values, found a number',
    },
    {
      what: 'a name that is an object',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: { first: 'a' }, config: sink() } },
      status: 400,
      message: 'Connector "name" must be a string, found an object',
    },
    {
      what: 'an initial_state that is not a state',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: 'bad', config: sink(), initial_state: 'SLEEPING' } },
      status: 400,
      message: "Invalid initial_state 'SLEEPING'; expected one of RUNNING, PAUSED, STOPPED",
    },
    {
      what: 'a null config value in PUT',
      method: 'PUT',
      path: `/connectors/${existing}/config`,
      send: { json: { ...sink(), file: null } },
      status: 400,
      message: 'Null value can not be supplied as the configuration value.',
    },
    {
      what: 'an unknown connector class in POST',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: 'bad', config: { 'connector.class': 'com.example.Missing', topics: 't' } } },
      status: 400,
      message: /^Failed to find any class that implements Connector and which name matches com\.example\.Missing, /,
    },
    {
      what: 'an unknown connector class in PUT over an existing connector',
      method: 'PUT',
      path: `/connectors/${existing}/config`,
      send: { json: { 'connector.class': 'Missing', topics: 't' } },
      status: 400,
      message: /^Failed to find any class that implements Connector and which name matches Missing, /,
    },
    {
      what: 'an unknown connector class in PATCH',
      method: 'PATCH',
      path: `/connectors/${existing}/config`,
      send: { json: { 'connector.class': 'Missing' } },
      status: 400,
      message: /^Failed to find any class that implements Connector and which name matches Missing, /,
    },
    {
      what: 'an unknown connector class in validate',
      method: 'PUT',
      path: '/connector-plugins/Missing/config/validate',
      send: { json: { 'connector.class': 'Missing' } },
      status: 400,
      message: /^Failed to find any class that implements Connector and which name matches Missing, /,
    },
    {
      what: 'a name mismatch in PUT',
      method: 'PUT',
      path: `/connectors/${existing}/config`,
      send: { json: { ...sink(), name: 'other' } },
      status: 400,
      message: `Connector name configuration (other) doesn't match connector name in the URL (${existing})`,
    },
    {
      what: 'a name mismatch in PATCH',
      method: 'PATCH',
      path: `/connectors/${existing}/config`,
      send: { json: { name: 'other' } },
      status: 400,
      message: `Connector name configuration (other) doesn't match connector name in the URL (${existing})`,
    },
    {
      what: 'a missing name',
      method: 'POST',
      path: '/connectors',
      send: { json: { config: sink() } },
      status: 400,
      message: invalid('Invalid value  for configuration name: String may not be empty'),
    },
    {
      what: 'a name of whitespace only',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: ' \t ', config: sink() } },
      status: 400,
      message: invalid('Invalid value  for configuration name: String may not be empty'),
    },
    {
      what: 'a missing config',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: 'bad' } },
      status: 400,
      message: 'The create connector request must contain a "config" object',
    },
    {
      what: 'a control character in a created name',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: 'bad\u0001name', config: sink() } },
      status: 400,
      message: invalid(
        'Invalid value bad\u0001name for configuration name: String may not contain control sequences but had the following ASCII chars: 1',
      ),
    },
    {
      what: 'a newline in a created name',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: 'bad\nname', config: sink() } },
      status: 400,
      message: invalid(
        'Invalid value bad\nname for configuration name: String may not contain control sequences but had the following ASCII chars: 10',
      ),
    },
    {
      what: 'a control character in a PUT name',
      method: 'PUT',
      path: '/connectors/bad%07name/config',
      send: { json: sink() },
      status: 400,
      message: invalid(
        'Invalid value bad\u0007name for configuration name: String may not contain control sequences but had the following ASCII chars: 7',
      ),
    },
    {
      what: 'a name longer than the store can key',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: 'n'.repeat(1025), config: sink() } },
      status: 400,
      message: 'Connector name is 1025 bytes long in UTF-8; names of at most 1024 bytes are supported',
    },
    {
      what: 'an unknown field in a create request',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: 'bad', config: sink(), tasks: [] } },
      status: 400,
      message: 'Unrecognized field "tasks" in the create connector request (known fields: name, config, initial_state)',
    },
    {
      what: 'an unknown field in an offsets request',
      method: 'PATCH',
      path: `/connectors/${existing}/offsets`,
      send: { json: { offsets: [{ partition: { kafka_topic: 't', kafka_partition: 0 }, offset: null }], reset: true } },
      status: 400,
      message: 'Unrecognized field "reset" in the offsets request (known fields: offsets)',
    },
    {
      what: 'an unknown field in an offset entry',
      method: 'PATCH',
      path: `/connectors/${existing}/offsets`,
      send: { json: { offsets: [{ partition: { kafka_topic: 't', kafka_partition: 0 }, offset: null, at: 1 }] } },
      status: 400,
      message: 'Unrecognized field "at" in entry 0 of "offsets" (known fields: partition, offset)',
    },
    {
      what: 'an offset entry that is not an object',
      method: 'PATCH',
      path: `/connectors/${existing}/offsets`,
      send: { json: { offsets: ['t-0'] } },
      status: 400,
      message: 'Entry 0 of "offsets" must be a JSON object, found a string',
    },
    {
      what: 'a partition that is a string',
      method: 'PATCH',
      path: `/connectors/${existing}/offsets`,
      send: { json: { offsets: [{ partition: 't-0', offset: { kafka_offset: 1 } }] } },
      status: 400,
      message: 'The "partition" of entry 0 of "offsets" must be a JSON object or null, found a string',
    },
    {
      what: 'a logger level that is an object',
      method: 'PUT',
      path: '/admin/loggers/root',
      send: { json: { level: { name: 'DEBUG' } } },
      status: 400,
      message: '"level" must be a string, found an object',
    },
    {
      what: 'a 1 MB create request',
      method: 'POST',
      path: '/connectors',
      send: { json: { name: 'bad', config: { ...sink(), padding: big } } },
      status: 413,
      message: /^Request body of 10\d{5} bytes is larger than the limit of 262144 bytes$/,
    },
    {
      what: 'a 1 MB PUT config',
      method: 'PUT',
      path: `/connectors/${existing}/config`,
      send: { json: { ...sink(), padding: big } },
      status: 413,
      message: /^Request body of 10\d{5} bytes is larger than the limit of 262144 bytes$/,
    },
    {
      what: 'an 11 MB body, cut off by the API adapter',
      method: 'POST',
      path: '/connectors',
      send: { raw: `{"name":"bad","config":{"padding":"${big.repeat(11)}"}}` },
      status: 413,
      message: 'Request body is larger than the limit of 10485760 bytes',
    },
  ];

  it('answers every bad input with a 4xx and the error body, and leaves the stored state unchanged', async () => {
    // Prepare
    const listBefore = (await api.get('/connectors')).body;
    for (const row of rows()) {
      // Act
      const res = await api.send(row.method, row.path, row.send);
      // Assess
      expectErrorBody(res, row.status, row.message);
      expect((await api.get('/connectors')).body, row.what).toEqual(listBefore);
      expect((await api.get(`/connectors/${existing}/config`)).body, row.what).toEqual(stored);
      expect((await fixture.runtime.stores.configs.get(existing))?.config, row.what).toEqual(stored);
    }
  });

  it('keeps a config key named __proto__ like any other key', async () => {
    // Prepare
    const name = uniqueName('proto');
    const raw = JSON.stringify({ name, config: sinkConfig(fixture.dir, name) }).replace(
      '"connector.class"',
      '"__proto__":"kept","connector.class"',
    );
    // Act
    const res = await api.send('POST', '/connectors', { raw });
    // Assess
    expect(res.status).toBe(201);
    const config = await api.get(`/connectors/${name}/config`);
    expect(config.text).toContain('"__proto__":"kept"');
    expect(Object.getOwnPropertyDescriptor(config.body, '__proto__')?.value).toBe('kept');
  });

  it('answers 404 for a name longer than the store can key on every read', async () => {
    // Prepare
    const long = 'n'.repeat(1100);
    // Act
    const info = await api.get(`/connectors/${long}`);
    const status = await api.get(`/connectors/${long}/status`);
    const pause = await api.put(`/connectors/${long}/pause`);
    const removed = await api.delete(`/connectors/${long}`);
    // Assess
    expectErrorBody(info, 404, `Connector ${long} not found`);
    expectErrorBody(status, 404, `No status found for connector ${long}`);
    expectErrorBody(pause, 404, `Unknown connector ${long}`);
    expectErrorBody(removed, 404, `Connector ${long} not found`);
  });
});

describe('unknown paths, wrong methods, trailing slashes', () => {
  it.each([
    ['GET', '/nope'],
    ['GET', '/connectors/x/nope'],
    ['GET', '/connectors/x/tasks/0/nope'],
    ['GET', '/connectors/x/tasks/0'],
    ['GET', '/admin'],
    ['PUT', '/connector-plugins/FileStreamSink/validate'],
  ])('answers %s %s with 404 "HTTP 404 Not Found"', async (method, path) => {
    // Act
    const res = await api.send(method, path);
    // Assess
    expectErrorBody(res, 404, 'HTTP 404 Not Found');
  });

  it.each([
    ['DELETE', '/connectors', 'GET,HEAD,POST'],
    ['POST', '/connectors/x/status', 'GET,HEAD'],
    ['GET', '/connectors/x/restart', 'POST'],
    ['PATCH', '/connectors/x', 'DELETE,GET,HEAD'],
    ['POST', '/', 'GET,HEAD'],
  ])('answers %s %s with 405 "HTTP 405 Method Not Allowed" and Allow: %s', async (method, path, allow) => {
    // Act
    const res = await api.send(method, path);
    // Assess
    expectErrorBody(res, 405, 'HTTP 405 Method Not Allowed');
    expect(res.headers.get('allow')).toBe(allow);
  });

  it('accepts a trailing slash on every kind of path, as Jersey does', async () => {
    // Prepare
    const name = uniqueName('slash');
    // Act
    const created = await api.post('/connectors/', { name, config: sinkConfig(fixture.dir, name) });
    const list = await api.get('/connectors/');
    const plugins = await api.get('/connector-plugins/');
    const config = await api.get(`/connectors/${name}/config/`);
    const paused = await api.put(`/connectors/${name}/pause/`);
    // Assess
    expect(created.status).toBe(201);
    expect(list.body).toContain(name);
    expect(plugins.body).toEqual((await api.get('/connector-plugins')).body);
    expect(config.body.name).toBe(name);
    expect(paused.status).toBe(202);
  });

  it('answers HEAD like GET without a body', async () => {
    // Act
    const res = await api.send('HEAD', '/connectors');
    // Assess
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  it('reaches a connector whose name needs escaping in the URL', async () => {
    // Prepare
    const name = `${uniqueName('odd')} a/b?c#d%e`;
    // Act
    const created = await api.post('/connectors', { name, config: sinkConfig(fixture.dir, uniqueName('odd')) });
    const info = await api.get(`/connectors/${encodeURIComponent(name)}`);
    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${fixture.runtime.restUrl}/connectors/${encodeURIComponent(name)}`);
    expect(info.body.name).toBe(name);
  });
});

describe('concurrent writes to one connector', () => {
  it('keeps every key of 20 parallel PATCHes (no lost update)', async () => {
    // Prepare
    const name = uniqueName('patches');
    const config = sourceConfig(fixture.dir, name);
    await api.post('/connectors', { name, config });
    // Act
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.patch(`/connectors/${name}/config`, { [`extra.key.${i}`]: `v${i}` })),
    );
    // Assess
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    const stored = (await api.get(`/connectors/${name}/config`)).body;
    const extras = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`extra.key.${i}`, `v${i}`]));
    expect(stored).toEqual({ ...config, name, ...extras });
  });

  it('ends with exactly one of 20 parallel PUTs, intact', async () => {
    // Prepare
    const name = uniqueName('puts');
    await api.post('/connectors', { name, config: sourceConfig(fixture.dir, name) });
    const bodies = Array.from({ length: 20 }, (_, i) => ({
      ...sourceConfig(fixture.dir, `${name}-${i}`),
      'batch.size': String(100 + i),
      [`writer.${i}`]: 'yes',
    }));
    // Act
    const answers = await Promise.all(bodies.map((body) => api.put(`/connectors/${name}/config`, body)));
    // Assess
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    const stored = (await api.get(`/connectors/${name}/config`)).body;
    const winner = bodies.findIndex((body) => body['batch.size'] === stored['batch.size']);
    expect(stored).toEqual({ ...bodies[winner], name });
  });

  it('creates once under 20 parallel PUTs to a new name: one 201, the rest 200', async () => {
    // Prepare
    const name = uniqueName('put-race');
    // Act
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.put(`/connectors/${name}/config`, sinkConfig(fixture.dir, name))),
    );
    // Assess
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(19).fill(200), 201].sort());
    expect((await api.get('/connectors')).body.filter((n: string) => n === name)).toHaveLength(1);
  });

  it('creates once under 10 parallel POSTs of one name: one 201, the rest 409', async () => {
    // Prepare
    const name = uniqueName('post-race');
    // Act
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api.post('/connectors', { name, config: sinkConfig(fixture.dir, name) })),
    );
    // Assess
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    for (const res of answers.filter((r) => r.status !== 201)) {
      expectErrorBody(res, 409, `Connector ${name} already exists`);
    }
  });
});

describe('secrets', () => {
  const SECRET = 'hunter2-do-not-show';
  const JAAS = `org.apache.kafka.common.security.plain.PlainLoginModule required username="app" password="${SECRET}";`;

  it('shows PASSWORD-typed client overrides as [hidden] in validate answers', async () => {
    // Act
    const source = await api.put('/connector-plugins/FileStreamSource/config/validate', {
      ...sourceConfig(fixture.dir, uniqueName('v')),
      'producer.override.sasl.jaas.config': JAAS,
    });
    const sink = await api.put('/connector-plugins/FileStreamSink/config/validate', {
      ...sinkConfig(fixture.dir, uniqueName('v')),
      'consumer.override.ssl.key.password': SECRET,
    });
    // Assess
    const value = (res: RestResponse, key: string) =>
      (res.body.configs as Array<{ value: { name: string; value: unknown } }>).find((c) => c.value.name === key)?.value;
    expect(source.status).toBe(200);
    expect(value(source, 'producer.override.sasl.jaas.config')).toEqual({
      name: 'producer.override.sasl.jaas.config',
      value: '[hidden]',
      recommended_values: [],
      errors: [],
      visible: true,
    });
    expect(value(sink, 'consumer.override.ssl.key.password')?.value).toBe('[hidden]');
    expect(source.text).not.toContain(SECRET);
    expect(sink.text).not.toContain(SECRET);
  });

  it('keeps a resolved ${env:...} secret out of validate, and GET config returns the placeholder as stored', async () => {
    // Prepare
    process.env.REST_INT_JAAS = JAAS;
    const name = uniqueName('placeholder');
    const config = { ...sinkConfig(fixture.dir, name), 'consumer.override.sasl.jaas.config': '${env:REST_INT_JAAS}' };
    // Act
    const created = await api.post('/connectors', { name, config });
    const validate = await api.put('/connector-plugins/FileStreamSink/config/validate', { ...config, name });
    const stored = await api.get(`/connectors/${name}/config`);
    // Assess
    expect(created.status).toBe(201);
    expect(validate.text).not.toContain(SECRET);
    expect(stored.body['consumer.override.sasl.jaas.config']).toBe('${env:REST_INT_JAAS}');
    expect(stored.text).not.toContain(SECRET);
  });

  it('shows placeholders, not what they resolve to, for keys that are not PASSWORD-typed (unlike Kafka)', async () => {
    // Prepare
    process.env.REST_INT_PLAIN = SECRET;
    const name = uniqueName('resolved');
    const config = { ...sinkConfig(fixture.dir, name), file: '${env:REST_INT_PLAIN}' };
    // Act
    const validate = await api.put('/connector-plugins/FileStreamSink/config/validate', { ...config, name });
    const invalid = await api.post('/connectors', {
      name,
      config: { ...config, 'tasks.max': '${env:REST_INT_PLAIN}' },
    });
    // Assess
    const file = (validate.body.configs as Array<{ value: { name: string; value: unknown } }>).find(
      (c) => c.value.name === 'file',
    );
    expect(file?.value.value).toBe('${env:REST_INT_PLAIN}');
    expect(validate.text).not.toContain(SECRET);
    expect(invalid.body).toEqual({
      error_code: 400,
      message: [
        'Connector configuration is invalid and contains the following 2 error(s):',
        'Invalid value ${env:REST_INT_PLAIN} for configuration tasks.max: Not a number of type INT',
        'Invalid value null for configuration tasks.max: Value must be non-null',
        INVALID_SUFFIX,
      ].join('\n'),
    });
  });

  it('never shows a password in status, restart or error answers', async () => {
    // Prepare
    const name = uniqueName('secret');
    const config = { ...sourceConfig(fixture.dir, name, ['a']), 'producer.override.ssl.key.password': SECRET };
    await api.post('/connectors', { name, config });
    await waitForState(api, name, 'RUNNING', 1);
    const { topic: _, ...invalid } = config;
    const { 'connector.class': __, ...classless } = config;
    // Act
    const answers = [
      await api.get(`/connectors/${name}/status`),
      await api.get(`/connectors/${name}/tasks/0/status`),
      await api.get('/connectors?expand=status'),
      await api.post(`/connectors/${name}/restart?includeTasks=true`),
      await api.put(`/connectors/${name}/config`, invalid),
      await api.put(`/connectors/${name}/config`, classless),
      await api.put(`/connectors/${name}/config`, { ...config, 'tasks.max': 'x' }),
    ];
    // Assess
    for (const res of answers) expect(res.text).not.toContain(SECRET);
    expect(answers[5]?.body.message).toContain('producer.override.ssl.key.password=[hidden]');
  });
});

describe('a request the service does not complete in time', () => {
  it('answers Kafka\'s 500 "Request timed out" with the error body', async () => {
    // Prepare: a service whose every call hangs, behind the same handler and local adapter
    const hanging = new Proxy({}, { get: () => () => new Promise(() => {}) }) as ConnectService;
    const logger = new Logger({ logLevel: 'SILENT' });
    const server = await startApiServer({
      handler: createHandler({ service: hanging, logger, requestTimeoutMs: 50 }),
      logger,
      port: 0,
    });
    try {
      // Act
      const res = await new RestClient(server.url).get('/connectors');
      // Assess
      expectErrorBody(res, 500, 'Request timed out');
    } finally {
      await server.close();
    }
  });
});
