import { GetParametersByPathCommand, GetParametersCommand, InternalServerError, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ConnectError } from '../../../shared/api';
import { ConfigTransformer, SsmConfigProvider } from '../../../shared/config-providers';
import { fakeClock } from './support';

describe('SsmConfigProvider', () => {
  const client = new SSMClient({ region: 'eu-west-1' });
  const mock = mockClient(client);
  let clock: ReturnType<typeof fakeClock>;
  let provider: SsmConfigProvider;

  beforeEach(() => {
    mock.reset();
    clock = fakeClock();
    provider = new SsmConfigProvider({ client, clock });
    provider.configure({ 'ttl.ms': '60000' });
  });

  afterEach(() => {
    provider.close();
  });

  it('reads keys under a path as parameters <path>/<key>, decrypted, in one GetParameters call', async () => {
    // Prepare
    mock.on(GetParametersCommand).resolves({
      Parameters: [
        { Name: '/prod/db/password', Value: 's3cr3t', Type: 'SecureString' },
        { Name: '/prod/db/user', Value: 'app', Type: 'String' },
      ],
      InvalidParameters: ['/prod/db/missing'],
    });
    // Act
    const configData = await provider.get('/prod/db', new Set(['password', 'user', 'missing']));
    // Assess
    expect(configData).toEqual({ data: { password: 's3cr3t', user: 'app' }, ttl: 60000 });
    expect(mock.commandCalls(GetParametersCommand)).toHaveLength(1);
    expect(mock.commandCalls(GetParametersCommand)[0]?.args[0].input).toEqual({
      Names: ['/prod/db/password', '/prod/db/user', '/prod/db/missing'],
      WithDecryption: true,
    });
  });

  it('reads full parameter names as keys when there is no path', async () => {
    // Prepare
    mock.on(GetParametersCommand).resolves({
      Parameters: [
        { Name: '/prod/api/token', Value: 'tok' },
        { Name: 'plain-name', Value: 'a,b,c', Type: 'StringList' },
      ],
    });
    // Act
    const configData = await provider.get('', new Set(['/prod/api/token', 'plain-name']));
    // Assess
    expect(configData.data).toEqual({ '/prod/api/token': 'tok', 'plain-name': 'a,b,c' });
    expect(mock.commandCalls(GetParametersCommand)[0]?.args[0].input).toEqual({
      Names: ['/prod/api/token', 'plain-name'],
      WithDecryption: true,
    });
  });

  it('asks for at most 10 names per GetParameters call', async () => {
    // Prepare
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    mock.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
      Parameters: input.Names.map((name) => ({ Name: name, Value: `v-${name}` })),
    }));
    // Act
    const configData = await provider.get('/app/', new Set(keys));
    // Assess
    expect(Object.keys(configData.data)).toHaveLength(12);
    expect(configData.data.k11).toBe('v-/app/k11');
    expect(mock.commandCalls(GetParametersCommand).map((call) => call.args[0].input)).toEqual([
      { Names: keys.slice(0, 10).map((k) => `/app/${k}`), WithDecryption: true },
      { Names: keys.slice(10).map((k) => `/app/${k}`), WithDecryption: true },
    ]);
  });

  it('fetches only the names missing from its cache, until the ttl ends', async () => {
    // Prepare
    mock.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
      Parameters: input.Names.map((name) => ({ Name: name, Value: name.toUpperCase() })),
    }));
    await provider.get('/prod', new Set(['a']));
    clock.advance(30_000);
    // Act
    const mixed = await provider.get('/prod', new Set(['a', 'b']));
    clock.advance(30_000);
    const afterExpiry = await provider.get('/prod', new Set(['a']));
    // Assess
    expect(mixed).toEqual({ data: { a: '/PROD/A', b: '/PROD/B' }, ttl: 30_000 });
    expect(afterExpiry).toEqual({ data: { a: '/PROD/A' }, ttl: 60_000 });
    expect(mock.commandCalls(GetParametersCommand).map((call) => call.args[0].input.Names)).toEqual([
      ['/prod/a'],
      ['/prod/b'],
      ['/prod/a'],
    ]);
  });

  it('lists the direct children of a path, page by page, when no keys are asked for', async () => {
    // Prepare
    mock
      .on(GetParametersByPathCommand, { Path: '/prod/db', Recursive: false, WithDecryption: true })
      .resolves({ Parameters: [{ Name: '/prod/db/user', Value: 'app' }], NextToken: 'page-2' })
      .on(GetParametersByPathCommand, {
        Path: '/prod/db',
        Recursive: false,
        WithDecryption: true,
        NextToken: 'page-2',
      })
      .resolves({ Parameters: [{ Name: '/prod/db/password', Value: 's3cr3t' }] });
    // Act
    const configData = await provider.get('/prod/db');
    // Assess
    expect(configData).toEqual({ data: { user: 'app', password: 's3cr3t' }, ttl: 60000 });
    expect(mock.commandCalls(GetParametersByPathCommand).map((call) => call.args[0].input)).toEqual([
      { Path: '/prod/db', Recursive: false, WithDecryption: true },
      { Path: '/prod/db', Recursive: false, WithDecryption: true, NextToken: 'page-2' },
    ]);
  });

  it('wraps AWS failures in a ConfigError naming the parameters, keeping the SDK error as cause', async () => {
    // Prepare
    const sdkError = new InternalServerError({ message: 'boom', $metadata: {} });
    mock.on(GetParametersCommand).rejects(sdkError);
    // Act
    const error = await provider.get('/prod/db', new Set(['password'])).then(
      () => new Error('expected a failure'),
      (err: Error) => err,
    );
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('Could not read parameters /prod/db/password from AWS SSM Parameter Store');
    expect(error.cause).toBe(sdkError);
  });

  it('resolves placeholders through a ConfigTransformer, leaving a missing parameter as it is', async () => {
    // Prepare
    mock.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
      Parameters: input.Names.filter((n) => n !== '/prod/db/nope').map((name) => ({ Name: name, Value: `[${name}]` })),
      InvalidParameters: input.Names.filter((n) => n === '/prod/db/nope'),
    }));
    const transformer = new ConfigTransformer({ ssm: provider });
    // Act
    const result = await transformer.transform({
      'connection.password': '${ssm:/prod/db:password}',
      token: '${ssm::/prod/api/token}',
      short: '${ssm:/prod/api/token}',
      missing: '${ssm:/prod/db:nope}',
    });
    // Assess
    expect(result.data).toEqual({
      'connection.password': '[/prod/db/password]',
      token: '[/prod/api/token]',
      short: '[/prod/api/token]',
      missing: '${ssm:/prod/db:nope}',
    });
  });

  it('refuses to read before it is configured', async () => {
    // Prepare
    const unconfigured = new SsmConfigProvider({ client });
    // Act
    const result = unconfigured.get('/prod', new Set(['a']));
    // Assess
    await expect(result).rejects.toThrow(ConnectError);
    await expect(result).rejects.toThrow('The provider has not been configured yet.');
  });
});
