import { describe, expect, it } from 'vitest';
import {
  filterTables,
  formatTableList,
  groupPartitions,
  JdbcSourceConfig,
  MySqlDialect,
  PostgresDialect,
  parseTableList,
  SOURCE_CONFIG_DEF,
  TableId,
} from '../../../../shared/connectors/jdbc';

const pg = new PostgresDialect();
const TABLES = ['a', 'b', 'c', 'd', 'e'].map((t) => new TableId(null, 'public', t));

function config(props: Record<string, string>): JdbcSourceConfig {
  return new JdbcSourceConfig(
    { 'connection.url': 'jdbc:postgresql://h/db', mode: 'bulk', ...props },
    SOURCE_CONFIG_DEF,
  );
}

describe('groupPartitions', () => {
  it('splits into contiguous groups, the first ones one larger, as Kafka ConnectorUtils does', () => {
    expect(groupPartitions([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(groupPartitions([1, 2, 3, 4, 5], 3)).toEqual([[1, 2], [3, 4], [5]]);
    expect(groupPartitions([1, 2], 4)).toEqual([[1], [2], [], []]);
  });

  it('refuses zero groups', () => {
    expect(() => groupPartitions([1], 0)).toThrow('Number of groups must be positive.');
  });
});

describe('filterTables', () => {
  it('keeps whitelisted tables named bare, qualified or quoted', () => {
    const kept = filterTables(pg, TABLES, config({ 'table.whitelist': 'a, public.b, "public"."c", other.d' }));
    expect(kept.map((t) => t.table)).toEqual(['a', 'b', 'c']);
  });

  it('drops blacklisted tables', () => {
    expect(filterTables(pg, TABLES, config({ 'table.blacklist': 'b,public.d' })).map((t) => t.table)).toEqual([
      'a',
      'c',
      'e',
    ]);
  });

  it('matches include and exclude regexes against the whole qualified name', () => {
    const kept = filterTables(
      pg,
      TABLES,
      config({ 'table.include.list': 'public\\.[a-d]', 'table.exclude.list': '.*c' }),
    );
    expect(kept.map((t) => t.table)).toEqual(['a', 'b', 'd']);
    expect(filterTables(pg, TABLES, config({ 'table.include.list': '[a-d]' }))).toEqual([]);
  });
});

describe('tables task config', () => {
  it('round-trips names holding quotes, dots and commas', () => {
    // Prepare
    const tables = [
      new TableId(null, 'public', 'a,b'),
      new TableId(null, 'my.schema', 'x"y'),
      new TableId(null, null, 'plain'),
    ];
    // Act
    const text = formatTableList(pg, tables);
    // Assess
    expect(text).toBe('"public"."a,b","my.schema"."x""y","plain"');
    expect(parseTableList(pg, text)).toEqual(tables);
    expect(parseTableList(new MySqlDialect(), '`shop`.`orders`, `shop`.`items`')).toEqual([
      new TableId('shop', null, 'orders'),
      new TableId('shop', null, 'items'),
    ]);
    expect(parseTableList(pg, '')).toEqual([]);
  });
});
