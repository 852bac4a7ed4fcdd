import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** dynalite ships no types; this is the part of its API we use. */
type DynaliteFactory = (options: { path?: string; createTableMs?: number }) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;

export interface LocalDynamoDb {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

/**
 * DynamoDB for the local runtime: dynalite keeping its tables under `path` (LevelDB), or, with
 * `endpoint` (AWS_ENDPOINT_URL_DYNAMODB, e.g. LocalStack), a client of that endpoint instead.
 */
export async function startLocalDynamoDb(options: { path: string; endpoint?: string }): Promise<LocalDynamoDb> {
  if (options.endpoint) {
    // LocalStack and other emulators take any credentials: without any configured, use dummy ones
    // rather than fail with "Could not load credentials from any providers".
    const configured = ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE'].some((v) => process.env[v]);
    const client = new DynamoDBClient({
      endpoint: options.endpoint,
      region: process.env.AWS_REGION ?? 'us-east-1',
      ...(configured ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
    return { endpoint: options.endpoint, client, stop: async () => client.destroy() };
  }
  const server = dynalite({ path: options.path, createTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
