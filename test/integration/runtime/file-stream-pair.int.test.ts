import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  esmEvents,
  linesOf,
  type Parts,
  type Runtime,
  readTopic,
  startParts,
  startRuntime,
  tempDir,
  text,
  uniqueName,
} from './support';

let parts: Parts;
let runtime: Runtime;

beforeAll(async () => {
  parts = await startParts();
  runtime = await startRuntime(parts);
});

afterAll(async () => {
  await runtime?.close();
  await parts?.stop();
});

/** A FileStream source and sink connector pair over one topic, created through the herder. */
async function filePair(lines: readonly string[]) {
  const dir = tempDir('file-pair');
  const input = join(dir, 'input.txt');
  const output = join(dir, 'output.txt');
  writeFileSync(input, lines.map((line) => `${line}\n`).join(''));
  const topic = uniqueName('lines');
  const source = await runtime.createConnector(uniqueName('file-source'), {
    'connector.class': 'FileStreamSource',
    'tasks.max': '1',
    file: input,
    topic,
    'batch.size': '100',
  });
  const sink = await runtime.createConnector(uniqueName('file-sink'), {
    'connector.class': 'FileStreamSink',
    'tasks.max': '1',
    file: output,
    topics: topic,
  });
  return { input, output, topic, source, sink };
}

describe('the FileStream pair through the function handlers', () => {
  it('moves every line of a file through the source handler, the broker and the sink handler into another file', async () => {
    // Prepare
    const lines = Array.from({ length: 250 }, (_, i) => `line ${i}: ünïcödé ✓`);
    const { input, output, topic, source, sink } = await filePair(lines);
    const container = runtime.container();
    const payload = { connector: source.name, task: 0, generation: source.generation };

    // Act
    const outcome = await container.invokeSource(payload, () => (container.acked.length >= lines.length ? 0 : 60_000));
    const produced = await readTopic(parts.kafka, topic);
    for (const event of esmEvents(produced)) await container.invokeSink(sink.name, event);

    // Assess
    expect(outcome).toBe('completed');
    expect(produced.map((r) => JSON.parse(text(r.value) ?? 'null'))).toEqual(
      lines.map((line) => ({ schema: { type: 'string', optional: false }, payload: line })),
    );
    expect(linesOf(output)).toEqual(lines);
    expect(await runtime.stores.offsets.list(source.name)).toEqual([
      { partition: { filename: input }, offset: { position: Buffer.byteLength(lines.map((l) => `${l}\n`).join('')) } },
    ]);
    expect((await runtime.stores.statuses.getTask(source.name, 0))?.state).toBe('RUNNING');
    expect((await runtime.stores.statuses.getTask(sink.name, 0))?.state).toBe('RUNNING');
    expect(await runtime.stores.statuses.listTopics(sink.name)).toMatchObject([{ topic }]);
    expect(await runtime.stores.statuses.listTopics(source.name)).toMatchObject([{ topic }]);
    expect(runtime.signals).toEqual([]);
  });

  it('resumes the source in a new container from its committed offset, so only appended lines are sent again', async () => {
    // Prepare
    const first = ['alpha', 'beta', 'gamma'];
    const { input, output, topic, source, sink } = await filePair(first);
    const payload = { connector: source.name, task: 0, generation: source.generation };
    const one = runtime.container();
    await one.invokeSource(payload, () => (one.acked.length >= first.length ? 0 : 60_000));
    appendFileSync(input, 'delta\nepsilon\n');
    const two = runtime.container();

    // Act
    const outcome = await two.invokeSource(payload, () => (two.acked.length >= 2 ? 0 : 60_000));
    const produced = await readTopic(parts.kafka, topic);
    const sinkContainer = runtime.container();
    for (const event of esmEvents(produced, 2)) await sinkContainer.invokeSink(sink.name, event);

    // Assess
    expect(outcome).toBe('completed');
    expect(produced.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4]);
    expect(linesOf(output)).toEqual(['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
  });
});
