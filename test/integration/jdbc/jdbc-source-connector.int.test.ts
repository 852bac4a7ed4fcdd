import { afterEach, expect, it } from 'vitest';
import { RetriableError } from '../../../shared/api';
import { JdbcSourceConnector, JdbcSourceTask, PoolRegistry } from '../../../shared/connectors/jdbc';
import { fakeClock } from '../../helpers/fake-clock';
import {
  describeEachDatabase,
  describePostgres,
  field,
  freePort,
  MemoryOffsets,
  pollUntil,
  sourceContext,
  uniqueTable,
} from './support';

const pools = new PoolRegistry();
const tasks: JdbcSourceTask[] = [];

afterEach(async () => {
  for (const task of tasks.splice(0)) await task.stop();
});

describeEachDatabase('JdbcSourceConnector', (database) => {
  /** Creates tables named prefix_a, prefix_b ... and returns the prefix. */
  async function tables(count: number): Promise<{ prefix: string; names: string[] }> {
    const db = database();
    const prefix = uniqueTable('split');
    const names = Array.from({ length: count }, (_, i) => `${prefix}_${String.fromCharCode(97 + i)}`);
    for (const name of names) await db.exec(`CREATE TABLE ${db.quote(name)} (id INT NOT NULL)`);
    return { prefix, names };
  }

  async function taskConfigs(config: Record<string, string>, maxTasks: number) {
    const connector = new JdbcSourceConnector({ pools });
    connector.start({ ...database().connection, mode: 'bulk', ...config });
    try {
      return await connector.taskConfigs(maxTasks);
    } finally {
      connector.stop();
    }
  }

  it('splits the matching tables into contiguous groups, one task each, up to tasks.max', async () => {
    // Prepare
    const db = database();
    const { prefix, names } = await tables(5);
    // Act
    const configs = await taskConfigs({ 'table.include.list': `.*${prefix}_.*` }, 2);
    // Assess
    expect(configs.map((c) => c.tables)).toEqual([
      names
        .slice(0, 3)
        .map((n) => db.qualified(n))
        .join(','),
      names
        .slice(3)
        .map((n) => db.qualified(n))
        .join(','),
    ]);
    expect(configs.map((c) => [c['tables.fetched'], c['tables.discover'], c['task.class']])).toEqual([
      ['true', 'false', 'io.confluent.connect.jdbc.source.JdbcSourceTask'],
      ['true', 'false', 'io.confluent.connect.jdbc.source.JdbcSourceTask'],
    ]);
  });

  it('makes no more tasks than tables, and lets a single task discover new tables', async () => {
    // Prepare
    const { prefix } = await tables(2);
    // Act
    const many = await taskConfigs({ 'table.include.list': `.*${prefix}_.*` }, 5);
    const one = await taskConfigs({ 'table.include.list': `.*${prefix}_.*` }, 1);
    // Assess
    expect(many).toHaveLength(2);
    expect(one).toHaveLength(1);
    expect(one[0]?.['tables.discover']).toBe('true');
  });

  it('filters by table.whitelist names (bare, qualified or quoted) and by the include and exclude regexes', async () => {
    // Prepare
    const db = database();
    const { prefix, names } = await tables(4);
    const [a, b, c, d] = names as [string, string, string, string];
    // Act
    const whitelisted = await taskConfigs({ 'table.whitelist': `${a},${db.partitionName(b)},${db.qualified(c)}` }, 1);
    const regex = await taskConfigs(
      { 'table.include.list': `.*${prefix}_[a-d]`, 'table.exclude.list': `.*${prefix}_[bc]` },
      1,
    );
    // Assess
    expect(whitelisted[0]?.tables).toBe([a, b, c].map((n) => db.qualified(n)).join(','));
    expect(regex[0]?.tables).toBe([a, d].map((n) => db.qualified(n)).join(','));
  });

  it('picks up a new table on the next taskConfigs()', async () => {
    // Prepare
    const db = database();
    const { prefix } = await tables(1);
    const before = await taskConfigs({ 'table.include.list': `.*${prefix}_.*` }, 2);
    await db.exec(`CREATE TABLE ${db.quote(`${prefix}_z`)} (id INT NOT NULL)`);
    // Act
    const after = await taskConfigs({ 'table.include.list': `.*${prefix}_.*` }, 2);
    // Assess
    expect(before).toHaveLength(1);
    expect(after.map((c) => c.tables)).toEqual([db.qualified(`${prefix}_a`), db.qualified(`${prefix}_z`)]);
  });

  it('reads a table created after start within table.poll.interval.ms when the task discovers tables', async () => {
    // Prepare
    const db = database();
    const prefix = uniqueTable('discover');
    const config = {
      mode: 'incrementing',
      'incrementing.column.name': 'id',
      'table.include.list': `.*${prefix}_.*`,
      'table.poll.interval.ms': '60000',
      'poll.interval.ms': '100',
    };
    const [taskConfig] = await taskConfigs(config, 1);
    const clock = fakeClock();
    const offsets = new MemoryOffsets();
    const task = new JdbcSourceTask({ pools, clock });
    tasks.push(task);
    task.initialize(sourceContext(offsets));
    await task.start(taskConfig as Record<string, string>);
    expect(await task.poll()).toBeNull();
    await db.exec(`CREATE TABLE ${db.quote(`${prefix}_new`)} (id INT NOT NULL)`);
    await db.exec(`INSERT INTO ${db.quote(`${prefix}_new`)} VALUES (1), (2)`);
    // Act
    const records = await pollUntil(task, offsets, (r) => r.length >= 2);
    // Assess
    expect(field(records, 'id')).toEqual([1, 2]);
    expect(records[0]?.topic).toBe(`${prefix}_new`);
    expect(clock.now() - 1_700_000_000_000).toBeGreaterThanOrEqual(60_000);
  });

  it('gives a query one task with no tables', async () => {
    // Act
    const configs = await taskConfigs({ query: 'SELECT 1 AS id' }, 3);
    // Assess
    expect(configs).toHaveLength(1);
    expect(configs[0]?.tables).toBe('');
  });

  it('answers RetriableError when the database cannot be reached to list tables', async () => {
    // Prepare
    const port = await freePort();
    const db = database();
    const url = db.connection['connection.url']?.replace(/:\d+\//, `:${port}/`) as string;
    const connector = new JdbcSourceConnector({ pools });
    connector.start({ ...db.connection, 'connection.url': url, mode: 'bulk' });
    // Act
    const listing = connector.taskConfigs(1);
    // Assess
    await expect(listing).rejects.toBeInstanceOf(RetriableError);
  });
});

describePostgres('JdbcSourceConnector with several schemas', (database) => {
  it('lists only the tables of schemas matching schema.pattern', async () => {
    // Prepare
    const db = database();
    const name = uniqueTable('schemas');
    await db.exec(
      `CREATE SCHEMA IF NOT EXISTS sales; CREATE TABLE sales.${name}_a (id INT); CREATE TABLE public.${name}_b (id INT)`,
    );
    const connector = new JdbcSourceConnector({ pools });
    connector.start({ ...db.connection, mode: 'bulk', 'schema.pattern': 'sal%', 'table.include.list': `.*${name}.*` });
    // Act
    const configs = await connector.taskConfigs(1);
    // Assess
    expect(configs.map((c) => c.tables)).toEqual([`"sales"."${name}_a"`]);
  });

  it('refuses tables whose unqualified names collide, as they would share a topic', async () => {
    // Prepare
    const db = database();
    const name = uniqueTable('dup');
    await db.exec(
      `CREATE SCHEMA IF NOT EXISTS other; CREATE TABLE public.${name} (id INT); CREATE TABLE other.${name} (id INT)`,
    );
    const connector = new JdbcSourceConnector({ pools });
    connector.start({ ...db.connection, mode: 'bulk', 'table.whitelist': name });
    // Act
    const listing = connector.taskConfigs(1);
    // Assess
    await expect(listing).rejects.toThrow(/duplicate unqualified table names/);
  });
});
