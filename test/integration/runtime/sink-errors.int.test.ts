import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DLQ_HEADERS, ToleranceExceededError } from '../../../shared/runtime';
import {
  esmEvents,
  headerText,
  linesOf,
  type Parts,
  produce,
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

const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
const READ_ERROR = 'Converting byte[] to Kafka Connect data failed due to serialization error: ';

/** `count` JSON records with schemas; every second one (odd offsets) is malformed JSON. */
function halfMalformed(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    key: `k${i}`,
    value:
      i % 2 === 0
        ? JSON.stringify({ schema: { type: 'string', optional: false }, payload: `record-${i}` })
        : `{"schema": malformed ${i}`,
    headers: { 'trace-id': `t${i}` },
  }));
}

/** A FileStream sink over a topic holding `count` half-malformed records, with a DLQ and context headers. */
async function halfMalformedSink(count: number, errors: Record<string, string>) {
  const topic = uniqueName('orders');
  const dlq = uniqueName('orders-dlq');
  const output = join(tempDir('sink-errors'), 'out.txt');
  await produce(parts.kafka, topic, halfMalformed(count));
  const consumed = await readTopic(parts.kafka, topic);
  const name = uniqueName('json-sink');
  await runtime.createConnector(name, {
    'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
    'tasks.max': '1',
    topics: topic,
    file: output,
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'errors.deadletterqueue.topic.name': dlq,
    'errors.deadletterqueue.context.headers.enable': 'true',
    ...errors,
  });
  return { name, topic, dlq, output, consumed };
}

describe('sink handler with malformed JSON records', () => {
  it('writes the 500 good records in order and dead-letters the 500 bad ones in order with Kafka context headers under errors.tolerance=all', async () => {
    // Prepare
    const { name, topic, dlq, output, consumed } = await halfMalformedSink(1000, {
      'errors.tolerance': 'all',
      'errors.log.enable': 'true',
      'errors.log.include.messages': 'true',
    });
    const container = runtime.container();
    const logged = vi.spyOn(runtime.logger, 'error');

    // Act
    for (const event of esmEvents(consumed)) await container.invokeSink(name, event);

    // Assess
    const expectedLines = Array.from({ length: 500 }, (_, i) => `record-${i * 2}`);
    expect(linesOf(output)).toEqual(expectedLines);
    const dead = await readTopic(parts.kafka, dlq);
    expect(dead).toHaveLength(500);
    dead.forEach((record, i) => {
      const offset = i * 2 + 1;
      const original = consumed[offset];
      expect(text(record.value)).toBe(`{"schema": malformed ${offset}`);
      expect(text(record.key)).toBe(`k${offset}`);
      expect(record.timestamp).toBe(original?.timestamp);
      expect(headerText(record, 'trace-id')).toBe(`t${offset}`);
      expect(headerText(record, DLQ_HEADERS.TOPIC)).toBe(topic);
      expect(headerText(record, DLQ_HEADERS.PARTITION)).toBe('0');
      expect(headerText(record, DLQ_HEADERS.OFFSET)).toBe(String(offset));
      expect(headerText(record, DLQ_HEADERS.CONNECTOR_NAME)).toBe(name);
      expect(headerText(record, DLQ_HEADERS.TASK_ID)).toBe('0');
      expect(headerText(record, DLQ_HEADERS.STAGE)).toBe('VALUE_CONVERTER');
      expect(headerText(record, DLQ_HEADERS.EXECUTING_CLASS)).toBe(JSON_CONVERTER);
      expect(headerText(record, DLQ_HEADERS.EXCEPTION)).toBe('org.apache.kafka.connect.errors.DataException');
      expect(headerText(record, DLQ_HEADERS.EXCEPTION_MESSAGE)).toBe(READ_ERROR);
      expect(headerText(record, DLQ_HEADERS.EXCEPTION_STACK_TRACE)).toContain('DataError');
    });
    expect(dead[0]?.headers.map((h) => h.key)).toEqual(['trace-id', ...Object.values(DLQ_HEADERS)]);
    expect((await runtime.stores.statuses.getTask(name, 0))?.state).toBe('RUNNING');
    expect(runtime.signals).not.toContain(name);
    const messages = logged.mock.calls.map(([message]) => message);
    expect(messages).toHaveLength(500);
    expect(messages[0]).toBe(
      `Error encountered in task ${name}-0. Executing stage 'VALUE_CONVERTER' with class '${JSON_CONVERTER}', where consumed record is {topic='${topic}', partition=0, offset=1, timestamp=${consumed[1]?.timestamp}, timestampType=CreateTime}.`,
    );
    logged.mockRestore();
  });

  it('fails the task at the first bad record under errors.tolerance=none: FAILED with the trace, the herder told, that record in the DLQ and nothing after it written', async () => {
    // Prepare
    const { name, dlq, output, consumed } = await halfMalformedSink(1000, {});
    const container = runtime.container();
    const [firstGood, ...rest] = esmEvents(consumed.slice(0, 1)).concat(esmEvents(consumed.slice(1)));
    await container.invokeSink(name, firstGood);

    // Act
    const failed = container.invokeSink(name, rest[0]);

    // Assess
    await expect(failed).rejects.toThrow(ToleranceExceededError);
    expect(linesOf(output)).toEqual(['record-0']);
    const dead = await readTopic(parts.kafka, dlq);
    expect(dead.map((r) => headerText(r, DLQ_HEADERS.OFFSET))).toEqual(['1']);
    const status = await runtime.stores.statuses.getTask(name, 0);
    expect(status?.state).toBe('FAILED');
    expect(status?.trace).toContain('ToleranceExceededError: Tolerance exceeded in error handler');
    expect(status?.trace).toContain(`Caused by: DataError: ${READ_ERROR}`);
    expect(runtime.signals).toContain(name);
    expect(runtime.platform.last(name)?.failedTasks).toEqual(new Set([0]));
  });

  it('keeps a FAILED sink task from moving past its bad record when the batch is delivered again, warm or cold', async () => {
    // Prepare
    const { name, dlq, output, consumed } = await halfMalformedSink(10, {});
    const warm = runtime.container();
    const [event] = esmEvents(consumed);
    await expect(warm.invokeSink(name, event)).rejects.toThrow(ToleranceExceededError);
    const cold = runtime.container();

    // Act
    const again = warm.invokeSink(name, event);
    const elsewhere = cold.invokeSink(name, event);

    // Assess
    await expect(again).rejects.toThrow(`Task ${name}-0 is FAILED; restart it to resume consumption`);
    await expect(elsewhere).rejects.toThrow(`Task ${name}-0 is FAILED; restart it to resume consumption`);
    expect(linesOf(output)).toEqual([]);
    expect(await readTopic(parts.kafka, dlq)).toHaveLength(1);
  });
});
