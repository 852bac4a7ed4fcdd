import { describe, expect, it } from 'vitest';
import { SchemaBuilder, Schemas } from '../../../../shared/api';
import { SchemaCache } from '../../../../shared/transforms/util/schema-cache';

const struct = (name: string) => SchemaBuilder.struct().name(name).field('a', Schemas.INT32).build();

describe('SchemaCache', () => {
  it('builds a derived schema once per input schema', () => {
    // Prepare
    const cache = new SchemaCache();
    let builds = 0;
    const build = () => {
      builds++;
      return Schemas.STRING;
    };
    const schema = struct('a');
    // Act
    for (let i = 0; i < 100; i++) cache.getOrBuild(schema, build);
    // Assess
    expect(builds).toBe(1);
  });

  it('shares the derived schema between equal input schemas', () => {
    // Prepare
    const cache = new SchemaCache();
    const derived = struct('derived');
    cache.put(struct('a'), derived);
    // Act
    const hit = cache.get(struct('a'));
    // Assess
    expect(hit).toBe(derived);
    expect(cache.get(struct('b'))).toBeUndefined();
  });

  it('keeps at most its capacity, evicting the least recently used', () => {
    // Prepare
    const cache = new SchemaCache(2);
    const [a, b, c] = [struct('a'), struct('b'), struct('c')];
    cache.put(a, Schemas.INT8);
    cache.put(b, Schemas.INT16);
    cache.get(a);
    // Act
    cache.put(c, Schemas.INT32);
    // Assess
    expect(cache.size).toBe(2);
    expect(cache.get(a)).toBe(Schemas.INT8);
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(c)).toBe(Schemas.INT32);
  });
});
