import { GetAliasCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/api';
import { SinkAliasResolver, sinkAliasName } from '../../../shared/platform';

const SINK_FN = 'arn:aws:lambda:eu-west-1:123456789012:function:connect-sink-task';

describe('SinkAliasResolver', () => {
  const lambda = new LambdaClient({ region: 'eu-west-1' });
  const mock = mockClient(lambda);

  beforeEach(() => {
    mock.reset();
  });

  it('names the connector stored in the alias description, reading each alias once', async () => {
    // Prepare
    const alias = sinkAliasName('kc', 'orders-sink');
    mock.on(GetAliasCommand).resolves({ Name: alias, FunctionVersion: '$LATEST', Description: 'orders-sink' });
    const resolver = new SinkAliasResolver({ lambda });
    // Act
    const first = await resolver.connectorOfAlias(`${SINK_FN}:${alias}`);
    const second = await resolver.connectorOfAlias(`${SINK_FN}:${alias}`);
    // Assess
    expect([first, second]).toEqual(['orders-sink', 'orders-sink']);
    expect(mock.commandCalls(GetAliasCommand).map((c) => c.args[0].input)).toEqual([
      { FunctionName: SINK_FN, Name: alias },
    ]);
  });

  it('resolves a bare alias name against the configured function', async () => {
    // Prepare
    const alias = sinkAliasName('kc', 'orders-sink');
    mock.on(GetAliasCommand).resolves({ Name: alias, Description: 'orders-sink' });
    const resolver = new SinkAliasResolver({ lambda, functionName: 'connect-sink-task' });
    // Act
    const connector = await resolver.connectorOfAlias(alias);
    // Assess
    expect(connector).toBe('orders-sink');
    expect(mock.commandCalls(GetAliasCommand)[0]?.args[0].input).toEqual({
      FunctionName: 'connect-sink-task',
      Name: alias,
    });
  });

  it('does not trust a description that does not hash to the alias name', async () => {
    // Prepare
    const alias = sinkAliasName('kc', 'orders-sink');
    mock.on(GetAliasCommand).resolves({ Name: alias, Description: 'payments-sink' });
    const resolver = new SinkAliasResolver({ lambda });
    // Act
    const resolving = resolver.connectorOfAlias(`${SINK_FN}:${alias}`);
    // Assess
    await expect(resolving).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds a connector whose name is longer than a description among the listed connectors', async () => {
    // Prepare
    const long = `orders-${'x'.repeat(300)}`;
    const alias = sinkAliasName('kc', long);
    mock.on(GetAliasCommand).resolves({ Name: alias, Description: long.slice(0, 256) });
    const resolver = new SinkAliasResolver({ lambda, listConnectors: async () => ['orders-sink', long] });
    // Act
    const connector = await resolver.connectorOfAlias(`${SINK_FN}:${alias}`);
    // Assess
    expect(connector).toBe(long);
  });

  it('rejects invocations that did not come through an alias, and aliases that do not exist', async () => {
    // Prepare
    mock.on(GetAliasCommand).rejects(new ResourceNotFoundException({ message: 'Alias not found', $metadata: {} }));
    const resolver = new SinkAliasResolver({ lambda });
    // Act
    const unqualified = resolver.connectorOfAlias(SINK_FN);
    const latest = resolver.connectorOfAlias(`${SINK_FN}:$LATEST`);
    const version = resolver.connectorOfAlias(`${SINK_FN}:12`);
    const missing = resolver.connectorOfAlias(`${SINK_FN}:kc-gone-0123456789`);
    // Assess
    await expect(unqualified).rejects.toBeInstanceOf(NotFoundError);
    await expect(latest).rejects.toBeInstanceOf(NotFoundError);
    await expect(version).rejects.toBeInstanceOf(NotFoundError);
    await expect(missing).rejects.toThrow(`Function ${SINK_FN} has no alias kc-gone-0123456789`);
  });
});
