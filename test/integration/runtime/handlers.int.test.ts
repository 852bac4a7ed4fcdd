import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasOf, createHandler as createSinkHandler } from '../../../functions/sink-task/handler';
import { createHandler as createSourceHandler } from '../../../functions/source-task/handler';
import { BadRequestError, DataError, NotFoundError } from '../../../shared/api';
import { encodeEsmEvent } from '../../../shared/kafka';
import { lambdaContext, type Parts, type Runtime, startParts, startRuntime } from './support';

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

const record = {
  topic: 't',
  partition: 0,
  offset: 0,
  timestamp: 1,
  timestampType: 'CreateTime' as const,
  key: null,
  value: Buffer.from('x'),
  headers: [],
};

describe('the function handlers', () => {
  it('rejects a sink invocation through the unqualified function ARN, which names no connector', async () => {
    // Prepare
    const { pipeline } = runtime.container();
    const handler = createSinkHandler({ pipeline, connectorOf: async (arn) => aliasOf(arn), logger: runtime.logger });

    // Act
    const invocation = handler(
      encodeEsmEvent([record]),
      lambdaContext('connect-sink-task', null, () => 60_000),
    );

    // Assess
    await expect(invocation).rejects.toThrow(
      'The sink function was invoked without an alias: arn:aws:lambda:us-east-1:123456789012:function:connect-sink-task',
    );
  });

  it('rejects an event that is not a Kafka event source mapping batch, and a batch for a connector that is gone', async () => {
    // Prepare
    const container = runtime.container();

    // Act
    const notKafka = container.invokeSink('anything', { Records: [{ eventSource: 'aws:sqs' }] });
    const gone = container.invokeSink('deleted-connector', encodeEsmEvent([record]));

    // Assess
    await expect(notKafka).rejects.toThrow(DataError);
    await expect(gone).rejects.toThrow(NotFoundError);
  });

  it('rejects a malformed Scheduler payload without touching any lease', async () => {
    // Prepare
    const { loop } = runtime.container();
    const handler = createSourceHandler({ loop, logger: runtime.logger });

    // Act
    const invocation = handler(
      { connector: 'c', task: '0' },
      lambdaContext('connect-source-task', null, () => 60_000),
    );

    // Assess
    await expect(invocation).rejects.toThrow(BadRequestError);
    await expect(invocation).rejects.toThrow(
      'A source task invocation needs {"connector": string, "task": int, "generation": int}',
    );
    expect(await runtime.stores.leases.get({ connector: 'c', task: 0 })).toBeNull();
  });

  it('answers not-running for a source connector that does not exist', async () => {
    // Prepare
    const container = runtime.container();

    // Act
    const outcome = await container.invokeSource({ connector: 'nobody', task: 0, generation: 1 }, () => 60_000);

    // Assess
    expect(outcome).toBe('not-running');
  });
});
