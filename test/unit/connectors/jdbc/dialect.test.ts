import { describe, expect, it } from 'vitest';
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  Decimal,
  SchemaBuilder,
  Schemas,
} from '../../../../shared/api';
import {
  MySqlDialect,
  PostgresDialect,
  QuoteMethod,
  type SinkField,
  SqlTimestamp,
  TableId,
  TimeZone,
} from '../../../../shared/connectors/jdbc';

const pg = new PostgresDialect();
const my = new MySqlDialect();
const orders = new TableId(null, 'public', 'orders');
const UTC = { timestamps: TimeZone.UTC, dates: TimeZone.UTC };

function field(name: string, schema: SinkField['schema'], isPrimaryKey = false): SinkField {
  return { name, schema, isPrimaryKey };
}

describe('PostgresDialect', () => {
  it('renders a multi-row INSERT with numbered parameters', () => {
    expect(pg.insert(orders, ['id', 'name'], 2)).toBe(
      'INSERT INTO "public"."orders" ("id","name") VALUES ($1,$2),($3,$4)',
    );
  });

  it('renders an upsert as INSERT ... ON CONFLICT DO UPDATE SET col=EXCLUDED.col', () => {
    expect(pg.upsert(orders, ['id'], ['name', 'qty'], 1)).toBe(
      'INSERT INTO "public"."orders" ("id","name","qty") VALUES ($1,$2,$3) ON CONFLICT ("id") DO UPDATE SET "name"=EXCLUDED."name","qty"=EXCLUDED."qty"',
    );
    expect(pg.upsert(orders, ['id'], [], 1)).toBe(
      'INSERT INTO "public"."orders" ("id") VALUES ($1) ON CONFLICT ("id") DO NOTHING',
    );
  });

  it('renders the idempotent insert of pk.mode=kafka with ON CONFLICT DO NOTHING', () => {
    expect(pg.insertIgnoringExisting(orders, ['t', 'p', 'o'], ['v'], 1)).toBe(
      'INSERT INTO "public"."orders" ("t","p","o","v") VALUES ($1,$2,$3,$4) ON CONFLICT ("t","p","o") DO NOTHING',
    );
  });

  it('renders UPDATE with the non-key columns first and DELETE by single and composite keys', () => {
    expect(pg.update(orders, ['id'], ['name', 'qty'])).toBe(
      'UPDATE "public"."orders" SET "name" = $1, "qty" = $2 WHERE "id" = $3',
    );
    expect(pg.deleteByKeys(orders, ['id'], 3)).toBe('DELETE FROM "public"."orders" WHERE "id" IN ($1,$2,$3)');
    expect(pg.deleteByKeys(orders, ['a', 'b'], 2)).toBe(
      'DELETE FROM "public"."orders" WHERE ("a","b") IN (($1,$2),($3,$4))',
    );
  });

  it('renders CREATE TABLE with Confluent types, NULL / NOT NULL / DEFAULT and the primary key', () => {
    // Act
    const sql = pg.createTable(new TableId(null, null, 'Order Items'), [
      field('id', Schemas.INT64, true),
      field('price', Decimal.schema(2)),
      field('day', ConnectDate.builder().optional().build()),
      field('at', ConnectTime.schema()),
      field('ts', ConnectTimestamp.schema()),
      field('qty', SchemaBuilder.int16().defaultValue(1).build()),
      field('ok', SchemaBuilder.bool().defaultValue(true).build()),
      field('note', SchemaBuilder.string().defaultValue("it's").build()),
      field('tags', SchemaBuilder.array(Schemas.STRING).optional().build()),
      field('raw', Schemas.OPTIONAL_BYTES),
      field('f', Schemas.FLOAT32),
      field('d', Schemas.FLOAT64),
    ]);
    // Assess
    expect(sql).toBe(
      'CREATE TABLE "Order Items" (\n' +
        '"id" BIGINT NOT NULL,\n' +
        '"price" DECIMAL NOT NULL,\n' +
        '"day" DATE NULL,\n' +
        '"at" TIME NOT NULL,\n' +
        '"ts" TIMESTAMP NOT NULL,\n' +
        '"qty" SMALLINT DEFAULT 1,\n' +
        '"ok" BOOLEAN DEFAULT TRUE,\n' +
        `"note" TEXT DEFAULT 'it''s',\n` +
        '"tags" TEXT[] NULL,\n' +
        '"raw" BYTEA NULL,\n' +
        '"f" REAL NOT NULL,\n' +
        '"d" DOUBLE PRECISION NOT NULL,\n' +
        'PRIMARY KEY("id"))',
    );
  });

  it('adds every missing column in one ALTER TABLE', () => {
    expect(pg.alterTable(orders, [field('a', Schemas.OPTIONAL_STRING), field('b', Schemas.OPTIONAL_INT32)])).toEqual([
      'ALTER TABLE "public"."orders" \nADD "a" TEXT NULL,\nADD "b" INT NULL',
    ]);
  });

  it('doubles quote characters inside identifiers, and leaves names bare with quote.sql.identifiers=never', () => {
    expect(pg.table(new TableId(null, null, 'a"b'))).toBe('"a""b"');
    expect(new PostgresDialect(QuoteMethod.NEVER).table(orders)).toBe('public.orders');
  });

  it('parses qualified names with quoted parts holding dots and quotes', () => {
    expect(pg.parseTableIdentifier('"my.schema"."a""b"')).toEqual(new TableId(null, 'my.schema', 'a"b'));
    expect(pg.parseTableIdentifier('db.s.t')).toEqual(new TableId('db', 's', 't'));
    expect(pg.parseTableIdentifier('orders')).toEqual(new TableId(null, null, 'orders'));
    expect(() => pg.parseTableIdentifier('"open')).toThrow(/missing trailing quote/);
    expect(() => pg.parseTableIdentifier('a.')).toThrow(/ends in delimiter/);
  });

  it('binds Connect values as exact parameters, timestamps with their offset', () => {
    const zones = { timestamps: TimeZone.of('+02:00'), dates: TimeZone.UTC };
    expect(pg.bind(Decimal.schema(3), new BigDecimal(-1234n, 3), zones)).toBe('-1.234');
    expect(pg.bind(ConnectTimestamp.schema(), new Date(Date.UTC(2024, 0, 1, 23, 0, 0, 5)), zones)).toBe(
      '2024-01-02 01:00:00.005+02:00',
    );
    expect(pg.bind(ConnectDate.schema(), new Date(Date.UTC(2024, 1, 29)), zones)).toBe('2024-02-29');
    expect(pg.bind(ConnectTime.schema(), new Date(3_723_004), UTC)).toBe('01:02:03.004');
    expect(pg.bind(Schemas.INT64, 2n ** 62n, UTC)).toBe('4611686018427387904');
    expect(pg.bind(Schemas.FLOAT64, Number.NaN, UTC)).toBe('NaN');
    expect(pg.bind(Schemas.BYTES, Uint8Array.from([1, 2]), UTC)).toEqual(Buffer.from([1, 2]));
    expect(pg.bind(SchemaBuilder.array(Schemas.INT32).build(), [1, 2], UTC)).toEqual([1, 2]);
    expect(() => pg.bind(SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build(), new Map(), UTC)).toThrow(
      'Unsupported source data type: MAP',
    );
  });

  it('reads the database time and binds query timestamps with microseconds and offset', () => {
    expect(pg.parseCurrentTime('2024-05-01 10:00:00.123456+00')).toEqual(new SqlTimestamp(1714557600, 123_456_000));
    expect(pg.timestampParameter(new SqlTimestamp(1714557600, 123_456_000), TimeZone.UTC)).toBe(
      '2024-05-01 10:00:00.123456+00:00',
    );
  });
});

describe('MySqlDialect', () => {
  const shop = new TableId('shop', null, 'orders');

  it('renders back-quoted identifiers, ? parameters and ON DUPLICATE KEY UPDATE upserts', () => {
    expect(my.insert(shop, ['id', 'name'], 2)).toBe('INSERT INTO `shop`.`orders` (`id`,`name`) VALUES (?,?),(?,?)');
    expect(my.upsert(shop, ['id'], ['name'], 1)).toBe(
      'INSERT INTO `shop`.`orders` (`id`,`name`) VALUES (?,?) ON DUPLICATE KEY UPDATE `name`=values(`name`)',
    );
    expect(my.upsert(shop, ['id'], [], 1)).toBe(
      'INSERT INTO `shop`.`orders` (`id`) VALUES (?) ON DUPLICATE KEY UPDATE `id`=values(`id`)',
    );
    expect(my.insertIgnoringExisting(shop, ['t', 'p', 'o'], ['v'], 1)).toBe(
      'INSERT INTO `shop`.`orders` (`t`,`p`,`o`,`v`) VALUES (?,?,?,?) ON DUPLICATE KEY UPDATE `t`=`t`',
    );
  });

  it('maps Connect types as Confluent does, with VARCHAR(255) for string keys', () => {
    // Act
    const sql = my.createTable(shop, [
      field('id', Schemas.STRING, true),
      field('price', Decimal.schema(4)),
      field('ts', ConnectTimestamp.builder().optional().build()),
      field('t', ConnectTime.schema()),
      field('ok', Schemas.BOOLEAN),
      field('raw', Schemas.OPTIONAL_BYTES),
      field('n', Schemas.INT8),
    ]);
    // Assess
    expect(sql).toBe(
      'CREATE TABLE `shop`.`orders` (\n`id` VARCHAR(255) NOT NULL,\n`price` DECIMAL(65,4) NOT NULL,\n' +
        '`ts` DATETIME(3) NULL,\n`t` TIME(3) NOT NULL,\n`ok` TINYINT NOT NULL,\n`raw` VARBINARY(1024) NULL,\n' +
        '`n` TINYINT NOT NULL,\nPRIMARY KEY(`id`))',
    );
  });

  it('treats a two-part name as database.table', () => {
    expect(my.parseTableIdentifier('shop.orders')).toEqual(shop);
  });

  it('binds timestamps as bare wall clocks of db.timezone and refuses non-finite floats', () => {
    const zones = { timestamps: TimeZone.of('Europe/Paris'), dates: TimeZone.UTC };
    expect(my.bind(ConnectTimestamp.schema(), new Date(Date.UTC(2024, 6, 1, 12)), zones)).toBe(
      '2024-07-01 14:00:00.000',
    );
    expect(() => my.bind(Schemas.FLOAT32, Number.POSITIVE_INFINITY, UTC)).toThrow(/cannot be stored/);
    expect(my.timestampParameter(new SqlTimestamp(0, 1000), TimeZone.UTC)).toBe('1970-01-01 00:00:00.000001');
  });
});
