import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeAll, headersOf } from '../../e2e/support/kcat';
import { states } from '../../e2e/support/rest';
import { type E2eRuntime, removeDir, startRuntime, tempDir } from '../../e2e/support/runtime';
import { waitFor } from '../../helpers/wait-for';
import { startPostgres, type TestDatabase } from './support';

/**
 * The JDBC pair end to end on the local runtime (what `npm start` runs), driven through the REST
 * API as a user would: a PostgreSQL table -> JdbcSourceConnector -> topic -> JdbcSinkConnector ->
 * another table, and a sink whose narrower column sends a record to the dead letter queue.
 */
describe('JDBC source and sink on the local runtime (PostgreSQL)', () => {
  const dir = tempDir('jdbc');
  let rt: E2eRuntime;
  let db: TestDatabase;

  beforeAll(async () => {
    [db, rt] = await Promise.all([startPostgres(), startRuntime(join(dir, 'data'))]);
    await db.exec(
      'CREATE TABLE orders (id SERIAL PRIMARY KEY, customer VARCHAR(40) NOT NULL, amount NUMERIC(10,2) NOT NULL, ' +
        "updated TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'))",
    );
    await db.exec(
      "INSERT INTO orders (customer, amount) VALUES ('alice', 12.50), ('bob', 7.25), ('a customer with a long name', 99.99)",
    );
  });

  afterAll(async () => {
    await rt?.runtime.stop();
    await db?.stop();
    removeDir(dir);
  });

  async function copied(table: string): Promise<string[]> {
    const rows = await db.rows<{ id: number; customer: string; amount: string }>(
      `SELECT id, customer, amount::text AS amount FROM ${table} ORDER BY id`,
    );
    return rows.map((r) => `${r.id}:${r.customer}:${r.amount}`);
  }

  it('copies a table through a topic into another table, following inserts and updates', async () => {
    // Prepare
    await rt.rest.create('orders-source', {
      'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector',
      ...db.connection,
      mode: 'timestamp+incrementing',
      'timestamp.column.name': 'updated',
      'incrementing.column.name': 'id',
      'table.whitelist': 'orders',
      'topic.prefix': 'pg-',
      'poll.interval.ms': '200',
    });
    // Act
    await rt.rest.create('orders-sink', {
      'connector.class': 'JdbcSink',
      ...db.connection,
      topics: 'pg-orders',
      'table.name.format': 'orders_copy',
      'insert.mode': 'upsert',
      'pk.mode': 'record_value',
      'pk.fields': 'id',
      'auto.create': 'true',
    });
    await waitFor(async () => expect(await copied('orders_copy')).toHaveLength(3), { what: 'the first rows copied' });
    await db.exec("INSERT INTO orders (customer, amount) VALUES ('carol', 1.00)");
    await db.exec("UPDATE orders SET amount = 13.00, updated = now() AT TIME ZONE 'UTC' WHERE customer = 'alice'");
    // Assess
    await waitFor(
      async () =>
        expect(await copied('orders_copy')).toEqual([
          '1:alice:13.00',
          '2:bob:7.25',
          '3:a customer with a long name:99.99',
          '4:carol:1.00',
        ]),
      { what: 'the insert and the update copied' },
    );
    expect(states(await rt.rest.status('orders-source'))).toBe('RUNNING/RUNNING');
    expect(states(await rt.rest.status('orders-sink'))).toBe('RUNNING/RUNNING');
    const offsets = await rt.rest.get<{ offsets: unknown[] }>('/connectors/orders-source/offsets');
    expect(offsets.body.offsets).toEqual([
      {
        partition: { protocol: '1', table: 'public.orders' },
        offset: {
          incrementing: expect.any(Number),
          timestamp: expect.any(Number),
          timestamp_nanos: expect.any(Number),
        },
      },
    ]);
  });

  it('sends a record whose value does not fit its column to the dead letter queue under errors.tolerance=all', async () => {
    // Prepare
    await db.exec(
      'CREATE TABLE orders_narrow (id INT PRIMARY KEY, customer VARCHAR(5), amount NUMERIC(10,2), updated TIMESTAMP)',
    );
    // Act
    await rt.rest.create('narrow-sink', {
      'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
      ...db.connection,
      topics: 'pg-orders',
      'table.name.format': 'orders_narrow',
      'insert.mode': 'upsert',
      'pk.mode': 'record_value',
      'pk.fields': 'id',
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': 'orders-dlq',
      'errors.deadletterqueue.topic.replication.factor': '1',
      'errors.deadletterqueue.context.headers.enable': 'true',
    });
    // Assess
    await waitFor(
      async () => expect(await copied('orders_narrow')).toEqual(['1:alice:13.00', '2:bob:7.25', '4:carol:1.00']),
      {
        what: 'the rows that fit',
      },
    );
    const dead = await waitFor(async () => {
      const messages = await consumeAll(rt.bootstrap, 'orders-dlq');
      expect(messages).toHaveLength(1);
      return messages;
    });
    const headers = headersOf(dead[0] as Parameters<typeof headersOf>[0]);
    expect(dead[0]?.payload).toContain('a customer with a long name');
    expect(headers['__connect.errors.topic']).toBe('pg-orders');
    expect(headers['__connect.errors.exception.message']).toMatch(
      /orders_narrow.*value too long for type character varying\(5\).*column "customer"/,
    );
    expect(states(await rt.rest.status('narrow-sink'))).toBe('RUNNING/RUNNING');
  });
});
