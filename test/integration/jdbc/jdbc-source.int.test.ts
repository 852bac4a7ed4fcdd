import { afterEach, expect, it } from 'vitest';
import { BigDecimal, ConnectError, type Schema, type SourceRecord, type Struct } from '../../../shared/api';
import { JdbcSourceTask, PoolRegistry } from '../../../shared/connectors/jdbc';
import {
  describeEachDatabase,
  field,
  MemoryOffsets,
  pollIdle,
  pollUntil,
  sourceContext,
  type TestDatabase,
  uniqueTable,
} from './support';

const pools = new PoolRegistry();
const started: JdbcSourceTask[] = [];

afterEach(async () => {
  for (const task of started.splice(0)) await task.stop();
});

/** Starts a source task over `offsets`, as the runtime would: initialize, then start. */
async function startTask(
  db: TestDatabase,
  offsets: MemoryOffsets,
  config: Record<string, string>,
): Promise<JdbcSourceTask> {
  const task = new JdbcSourceTask({ pools });
  task.initialize(sourceContext(offsets));
  const tables = config.tables ? db.qualified(config.tables) : '';
  await task.start({
    ...db.connection,
    'poll.interval.ms': '20',
    'topic.prefix': 'jdbc-',
    'tables.fetched': 'true',
    ...config,
    tables,
  });
  started.push(task);
  return task;
}

/** DDL that differs between the databases. */
function ddl(db: TestDatabase) {
  const pg = db.kind === 'postgresql';
  return {
    autoId: pg ? 'SERIAL PRIMARY KEY' : 'INT AUTO_INCREMENT PRIMARY KEY',
    timestamp: pg ? 'TIMESTAMP(6)' : 'DATETIME(6)',
    quoted: (table: string) => db.quote(table),
  };
}

describeEachDatabase('JdbcSourceTask', (database) => {
  it('reads a whole table each pass in bulk mode, with the table partition and no offset', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('bulk');
    await db.exec(`CREATE TABLE ${db.quote(table)} (id INT NOT NULL, name VARCHAR(20))`);
    await db.exec(`INSERT INTO ${db.quote(table)} VALUES (1, 'a'), (2, 'b'), (3, NULL)`);
    const offsets = new MemoryOffsets();
    const task = await startTask(db, offsets, { mode: 'bulk', tables: table, 'batch.max.rows': '2' });
    // Act
    const first = await pollUntil(task, offsets, (r) => r.length >= 3);
    await db.exec(`INSERT INTO ${db.quote(table)} VALUES (4, 'd')`);
    const second = await pollUntil(task, offsets, (r) => r.length >= 4);
    // Assess
    expect(field(first, 'id')).toEqual([1, 2, 3]);
    expect(field(first, 'name')).toEqual(['a', 'b', null]);
    expect(first[0]?.topic).toBe(`jdbc-${table}`);
    expect(first[0]?.sourcePartition).toEqual({ table });
    expect(first[0]?.sourceOffset).toBeNull();
    expect(first[0]?.valueSchema?.name).toBe(table);
    expect(field(second, 'id')).toEqual([1, 2, 3, 4]);
  });

  it('reads new rows once each in incrementing mode, across a restart in the middle', async () => {
    // Prepare
    const db = database();
    const { autoId } = ddl(db);
    const table = uniqueTable('incr');
    await db.exec(`CREATE TABLE ${db.quote(table)} (id ${autoId}, name VARCHAR(20) NOT NULL)`);
    for (let i = 1; i <= 7; i++) await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('row${i}')`);
    const offsets = new MemoryOffsets();
    const config = { mode: 'incrementing', 'incrementing.column.name': 'id', tables: table, 'batch.max.rows': '3' };
    let task = await startTask(db, offsets, config);
    // Act: two batches committed, then the task stops (an invocation ends, a container is recycled)
    const before = await pollUntil(task, offsets, (r) => r.length >= 6);
    await task.stop();
    await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('row8')`);
    task = await startTask(db, offsets, config);
    const after = await pollUntil(task, offsets, (r) => r.length >= 2);
    await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('row9')`);
    const later = await pollUntil(task, offsets, (r) => r.length >= 1);
    const rest = await pollIdle(task, offsets);
    // Assess
    expect(field([...before, ...after, ...later, ...rest], 'id')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(before[0]?.sourcePartition).toEqual({ table: db.partitionName(table), protocol: '1' });
    expect(later[0]?.sourceOffset).toEqual({ incrementing: 9 });
  });

  it('finds the auto-increment column when incrementing.column.name is empty', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('autoinc');
    await db.exec(`CREATE TABLE ${db.quote(table)} (id ${ddl(db).autoId}, name VARCHAR(20))`);
    await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('a'), ('b')`);
    const offsets = new MemoryOffsets();
    // Act
    const task = await startTask(db, offsets, { mode: 'incrementing', tables: table });
    const records = await pollUntil(task, offsets, (r) => r.length >= 2);
    // Assess
    expect(records.map((r) => r.sourceOffset)).toEqual([{ incrementing: 1 }, { incrementing: 2 }]);
  });

  it('never splits rows of one timestamp between batches in timestamp mode, so restarts repeat and miss none, and reads updated rows again', async () => {
    // Prepare: 7 rows, 3 of them at one timestamp that straddles the batch size of 2
    const db = database();
    const table = uniqueTable('ts');
    await db.exec(`CREATE TABLE ${db.quote(table)} (id INT NOT NULL, updated ${ddl(db).timestamp} NOT NULL)`);
    const times = ['01.000001', '02', '03', '03', '03', '04.5', '05'];
    for (const [i, t] of times.entries()) {
      await db.exec(`INSERT INTO ${db.quote(table)} VALUES (${i + 1}, '2024-01-01 10:00:${t}')`);
    }
    const offsets = new MemoryOffsets();
    const config = { mode: 'timestamp', 'timestamp.column.name': 'updated', tables: table, 'batch.max.rows': '2' };
    let task = await startTask(db, offsets, config);
    // Act: each batch is committed, and the task restarts after every batch
    const seen: SourceRecord[] = [];
    for (let i = 0; i < 10 && seen.length < 7; i++) {
      const batch = await pollUntil(task, offsets, (r) => r.length > 0);
      seen.push(...batch);
      await task.stop();
      task = await startTask(db, offsets, config);
    }
    seen.push(...(await pollIdle(task, offsets)));
    await db.exec(`UPDATE ${db.quote(table)} SET updated = '2024-01-01 10:00:06' WHERE id = 2`);
    await db.exec(`INSERT INTO ${db.quote(table)} VALUES (8, '2024-01-01 10:00:06')`);
    seen.push(...(await pollUntil(task, offsets, (r) => r.length >= 2)), ...(await pollIdle(task, offsets)));
    // Assess
    expect(field(seen, 'id')).toEqual([1, 2, 3, 4, 5, 6, 7, 2, 8]);
    expect(seen[0]?.sourceOffset).toEqual({ timestamp: Date.UTC(2024, 0, 1, 10, 0, 1), timestamp_nanos: 1000 });
    expect(seen[5]?.sourceOffset).toEqual({
      timestamp: Date.UTC(2024, 0, 1, 10, 0, 4, 500),
      timestamp_nanos: 500_000_000,
    });
  });

  it('reads inserted and updated rows once each in timestamp+incrementing mode, across restarts', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('tsinc');
    await db.exec(
      `CREATE TABLE ${db.quote(table)} (id INT NOT NULL PRIMARY KEY, name VARCHAR(20), updated ${ddl(db).timestamp} NOT NULL)`,
    );
    const insert = (id: number, name: string, at: string) =>
      db.exec(`INSERT INTO ${db.quote(table)} VALUES (${id}, '${name}', '2024-01-01 10:00:${at}')`);
    await insert(1, 'a', '01');
    await insert(2, 'b', '01');
    await insert(3, 'c', '01');
    await insert(4, 'd', '02');
    const offsets = new MemoryOffsets();
    const config = {
      mode: 'timestamp+incrementing',
      'timestamp.column.name': 'updated',
      'incrementing.column.name': 'id',
      tables: table,
      'batch.max.rows': '2',
    };
    let task = await startTask(db, offsets, config);
    // Act
    const first = await pollUntil(task, offsets, (r) => r.length >= 2);
    await task.stop();
    await db.exec(`UPDATE ${db.quote(table)} SET name = 'a2', updated = '2024-01-01 10:00:03' WHERE id = 1`);
    await insert(5, 'e', '02');
    task = await startTask(db, offsets, config);
    const second = await pollUntil(task, offsets, (r) => r.length >= 4);
    await db.exec(`UPDATE ${db.quote(table)} SET name = 'b2', updated = '2024-01-01 10:00:04' WHERE id = 2`);
    const third = await pollUntil(task, offsets, (r) => r.length >= 1);
    const rest = await pollIdle(task, offsets);
    // Assess
    const all = [...first, ...second, ...third, ...rest];
    expect(all.map((r) => `${field([r], 'id')[0]}:${field([r], 'name')[0]}`)).toEqual([
      '1:a',
      '2:b',
      '3:c',
      '4:d',
      '5:e',
      '1:a2',
      '2:b2',
    ]);
    expect(all[4]?.sourceOffset).toEqual({
      incrementing: 5,
      timestamp: Date.UTC(2024, 0, 1, 10, 0, 2),
      timestamp_nanos: 0,
    });
  });

  it('leaves rows newer than now minus timestamp.delay.interval.ms for a later poll', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('delay');
    await db.exec(`CREATE TABLE ${db.quote(table)} (id INT NOT NULL, updated ${ddl(db).timestamp} NOT NULL)`);
    const now = db.kind === 'postgresql' ? "(now() AT TIME ZONE 'UTC')" : 'UTC_TIMESTAMP(6)';
    await db.exec(`INSERT INTO ${db.quote(table)} VALUES (1, '2024-01-01 00:00:00'), (2, ${now})`);
    const offsets = new MemoryOffsets();
    const task = await startTask(db, offsets, {
      mode: 'timestamp',
      'timestamp.column.name': 'updated',
      'timestamp.delay.interval.ms': '3600000',
      tables: table,
    });
    // Act
    const records = [...(await pollUntil(task, offsets, (r) => r.length >= 1)), ...(await pollIdle(task, offsets))];
    // Assess
    expect(field(records, 'id')).toEqual([1]);
  });

  it('resumes from an offset stored under the old protocol-0 partition {table: name}', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('proto0');
    await db.exec(`CREATE TABLE ${db.quote(table)} (id INT NOT NULL, name VARCHAR(5))`);
    await db.exec(`INSERT INTO ${db.quote(table)} VALUES (1, 'a'), (2, 'b'), (3, 'c')`);
    const offsets = new MemoryOffsets();
    offsets.set({ table }, { incrementing: 2 });
    // Act
    const task = await startTask(db, offsets, {
      mode: 'incrementing',
      'incrementing.column.name': 'id',
      tables: table,
    });
    const records = [...(await pollUntil(task, offsets, (r) => r.length >= 1)), ...(await pollIdle(task, offsets))];
    // Assess
    expect(field(records, 'id')).toEqual([3]);
    expect(records[0]?.sourcePartition).toMatchObject({ protocol: '1' });
  });

  it('reads a custom query into the topic named by topic.prefix, with the query partition', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('query');
    await db.exec(`CREATE TABLE ${db.quote(table)} (id INT NOT NULL, name VARCHAR(20), secret VARCHAR(20))`);
    await db.exec(`INSERT INTO ${db.quote(table)} VALUES (1, 'a', 'x'), (2, 'b', 'y'), (3, 'c', 'z')`);
    const offsets = new MemoryOffsets();
    // Act
    const task = await startTask(db, offsets, {
      mode: 'incrementing',
      'incrementing.column.name': 'id',
      query: `SELECT id, name FROM ${db.quote(table)}`,
      'topic.prefix': 'named-topic',
      'batch.max.rows': '2',
    });
    const records = [...(await pollUntil(task, offsets, (r) => r.length >= 3)), ...(await pollIdle(task, offsets))];
    // Assess
    expect(field(records, 'id')).toEqual([1, 2, 3]);
    expect(records[0]?.topic).toBe('named-topic');
    expect(records[0]?.sourcePartition).toEqual({ query: 'query' });
    expect(records[0]?.valueSchema?.fields().map((f) => f.name)).toEqual(['id', 'name']);
    expect(offsets.entries()).toEqual([{ partition: { query: 'query' }, offset: { incrementing: 3 } }]);
  });

  it('refuses to start on a nullable incrementing column unless validate.non.null is false', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('nullable');
    await db.exec(`CREATE TABLE ${db.quote(table)} (id INT, name VARCHAR(5))`);
    const config = { mode: 'incrementing', 'incrementing.column.name': 'id', tables: table };
    // Act
    const refused = startTask(db, new MemoryOffsets(), config);
    // Assess
    await expect(refused).rejects.toThrow(
      /Cannot make incremental queries using incrementing column id .* because this column is nullable/,
    );
    await expect(
      startTask(db, new MemoryOffsets(), { ...config, 'validate.non.null': 'false' }),
    ).resolves.toBeDefined();
  });

  it('names a missing timestamp column at start', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('missingcol');
    await db.exec(`CREATE TABLE ${db.quote(table)} (id INT NOT NULL)`);
    // Act
    const refused = startTask(db, new MemoryOffsets(), {
      mode: 'timestamp',
      'timestamp.column.name': 'modified',
      tables: table,
    });
    // Assess
    await expect(refused).rejects.toThrow(`Timestamp columns: modified do not exist in table`);
  });

  it('fails a poll with a ConnectError naming the table when the table went away', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('dropped');
    await db.exec(`CREATE TABLE ${db.quote(table)} (id INT NOT NULL)`);
    const task = await startTask(db, new MemoryOffsets(), {
      mode: 'incrementing',
      'incrementing.column.name': 'id',
      tables: table,
    });
    await db.exec(`DROP TABLE ${db.quote(table)}`);
    // Act
    const failed = task.poll();
    // Assess
    await expect(failed).rejects.toBeInstanceOf(ConnectError);
    await expect(task.poll()).rejects.toThrow(table);
  });

  it('maps NUMERIC columns by numeric.mapping=best_fit (PostgreSQL) and keeps MySQL DECIMAL as Decimal, as Confluent does', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('numeric');
    await db.exec(`CREATE TABLE ${db.quote(table)} (qty NUMERIC(5,0) NOT NULL, price NUMERIC(10,2) NOT NULL)`);
    await db.exec(`INSERT INTO ${db.quote(table)} VALUES (12345, 99.95)`);
    const offsets = new MemoryOffsets();
    // Act
    const task = await startTask(db, offsets, { mode: 'bulk', tables: table, 'numeric.mapping': 'best_fit' });
    const [record] = await pollUntil(task, offsets, (r) => r.length >= 1);
    // Assess
    const schema = record?.valueSchema;
    const value = record?.value as Struct | undefined;
    if (db.kind === 'postgresql') {
      expect([schema?.field('qty')?.schema.type, schema?.field('price')?.schema.type]).toEqual(['INT32', 'FLOAT64']);
      expect([value?.get('qty'), value?.get('price')]).toEqual([12345, 99.95]);
    } else {
      expect(schema?.field('qty')?.schema.name).toBe('org.apache.kafka.connect.data.Decimal');
      expect(value?.get('price')).toEqual(new BigDecimal(9995n, 2));
    }
  });

  it('keeps a decimal, date, time and timestamp exact in their logical types', async () => {
    // Prepare
    const db = database();
    const table = uniqueTable('types');
    const ts = db.kind === 'postgresql' ? 'TIMESTAMP(6)' : 'DATETIME(6)';
    await db.exec(
      `CREATE TABLE ${db.quote(table)} (id INT NOT NULL, price DECIMAL(10,2) NOT NULL, day DATE, at_time TIME(3), at ${ts}, ` +
        'big BIGINT, flag BOOLEAN, data VARCHAR(10))',
    );
    await db.exec(
      `INSERT INTO ${db.quote(table)} VALUES (1, 12.34, '2024-02-29', '13:14:15.678', '2024-02-29 13:14:15.123456', ` +
        `9007199254740993, TRUE, 'x'), (2, -0.5, NULL, NULL, NULL, NULL, NULL, NULL)`,
    );
    const offsets = new MemoryOffsets();
    // Act
    const task = await startTask(db, offsets, { mode: 'bulk', tables: table });
    const [first, second] = await pollUntil(task, offsets, (r) => r.length >= 2);
    // Assess
    const value = first?.value as Struct;
    const schema = first?.valueSchema as Schema;
    expect(value.get('price')).toEqual(new BigDecimal(1234n, 2));
    expect(schema.field('price')?.schema.parameters).toEqual({ scale: '2', 'connect.decimal.precision': '10' });
    expect(schema.field('price')?.schema.optional).toBe(false);
    expect(value.get('day')).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(value.get('at_time')).toEqual(new Date(((13 * 60 + 14) * 60 + 15) * 1000 + 678));
    expect(value.get('at')).toEqual(new Date(Date.UTC(2024, 1, 29, 13, 14, 15, 123)));
    expect(value.get('big')).toBe(9007199254740993n);
    expect(value.get('flag')).toBe(db.kind === 'postgresql' ? true : 1);
    expect(schema.field('at')?.schema.name).toBe('org.apache.kafka.connect.data.Timestamp');
    expect(schema.field('day')?.schema.name).toBe('org.apache.kafka.connect.data.Date');
    expect(schema.field('at_time')?.schema.name).toBe('org.apache.kafka.connect.data.Time');
    expect((second?.value as Struct | undefined)?.get('price')).toEqual(new BigDecimal(-50n, 2));
    value.validate();
  });
});
