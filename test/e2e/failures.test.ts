import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for';
import { readText } from './support/files';
import { consumeAll, headersOf, produce } from './support/kcat';
import { type ConnectorStatus, states } from './support/rest';
import { type E2eRuntime, removeDir, startRuntime, tempDir } from './support/runtime';

const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';

/** A sink that reads schemaless JSON values, so a value that is not JSON fails conversion. */
function jsonSink(file: string, topic: string, errors: Record<string, string> = {}): Record<string, string> {
  return {
    'connector.class': 'FileStreamSink',
    file,
    topics: topic,
    'key.converter': STRING_CONVERTER,
    'value.converter': JSON_CONVERTER,
    'value.converter.schemas.enable': 'false',
    ...errors,
  };
}

function dlq(topic: string, tolerance: 'all' | 'none'): Record<string, string> {
  return {
    'errors.tolerance': tolerance,
    'errors.deadletterqueue.topic.name': topic,
    'errors.deadletterqueue.topic.replication.factor': '1',
    'errors.deadletterqueue.context.headers.enable': 'true',
  };
}

describe('task failures, restarts and dead letters on the local runtime', () => {
  const dir = tempDir('failures');
  let rt: E2eRuntime;

  beforeAll(async () => {
    rt = await startRuntime(join(dir, 'data'));
  });

  afterAll(async () => {
    await rt?.runtime.stop();
    removeDir(dir);
  });

  async function failedStatus(name: string): Promise<ConnectorStatus> {
    return waitFor(async () => {
      const status = await rt.rest.status(name);
      expect(status?.tasks[0]?.state).toBe('FAILED');
      return status as ConnectorStatus;
    });
  }

  it('a sink task that cannot create its file fails, and restart?includeTasks=true&onlyFailed=true brings it back once the directory exists', async () => {
    // Prepare
    const missing = join(dir, 'not-yet');
    await produce(rt.bootstrap, 'restart-lines', ['"one"', '"two"']);
    await rt.rest.create('restart-sink', jsonSink(join(missing, 'out.txt'), 'restart-lines'));
    const failed = await failedStatus('restart-sink');
    mkdirSync(missing);

    // Act
    const restart = await rt.rest.post('/connectors/restart-sink/restart?includeTasks=true&onlyFailed=true');

    // Assess
    expect(failed.connector.state).toBe('RUNNING');
    expect(failed.tasks[0]?.trace).toContain(`Couldn't find or create file '${join(missing, 'out.txt')}'`);
    expect(restart.status).toBe(202);
    expect(restart.body).toMatchObject({
      name: 'restart-sink',
      connector: { state: 'RUNNING' },
      tasks: [{ id: 0, state: 'RESTARTING' }],
      type: 'sink',
    });
    await waitFor(async () => expect(states(await rt.rest.status('restart-sink'))).toBe('RUNNING/RUNNING'));
    await waitFor(() => expect(readText(join(missing, 'out.txt'))).toBe('one\ntwo\n'));
  });

  it('under errors.tolerance=all a record that fails conversion goes to the dead letter queue with the context headers, and the others to the file', async () => {
    // Prepare
    const output = join(dir, 'dlq-all.out');
    await rt.rest.create('dlq-all', jsonSink(output, 'dlq-all-lines', dlq('dlq-all-dead', 'all')));

    // Act
    await produce(rt.bootstrap, 'dlq-all-lines', ['"one"', 'not json', '"three"'], {
      keys: ['k1', 'k2', 'k3'],
      headers: { origin: 'e2e' },
    });

    // Assess
    await waitFor(() => expect(readText(output)).toBe('one\nthree\n'));
    const dead = await waitFor(async () => {
      const messages = await consumeAll(rt.bootstrap, 'dlq-all-dead');
      expect(messages).toHaveLength(1);
      return messages[0];
    });
    expect(dead).toMatchObject({ key: 'k2', payload: 'not json' });
    const headers = headersOf(dead as NonNullable<typeof dead>);
    expect(headers).toMatchObject({
      origin: 'e2e',
      '__connect.errors.topic': 'dlq-all-lines',
      '__connect.errors.partition': '0',
      '__connect.errors.offset': '1',
      '__connect.errors.connector.name': 'dlq-all',
      '__connect.errors.task.id': '0',
      '__connect.errors.stage': 'VALUE_CONVERTER',
      '__connect.errors.class.name': JSON_CONVERTER,
      '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
    });
    expect(headers['__connect.errors.exception.message']).toContain('Converting byte[] to Kafka Connect data failed');
    expect(headers['__connect.errors.exception.stacktrace']).toBeTruthy();
    expect(states(await rt.rest.status('dlq-all'))).toBe('RUNNING/RUNNING');
  });

  it('under errors.tolerance=none a record that fails conversion is dead-lettered and fails the task, which commits nothing past it; tolerating errors and restarting delivers the rest', async () => {
    // Prepare: the witness tolerates errors on the same topic, so once it wrote "three" the failing one had the chance too.
    const output = join(dir, 'dlq-none.out');
    const witness = join(dir, 'dlq-none-witness.out');
    await produce(rt.bootstrap, 'dlq-none-lines', ['"one"']);
    await rt.rest.create('dlq-none', jsonSink(output, 'dlq-none-lines', dlq('dlq-none-dead', 'none')));
    await rt.rest.create('dlq-none-witness', jsonSink(witness, 'dlq-none-lines', { 'errors.tolerance': 'all' }));
    await waitFor(() => expect(readText(output)).toBe('one\n'));

    // Act
    await produce(rt.bootstrap, 'dlq-none-lines', ['not json', '"three"']);
    const failed = await failedStatus('dlq-none');
    await waitFor(() => expect(readText(witness)).toBe('one\nthree\n'));
    const afterFailure = {
      output: readText(output),
      dead: (await consumeAll(rt.bootstrap, 'dlq-none-dead')).map((m) => [
        m.payload,
        headersOf(m)['__connect.errors.offset'],
      ]),
      offsets: (await rt.rest.get('/connectors/dlq-none/offsets')).body,
    };
    await rt.rest.patch('/connectors/dlq-none/config', { 'errors.tolerance': 'all' });
    const restart = await rt.rest.post('/connectors/dlq-none/restart?includeTasks=true&onlyFailed=true');

    // Assess
    expect(failed.connector.state).toBe('RUNNING');
    expect(failed.tasks[0]?.trace).toContain('Converting byte[] to Kafka Connect data failed');
    expect(afterFailure).toEqual({
      output: 'one\n',
      dead: [['not json', '1']], // Kafka reports fatal errors to the DLQ too (RetryWithToleranceOperator#execute)
      offsets: {
        offsets: [{ partition: { kafka_topic: 'dlq-none-lines', kafka_partition: 0 }, offset: { kafka_offset: 1 } }],
      },
    });
    expect(restart.status).toBe(202);
    await waitFor(async () => expect(states(await rt.rest.status('dlq-none'))).toBe('RUNNING/RUNNING'));
    await waitFor(() => expect(readText(output)).toBe('one\nthree\n'));
    await waitFor(async () =>
      // Delivered again after the restart, the record is dead-lettered again, as in Kafka.
      expect((await consumeAll(rt.bootstrap, 'dlq-none-dead')).map((m) => m.payload)).toEqual(['not json', 'not json']),
    );
  });
});
