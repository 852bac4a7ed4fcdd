import { describe, expect, it } from 'vitest';
import {
  BigDecimal,
  javaClassName,
  javaDateToString,
  javaDoubleToString,
  javaFloatToString,
  javaToString,
  SchemaBuilder,
  Schemas,
} from '../../../../shared/api';

// Expected texts are what Java (JDK 19+, whose Double/Float.toString print the shortest digits) prints.

describe('javaDoubleToString', () => {
  it.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [1 / 3, '0.3333333333333333'],
    [100, '100.0'],
    [9999999, '9999999.0'],
    [1e7, '1.0E7'],
    [0.001, '0.001'],
    [0.000999, '9.99E-4'],
    [1e-5, '1.0E-5'],
    [1.5e-7, '1.5E-7'],
    [123456789, '1.23456789E8'],
    [1e20, '1.0E20'],
    [1e23, '1.0E23'],
    [-2.5e-300, '-2.5E-300'],
    [Number.MAX_VALUE, '1.7976931348623157E308'],
    [Number.MIN_VALUE, '4.9E-324'],
    [0, '0.0'],
    [-0, '-0.0'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('prints %d as %s', (value, text) => {
    // Act + Assess
    expect(javaDoubleToString(value)).toBe(text);
  });
});

describe('javaFloatToString', () => {
  it.each([
    [1.1, '1.1'],
    [0.1, '0.1'],
    [12.34, '12.34'],
    [1, '1.0'],
    [123456789, '1.2345679E8'],
    [16777216, '1.6777216E7'],
    [1e10, '1.0E10'],
    [3e-5, '3.0E-5'],
    [1.401298464324817e-45, '1.4E-45'],
    [3.4028234663852886e38, '3.4028235E38'],
    [-0, '-0.0'],
    [Number.NaN, 'NaN'],
  ])('prints %d as %s', (value, text) => {
    // Act + Assess
    expect(javaFloatToString(value)).toBe(text);
  });
});

describe('javaToString', () => {
  it('prints values as Java’s String.valueOf, numbers by their schema', () => {
    // Act + Assess
    expect(javaToString(null)).toBe('null');
    expect(javaToString(1, Schemas.FLOAT64)).toBe('1.0');
    expect(javaToString(1, Schemas.INT32)).toBe('1');
    expect(javaToString(1.5)).toBe('1.5');
    expect(javaToString([1, 2], SchemaBuilder.array(Schemas.FLOAT32).build())).toBe('[1.0, 2.0]');
    expect(javaToString(new Map([['a', 1]]))).toBe('{a=1}');
    expect(javaToString(new Date(0))).toBe('Thu Jan 01 00:00:00 UTC 1970');
    expect(javaToString(BigDecimal.parse('1E+3'))).toBe('1E+3');
  });

  it('names values by the Java class Kafka would print', () => {
    // Act + Assess
    expect(javaClassName('x')).toBe('java.lang.String');
    expect(javaClassName(1)).toBe('java.lang.Long');
    expect(javaClassName(1.5)).toBe('java.lang.Double');
    expect(javaClassName(new Uint8Array(1))).toBe('[B');
    expect(javaClassName([])).toBe('java.util.ArrayList');
    expect(javaClassName(new Map())).toBe('java.util.HashMap');
    expect(javaClassName(null)).toBe('null');
  });

  it('prints a java.util.Date in UTC', () => {
    // Act + Assess
    expect(javaDateToString(new Date('2019-08-23T14:34:54.346Z'))).toBe('Fri Aug 23 14:34:54 UTC 2019');
  });
});
