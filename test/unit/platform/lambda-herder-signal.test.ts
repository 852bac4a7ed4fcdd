import { InvokeCommand, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { LambdaHerderSignal } from '../../../shared/platform';

const HERDER_FN = 'arn:aws:lambda:eu-west-1:123456789012:function:connect-herder';

describe('LambdaHerderSignal', () => {
  const lambda = new LambdaClient({ region: 'eu-west-1' });
  const mock = mockClient(lambda);

  beforeEach(() => {
    mock.reset();
  });

  it('invokes the herder asynchronously with the connector name', async () => {
    // Prepare
    mock.on(InvokeCommand).resolves({ StatusCode: 202 });
    const signal = new LambdaHerderSignal({ lambda, functionArn: HERDER_FN });
    // Act
    await signal.connectorChanged('orders-sink');
    // Assess
    expect(mock.commandCalls(InvokeCommand).map((c) => c.args[0].input)).toEqual([
      { FunctionName: HERDER_FN, InvocationType: 'Event', Payload: '{"connector":"orders-sink"}' },
    ]);
  });

  it('warns instead of failing the caller when the herder cannot be invoked', async () => {
    // Prepare
    mock.on(InvokeCommand).rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));
    const warnings: Array<{ message: string; attributes: Record<string, unknown> }> = [];
    const signal = new LambdaHerderSignal({
      lambda,
      functionArn: HERDER_FN,
      logger: { warn: (message, attributes) => warnings.push({ message, attributes }) },
    });
    // Act
    await signal.connectorChanged('orders-sink');
    // Assess
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.attributes).toMatchObject({
      connector: 'orders-sink',
      error: { name: 'RetriableError', cause: { name: 'TooManyRequestsException' } },
    });
  });
});
