import { describe, expect, it } from 'vitest';
import { BigDecimal, Type } from '../../../../shared/api';
import {
  JdbcType,
  NumericMapping,
  type ResultColumn,
  SchemaMapping,
  TimeZone,
} from '../../../../shared/connectors/jdbc';

function column(name: string, jdbcType: JdbcType, extra: Partial<ResultColumn> = {}): ResultColumn {
  return { name, jdbcType, typeName: 'numeric', precision: 0, scale: 0, signed: true, nullable: true, ...extra };
}

function schemaOf(columns: ResultColumn[], mapping: NumericMapping = NumericMapping.NONE) {
  return SchemaMapping.create('t', columns, mapping, TimeZone.UTC).schema;
}

describe('SchemaMapping', () => {
  it('maps NUMERIC by numeric.mapping as Confluent does', () => {
    // Prepare
    const columns = [
      column('small', JdbcType.NUMERIC, { precision: 2, scale: 0 }),
      column('medium', JdbcType.NUMERIC, { precision: 9, scale: 0 }),
      column('large', JdbcType.NUMERIC, { precision: 18, scale: 0 }),
      column('money', JdbcType.NUMERIC, { precision: 10, scale: 2 }),
      column('huge', JdbcType.NUMERIC, { precision: 30, scale: 2 }),
    ];
    const types = (mapping: NumericMapping) =>
      schemaOf(columns, mapping)
        .fields()
        .map((f) => f.schema.name ?? f.schema.type);
    // Act / Assess
    const decimal = 'org.apache.kafka.connect.data.Decimal';
    expect(types(NumericMapping.NONE)).toEqual([decimal, decimal, decimal, decimal, decimal]);
    expect(types(NumericMapping.PRECISION_ONLY)).toEqual([Type.INT8, Type.INT32, Type.INT64, decimal, decimal]);
    expect(types(NumericMapping.BEST_FIT)).toEqual([Type.INT8, Type.INT32, Type.INT64, Type.FLOAT64, decimal]);
    expect(types(NumericMapping.BEST_FIT_EAGER_DOUBLE)).toEqual([
      Type.INT8,
      Type.INT32,
      Type.INT64,
      Type.FLOAT64,
      Type.FLOAT64,
    ]);
  });

  it('leaves DECIMAL columns (MySQL) as Decimal whatever numeric.mapping says', () => {
    const schema = schemaOf(
      [column('d', JdbcType.DECIMAL, { precision: 5, scale: 0, typeName: 'DECIMAL' })],
      NumericMapping.BEST_FIT,
    );
    expect(schema.field('d')?.schema.name).toBe('org.apache.kafka.connect.data.Decimal');
  });

  it('gives an unconstrained PostgreSQL numeric scale 127 and rounds values half up to a column scale', () => {
    // Prepare
    const mapping = SchemaMapping.create(
      't',
      [column('any', JdbcType.NUMERIC), column('two', JdbcType.NUMERIC, { precision: 5, scale: 2 })],
      NumericMapping.NONE,
      TimeZone.UTC,
    );
    // Act
    const struct = mapping.toStruct(['12.5', '1.005']);
    // Assess
    expect(mapping.schema.field('any')?.schema.parameters).toEqual({ scale: '127', 'connect.decimal.precision': '0' });
    expect((struct.get('any') as BigDecimal).compareTo(BigDecimal.parse('12.5'))).toBe(0);
    expect(struct.get('two')).toEqual(new BigDecimal(101n, 2));
  });

  it('widens unsigned integers and makes NOT NULL columns required', () => {
    // Act
    const schema = schemaOf([
      column('u8', JdbcType.TINYINT, { signed: false }),
      column('u32', JdbcType.INTEGER, { signed: false, nullable: false }),
      column('s16', JdbcType.SMALLINT),
    ]);
    // Assess
    expect(schema.fields().map((f) => `${f.name}:${f.schema.type}:${f.schema.optional}`)).toEqual([
      'u8:INT16:true',
      'u32:INT64:false',
      's16:INT16:true',
    ]);
  });

  it('leaves out columns of types with no Connect mapping, and refuses duplicate names', () => {
    expect(
      schemaOf([column('a', JdbcType.OTHER), column('b', JdbcType.VARCHAR)])
        .fields()
        .map((f) => f.name),
    ).toEqual(['b']);
    expect(() => schemaOf([column('a', JdbcType.VARCHAR), column('a', JdbcType.INTEGER)])).toThrow(
      /field name duplication a/,
    );
  });

  it('names the value schema after the table, and leaves it unnamed for a query', () => {
    expect(schemaOf([column('a', JdbcType.VARCHAR)]).name).toBe('t');
    expect(
      SchemaMapping.create(null, [column('a', JdbcType.VARCHAR)], NumericMapping.NONE, TimeZone.UTC).schema.name,
    ).toBeNull();
  });
});
