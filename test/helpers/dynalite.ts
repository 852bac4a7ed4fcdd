import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTables, TABLES, type TableId, type TableNames } from '../../shared/stores/dynamodb';

/** dynalite ships no types; this is the part of its API we use. */
type DynaliteFactory = (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;

export interface RunningDynalite {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** A client pointed at it, with dummy credentials and region. */
  readonly client: DynamoDBClient;
  /** Creates the stores' tables under fresh names (see uniqueTableNames) and returns the names. */
  createTables(prefix?: string): Promise<TableNames>;
  stop(): Promise<void>;
}

/** Starts an in-memory dynalite on a free port. Tables become ACTIVE at once. */
export async function startDynalite(): Promise<RunningDynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'dynalite', secretAccessKey: 'dynalite' },
  });
  return {
    endpoint,
    client,
    async createTables(prefix = 'test') {
      const names = uniqueTableNames(prefix);
      await createTables(client, names, { pollMs: 5 });
      return names;
    },
    async stop() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** Table names no other test (or test run) uses: `<prefix>-<random>-<table>`. */
export function uniqueTableNames(prefix = 'test'): TableNames {
  const run = randomBytes(6).toString('hex');
  const ids = Object.keys(TABLES) as TableId[];
  return Object.fromEntries(ids.map((id) => [id, `${prefix}-${run}-${TABLES[id].logicalName}`])) as TableNames;
}
