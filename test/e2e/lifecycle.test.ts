import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for';
import { readText } from './support/files';
import { consumeAll, produce } from './support/kcat';
import { states } from './support/rest';
import { type E2eRuntime, removeDir, startRuntime, tempDir } from './support/runtime';

const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';
const PLAIN = { 'key.converter': STRING_CONVERTER, 'value.converter': STRING_CONVERTER };

function numbered(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `${prefix}-${from + i}`);
}

function asFile(lines: readonly string[]): string {
  return lines.map((l) => `${l}\n`).join('');
}

describe('connector lifecycle on the local runtime', () => {
  const dir = tempDir('lifecycle');
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

  async function createSource(name: string, file: string, topic: string): Promise<void> {
    await rt.rest.create(name, { 'connector.class': 'FileStreamSource', file, topic, ...PLAIN });
  }

  async function createSink(name: string, file: string, topic: string): Promise<void> {
    await rt.rest.create(name, { 'connector.class': 'FileStreamSink', file, topics: topic, ...PLAIN });
  }

  async function waitForStates(name: string, expected: string): Promise<void> {
    await waitFor(async () => expect(states(await rt.rest.status(name))).toBe(expected));
  }

  it('pausing a source stops its output and resuming it sends what the file gained meanwhile', async () => {
    // Prepare: the witness reads the same file, so once it has sent a line the paused one could have too.
    const input = join(dir, 'pause-source.in');
    writeFileSync(input, asFile(numbered('a', 0, 3)));
    await createSource('pause-source', input, 'pause-source-lines');
    await createSource('pause-source-witness', input, 'pause-source-witness-lines');
    await waitFor(async () => expect(await topicValues('pause-source-lines')).toEqual(numbered('a', 0, 3)));

    // Act
    const paused = await rt.rest.put('/connectors/pause-source/pause');
    await waitForStates('pause-source', 'PAUSED/PAUSED');
    appendFileSync(input, asFile(numbered('a', 3, 6)));
    await waitFor(async () => expect(await topicValues('pause-source-witness-lines')).toEqual(numbered('a', 0, 6)));
    const whilePaused = await topicValues('pause-source-lines');
    const resumed = await rt.rest.put('/connectors/pause-source/resume');

    // Assess
    expect(paused.status).toBe(202);
    expect(whilePaused).toEqual(numbered('a', 0, 3));
    expect(resumed.status).toBe(202);
    await waitForStates('pause-source', 'RUNNING/RUNNING');
    await waitFor(async () => expect(await topicValues('pause-source-lines')).toEqual(numbered('a', 0, 6)));
  });

  it('pausing a sink stops writes to its file and resuming it writes what was produced meanwhile', async () => {
    // Prepare
    const output = join(dir, 'pause-sink.out');
    const witness = join(dir, 'pause-sink-witness.out');
    await produce(rt.bootstrap, 'pause-sink-lines', numbered('b', 0, 3));
    await createSink('pause-sink', output, 'pause-sink-lines');
    await createSink('pause-sink-witness', witness, 'pause-sink-lines');
    await waitFor(() => expect(readText(output)).toBe(asFile(numbered('b', 0, 3))));

    // Act
    await rt.rest.put('/connectors/pause-sink/pause');
    await waitForStates('pause-sink', 'PAUSED/PAUSED');
    await produce(rt.bootstrap, 'pause-sink-lines', numbered('b', 3, 6));
    await waitFor(() => expect(readText(witness)).toBe(asFile(numbered('b', 0, 6))));
    const whilePaused = readText(output);
    await rt.rest.put('/connectors/pause-sink/resume');

    // Assess
    expect(whilePaused).toBe(asFile(numbered('b', 0, 3)));
    await waitForStates('pause-sink', 'RUNNING/RUNNING');
    await waitFor(() => expect(readText(output)).toBe(asFile(numbered('b', 0, 6))));
  });

  it('a stopped source has no tasks, its offsets can be read, altered and reset, and it resumes from the altered offset', async () => {
    // Prepare
    const input = join(dir, 'offsets-source.in');
    const lines = numbered('c', 0, 5);
    writeFileSync(input, asFile(lines));
    await createSource('offsets-source', input, 'offsets-source-lines');
    await waitFor(async () => expect(await topicValues('offsets-source-lines')).toEqual(lines));

    // Act
    const stopped = await rt.rest.put('/connectors/offsets-source/stop');
    await waitForStates('offsets-source', 'STOPPED/');
    const whileStopped = {
      status: await rt.rest.status('offsets-source'),
      tasks: (await rt.rest.get('/connectors/offsets-source/tasks')).body,
      info: (await rt.rest.get<{ tasks: unknown[] }>('/connectors/offsets-source')).body.tasks,
      offsets: (await rt.rest.get('/connectors/offsets-source/offsets')).body,
    };
    const thirdLine = Buffer.byteLength(asFile(lines.slice(0, 2)));
    const altered = await rt.rest.patch('/connectors/offsets-source/offsets', {
      offsets: [{ partition: { filename: input }, offset: { position: thirdLine } }],
    });
    const afterAlter = (await rt.rest.get('/connectors/offsets-source/offsets')).body;
    await rt.rest.put('/connectors/offsets-source/resume');
    await waitFor(async () => expect(await topicValues('offsets-source-lines')).toEqual([...lines, ...lines.slice(2)]));
    await rt.rest.put('/connectors/offsets-source/stop');
    await waitForStates('offsets-source', 'STOPPED/');
    const reset = await rt.rest.delete('/connectors/offsets-source/offsets');
    const afterReset = (await rt.rest.get('/connectors/offsets-source/offsets')).body;
    await rt.rest.put('/connectors/offsets-source/resume');

    // Assess
    expect(stopped.status).toBe(204);
    expect(states(whileStopped.status)).toBe('STOPPED/');
    expect(whileStopped.tasks).toEqual([]);
    expect(whileStopped.info).toEqual([]);
    expect(whileStopped.offsets).toEqual({
      offsets: [{ partition: { filename: input }, offset: { position: Buffer.byteLength(asFile(lines)) } }],
    });
    expect(altered).toEqual({
      status: 200,
      body: { message: 'The offsets for this connector have been altered successfully' },
    });
    expect(afterAlter).toEqual({ offsets: [{ partition: { filename: input }, offset: { position: thirdLine } }] });
    expect(reset).toEqual({
      status: 200,
      body: { message: 'The offsets for this connector have been reset successfully' },
    });
    expect(afterReset).toEqual({ offsets: [] });
    await waitForStates('offsets-source', 'RUNNING/RUNNING');
    await waitFor(async () =>
      expect(await topicValues('offsets-source-lines')).toEqual([...lines, ...lines.slice(2), ...lines]),
    );
  });

  it('a stopped sink has no tasks, its offsets can be read, altered and reset, and it resumes from the altered offset', async () => {
    // Prepare
    const output = join(dir, 'offsets-sink.out');
    const lines = numbered('d', 0, 5);
    await produce(rt.bootstrap, 'offsets-sink-lines', lines);
    await createSink('offsets-sink', output, 'offsets-sink-lines');
    await waitFor(() => expect(readText(output)).toBe(asFile(lines)));

    // Act
    const running = await rt.rest.patch('/connectors/offsets-sink/offsets', { offsets: [] });
    await rt.rest.put('/connectors/offsets-sink/stop');
    await waitForStates('offsets-sink', 'STOPPED/');
    const whileStopped = (await rt.rest.get('/connectors/offsets-sink/offsets')).body;
    const altered = await rt.rest.patch('/connectors/offsets-sink/offsets', {
      offsets: [{ partition: { kafka_topic: 'offsets-sink-lines', kafka_partition: 0 }, offset: { kafka_offset: 3 } }],
    });
    const afterAlter = (await rt.rest.get('/connectors/offsets-sink/offsets')).body;
    await rt.rest.put('/connectors/offsets-sink/resume');
    await waitFor(() => expect(readText(output)).toBe(asFile([...lines, ...lines.slice(3)])));
    await rt.rest.put('/connectors/offsets-sink/stop');
    await waitForStates('offsets-sink', 'STOPPED/');
    const reset = await rt.rest.delete('/connectors/offsets-sink/offsets');
    const afterReset = (await rt.rest.get('/connectors/offsets-sink/offsets')).body;
    await rt.rest.put('/connectors/offsets-sink/resume');

    // Assess
    expect(running.status).toBe(400);
    expect(whileStopped).toEqual({
      offsets: [{ partition: { kafka_topic: 'offsets-sink-lines', kafka_partition: 0 }, offset: { kafka_offset: 5 } }],
    });
    expect(altered).toEqual({
      status: 200,
      body: { message: 'The offsets for this connector have been altered successfully' },
    });
    expect(afterAlter).toEqual({
      offsets: [{ partition: { kafka_topic: 'offsets-sink-lines', kafka_partition: 0 }, offset: { kafka_offset: 3 } }],
    });
    expect(reset).toEqual({
      status: 200,
      body: { message: 'The offsets for this connector have been reset successfully' },
    });
    expect(afterReset).toEqual({ offsets: [] });
    await waitForStates('offsets-sink', 'RUNNING/RUNNING');
    await waitFor(() => expect(readText(output)).toBe(asFile([...lines, ...lines.slice(3), ...lines])));
  });

  it('a deleted sink stops, and one re-created under the same name carries on from where it was', async () => {
    // Prepare
    const output = join(dir, 'recreate-sink.out');
    const witness = join(dir, 'recreate-sink-witness.out');
    await produce(rt.bootstrap, 'recreate-sink-lines', numbered('e', 0, 3));
    await createSink('recreate-sink', output, 'recreate-sink-lines');
    await createSink('recreate-sink-witness', witness, 'recreate-sink-lines');
    await waitFor(() => expect(readText(output)).toBe(asFile(numbered('e', 0, 3))));

    // Act
    const deleted = await rt.rest.delete('/connectors/recreate-sink');
    const list = (await rt.rest.get('/connectors')).body;
    // As in Kafka, the statuses go asynchronously: a reconcile already running may write one last time.
    const status = await waitFor(async () => {
      const res = await rt.rest.get('/connectors/recreate-sink/status');
      expect(res.status).toBe(404);
      return res;
    });
    await produce(rt.bootstrap, 'recreate-sink-lines', numbered('e', 3, 6));
    await waitFor(() => expect(readText(witness)).toBe(asFile(numbered('e', 0, 6))));
    const whileDeleted = readText(output);
    await createSink('recreate-sink', output, 'recreate-sink-lines');

    // Assess
    expect(deleted.status).toBe(204);
    expect(list).not.toContain('recreate-sink');
    expect(status.body).toEqual({ error_code: 404, message: 'No status found for connector recreate-sink' });
    expect(whileDeleted).toBe(asFile(numbered('e', 0, 3)));
    await waitForStates('recreate-sink', 'RUNNING/RUNNING');
    await waitFor(() => expect(readText(output)).toBe(asFile(numbered('e', 0, 6))));
  });

  it('a deleted source re-created under the same name resumes from its stored offset, and one with a new file reads that file', async () => {
    // Prepare
    const input = join(dir, 'recreate-source.in');
    const other = join(dir, 'recreate-source-other.in');
    writeFileSync(input, asFile(numbered('f', 0, 3)));
    writeFileSync(other, asFile(numbered('g', 0, 2)));
    await createSource('recreate-source', input, 'recreate-source-lines');
    await waitFor(async () => expect(await topicValues('recreate-source-lines')).toEqual(numbered('f', 0, 3)));

    // Act
    await rt.rest.delete('/connectors/recreate-source');
    appendFileSync(input, asFile(numbered('f', 3, 5)));
    await createSource('recreate-source', input, 'recreate-source-lines');
    await waitFor(async () => expect(await topicValues('recreate-source-lines')).toEqual(numbered('f', 0, 5)));
    await rt.rest.delete('/connectors/recreate-source');
    await createSource('recreate-source', other, 'recreate-source-lines');

    // Assess
    await waitForStates('recreate-source', 'RUNNING/RUNNING');
    await waitFor(async () =>
      expect(await topicValues('recreate-source-lines')).toEqual([...numbered('f', 0, 5), ...numbered('g', 0, 2)]),
    );
  });
});
