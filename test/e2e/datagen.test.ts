import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for';
import { readText } from './support/files';
import { consumeAll, headersOf } from './support/kcat';
import { states } from './support/rest';
import { type E2eRuntime, removeDir, startRuntime, tempDir } from './support/runtime';

const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the Datagen source on the local runtime', () => {
  const dir = tempDir('datagen');
  let rt: E2eRuntime | null = null;

  afterAll(async () => {
    await rt?.runtime.stop();
    removeDir(dir);
  });

  it('generates the users quickstart into a topic that a FileStreamSink writes out as JSON lines, stopping after iterations', async () => {
    // Prepare
    rt = await startRuntime(join(dir, 'data'));
    const out = join(dir, 'users.out');

    // Act: the source writes schemaless JSON; the sink copies that text, one record per line.
    await rt.rest.create('users-source', {
      'connector.class': 'io.confluent.kafka.connect.datagen.DatagenConnector',
      'kafka.topic': 'users',
      quickstart: 'users',
      iterations: '20',
      'max.interval': '1',
      'tasks.max': '1',
      'key.converter': STRING_CONVERTER,
      'value.converter': JSON_CONVERTER,
      'value.converter.schemas.enable': 'false',
    });
    await rt.rest.create('users-sink', {
      'connector.class': 'FileStreamSink',
      file: out,
      topics: 'users',
      'key.converter': STRING_CONVERTER,
      'value.converter': STRING_CONVERTER,
    });

    // Assess
    const users = await waitFor(
      () => {
        const lines = jsonLines(readText(out));
        return lines.length >= 20 ? lines : null;
      },
      { what: '20 users in the sink file' },
    );
    expect(users).toHaveLength(20);
    for (const user of users) {
      expect(Object.keys(user)).toEqual(['registertime', 'userid', 'regionid', 'gender']);
      expect(user.userid).toMatch(/^User_[1-9]$/);
      expect(user.regionid).toMatch(/^Region_[1-9]$/);
      expect(['MALE', 'FEMALE', 'OTHER']).toContain(user.gender);
      expect(typeof user.registertime).toBe('number');
    }
    const topic = await consumeAll(rt.bootstrap, 'users');
    expect(topic).toHaveLength(20);
    expect(topic.map((m) => m.key)).toEqual(users.map((u) => u.userid));
    expect(topic.map((m) => headersOf(m)['task.id'])).toEqual(Array(20).fill(expect.any(String)));
    expect(states(await rt.rest.status('users-source'))).toBe('RUNNING/RUNNING');
    const runtime = rt;
    await waitFor(async () => {
      const offsets = await runtime.rest.get<{ offsets: unknown[] }>('/connectors/users-source/offsets');
      expect(offsets.body.offsets).toEqual([
        {
          partition: { 'task.id': 0 },
          offset: { 'task.generation': expect.any(Number), 'current.iteration': 20, 'random.seed': expect.any(Number) },
        },
      ]);
    });
  });
});
