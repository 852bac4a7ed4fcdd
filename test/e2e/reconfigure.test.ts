import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for';
import { readText } from './support/files';
import { consumeAll, produce } from './support/kcat';
import { states } from './support/rest';
import { type E2eRuntime, removeDir, startRuntime, tempDir } from './support/runtime';

const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';
const PLAIN = { 'key.converter': STRING_CONVERTER, 'value.converter': STRING_CONVERTER };

describe('reconfiguring and restarting connectors on the local runtime', () => {
  const dir = tempDir('reconfigure');
  let rt: E2eRuntime;

  beforeAll(async () => {
    rt = await startRuntime(join(dir, 'data'));
  });

  afterAll(async () => {
    await rt?.runtime.stop();
    removeDir(dir);
  });

  async function topicValues(topic: string): Promise<string[]> {
    return (await consumeAll(rt.bootstrap, topic)).map((m) => m.payload ?? '<null>');
  }

  it('a running source picks up a changed config at once: lines appended after the change go to the new topic', async () => {
    // Prepare
    const input = join(dir, 'moving.in');
    writeFileSync(input, 'first\n');
    const config = { 'connector.class': 'FileStreamSource', file: input, topic: 'moving-a', ...PLAIN };
    await rt.rest.create('moving-source', config);
    await waitFor(async () => expect(await topicValues('moving-a')).toEqual(['first']));

    // Act
    const updated = await rt.rest.put('/connectors/moving-source/config', { ...config, topic: 'moving-b' });
    await waitFor(async () => {
      const tasks = await rt.rest.get<Array<{ config: Record<string, string> }>>('/connectors/moving-source/tasks');
      expect(tasks.body[0]?.config.topic).toBe('moving-b');
    });
    appendFileSync(input, 'second\n');

    // Assess
    expect(updated.status).toBe(200);
    await waitFor(async () => expect(await topicValues('moving-b')).toEqual(['second']), { timeoutMs: 10_000 });
    expect(await topicValues('moving-a')).toEqual(['first']);
  });

  it('updating the config of a sink whose task failed starts the task again with the new config, as Kafka restarts reconfigured tasks', async () => {
    // Prepare
    const missing = join(dir, 'missing-dir');
    await produce(rt.bootstrap, 'reconfig-lines', ['one', 'two']);
    const config = {
      'connector.class': 'FileStreamSink',
      file: join(missing, 'out'),
      topics: 'reconfig-lines',
      ...PLAIN,
    };
    await rt.rest.create('reconfig-sink', config);
    await waitFor(async () => expect(states(await rt.rest.status('reconfig-sink'))).toBe('RUNNING/FAILED'));

    // Act
    const updated = await rt.rest.put('/connectors/reconfig-sink/config', {
      ...config,
      file: join(dir, 'reconfig.out'),
    });

    // Assess
    expect(updated.status).toBe(200);
    await waitFor(async () => expect(states(await rt.rest.status('reconfig-sink'))).toBe('RUNNING/RUNNING'));
    await waitFor(() => expect(readText(join(dir, 'reconfig.out'))).toBe('one\ntwo\n'));
  });

  it('pausing and resuming a sink whose task failed leaves the task FAILED, as in Kafka', async () => {
    // Prepare
    const config = {
      'connector.class': 'FileStreamSink',
      file: join(dir, 'never', 'out'),
      topics: 'paused-failed-lines',
      ...PLAIN,
    };
    await produce(rt.bootstrap, 'paused-failed-lines', ['one']); // a sink task starts with its first batch
    await rt.rest.create('paused-failed-sink', config);
    await waitFor(async () => expect(states(await rt.rest.status('paused-failed-sink'))).toBe('RUNNING/FAILED'));

    // Act
    await rt.rest.put('/connectors/paused-failed-sink/pause');
    await waitFor(async () => expect((await rt.rest.status('paused-failed-sink'))?.connector.state).toBe('PAUSED'));
    await rt.rest.put('/connectors/paused-failed-sink/resume');

    // Assess
    await waitFor(async () => expect(states(await rt.rest.status('paused-failed-sink'))).toBe('RUNNING/FAILED'));
  });

  it("a sink whose dead letter queue needs more replicas than the one local broker has fails its task with Kafka's message", async () => {
    // Prepare
    const config = {
      'connector.class': 'FileStreamSink',
      file: join(dir, 'dlq-rf.out'),
      topics: 'dlq-rf-lines',
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': 'dlq-rf-dead',
      ...PLAIN,
    };
    await produce(rt.bootstrap, 'dlq-rf-lines', ['one']);

    // Act
    await rt.rest.create('dlq-rf-sink', config);

    // Assess
    const status = await waitFor(async () => {
      const current = await rt.rest.status('dlq-rf-sink');
      expect(states(current)).toBe('RUNNING/FAILED');
      return current;
    });
    expect(status?.tasks[0]?.trace).toContain('Could not initialize dead letter queue with topic=dlq-rf-dead');
    expect(status?.tasks[0]?.trace).toContain('replication factor 3');
  });

  it('a source task that cannot read its file fails, and restarting that task alone brings it back once the file is fixed', async () => {
    // Prepare: a directory where the file should be.
    const input = join(dir, 'broken.in');
    mkdirSync(input);
    await rt.rest.create('broken-source', {
      'connector.class': 'FileStreamSource',
      file: input,
      topic: 'broken-lines',
      ...PLAIN,
    });
    await waitFor(async () => expect(states(await rt.rest.status('broken-source'))).toBe('RUNNING/FAILED'));
    rmSync(input, { recursive: true });
    writeFileSync(input, 'fixed\n');

    // Act
    const restart = await rt.rest.post('/connectors/broken-source/tasks/0/restart');

    // Assess
    expect(restart.status).toBe(204);
    await waitFor(async () => expect(states(await rt.rest.status('broken-source'))).toBe('RUNNING/RUNNING'));
    await waitFor(async () => expect(await topicValues('broken-lines')).toEqual(['fixed']));
  });
});
