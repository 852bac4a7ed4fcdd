import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  ConnectTimestamp,
  DataError,
  Decimal,
  type Schema,
  SchemaBuilder,
  Struct,
} from '../../../api';
import { JdbcType, type ResultColumn } from '../db/database';
import { SqlTimestamp } from '../util/sql-timestamp';
import { parseSqlDate, parseSqlTime } from '../util/temporal';
import type { TimeZone } from '../util/time-zone';
import { NumericMapping } from './jdbc-source-config';

/** Confluent's GenericDatabaseDialect constants. */
const MAX_INTEGER_TYPE_PRECISION = 18;
const NUMERIC_TYPE_SCALE_LOW = -84;
const NUMERIC_TYPE_SCALE_HIGH = 127;
export const PRECISION_FIELD = 'connect.decimal.precision';

type Converter = (value: unknown) => unknown;

/**
 * How a result's columns become a Connect Struct (Confluent's SchemaMapping): the schema, named
 * after the table (null in query mode), with one field per column that has a Connect type, and
 * for each field the column it reads and how it converts the driver's value.
 */
export class SchemaMapping {
  private constructor(
    readonly schema: Schema,
    private readonly columnIndexes: readonly number[],
    private readonly converters: readonly Converter[],
  ) {}

  /** @throws DataError when two columns would make fields of one name */
  static create(
    schemaName: string | null,
    columns: readonly ResultColumn[],
    numericMapping: NumericMapping,
    zone: TimeZone,
  ): SchemaMapping {
    const builder = SchemaBuilder.struct().name(schemaName);
    const indexes: number[] = [];
    const converters: Converter[] = [];
    for (const [index, column] of columns.entries()) {
      const mapped = mapColumn(column, numericMapping, zone);
      if (!mapped) continue; // Confluent leaves out columns of unsupported types
      if (builder.field(column.name)) {
        throw new DataError(`Cannot create field because of field name duplication ${column.name}`);
      }
      builder.field(column.name, mapped.schema);
      indexes.push(index);
      converters.push(mapped.convert);
    }
    return new SchemaMapping(builder.build(), indexes, converters);
  }

  /** One row as a Struct of this schema. */
  toStruct(row: readonly unknown[]): Struct {
    const values = new Array(this.converters.length);
    for (let i = 0; i < values.length; i++) {
      const raw = row[this.columnIndexes[i] as number];
      values[i] = raw === null || raw === undefined ? null : (this.converters[i] as Converter)(raw);
    }
    return Struct.ofValues(this.schema, values);
  }
}

/** A cache of mappings by result shape: a query's columns rarely change between polls. */
export class SchemaMappingCache {
  private key = '';
  private mapping: SchemaMapping | null = null;

  constructor(
    private readonly schemaName: string | null,
    private readonly numericMapping: NumericMapping,
    private readonly zone: TimeZone,
  ) {}

  get(columns: readonly ResultColumn[]): SchemaMapping {
    const key = JSON.stringify(columns);
    if (!this.mapping || key !== this.key) {
      this.mapping = SchemaMapping.create(this.schemaName, columns, this.numericMapping, this.zone);
      this.key = key;
    }
    return this.mapping;
  }
}

interface MappedColumn {
  schema: Schema;
  convert: Converter;
}

/** Confluent's addFieldToSchema + columnConverterFor, for the canonical values of {@link ResultColumn}. */
function mapColumn(column: ResultColumn, numericMapping: NumericMapping, zone: TimeZone): MappedColumn | null {
  const optional = column.nullable !== false;
  const primitive = (builder: SchemaBuilder, convert: Converter): MappedColumn => ({
    schema: (optional ? builder.optional() : builder).build(),
    convert,
  });
  const identity: Converter = (v) => v;
  switch (column.jdbcType) {
    case JdbcType.BOOLEAN:
      return primitive(SchemaBuilder.bool(), (v) => v === true || v === 1 || v === 't' || v === '1');
    case JdbcType.TINYINT:
      return column.signed ? primitive(SchemaBuilder.int8(), toInt) : primitive(SchemaBuilder.int16(), toInt);
    case JdbcType.SMALLINT:
      return column.signed ? primitive(SchemaBuilder.int16(), toInt) : primitive(SchemaBuilder.int32(), toInt);
    case JdbcType.INTEGER:
      return column.signed ? primitive(SchemaBuilder.int32(), toInt) : primitive(SchemaBuilder.int64(), toLong);
    case JdbcType.BIGINT:
      return primitive(SchemaBuilder.int64(), toLong);
    case JdbcType.REAL:
      return primitive(SchemaBuilder.float32(), Number);
    case JdbcType.DOUBLE:
      return primitive(SchemaBuilder.float64(), Number);
    case JdbcType.NUMERIC: {
      const mapped = numericByPrecision(column, numericMapping, primitive);
      if (mapped) return mapped;
      return decimal(column, optional);
    }
    case JdbcType.DECIMAL:
      return decimal(column, optional);
    case JdbcType.CHAR:
    case JdbcType.VARCHAR:
      return primitive(SchemaBuilder.string(), (v) => (typeof v === 'string' ? v : String(v)));
    case JdbcType.BINARY:
      return primitive(SchemaBuilder.bytes(), identity);
    case JdbcType.DATE:
      return primitive(ConnectDate.builder(), (v) => parseSqlDate(String(v)));
    case JdbcType.TIME:
      return primitive(ConnectTime.builder(), (v) => parseSqlTime(String(v)));
    case JdbcType.TIMESTAMP:
      return primitive(ConnectTimestamp.builder(), (v) => SqlTimestamp.parse(String(v), zone).toDate());
    default:
      return null;
  }
}

/** numeric.mapping for NUMERIC columns (Confluent maps DECIMAL columns, e.g. MySQL's, to Decimal always). */
function numericByPrecision(
  column: ResultColumn,
  mapping: NumericMapping,
  primitive: (builder: SchemaBuilder, convert: Converter) => MappedColumn,
): MappedColumn | null {
  const { precision, scale } = column;
  const integer = () => primitive(integerBuilder(precision), precision > 9 ? toLong : toInt);
  const double = () => primitive(SchemaBuilder.float64(), Number);
  switch (mapping) {
    case NumericMapping.PRECISION_ONLY:
      if (scale === 0 && precision <= MAX_INTEGER_TYPE_PRECISION) return integer();
      return null;
    case NumericMapping.BEST_FIT:
      if (precision <= MAX_INTEGER_TYPE_PRECISION) {
        if (scale < 1 && scale >= NUMERIC_TYPE_SCALE_LOW) return integer();
        if (scale > 0) return double();
      }
      return null;
    case NumericMapping.BEST_FIT_EAGER_DOUBLE:
      if (scale < 1 && scale >= NUMERIC_TYPE_SCALE_LOW) {
        if (precision <= MAX_INTEGER_TYPE_PRECISION) return integer();
      } else if (scale > 0) {
        return double();
      }
      return null;
    default:
      return null;
  }
}

function integerBuilder(precision: number): SchemaBuilder {
  if (precision > 9) return SchemaBuilder.int64();
  if (precision > 4) return SchemaBuilder.int32();
  if (precision > 2) return SchemaBuilder.int16();
  return SchemaBuilder.int8();
}

/**
 * A Decimal of the column's scale, with its precision as the connect.decimal.precision parameter.
 * An unconstrained PostgreSQL NUMERIC (precision and scale 0) gets scale 127, as in Confluent's
 * PostgreSqlDatabaseDialect#decimalScale, so no digits are lost.
 */
function decimal(column: ResultColumn, optional: boolean): MappedColumn {
  const scale =
    column.precision === 0 && column.scale === 0 && column.typeName === 'numeric'
      ? NUMERIC_TYPE_SCALE_HIGH
      : column.scale;
  const builder = Decimal.builder(scale).parameter(PRECISION_FIELD, String(column.precision));
  return {
    schema: (optional ? builder.optional() : builder).build(),
    convert: (v) => rescale(parseDecimal(v), scale),
  };
}

function parseDecimal(value: unknown): BigDecimal {
  try {
    return BigDecimal.parse(String(value));
  } catch {
    throw new DataError(`Cannot read '${String(value)}' as a decimal number`);
  }
}

/** The value at the column's scale, rounding half up as JDBC's getBigDecimal(column, scale) does. */
export function rescale(value: BigDecimal, scale: number): BigDecimal {
  if (value.scale <= scale) return value.setScale(scale);
  const divisor = 10n ** BigInt(value.scale - scale);
  const quotient = value.unscaled / divisor;
  const remainder = value.unscaled % divisor;
  const abs = remainder < 0n ? -remainder : remainder;
  const roundAway = abs * 2n >= divisor;
  const sign = value.unscaled < 0n ? -1n : 1n;
  return new BigDecimal(roundAway ? quotient + sign : quotient, scale);
}

function toInt(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** INT64: a number when exact, else a bigint within the signed 64-bit range. */
function toLong(value: unknown): number | bigint {
  if (typeof value === 'number') return value;
  const text = typeof value === 'bigint' ? value : BigInt(String(value).split('.')[0] as string);
  if (text > 2n ** 63n - 1n || text < -(2n ** 63n)) throw new DataError(`Value ${String(value)} does not fit in INT64`);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}
