import { ConnectError } from '../../../api';
import type { SqlSession } from '../db/database';
import type { DatabaseDialect } from '../dialect/database-dialect';
import type { TableId } from '../util/table-id';
import type { JdbcSourceConfig } from './jdbc-source-config';

/**
 * The tables a source reads: the database's tables of table.types under catalog.pattern /
 * schema.pattern, filtered as Confluent's TableMonitorThread filters them.
 * @throws ConnectError when two of them share an unqualified name (they would share a topic)
 */
export async function listSourceTables(
  dialect: DatabaseDialect,
  session: SqlSession,
  config: JdbcSourceConfig,
): Promise<TableId[]> {
  const all = await dialect.listTables(session, {
    catalogPattern: config.catalogPattern,
    schemaPattern: config.schemaPattern,
    tableTypes: config.tableTypes,
  });
  const tables = filterTables(dialect, all, config);
  checkDuplicateNames(tables, config);
  return tables;
}

/**
 * table.include.list / table.exclude.list: regexes matched against the whole unquoted name
 * (`schema.table`); otherwise table.whitelist / table.blacklist: exact names, matched against the
 * unquoted name, the quoted name or the bare table name.
 */
export function filterTables(
  dialect: DatabaseDialect,
  tables: readonly TableId[],
  config: JdbcSourceConfig,
): TableId[] {
  if (config.includeList.length > 0 || config.excludeList.length > 0) {
    const include = config.includeList.map(fullMatch);
    const exclude = config.excludeList.map(fullMatch);
    return tables.filter((t) => {
      const name = t.toUnquotedString();
      return include.some((r) => r.test(name)) && !exclude.some((r) => r.test(name));
    });
  }
  const names = (t: TableId) => [t.toUnquotedString(), dialect.quotedTable(t), t.table];
  if (config.whitelist.length > 0) {
    const list = new Set(config.whitelist);
    return tables.filter((t) => names(t).some((n) => list.has(n)));
  }
  if (config.blacklist.length > 0) {
    const list = new Set(config.blacklist);
    return tables.filter((t) => !names(t).some((n) => list.has(n)));
  }
  return [...tables];
}

function fullMatch(regex: string): RegExp {
  return new RegExp(`^(?:${regex.trim()})$`);
}

function checkDuplicateNames(tables: readonly TableId[], config: JdbcSourceConfig): void {
  const byName = new Map<string, TableId[]>();
  for (const t of tables) byName.set(t.table, [...(byName.get(t.table) ?? []), t]);
  const duplicates = [...byName.values()].filter((group) => group.length > 1);
  if (duplicates.length === 0) return;
  const configText =
    config.whitelist.length > 0
      ? "'table.whitelist'"
      : config.blacklist.length > 0
        ? "'table.blacklist'"
        : "'table.whitelist' or 'table.blacklist'";
  throw new ConnectError(
    'The connector uses the unqualified table name as the topic name and has detected duplicate unqualified table ' +
      'names. This could lead to mixed data types in the topic and downstream processing errors. To prevent such ' +
      'processing errors, the JDBC Source connector fails to start when it detects duplicate table name ' +
      `configurations. Update the connector's ${configText} config to include exactly one table in each of the tables ` +
      `listed below.\n\t[${duplicates.map((g) => `[${g.join(', ')}]`).join(', ')}]`,
  );
}

/**
 * Kafka's ConnectorUtils.groupPartitions: `numGroups` contiguous groups of nearly equal size, the
 * first ones one element larger, in the elements' order.
 */
export function groupPartitions<T>(elements: readonly T[], numGroups: number): T[][] {
  if (numGroups <= 0) throw new ConnectError('Number of groups must be positive.');
  const perGroup = Math.floor(elements.length / numGroups);
  const leftover = elements.length - numGroups * perGroup;
  const groups: T[][] = [];
  let assigned = 0;
  for (let group = 0; group < numGroups; group++) {
    const size = group < leftover ? perGroup + 1 : perGroup;
    groups.push(elements.slice(assigned, assigned + size));
    assigned += size;
  }
  return groups;
}

/** A task's `tables` value: each table quoted, comma-separated (a quoted name may hold commas and dots). */
export function formatTableList(dialect: DatabaseDialect, tables: readonly TableId[]): string {
  return tables.map((t) => dialect.quotedTable(t)).join(',');
}

/** Reads a `tables` value back, splitting on commas outside quotes. */
export function parseTableList(dialect: DatabaseDialect, text: string): TableId[] {
  const quote = dialect.quoteChar;
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === quote) quoted = !quoted;
    if (ch === ',' && !quoted) {
      items.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  items.push(current);
  return items
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => dialect.parseTableIdentifier(s));
}
