import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadRequestError, DataError } from '../../../../shared/api';
import {
  canonicalPartition,
  checkPrimitiveMap,
  connectorConfigJson,
  MAX_CONFIG_BYTES,
  truncate,
  utf8Length,
} from '../../../../shared/stores/ports/validation';

describe('canonicalPartition', () => {
  it('sorts keys so that key order does not matter', () => {
    expect(canonicalPartition({ b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
    expect(canonicalPartition({ a: 'x', b: 1 })).toBe('{"a":"x","b":1}');
  });

  it('sorts integer-like keys as strings, which plain objects would put first', () => {
    expect(canonicalPartition({ b: 0, '10': 1, '2': 2 })).toBe('{"10":1,"2":2,"b":0}');
  });

  it('gives the same JSON for every key order of the same map', () => {
    // Prepare
    const entries = fc.uniqueArray(
      fc.tuple(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))),
      { selector: ([key]) => key, maxLength: 8 },
    );
    // Act / Assess
    fc.assert(
      fc.property(entries, (pairs) => {
        const forward = Object.fromEntries(pairs);
        const backward = Object.fromEntries([...pairs].reverse());
        expect(canonicalPartition(backward)).toBe(canonicalPartition(forward));
        expect(JSON.parse(canonicalPartition(forward))).toEqual(forward);
      }),
    );
  });
});

describe('checkPrimitiveMap', () => {
  it.each([
    [{ f: { nested: 1 } }, 'but field f contains MAP'],
    [{ f: [1] }, 'but field f contains ARRAY'],
    [{ f: new Uint8Array(1) }, 'but field f contains BYTES'],
    [{ f: new Date(0) }, 'but field f contains class Date'],
    [{ f: Number.NaN }, 'but field f contains NaN'],
    [{ f: 1n }, 'but field f contains bigint'],
  ])('rejects %o with Kafka’s message', (map, text) => {
    const check = () => checkPrimitiveMap(map, 'offset');
    expect(check).toThrow(DataError);
    expect(check).toThrow(`Offsets may only contain primitive types as values, ${text}`);
  });

  it('accepts strings, finite numbers, booleans and null', () => {
    expect(() => checkPrimitiveMap({ s: '', n: -0.5, b: false, z: null }, 'partition')).not.toThrow();
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes as Buffer does, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (text) => {
        expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
    );
    expect(utf8Length('\ud800')).toBe(3);
  });
});

describe('truncate', () => {
  it('cuts to the limit without splitting a surrogate pair', () => {
    expect(truncate('ab😀', 3)).toBe('ab');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('abc');
  });
});

describe('connectorConfigJson', () => {
  it('keeps the submitted key order', () => {
    expect(connectorConfigJson('c', { z: '1', a: '2' })).toBe('{"z":"1","a":"2"}');
  });

  it('rejects a config over MAX_CONFIG_BYTES counted in UTF-8 bytes', () => {
    // Prepare: under the limit in characters, over it in bytes
    const config = { v: 'é'.repeat(MAX_CONFIG_BYTES / 2) };
    // Act
    const check = () => connectorConfigJson('c', config);
    // Assess
    expect(check).toThrow(BadRequestError);
    expect(check).toThrow(`at most ${MAX_CONFIG_BYTES} bytes can be stored`);
  });
});
