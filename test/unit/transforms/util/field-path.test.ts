import { describe, expect, it } from 'vitest';
import { AbstractConfig, ConfigDef, ConfigError, SchemaBuilder, Schemas, Struct } from '../../../../shared/api';
import {
  appendFieldSyntaxVersionConfig,
  FieldSyntaxVersion,
  fieldSyntaxVersionFromConfig,
  SingleFieldPath,
} from '../../../../shared/transforms/util/field-path';

const v2 = (path: string) => new SingleFieldPath(path, FieldSyntaxVersion.V2);

describe('FieldSyntaxVersion', () => {
  it('adds field.syntax.version with default V1 to a ConfigDef', () => {
    // Act
    const def = appendFieldSyntaxVersionConfig(new ConfigDef());
    // Assess
    expect(def.configKeys().size).toBe(1);
    expect(def.configKeys().get('field.syntax.version')?.defaultValue).toBe('V1');
  });

  it('cannot be added twice', () => {
    // Prepare
    const def = appendFieldSyntaxVersionConfig(new ConfigDef());
    // Assess
    expect(() => appendFieldSyntaxVersionConfig(def)).toThrow('Configuration field.syntax.version is defined twice.');
  });

  it.each([
    ['v1', 'V1'],
    ['v2', 'V2'],
    ['V1', 'V1'],
    ['V2', 'V2'],
  ])('reads %s as %s', (input, version) => {
    // Prepare
    const config = new AbstractConfig(appendFieldSyntaxVersionConfig(new ConfigDef()), {
      'field.syntax.version': input,
    });
    // Assess
    expect(fieldSyntaxVersionFromConfig(config)).toBe(version);
  });

  it.each(['v3', 'V 1', 'v', 'V 2', '2', '1'])('rejects %s', (input) => {
    // Act
    const act = () =>
      new AbstractConfig(appendFieldSyntaxVersionConfig(new ConfigDef()), { 'field.syntax.version': input });
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(
      `Invalid value ${input.trim()} for configuration field.syntax.version: String must be one of (case insensitive): V1, V2`,
    );
  });
});

describe('SingleFieldPath notation', () => {
  it('keeps a V1 path as one step, dots and backticks included', () => {
    // Assess
    for (const path of ['foo.bar.baz', 'foo`bar`', 'foo.`bar.baz`']) {
      expect(new SingleFieldPath(path, FieldSyntaxVersion.V1).steps).toEqual([path]);
    }
  });

  it('includes empty field names', () => {
    // Assess
    expect(v2('..').steps).toEqual(['', '', '']);
    expect(v2('foo..').steps).toEqual(['foo', '', '']);
    expect(v2('.bar.').steps).toEqual(['', 'bar', '']);
    expect(v2('..baz').steps).toEqual(['', '', 'baz']);
  });

  it('has no steps for an empty V2 path', () => {
    // Assess
    expect(v2('').steps).toEqual([]);
  });

  it('splits V2 paths on dots', () => {
    // Assess
    expect(v2('foobarbaz').steps).toEqual(['foobarbaz']);
    expect(v2('foo.bar.baz').steps).toEqual(['foo', 'bar', 'baz']);
    expect(v2('foo`bar`baz').steps).toEqual(['foo`bar`baz']);
  });

  it('keeps dotted names in backtick pairs as one step', () => {
    // Assess
    expect(v2('`foo.bar.baz`').steps).toEqual(['foo.bar.baz']);
    expect(v2('foo.`bar.baz`').steps).toEqual(['foo', 'bar.baz']);
    expect(v2('`foo.bar`.baz').steps).toEqual(['foo.bar', 'baz']);
    expect(v2('foo.`bar`.baz').steps).toEqual(['foo', 'bar', 'baz']);
  });

  it('keeps backticks that do not wrap a name', () => {
    // Assess
    expect(v2('foo.``bar.baz`').steps).toEqual(['foo', '`bar.baz']);
    expect(v2('foo.`bar.baz``').steps).toEqual(['foo', 'bar.baz`']);
    expect(v2('foo.`ba`r.baz`').steps).toEqual(['foo', 'ba`r.baz']);
    expect(v2('foo.ba`r.baz').steps).toEqual(['foo', 'ba`r', 'baz']);
    expect(v2('foo.``bar``.baz').steps).toEqual(['foo', '`bar`', 'baz']);
    expect(v2('``foo.bar.baz``').steps).toEqual(['`foo.bar.baz`']);
  });

  it('reads backslash-escaped backticks', () => {
    // Assess
    expect(v2('foo.`bar\\`.baz`').steps).toEqual(['foo', 'bar`.baz']);
    expect(v2('foo.`bar.`baz`').steps).toEqual(['foo', 'bar.`baz']);
    expect(v2('foo.`bar\\`.`baz`').steps).toEqual(['foo', 'bar`.`baz']);
    expect(v2('foo.`bar\\\\`.\\`baz`').steps).toEqual(['foo', 'bar\\`.\\`baz']);
  });

  it.each([
    ['`foo.bar.baz', 0],
    ['foo.`bar.baz', 4],
    ['foo.bar.`baz', 8],
    ['foo.bar.`baz\\`', 8],
  ])('rejects the incomplete backtick pair of %s', (path, position) => {
    // Assess
    expect(() => v2(path)).toThrow(
      new ConfigError(
        `Incomplete backtick pair in path: [${path}], consider adding a backslash before backtick at position ${position} to escape it`,
      ),
    );
  });
});

describe('SingleFieldPath access', () => {
  const barSchema = SchemaBuilder.struct().field('bar', Schemas.INT32).build();
  const schema = SchemaBuilder.struct().field('foo', barSchema).build();

  it('finds fields in a schema', () => {
    // Assess
    expect(v2('foo.bar').fieldFrom(schema)).toBe(barSchema.field('bar'));
    expect(v2('foo').fieldFrom(schema)).toBe(schema.field('foo'));
  });

  it('gives null for fields a schema does not have', () => {
    // Assess
    expect(v2('un.known').fieldFrom(schema)).toBeNull();
    expect(v2('foo.unknown').fieldFrom(schema)).toBeNull();
    expect(v2('unknown').fieldFrom(schema)).toBeNull();
    expect(v2('test').fieldFrom(null)).toBeNull();
  });

  it('finds values in a Map and gives null for missing ones', () => {
    // Prepare
    const map = new Map([
      [
        'foo',
        new Map<string, unknown>([
          ['bar', 42],
          ['baz', null],
        ]),
      ],
    ]);
    // Assess
    expect(v2('foo.bar').valueFromMap(map)).toBe(42);
    expect(v2('foo.baz').valueFromMap(map)).toBeNull();
    expect(v2('un.known').valueFromMap(map)).toBeNull();
    expect(v2('foo.unknown').valueFromMap(map)).toBeNull();
    expect(v2('unknown').valueFromMap(map)).toBeNull();
    expect(v2('foo.baz.inner').valueFromMap(map)).toBeNull();
  });

  it('finds values in a Struct and gives null for missing ones', () => {
    // Prepare
    const bazSchema = SchemaBuilder.struct().field('inner', Schemas.STRING).optional().build();
    const fooSchema = SchemaBuilder.struct().field('bar', Schemas.INT32).field('baz', bazSchema).build();
    const rootSchema = SchemaBuilder.struct().field('foo', fooSchema).build();
    const struct = new Struct(rootSchema).put('foo', new Struct(fooSchema).put('bar', 42).put('baz', null));
    // Assess
    expect(v2('foo.bar').valueFromStruct(struct)).toBe(42);
    expect(v2('foo.baz').valueFromStruct(struct)).toBeNull();
    expect(v2('un.known').valueFromStruct(struct)).toBeNull();
    expect(v2('foo.unknown').valueFromStruct(struct)).toBeNull();
    expect(v2('unknown').valueFromStruct(struct)).toBeNull();
    expect(v2('foo.baz.inner').valueFromStruct(struct)).toBeNull();
  });
});
