import { afterEach, expect, it } from 'vitest';
import {
  BigDecimal,
  ConnectDate,
  ConnectError,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  RetriableError,
  SchemaBuilder,
  Schemas,
  type SinkRecord,
  Struct,
} from '../../../shared/api';
import { JdbcSinkTask, PoolRegistry } from '../../../shared/connectors/jdbc';
import { describeEachDatabase, FakeSinkContext, freePort, sinkRecord, type TestDatabase, uniqueTable } from './support';

const pools = new PoolRegistry();
const started: JdbcSinkTask[] = [];

afterEach(async () => {
  for (const task of started.splice(0)) await task.stop();
});

function startTask(db: TestDatabase, config: Record<string, string>, context = new FakeSinkContext()): JdbcSinkTask {
  const task = new JdbcSinkTask({ pools });
  task.initialize(context);
  task.start({ name: 'jdbc-sink-test', ...db.connection, 'auto.create': 'true', ...config });
  started.push(task);
  return task;
}

const PERSON = SchemaBuilder.struct()
  .name('person')
  .field('id', Schemas.INT32)
  .field('name', Schemas.OPTIONAL_STRING)
  .build();
const KEY = SchemaBuilder.struct().field('id', Schemas.INT32).build();

function person(topic: string, id: number, name: string | null, offset?: number): SinkRecord {
  return sinkRecord(topic, new Struct(PERSON).put('id', id).put('name', name), PERSON, {
    key: new Struct(KEY).put('id', id),
    keySchema: KEY,
    ...(offset === undefined ? {} : { offset }),
  });
}

function tombstone(topic: string, id: number): SinkRecord {
  return sinkRecord(topic, null, null, { key: new Struct(KEY).put('id', id), keySchema: KEY });
}

async function people(db: TestDatabase, table: string): Promise<string[]> {
  const rows = await db.rows<{ id: number; name: string | null }>(
    `SELECT id, name FROM ${db.quote(table)} ORDER BY id`,
  );
  return rows.map((r) => `${r.id}:${r.name}`);
}

describeEachDatabase('JdbcSinkTask', (database) => {
  it('creates the table and inserts every record with insert.mode=insert and pk.mode=none', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('insert');
    const task = startTask(db, {});
    // Act
    await task.put([person(topic, 1, 'a'), person(topic, 2, null), person(topic, 1, 'again')]);
    // Assess
    expect(await people(db, topic)).toEqual(['1:a', '1:again', '2:null']);
  });

  it('leaves the table as one delivery would when a batch is redelivered under pk.mode=kafka', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('kafkapk');
    const task = startTask(db, { 'pk.mode': 'kafka' });
    const batch = [person(topic, 1, 'a', 10), person(topic, 2, 'b', 11), person(topic, 1, 'a2', 12)];
    // Act
    await task.put(batch);
    await task.put(batch);
    await task.put([...batch, person(topic, 3, 'c', 13)]);
    // Assess
    const rows = await db.rows<Record<string, unknown>>(
      `SELECT ${db.quote('__connect_topic')} AS t, ${db.quote('__connect_partition')} AS p, ${db.quote('__connect_offset')} AS o, id, name FROM ${db.quote(topic)} ORDER BY 3`,
    );
    expect(rows.map((r) => `${r.t}/${r.p}/${r.o}=${r.id}:${r.name}`)).toEqual([
      `${topic}/0/10=1:a`,
      `${topic}/0/11=2:b`,
      `${topic}/0/12=1:a2`,
      `${topic}/0/13=3:c`,
    ]);
  });

  it('upserts by record_value key: the last record of a key wins, and a redelivered batch changes nothing', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('upsert');
    const task = startTask(db, { 'insert.mode': 'upsert', 'pk.mode': 'record_value', 'pk.fields': 'id' });
    const batch = [person(topic, 1, 'a'), person(topic, 2, 'b'), person(topic, 1, 'a2')];
    // Act
    await task.put(batch);
    await task.put([person(topic, 2, 'b2'), person(topic, 3, 'c')]);
    await task.put([person(topic, 2, 'b2'), person(topic, 3, 'c')]);
    // Assess
    expect(await people(db, topic)).toEqual(['1:a2', '2:b2', '3:c']);
  });

  it('upserts by a struct record key, and by a primitive key named in pk.fields', async () => {
    // Prepare
    const db = database();
    const structTopic = uniqueTable('upsertkey');
    const primitiveTopic = uniqueTable('upsertprim');
    const byStruct = startTask(db, { 'insert.mode': 'upsert', 'pk.mode': 'record_key' });
    const byPrimitive = startTask(db, { 'insert.mode': 'upsert', 'pk.mode': 'record_key', 'pk.fields': 'key_id' });
    const value = SchemaBuilder.struct().field('name', Schemas.STRING).build();
    const primitive = (id: number, name: string) =>
      sinkRecord(primitiveTopic, new Struct(value).put('name', name), value, { key: id, keySchema: Schemas.INT64 });
    // Act
    await byStruct.put([person(structTopic, 1, 'a'), person(structTopic, 1, 'b')]);
    await byPrimitive.put([primitive(7, 'x'), primitive(8, 'y'), primitive(7, 'z')]);
    // Assess
    expect(await people(db, structTopic)).toEqual(['1:b']);
    const rows = await db.rows<{ key_id: number | string; name: string }>(
      `SELECT key_id, name FROM ${db.quote(primitiveTopic)} ORDER BY key_id`,
    );
    expect(rows.map((r) => `${r.key_id}:${r.name}`)).toEqual(['7:z', '8:y']);
  });

  it('updates existing rows with insert.mode=update and inserts none', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('update');
    await db.exec(`CREATE TABLE ${db.quote(topic)} (id INT NOT NULL PRIMARY KEY, name VARCHAR(20))`);
    await db.exec(`INSERT INTO ${db.quote(topic)} VALUES (1, 'a'), (2, 'b')`);
    const task = startTask(db, { 'insert.mode': 'update', 'pk.mode': 'record_value', 'pk.fields': 'id' });
    // Act
    await task.put([person(topic, 2, 'b2'), person(topic, 3, 'c')]);
    // Assess
    expect(await people(db, topic)).toEqual(['1:a', '2:b2']);
  });

  it('deletes rows for tombstones with delete.enabled, in order with writes of the same key', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('delete');
    const task = startTask(db, { 'insert.mode': 'upsert', 'pk.mode': 'record_key', 'delete.enabled': 'true' });
    await task.put([person(topic, 1, 'a'), person(topic, 2, 'b'), person(topic, 3, 'c')]);
    // Act
    await task.put([
      tombstone(topic, 1),
      person(topic, 2, 'b2'),
      tombstone(topic, 2),
      tombstone(topic, 3),
      person(topic, 3, 'back'),
    ]);
    await task.put([tombstone(topic, 1)]);
    // Assess
    expect(await people(db, topic)).toEqual(['3:back']);
  });

  it('adds a nullable column for a new optional field with auto.evolve, and refuses without it', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('evolve');
    const v2 = SchemaBuilder.struct()
      .name('person')
      .field('id', Schemas.INT32)
      .field('name', Schemas.OPTIONAL_STRING)
      .field('email', Schemas.OPTIONAL_STRING)
      .field('score', SchemaBuilder.int32().defaultValue(5).build())
      .build();
    const evolving = startTask(db, { 'auto.evolve': 'true' });
    const fixed = startTask(db, {});
    await evolving.put([person(topic, 1, 'a')]);
    // Act
    const refused = fixed.put([
      sinkRecord(topic, new Struct(v2).put('id', 9).put('name', 'z').put('email', 'z@x'), v2),
    ]);
    await expect(refused).rejects.toThrow(/is missing fields \(email, score\) and auto-evolution is disabled/);
    await evolving.put([
      sinkRecord(topic, new Struct(v2).put('id', 2).put('name', 'b').put('email', 'b@x'), v2),
      person(topic, 3, 'c'),
    ]);
    // Assess
    const rows = await db.rows<Record<string, unknown>>(
      `SELECT id, name, email, score FROM ${db.quote(topic)} ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 1, name: 'a', email: null, score: 5 },
      { id: 2, name: 'b', email: 'b@x', score: 5 },
      { id: 3, name: 'c', email: null, score: 5 },
    ]);
  });

  it('refuses to add a required field without a default, naming the table and field', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('required');
    const task = startTask(db, { 'auto.evolve': 'true' });
    await task.put([person(topic, 1, 'a')]);
    const v2 = SchemaBuilder.struct()
      .field('id', Schemas.INT32)
      .field('name', Schemas.OPTIONAL_STRING)
      .field('age', Schemas.INT32)
      .build();
    // Act
    const refused = task.put([sinkRecord(topic, new Struct(v2).put('id', 2).put('name', 'b').put('age', 3), v2)]);
    // Assess
    await expect(refused).rejects.toThrow(
      new RegExp(`Cannot ALTER TABLE .*${topic}.* to add missing field age .* not optional`),
    );
  });

  it('fails naming the table when it is missing and auto.create is off', async () => {
    // Prepare
    const db = database();
    const task = startTask(db, { 'auto.create': 'false' });
    const topic = uniqueTable('missing');
    // Act
    const refused = task.put([person(topic, 1, 'a')]);
    // Assess
    await expect(refused).rejects.toThrow(
      `${topic}${db.kind === 'postgresql' ? '"' : '`'} is missing and auto-creation is disabled`,
    );
  });

  it('writes to a table whose name needs quoting', async () => {
    // Prepare
    const db = database();
    const quote = db.kind === 'postgresql' ? '"' : '`';
    const topic = `Order Items-${uniqueTable('Q')}${quote}x`;
    const task = startTask(db, { 'insert.mode': 'upsert', 'pk.mode': 'record_value', 'pk.fields': 'id' });
    // Act
    await task.put([person(topic, 1, 'a'), person(topic, 1, 'b')]);
    // Assess
    expect(await people(db, topic)).toEqual(['1:b']);
  });

  it('writes only fields.whitelist columns besides the key', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('whitelist');
    const schema = SchemaBuilder.struct()
      .field('id', Schemas.INT32)
      .field('name', Schemas.STRING)
      .field('secret', Schemas.STRING)
      .build();
    const task = startTask(db, { 'pk.mode': 'record_value', 'pk.fields': 'id', 'fields.whitelist': 'name' });
    // Act
    await task.put([sinkRecord(topic, new Struct(schema).put('id', 1).put('name', 'a').put('secret', 's'), schema)]);
    // Assess
    expect(await db.rows(`SELECT * FROM ${db.quote(topic)}`)).toEqual([{ id: 1, name: 'a' }]);
  });

  it('keeps decimals, dates, times, timestamps, bytes and large integers exact', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('types');
    const schema = SchemaBuilder.struct()
      .field('id', Schemas.INT64)
      .field('price', Decimal.schema(3))
      .field('day', ConnectDate.schema())
      .field('at_time', ConnectTime.schema())
      .field('at', ConnectTimestamp.schema())
      .field('data', Schemas.OPTIONAL_BYTES)
      .field('ok', Schemas.BOOLEAN)
      .field('ratio', Schemas.FLOAT64)
      .build();
    const value = new Struct(schema)
      .put('id', 9007199254740993n)
      .put('price', new BigDecimal(-123456n, 3))
      .put('day', new Date(Date.UTC(2024, 1, 29)))
      .put('at_time', new Date(((1 * 60 + 2) * 60 + 3) * 1000 + 45))
      .put('at', new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 999)))
      .put('data', Uint8Array.from([0, 1, 255]))
      .put('ok', true)
      .put('ratio', 0.25);
    const task = startTask(db, {});
    // Act
    await task.put([sinkRecord(topic, value, schema)]);
    // Assess
    const cast = (column: string, type: string) => `CAST(${db.quote(column)} AS ${type})`;
    const text = db.kind === 'postgresql' ? 'TEXT' : 'CHAR';
    const [row] = await db.rows<Record<string, unknown>>(
      `SELECT ${cast('id', text)} AS id, ${cast('price', text)} AS price, ${cast('day', text)} AS day, ` +
        `${cast('at_time', text)} AS at_time, ${cast('at', text)} AS at, data, ok, ratio FROM ${db.quote(topic)}`,
    );
    expect(row?.id).toBe('9007199254740993');
    expect(row?.price).toBe('-123.456');
    expect(row?.day).toBe('2024-02-29');
    expect(row?.at_time).toBe(db.kind === 'postgresql' ? '01:02:03.045' : '01:02:03.045');
    expect(row?.at).toBe('2024-02-29 23:59:58.999');
    expect([...((row?.data ?? []) as Buffer)]).toEqual([0, 1, 255]);
    expect(row?.ok === true || row?.ok === 1).toBe(true);
    expect(row?.ratio).toBe(0.25);
  });

  it('writes timestamps as the wall clock of db.timezone', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('tz');
    const schema = SchemaBuilder.struct().field('at', ConnectTimestamp.schema()).build();
    const task = startTask(db, { 'db.timezone': '+02:00' });
    // Act
    await task.put([sinkRecord(topic, new Struct(schema).put('at', new Date(Date.UTC(2024, 0, 1, 23, 30))), schema)]);
    // Assess
    const text = db.kind === 'postgresql' ? 'TEXT' : 'CHAR';
    const [row] = await db.rows<{ at: string }>(`SELECT CAST(at AS ${text}) AS at FROM ${db.quote(topic)}`);
    expect(row?.at).toMatch(/^2024-01-02 01:30:00(\.000)?$/);
  });

  it('fails with a DataError naming the table and column for a value that does not fit, writing nothing', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('toolong');
    await db.exec(`CREATE TABLE ${db.quote(topic)} (id INT NOT NULL, name VARCHAR(5))`);
    const task = startTask(db, {});
    // Act
    const failed = task.put([person(topic, 1, 'fits'), person(topic, 2, 'does not fit')]);
    // Assess
    await expect(failed).rejects.toBeInstanceOf(DataError);
    await expect(task.put([person(topic, 2, 'way too long')])).rejects.toThrow(
      new RegExp(`table .*${topic}.*column .name. \\((character varying|varchar)\\(5\\)\\) cannot hold 'way too long'`),
    );
    expect(await people(db, topic)).toEqual([]);
  });

  it('reports only the records that do not fit to the errant record reporter and writes the rest', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('report');
    await db.exec(`CREATE TABLE ${db.quote(topic)} (id INT NOT NULL, name VARCHAR(5))`);
    const context = new FakeSinkContext(true);
    const task = startTask(db, {}, context);
    const bad = person(topic, 2, 'does not fit');
    // Act
    await task.put([person(topic, 1, 'fits'), bad, person(topic, 3, 'ok')]);
    // Assess
    expect(await people(db, topic)).toEqual(['1:fits', '3:ok']);
    expect(context.reported.map((r) => r.record)).toEqual([bad]);
    expect(context.reported[0]?.error).toBeInstanceOf(DataError);
    expect(context.reported[0]?.error.message).toMatch(/column .name./);
  });

  it('answers RetriableError with a timeout of retry.backoff.ms while the database is unreachable, then fails after max.retries', async () => {
    // Prepare
    const db = database();
    const port = await freePort();
    const url = db.connection['connection.url']?.replace(/:\d+\//, `:${port}/`) as string;
    const context = new FakeSinkContext(true);
    const task = startTask(db, { 'connection.url': url, 'max.retries': '2', 'retry.backoff.ms': '1234' }, context);
    const batch = [person(uniqueTable('down'), 1, 'a')];
    // Act
    const first = task.put(batch);
    await expect(first).rejects.toBeInstanceOf(RetriableError);
    await expect(task.put(batch)).rejects.toBeInstanceOf(RetriableError);
    const last = task.put(batch);
    // Assess
    await expect(last).rejects.toThrow(/Exhausted 2 retries/);
    await expect(last).rejects.not.toBeInstanceOf(RetriableError);
    expect(context.timeouts).toEqual([1234, 1234]);
    expect(context.reported).toEqual([]);
  });

  it('fails, naming the record, for a tombstone when delete.enabled is off', async () => {
    // Prepare
    const db = database();
    const topic = uniqueTable('tomb');
    const task = startTask(db, { 'pk.mode': 'record_key' }, new FakeSinkContext(true));
    // Act
    const refused = task.put([tombstone(topic, 1)]);
    // Assess
    await expect(refused).rejects.toBeInstanceOf(ConnectError);
    await expect(task.put([tombstone(topic, 1)])).rejects.toThrow(/requires records with a non-null Struct value/);
  });

  it('shares one pool per connection.url and user between tasks, closed when the last one stops', async () => {
    // Prepare
    const db = database();
    const registry = new PoolRegistry();
    const a = new JdbcSinkTask({ pools: registry });
    const b = new JdbcSinkTask({ pools: registry });
    // Act
    a.start({ ...db.connection });
    b.start({ ...db.connection });
    const whileBoth = registry.size;
    await a.stop();
    const afterOne = registry.size;
    await b.stop();
    // Assess
    expect([whileBoth, afterOne, registry.size]).toEqual([1, 1, 0]);
  });
});
