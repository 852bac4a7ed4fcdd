import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigType } from '../../../../shared/api';
import {
  JdbcSinkConfig,
  JdbcSinkConnector,
  JdbcSinkTask,
  JdbcSourceConnector,
  JdbcSourceTask,
  SINK_CONFIG_DEF,
  SOURCE_CONFIG_DEF,
} from '../../../../shared/connectors/jdbc';
import { redact } from '../../../../shared/observability';
import { defaultRegistry } from '../../../../shared/plugins';

const PG = 'jdbc:postgresql://localhost:5432/db';

function errorsOf(values: ReturnType<JdbcSourceConnector['validate']>): Record<string, string[]> {
  return Object.fromEntries(values.filter((v) => v.errorMessages.length > 0).map((v) => [v.name, v.errorMessages]));
}

describe('JDBC connectors in the plugin registry', () => {
  it('resolve by Confluent class name, simple name and alias', () => {
    // Prepare
    const registry = defaultRegistry();
    // Act
    const byClass = registry.newConnector('io.confluent.connect.jdbc.JdbcSourceConnector');
    const byAlias = registry.newConnector('JdbcSink');
    const bySimpleName = registry.newConnector('JdbcSinkConnector');
    // Assess
    expect(byClass).toBeInstanceOf(JdbcSourceConnector);
    expect(byAlias).toBeInstanceOf(JdbcSinkConnector);
    expect(bySimpleName).toBeInstanceOf(JdbcSinkConnector);
    expect(byClass.taskClass()).toBe(JdbcSourceTask);
    expect(byAlias.taskClass()).toBe(JdbcSinkTask);
    expect(JdbcSourceTask.className).toBe('io.confluent.connect.jdbc.source.JdbcSourceTask');
    expect(JdbcSinkTask.className).toBe('io.confluent.connect.jdbc.sink.JdbcSinkTask');
  });
});

describe('JDBC config definitions', () => {
  it('declare connection.password as a PASSWORD, hidden when configs are logged', () => {
    // Act
    const hidden = redact(SINK_CONFIG_DEF, { 'connection.url': PG, 'connection.password': 'hunter2' });
    // Assess
    expect(SOURCE_CONFIG_DEF.configKeys().get('connection.password')?.type).toBe(ConfigType.PASSWORD);
    expect(SINK_CONFIG_DEF.configKeys().get('connection.password')?.type).toBe(ConfigType.PASSWORD);
    expect(hidden['connection.password']).toBe('[hidden]');
  });

  it("keep Confluent's defaults", () => {
    const source = SOURCE_CONFIG_DEF.configKeys();
    const sink = SINK_CONFIG_DEF.configKeys();
    const defaults = (keys: typeof source, names: string[]) => names.map((n) => keys.get(n)?.defaultValue);
    expect(
      defaults(source, [
        'mode',
        'poll.interval.ms',
        'batch.max.rows',
        'table.poll.interval.ms',
        'timestamp.delay.interval.ms',
        'db.timezone',
        'validate.non.null',
        'topic.prefix',
      ]),
    ).toEqual(['', 5000, 1000, 60000, 0, 'UTC', true, '']);
    expect(
      defaults(sink, [
        'insert.mode',
        'pk.mode',
        'batch.size',
        'max.retries',
        'retry.backoff.ms',
        'table.name.format',
        'auto.create',
        'auto.evolve',
        'delete.enabled',
      ]),
    ).toEqual(['insert', 'none', 3000, 10, 3000, '${topic}', false, false, false]);
  });

  it('parse the sink config, with insert.mode and pk.mode in either case', () => {
    // Act
    const config = new JdbcSinkConfig({
      'connection.url': PG,
      'insert.mode': 'UPSERT',
      'pk.mode': 'RECORD_VALUE',
      'pk.fields': 'a, b',
    });
    // Assess
    expect([config.insertMode, config.pkMode, config.pkFields]).toEqual(['upsert', 'record_value', ['a', 'b']]);
  });

  it('refuse delete.enabled without pk.mode=record_key, with Confluent text', () => {
    expect(() => new JdbcSinkConfig({ 'connection.url': PG, 'delete.enabled': 'true' })).toThrow(
      "Primary key mode must be 'record_key' when delete support is enabled",
    );
  });
});

describe('JdbcSinkConnector', () => {
  it('reports deletes without pk.mode=record_key on both keys when validating', () => {
    // Act
    const values = new JdbcSinkConnector().validate({
      'connection.url': PG,
      'delete.enabled': 'true',
      'pk.mode': 'record_value',
    });
    // Assess
    expect(errorsOf(values)).toEqual({
      'delete.enabled': ['Deletes are only supported for pk.mode record_key'],
      'pk.mode': ['Deletes are only supported for pk.mode record_key'],
    });
  });

  it('reports an unknown insert.mode and a bad db.timezone', () => {
    const values = new JdbcSinkConnector().validate({
      'connection.url': PG,
      'insert.mode': 'merge',
      'db.timezone': 'Mars/Olympus',
    });
    expect(Object.keys(errorsOf(values))).toEqual(['insert.mode', 'db.timezone']);
  });

  it('gives every task the connector config', () => {
    // Prepare
    const connector = new JdbcSinkConnector();
    connector.start({ 'connection.url': PG, topics: 'a' });
    // Act
    const configs = connector.taskConfigs(3);
    // Assess
    expect(configs).toEqual(
      Array(3).fill({ 'connection.url': PG, topics: 'a', 'task.class': 'io.confluent.connect.jdbc.sink.JdbcSinkTask' }),
    );
  });
});

describe('JdbcSourceConnector', () => {
  const validate = (props: Record<string, string>) =>
    errorsOf(new JdbcSourceConnector().validate({ 'connection.url': PG, ...props }));

  it('requires a mode', () => {
    expect(validate({})).toEqual({ mode: ['Query mode must be specified'] });
  });

  it('refuses a query with table filters, a whitelist with a blacklist, and legacy lists with regex lists', () => {
    expect(Object.keys(validate({ mode: 'bulk', query: 'SELECT 1', 'table.whitelist': 'a' }))).toEqual(['query']);
    expect(validate({ mode: 'bulk', 'table.whitelist': 'a', 'table.blacklist': 'b' })).toEqual({
      'table.whitelist': ['table.whitelist and table.blacklist are exclusive.'],
    });
    expect(Object.keys(validate({ mode: 'bulk', 'table.whitelist': 'a', 'table.include.list': 'b' }))).toEqual([
      'table.include.list',
    ]);
    expect(Object.keys(validate({ mode: 'bulk', 'table.exclude.list': 'b' }))).toEqual(['table.exclude.list']);
  });

  it('needs timestamp.column.name for timestamp modes, and incrementing.column.name for an incrementing query', () => {
    expect(Object.keys(validate({ mode: 'timestamp' }))).toEqual(['timestamp.column.name']);
    expect(Object.keys(validate({ mode: 'incrementing', query: 'SELECT * FROM t' }))).toEqual([
      'incrementing.column.name',
    ]);
    expect(validate({ mode: 'incrementing' })).toEqual({});
  });

  it('checks topic.prefix characters and regex lists', () => {
    expect(Object.keys(validate({ mode: 'bulk', 'topic.prefix': 'bad prefix!' }))).toEqual(['topic.prefix']);
    expect(Object.keys(validate({ mode: 'bulk', 'table.include.list': '(' }))).toEqual(['table.include.list']);
  });

  it('refuses to start without a mode, with a ConfigError naming the key', () => {
    // Act
    const start = () => new JdbcSourceConnector().start({ 'connection.url': PG });
    // Assess
    expect(start).toThrow(ConfigError);
    expect(start).toThrow('Query mode must be specified');
  });

  it('gives a query one task without listing tables', async () => {
    // Prepare
    const connector = new JdbcSourceConnector();
    connector.start({ 'connection.url': PG, mode: 'bulk', query: 'SELECT 1' });
    // Act
    const configs = await connector.taskConfigs(4);
    // Assess
    expect(configs).toHaveLength(1);
    expect(configs[0]).toMatchObject({ tables: '', 'tables.fetched': 'true', 'tables.discover': 'false' });
  });

  it('checks offsets written through the REST API', () => {
    const connector = new JdbcSourceConnector();
    expect(
      connector.alterOffsets({}, [{ partition: { table: 'public.t', protocol: '1' }, offset: { incrementing: 5 } }]),
    ).toBe(true);
    expect(connector.alterOffsets({}, [{ partition: { query: 'query' }, offset: null }])).toBe(true);
    expect(() => connector.alterOffsets({}, [{ partition: { file: 'x' }, offset: null }])).toThrow(
      /should contain the key 'table'/,
    );
    expect(() => connector.alterOffsets({}, [{ partition: { table: 't' }, offset: { incrementing: 'x' } }])).toThrow(
      "The value for the 'incrementing' key in the offset is expected to be a Long value",
    );
  });
});
