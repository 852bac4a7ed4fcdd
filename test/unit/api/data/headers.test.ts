import { describe, expect, it } from 'vitest';
import { BigDecimal, ConnectDate, DataError, Decimal, Headers, Schemas } from '../../../../shared/api';

describe('Headers', () => {
  it('keeps every header in order, several per key', () => {
    // Prepare
    const headers = new Headers().add('a', 1, Schemas.INT32).add('b', 'x').add('a', 2, Schemas.INT32);
    // Act + Assess
    expect(headers.size).toBe(3);
    expect(headers.allWithName('a').map((h) => h.value)).toEqual([1, 2]);
    expect(headers.lastWithName('a')?.value).toBe(2);
    expect(headers.lastWithName('c')).toBeNull();
  });

  it('removes every header of a key, and keeps only the latest of each key', () => {
    // Prepare
    const headers = () => new Headers().add('a', 1).add('b', 2).add('a', 3).add('b', 4).add('c', 5);
    // Act + Assess
    expect([...headers().remove('a')].map((h) => h.key)).toEqual(['b', 'b', 'c']);
    expect([...headers().retainLatest()].map((h) => [h.key, h.value])).toEqual([
      ['a', 3],
      ['b', 4],
      ['c', 5],
    ]);
    expect([...headers().retainLatest('a')].map((h) => h.value)).toEqual([2, 3, 4, 5]);
  });

  it('duplicates into an independent list', () => {
    // Prepare
    const original = new Headers().add('a', 1);
    // Act
    const copy = original.duplicate().add('b', 2);
    // Assess
    expect(original.size).toBe(1);
    expect(copy.size).toBe(2);
  });

  it('refuses a null key', () => {
    // Act + Assess
    expect(() => new Headers().add(null as unknown as string, 1)).toThrow(TypeError);
  });

  it('checks that a value fits its schema’s type, as Kafka’s ConnectHeaders#add does', () => {
    // Prepare
    const headers = new Headers();
    // Act + Assess
    expect(() => headers.add('a', 'x', Schemas.STRING)).not.toThrow();
    expect(() => headers.add('a', new Date(0), ConnectDate.schema())).not.toThrow();
    expect(() => headers.add('a', new BigDecimal(1n, 2), Decimal.schema(2))).not.toThrow();
    expect(() => headers.add('a', null, Schemas.OPTIONAL_STRING)).not.toThrow();
    expect(() => headers.add('a', 'x', null)).not.toThrow();
    expect(() => headers.add('a', 1, Schemas.STRING)).toThrow(
      new DataError('The value 1 is not compatible with the schema Schema{STRING}'),
    );
    expect(() => headers.add('a', null, Schemas.STRING)).toThrow(
      new DataError('A null value requires an optional schema but was Schema{STRING}'),
    );
    expect(() => headers.add('a', new Date(0), Schemas.INT64)).toThrow(DataError);
  });
});
