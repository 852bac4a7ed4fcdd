import {
  GetSecretValueCommand,
  InternalServiceError,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ConnectError } from '../../../shared/api';
import { ConfigTransformer, SecretsManagerConfigProvider } from '../../../shared/config-providers';
import { fakeClock } from './support';

const DB_SECRET = JSON.stringify({ username: 'app', password: 's3cr3t-pw', port: 5432, extra: { a: 1 } });

describe('SecretsManagerConfigProvider', () => {
  const client = new SecretsManagerClient({ region: 'eu-west-1' });
  const mock = mockClient(client);
  let clock: ReturnType<typeof fakeClock>;
  let provider: SecretsManagerConfigProvider;

  beforeEach(() => {
    mock.reset();
    clock = fakeClock();
    provider = new SecretsManagerConfigProvider({ client, clock });
    provider.configure({ 'ttl.ms': '60000' });
  });

  afterEach(() => {
    provider.close();
  });

  it('reads JSON fields of the secret named by the path with one GetSecretValue call', async () => {
    // Prepare
    mock.on(GetSecretValueCommand).resolves({ Name: 'prod/db', SecretString: DB_SECRET });
    // Act
    const configData = await provider.get('prod/db', new Set(['username', 'password', 'missing']));
    // Assess
    expect(configData).toEqual({ data: { username: 'app', password: 's3cr3t-pw' }, ttl: 60000 });
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(mock.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: 'prod/db' });
  });

  it('gives non-string fields as JSON text, and every field when no keys are asked for', async () => {
    // Prepare
    mock.on(GetSecretValueCommand).resolves({ SecretString: DB_SECRET });
    // Act
    const configData = await provider.get('prod/db');
    // Assess
    expect(configData.data).toEqual({ username: 'app', password: 's3cr3t-pw', port: '5432', extra: '{"a":1}' });
  });

  it('gives the whole secret string when there is no path, the key naming the secret', async () => {
    // Prepare
    mock
      .on(GetSecretValueCommand, { SecretId: 'api-token' })
      .resolves({ SecretString: 'tok-123' })
      .on(GetSecretValueCommand, { SecretId: 'prod/db' })
      .resolves({ SecretString: DB_SECRET });
    // Act
    const configData = await provider.get('', new Set(['api-token', 'prod/db']));
    // Assess
    expect(configData).toEqual({ data: { 'api-token': 'tok-123', 'prod/db': DB_SECRET }, ttl: 60000 });
    expect(mock.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: 'api-token' },
      { SecretId: 'prod/db' },
    ]);
  });

  it('serves a secret from its cache until the ttl ends, reporting the time left', async () => {
    // Prepare
    mock.on(GetSecretValueCommand).resolves({ SecretString: DB_SECRET });
    await provider.get('prod/db', new Set(['password']));
    clock.advance(45_000);
    // Act
    const cached = await provider.get('prod/db', new Set(['username']));
    clock.advance(15_000);
    const refetched = await provider.get('prod/db', new Set(['username']));
    // Assess
    expect(cached).toEqual({ data: { username: 'app' }, ttl: 15_000 });
    expect(refetched).toEqual({ data: { username: 'app' }, ttl: 60_000 });
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('shares one call between concurrent lookups of the same secret', async () => {
    // Prepare
    mock.on(GetSecretValueCommand).resolves({ SecretString: DB_SECRET });
    // Act
    const [a, b] = await Promise.all([
      provider.get('prod/db', new Set(['username'])),
      provider.get('prod/db', new Set(['password'])),
    ]);
    // Assess
    expect(a.data).toEqual({ username: 'app' });
    expect(b.data).toEqual({ password: 's3cr3t-pw' });
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('calls AWS every time and reports no ttl when ttl.ms is 0', async () => {
    // Prepare
    provider.configure({ 'ttl.ms': '0' });
    mock.on(GetSecretValueCommand).resolves({ SecretString: DB_SECRET });
    // Act
    await provider.get('prod/db', new Set(['username']));
    const second = await provider.get('prod/db', new Set(['username']));
    // Assess
    expect(second).toEqual({ data: { username: 'app' }, ttl: null });
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('fails with a ConfigError naming the secret when it does not exist, and does not cache the failure', async () => {
    // Prepare
    mock
      .on(GetSecretValueCommand)
      .rejectsOnce(
        new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }),
      )
      .resolves({ SecretString: DB_SECRET });
    // Act
    const failed = provider.get('prod/db', new Set(['password']));
    // Assess
    await expect(failed).rejects.toThrow(ConfigError);
    await expect(failed).rejects.toThrow('Secret prod/db was not found in AWS Secrets Manager');
    await expect(provider.get('prod/db', new Set(['password']))).resolves.toMatchObject({
      data: { password: 's3cr3t-pw' },
    });
  });

  it('wraps other AWS failures in a ConfigError naming the secret, keeping the SDK error as cause', async () => {
    // Prepare
    const sdkError = new InternalServiceError({ message: 'boom', $metadata: {} });
    mock.on(GetSecretValueCommand).rejects(sdkError);
    // Act
    const error = await provider.get('prod/db', new Set(['password'])).then(
      () => new Error('expected a failure'),
      (err: Error) => err,
    );
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('Could not read secret prod/db from AWS Secrets Manager');
    expect(error.cause).toBe(sdkError);
  });

  it('rejects reading a field of a secret that is not a JSON object, without quoting the secret', async () => {
    // Prepare
    mock.on(GetSecretValueCommand).resolves({ SecretString: 'plain-s3cr3t' });
    // Act
    const error = await provider.get('api-token', new Set(['field'])).then(
      () => new Error('expected a failure'),
      (err: Error) => err,
    );
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'Secret api-token in AWS Secrets Manager is not a JSON object, so it has no fields to read',
    );
    expect(error.cause).toBeUndefined();
    expect(error.message).not.toContain('plain-s3cr3t');
  });

  it('rejects a binary-only secret', async () => {
    // Prepare
    mock.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2, 3]) });
    // Act
    const result = provider.get('', new Set(['cert']));
    // Assess
    await expect(result).rejects.toThrow(
      'Secret cert in AWS Secrets Manager has no SecretString (binary secrets are not supported)',
    );
  });

  it('resolves placeholders through a ConfigTransformer, both forms', async () => {
    // Prepare
    mock
      .on(GetSecretValueCommand, { SecretId: 'prod/db' })
      .resolves({ SecretString: DB_SECRET })
      .on(GetSecretValueCommand, { SecretId: 'api-token' })
      .resolves({ SecretString: 'tok-123' });
    const transformer = new ConfigTransformer({ secretsmanager: provider });
    // Act
    const result = await transformer.transform({
      'connection.url': 'jdbc:postgresql://db/app?user=${secretsmanager:prod/db:username}',
      'connection.password': '${secretsmanager:prod/db:password}',
      'api.token': '${secretsmanager:api-token}',
    });
    // Assess
    expect(result.data).toEqual({
      'connection.url': 'jdbc:postgresql://db/app?user=app',
      'connection.password': 's3cr3t-pw',
      'api.token': 'tok-123',
    });
    expect(result.ttls).toEqual({ 'prod/db': 60000, '': 60000 });
  });

  it('builds its own client from region and endpoint, and uses the default ttl', async () => {
    // Prepare
    const own = new SecretsManagerConfigProvider({ clock });
    own.configure({ region: 'us-east-2', endpoint: 'http://127.0.0.1:4566' });
    const ownMock = mockClient(SecretsManagerClient);
    ownMock.on(GetSecretValueCommand).resolves({ SecretString: 'x' });
    // Act
    const configData = await own.get('', new Set(['s']));
    const internal = (own as unknown as { client: SecretsManagerClient }).client;
    // Assess
    expect(configData).toEqual({ data: { s: 'x' }, ttl: 300_000 });
    expect(await internal.config.region()).toBe('us-east-2');
    expect((await internal.config.endpoint?.())?.hostname).toBe('127.0.0.1');
    own.close();
    ownMock.restore();
  });

  it('refuses to read before it is configured', async () => {
    // Prepare
    const unconfigured = new SecretsManagerConfigProvider({ client });
    // Act
    const result = unconfigured.get('prod/db', new Set(['password']));
    // Assess
    await expect(result).rejects.toThrow(ConnectError);
    await expect(result).rejects.toThrow('The provider has not been configured yet.');
  });
});
