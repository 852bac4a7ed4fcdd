import { describe, expect, it } from 'vitest';
import {
  CaseInsensitiveValidString,
  type ClassLoader,
  CompositeValidator,
  ConfigDef,
  ConfigError,
  ConfigType,
  type ConfigValue,
  convertToString,
  convertToStringMapWithPasswordValues,
  Importance,
  ListSize,
  NO_DEFAULT_VALUE,
  NonEmptyStringWithoutControlChars,
  NonNullValidator,
  Password,
  parseType,
  Range,
  type Recommender,
  ValidList,
  ValidString,
  Width,
} from '../../../../shared/api';
import { niceMemoryUnits, niceTimeUnits } from '../../../../shared/api/config/config-def';

// Written from the inputs and outputs of Kafka's ConfigDefTest
// (clients/src/test/java/org/apache/kafka/common/config/ConfigDefTest.java).

class NestedClass {
  static readonly className = 'org.apache.kafka.common.config.ConfigDefTest$NestedClass';
}

const loader: ClassLoader = {
  loadClass: (name) =>
    name === NestedClass.className || name === 'PluginAlias' ? (NestedClass as unknown as never) : null,
};

/** Kafka's IntegerRecommender: 1, 2, 3 for a parent; 4, 5 for a child. */
function integerRecommender(hasParent: boolean): Recommender {
  return { validValues: () => (hasParent ? [4, 5] : [1, 2, 3]), visible: () => true };
}

function dependentsDef(bDependentOfD: boolean, withD = true): ConfigDef {
  const key = (name: string, order: number, dependents: string[], parent: boolean) => ({
    name,
    type: ConfigType.INT,
    importance: Importance.HIGH,
    documentation: 'docs',
    group: 'group',
    orderInGroup: order,
    width: Width.SHORT,
    displayName: name,
    dependents,
    recommender: integerRecommender(parent),
  });
  const def = new ConfigDef()
    .define(key('a', 1, withD ? ['b', 'c'] : ['b', 'c', 'd'], false))
    .define(key('b', 2, [], true))
    .define(key('c', 3, [], true));
  if (withD) def.define(key('d', 4, bDependentOfD ? ['b'] : [], false));
  return def;
}

function plain(values: Iterable<ConfigValue>) {
  return [...values].map((v) => ({
    name: v.name,
    value: v.value,
    recommendedValues: v.recommendedValues,
    errorMessages: v.errorMessages,
    visible: v.visible,
  }));
}

describe('ConfigDef parse', () => {
  it('parses every basic type from strings and typed values', () => {
    // Prepare
    const def = new ConfigDef()
      .define('a', ConfigType.INT, 5, Range.between(0, 14), Importance.HIGH, 'docs')
      .define('b', ConfigType.LONG, NO_DEFAULT_VALUE, Importance.HIGH, 'docs')
      .define('c', ConfigType.STRING, 'hello', Importance.HIGH, 'docs')
      .define('d', ConfigType.LIST, NO_DEFAULT_VALUE, Importance.HIGH, 'docs')
      .define('e', ConfigType.DOUBLE, NO_DEFAULT_VALUE, Importance.HIGH, 'docs')
      .define('f', ConfigType.CLASS, NO_DEFAULT_VALUE, Importance.HIGH, 'docs')
      .define('g', ConfigType.BOOLEAN, NO_DEFAULT_VALUE, Importance.HIGH, 'docs')
      .define('h', ConfigType.BOOLEAN, NO_DEFAULT_VALUE, Importance.HIGH, 'docs')
      .define('i', ConfigType.BOOLEAN, NO_DEFAULT_VALUE, Importance.HIGH, 'docs')
      .define('j', ConfigType.PASSWORD, NO_DEFAULT_VALUE, Importance.HIGH, 'docs');
    const props = {
      a: '1   ',
      b: 2,
      d: ' a , b, c',
      e: 42.5,
      f: NestedClass.className,
      g: 'true',
      h: 'FalSE',
      i: 'TRUE',
      j: 'password',
    };

    // Act
    const vals = def.parse(props, loader);

    // Assess
    expect(vals.get('a')).toBe(1);
    expect(vals.get('b')).toBe(2);
    expect(vals.get('c')).toBe('hello');
    expect(vals.get('d')).toEqual(['a', 'b', 'c']);
    expect(vals.get('e')).toBe(42.5);
    expect(vals.get('f')).toBe(NestedClass);
    expect(vals.get('g')).toBe(true);
    expect(vals.get('h')).toBe(false);
    expect(vals.get('i')).toBe(true);
    expect((vals.get('j') as Password).equals(new Password('password'))).toBe(true);
    expect(String(vals.get('j'))).toBe(Password.HIDDEN);
  });

  it('rejects a default that does not parse to the type', () => {
    // Act / Assess
    expect(() => new ConfigDef().define('a', ConfigType.INT, 'hello', Importance.HIGH, 'docs')).toThrow(ConfigError);
  });

  it('keeps a null default as null', () => {
    // Prepare
    const def = new ConfigDef().define('a', ConfigType.INT, null, Importance.HIGH, 'docs');

    // Act / Assess
    expect(def.parse({}).get('a')).toBeNull();
  });

  it('fails on a missing required key with Kafka text', () => {
    // Prepare
    const def = new ConfigDef().define('a', ConfigType.INT, NO_DEFAULT_VALUE, Importance.HIGH, 'docs');

    // Act / Assess
    expect(() => def.parse({})).toThrow('Missing required configuration "a" which has no default value.');
  });

  it('accepts an empty string default for a string key', () => {
    // Act / Assess
    expect(new ConfigDef().define('a', ConfigType.STRING, '', Importance.HIGH, 'docs').parse({}).get('a')).toBe('');
  });

  it('refuses to define a key twice', () => {
    // Prepare
    const def = new ConfigDef().define('a', ConfigType.STRING, NO_DEFAULT_VALUE, Importance.HIGH, 'docs');

    // Act / Assess
    expect(() => def.define('a', ConfigType.INT, NO_DEFAULT_VALUE, Importance.HIGH, 'docs')).toThrow(
      'Configuration a is defined twice.',
    );
  });

  it.each([
    [ConfigType.INT, ['hello', '42.5', 42.5, 2 ** 63, '9223372036854775807', {}]],
    [ConfigType.LONG, ['hello', '42.5', '922337203685477580700', {}]],
    [ConfigType.DOUBLE, ['hello', {}]],
    [ConfigType.STRING, [{}]],
    [ConfigType.LIST, [53, {}]],
    [ConfigType.BOOLEAN, ['hello', 'truee', 'fals']],
    [ConfigType.CLASS, ['ClassDoesNotExist']],
  ])('rejects bad %s inputs', (type, values) => {
    for (const value of values) {
      // Prepare
      const def = new ConfigDef().define('name', type, NO_DEFAULT_VALUE, Importance.HIGH, 'docs');

      // Act / Assess
      expect(() => def.parse({ name: value }, loader), `value ${String(value)}`).toThrow(ConfigError);
    }
  });

  it('rejects a default outside the range or the valid strings', () => {
    // Act / Assess
    expect(() =>
      new ConfigDef().define('name', ConfigType.INT, -1, Range.between(0, 10), Importance.HIGH, 'docs'),
    ).toThrow(ConfigError);
    expect(() =>
      new ConfigDef().define(
        'name',
        ConfigType.STRING,
        'bad',
        ValidString.in('valid', 'values'),
        Importance.HIGH,
        'docs',
      ),
    ).toThrow(ConfigError);
  });

  it('loads a nested class by its binary name and a class by an alias the loader knows', () => {
    // Prepare
    const def = new ConfigDef().define('name', ConfigType.CLASS, NO_DEFAULT_VALUE, Importance.HIGH, 'docs');

    // Act / Assess
    expect(def.parse({ name: NestedClass.className }, loader).get('name')).toBe(NestedClass);
    expect(parseType('Test config', 'PluginAlias', ConfigType.CLASS, loader)).toBe(NestedClass);
  });

  it('names a class that cannot be found in Kafka words', () => {
    // Act / Assess
    expect(() => parseType('key.converter', 'Nope ', ConfigType.CLASS, loader)).toThrow(
      'Invalid value Nope  for configuration key.converter: Class Nope  could not be found.',
    );
  });

  it('trims strings as Java does: control characters go, Unicode spaces stay', () => {
    // Act / Assess
    expect(parseType('name', '\u0001 abc\u00a0\n', ConfigType.STRING)).toBe('abc\u00a0');
    expect(parseType('flag', '\ttrue\u0000', ConfigType.BOOLEAN)).toBe(true);
  });

  it('keeps a class name as a trimmed string when no loader is given', () => {
    // Act / Assess
    expect(parseType('name', ' org.Example ', ConfigType.CLASS)).toBe('org.Example');
  });

  it.each<[string, ConfigType, unknown, unknown, unknown[], unknown[]]>([
    ['Range', ConfigType.INT, Range.between(0, 10), 5, [1, 5, 9], [-1, 11, null]],
    [
      'ValidString',
      ConfigType.STRING,
      ValidString.in('good', 'values', 'default'),
      'default',
      ['good', 'values', 'default'],
      ['bad', 'inputs', 'DEFAULT', null],
    ],
    [
      'CaseInsensitiveValidString',
      ConfigType.STRING,
      CaseInsensitiveValidString.in('good', 'values', 'default'),
      'default',
      ['gOOd', 'VALUES', 'default'],
      ['Bad', 'iNPUts', null],
    ],
    ['ValidList', ConfigType.LIST, ValidList.in('1', '2', '3'), '1', ['1', '2', '3'], ['4', '5', '6']],
    ['NonNullValidator', ConfigType.STRING, new NonNullValidator(), 'a', ['abb'], [null]],
    [
      'CompositeValidator',
      ConfigType.STRING,
      CompositeValidator.of(new NonNullValidator(), ValidString.in('a', 'b')),
      'a',
      ['a', 'b'],
      [null, -1, 'c'],
    ],
    [
      'NonEmptyStringWithoutControlChars',
      ConfigType.STRING,
      new NonEmptyStringWithoutControlChars(),
      'defaultname',
      [
        'test',
        'name',
        'test/test',
        'test\u1234',
        '\u1324name\\',
        '/+%>&):??<&()?-',
        '+1',
        '\uD83D\uDE01',
        '\uF3B1',
        '     test   \n\r',
        '\n  hello \t',
      ],
      ['nontrailing\nnotallowed', 'as\u0001cii control char', 'tes\rt', 'test\btest', '1\t2', ''],
    ],
  ])('applies the %s validator to good and bad values', (_name, type, validator, defaultValue, ok, bad) => {
    // Prepare
    const def = new ConfigDef().define('name', type, defaultValue, validator as never, Importance.HIGH, 'docs');

    // Act / Assess
    for (const value of ok) expect(() => def.parse({ name: value }), `ok ${String(value)}`).not.toThrow();
    for (const value of bad) expect(() => def.parse({ name: value }), `bad ${String(value)}`).toThrow(ConfigError);
  });

  it('hides passwords when printed but keeps their value', () => {
    // Prepare
    const def = new ConfigDef().define('ssl.key.password', ConfigType.PASSWORD, null, Importance.HIGH, 'docs');

    // Act
    const value = def.parse({ 'ssl.key.password': 'key_password' }).get('ssl.key.password') as Password;

    // Assess
    expect(value.equals(new Password('key_password'))).toBe(true);
    expect(`${value}`).toBe('[hidden]');
    expect(JSON.stringify({ value })).toBe('{"value":"[hidden]"}');
  });

  it('accepts a valid value for a required key with a validator', () => {
    // Prepare
    const def = new ConfigDef().define(
      'enum_test',
      ConfigType.STRING,
      NO_DEFAULT_VALUE,
      ValidString.in('ONE', 'TWO', 'THREE'),
      Importance.HIGH,
      'docs',
    );

    // Act / Assess
    expect(def.parse({ enum_test: 'ONE' }).get('enum_test')).toBe('ONE');
  });

  it('refuses to parse when a dependent is not defined', () => {
    // Prepare
    const def = new ConfigDef().define({
      name: 'parent',
      type: ConfigType.STRING,
      importance: Importance.HIGH,
      documentation: 'parent docs',
      group: 'group',
      orderInGroup: 1,
      width: Width.LONG,
      displayName: 'Parent',
      dependents: ['child'],
    });

    // Act / Assess
    expect(() => def.parse({})).toThrow(
      'Some configurations in are referred in the dependents, but not defined: child',
    );
  });

  it('parses a list default of "" to an empty list and splits a list on commas', () => {
    // Prepare
    const def = new ConfigDef().define('a', ConfigType.LIST, '', new NonNullValidator(), Importance.HIGH, 'doc');

    // Act / Assess
    expect(def.parse({}).get('a')).toEqual([]);
    expect(def.parse({ a: '' }).get('a')).toEqual([]);
    expect(def.parse({ a: 'b,c,d' }).get('a')).toEqual(['b', 'c', 'd']);
    expect(def.parse({ a: 'a,' }).get('a')).toEqual(['a', '']);
  });

  it('uses the Java texts for numbers of the wrong type or size', () => {
    // Act / Assess
    expect(() => parseType('s', 40000, ConfigType.SHORT)).toThrow(
      'Invalid value 40000 for configuration s: Expected value to be a 16-bit integer (short), but it was a java.lang.Integer',
    );
    expect(() => parseType('l', 1.5, ConfigType.LONG)).toThrow(
      'Expected value to be a 64-bit integer (long), but it was a java.lang.Double',
    );
    expect(() => parseType('i', '2147483648', ConfigType.INT)).toThrow(
      'Invalid value 2147483648 for configuration i: Not a number of type INT',
    );
    expect(parseType('d', ' 1e3d ', ConfigType.DOUBLE)).toBe(1000);
    expect(() => parseType('d', '0x10', ConfigType.DOUBLE)).toThrow('Not a number of type DOUBLE');
  });
});

describe('ConfigDef groups and keys', () => {
  it('infers groups in the order they are first used', () => {
    // Prepare
    const key = (name: string, group: string, order: number) => ({
      name,
      type: ConfigType.INT,
      importance: Importance.HIGH,
      documentation: 'docs',
      group,
      orderInGroup: order,
      width: Width.SHORT,
      displayName: name,
    });

    // Act
    const def1 = new ConfigDef()
      .define(key('a', 'group1', 1))
      .define(key('b', 'group2', 1))
      .define(key('c', 'group1', 2));
    const def2 = new ConfigDef()
      .define(key('a', 'group2', 1))
      .define(key('b', 'group2', 2))
      .define(key('c', 'group1', 2));

    // Assess
    expect(def1.groups()).toEqual(['group1', 'group2']);
    expect(def2.groups()).toEqual(['group2', 'group1']);
  });

  it('lists the names it defines', () => {
    // Prepare
    const def = new ConfigDef()
      .define('a', ConfigType.STRING, NO_DEFAULT_VALUE, Importance.LOW, 'docs')
      .define('b', ConfigType.STRING, NO_DEFAULT_VALUE, Importance.LOW, 'docs');

    // Act / Assess
    expect(def.names()).toEqual(['a', 'b']);
  });

  it('computes the parentless keys of a definition built on another', () => {
    // Prepare
    const base = new ConfigDef().define('a', ConfigType.STRING, NO_DEFAULT_VALUE, Importance.LOW, 'docs');
    expect(base.configsWithNoParent()).toEqual(['a']);

    // Act
    const def = new ConfigDef(base)
      .define({
        name: 'parent',
        type: ConfigType.STRING,
        importance: Importance.HIGH,
        documentation: 'parent docs',
        group: 'group',
        orderInGroup: 1,
        width: Width.LONG,
        displayName: 'Parent',
        dependents: ['child'],
      })
      .define('child', ConfigType.STRING, NO_DEFAULT_VALUE, Importance.HIGH, 'docs');

    // Assess
    expect(def.configsWithNoParent()).toEqual(['a', 'parent']);
    expect(base.names()).toEqual(['a']);
  });

  it('defines internal keys that validate but stay out of the docs', () => {
    // Prepare
    const def = new ConfigDef()
      .defineInternal('my.config', ConfigType.STRING, '', Importance.LOW)
      .defineInternal('my.other.config', ConfigType.STRING, '', Importance.LOW, null, null as never);

    // Act
    const [value] = def.validate({ 'my.config': 'value' });

    // Assess
    expect(value?.name).toBe('my.config');
    expect(value?.value).toBe('value');
    for (const doc of [def.toHtmlTable(), def.toRst(), def.toEnrichedRst(), def.toHtml()]) {
      expect(doc).not.toContain('my.config');
      expect(doc).not.toContain('my.other.config');
    }
  });

  it('returns the defaults of keys that have one', () => {
    // Prepare
    const def = new ConfigDef()
      .define('a', ConfigType.INT, 3, Importance.LOW, 'docs')
      .define('b', ConfigType.INT, NO_DEFAULT_VALUE, Importance.LOW, 'docs');

    // Act / Assess
    expect([...def.defaultValues()]).toEqual([['a', 3]]);
  });
});

describe('ConfigDef validate', () => {
  it('parses dependents after their parents, repeating the errors of a key with two parents', () => {
    // Prepare
    const def = dependentsDef(true);
    const b = 'Missing required configuration "b" which has no default value.';
    const c = 'Missing required configuration "c" which has no default value.';

    // Act
    const values = def.validateAll({ a: '1', d: '10' });

    // Assess
    expect(plain(values.values())).toEqual([
      { name: 'a', value: 1, recommendedValues: [1, 2, 3], errorMessages: [], visible: true },
      { name: 'b', value: null, recommendedValues: [4, 5], errorMessages: [b, b], visible: true },
      { name: 'c', value: null, recommendedValues: [4, 5], errorMessages: [c], visible: true },
      { name: 'd', value: 10, recommendedValues: [1, 2, 3], errorMessages: [], visible: true },
    ]);
  });

  it('reports a dependent that is not defined as an invisible error', () => {
    // Prepare
    const def = dependentsDef(false, false);

    // Act
    const values = def.validateAll({ a: '1' });

    // Assess
    expect(plain([values.get('d') as ConfigValue])).toEqual([
      {
        name: 'd',
        value: null,
        recommendedValues: [],
        errorMessages: ['d is referred in the dependents, but not defined.'],
        visible: false,
      },
    ]);
    expect(values.get('b')?.errorMessages).toEqual(['Missing required configuration "b" which has no default value.']);
  });

  it('reports a value that cannot be parsed', () => {
    // Prepare
    const def = new ConfigDef().define('a', ConfigType.INT, NO_DEFAULT_VALUE, Importance.HIGH, 'docs');

    // Act
    const [value] = def.validate({ a: 'non_integer' });

    // Assess
    expect(value?.value).toBeNull();
    expect(value?.errorMessages).toEqual(['Invalid value non_integer for configuration a: Not a number of type INT']);
  });

  it('stops at a dependency cycle instead of recursing forever', () => {
    // Prepare
    const key = (name: string, dependents: string[]) => ({
      name,
      type: ConfigType.INT,
      defaultValue: 1,
      importance: Importance.LOW,
      documentation: 'docs',
      dependents,
    });
    const def = new ConfigDef()
      .define(key('root', ['x']))
      .define(key('x', ['y']))
      .define(key('y', ['x']));

    // Act
    const values = def.validateAll({});

    // Assess
    expect([...values.keys()]).toEqual(['root', 'x', 'y']);
  });
});

describe('ConfigDef embed', () => {
  it('embeds child keys in documented order, under the group, with validators that see the child name', () => {
    // Prepare
    const child = new ConfigDef()
      .define('z.optional', ConfigType.STRING, 'x', Importance.LOW, 'docs')
      .define('b.required', ConfigType.INT, NO_DEFAULT_VALUE, Range.atLeast(1), Importance.HIGH, 'docs')
      .define({
        name: 'grouped',
        type: ConfigType.STRING,
        defaultValue: '',
        importance: Importance.HIGH,
        documentation: 'docs',
        group: 'Inner',
        orderInGroup: 1,
      })
      .define('a.required', ConfigType.INT, NO_DEFAULT_VALUE, Importance.HIGH, 'docs');

    // Act
    const def = new ConfigDef().embed('transforms.x.', 'Transforms: x', 1, child);
    const values = def.validateAll({ 'transforms.x.b.required': '0', 'transforms.x.a.required': '2' });

    // Assess
    expect([...def.configKeys().values()].map((k) => [k.name, k.group, k.orderInGroup])).toEqual([
      ['transforms.x.a.required', 'Transforms: x', 1],
      ['transforms.x.b.required', 'Transforms: x', 2],
      ['transforms.x.z.optional', 'Transforms: x', 3],
      ['transforms.x.grouped', 'Transforms: x: Inner', 4],
    ]);
    expect(values.get('transforms.x.b.required')?.errorMessages).toEqual([
      'Invalid value 0 for configuration b.required: Value must be at least 1',
    ]);
  });
});

describe('ConfigDef docs', () => {
  it('writes reStructuredText in Kafka order and format', () => {
    // Prepare
    const def = new ConfigDef()
      .define('opt1', ConfigType.STRING, 'a', ValidString.in('a', 'b', 'c'), Importance.HIGH, 'docs1')
      .define('opt2', ConfigType.INT, NO_DEFAULT_VALUE, Importance.MEDIUM, 'docs2')
      .define('opt3', ConfigType.LIST, ['a', 'b'], Importance.LOW, 'docs3')
      .define({
        name: 'opt4',
        type: ConfigType.BOOLEAN,
        defaultValue: false,
        importance: Importance.LOW,
        documentation: null,
      });

    // Act / Assess
    expect(def.toRst()).toBe(
      '``opt2``\n  docs2\n\n  * Type: int\n  * Importance: medium\n\n' +
        '``opt1``\n  docs1\n\n  * Type: string\n  * Default: a\n  * Valid Values: [a, b, c]\n  * Importance: high\n\n' +
        '``opt3``\n  docs3\n\n  * Type: list\n  * Default: a,b\n  * Importance: low\n\n' +
        '``opt4``\n\n  * Type: boolean\n  * Default: false\n  * Importance: low\n\n',
    );
  });

  it('writes enriched reStructuredText with group headings and dependents', () => {
    // Prepare
    const key = (
      name: string,
      type: ConfigType,
      defaultValue: unknown,
      importance: Importance,
      documentation: string,
      group: string,
      orderInGroup: number,
      dependents: string[],
    ) => ({ name, type, defaultValue, importance, documentation, group, orderInGroup, displayName: '..', dependents });
    const def = new ConfigDef()
      .define({
        ...key('opt1.of.group1', ConfigType.STRING, 'a', Importance.HIGH, 'Doc doc.', 'Group One', 0, []),
        validator: ValidString.in('a', 'b', 'c'),
      })
      .define(
        key('opt2.of.group1', ConfigType.INT, NO_DEFAULT_VALUE, Importance.MEDIUM, 'Doc doc doc.', 'Group One', 1, [
          'some.option1',
          'some.option2',
        ]),
      )
      .define(key('opt2.of.group2', ConfigType.BOOLEAN, false, Importance.HIGH, 'Doc doc doc doc.', 'Group Two', 1, []))
      .define(
        key('opt1.of.group2', ConfigType.BOOLEAN, false, Importance.HIGH, 'Doc doc doc doc doc.', 'Group Two', 0, [
          'some.option',
        ]),
      )
      .define('poor.opt', ConfigType.STRING, 'foo', Importance.HIGH, 'Doc doc doc doc.');

    // Act / Assess
    expect(def.toEnrichedRst()).toBe(
      '``poor.opt``\n  Doc doc doc doc.\n\n  * Type: string\n  * Default: foo\n  * Importance: high\n\n' +
        'Group One\n^^^^^^^^^\n\n' +
        '``opt1.of.group1``\n  Doc doc.\n\n  * Type: string\n  * Default: a\n  * Valid Values: [a, b, c]\n  * Importance: high\n\n' +
        '``opt2.of.group1``\n  Doc doc doc.\n\n  * Type: int\n  * Importance: medium\n' +
        '  * Dependents: ``some.option1``, ``some.option2``\n\n' +
        'Group Two\n^^^^^^^^^\n\n' +
        '``opt1.of.group2``\n  Doc doc doc doc doc.\n\n  * Type: boolean\n  * Default: false\n  * Importance: high\n' +
        '  * Dependents: ``some.option``\n\n' +
        '``opt2.of.group2``\n  Doc doc doc doc.\n\n  * Type: boolean\n  * Default: false\n  * Importance: high\n\n',
    );
  });

  it('marks each key with its update mode in the HTML table, read-only by default', () => {
    // Prepare
    const def = new ConfigDef()
      .define('my.broker.config', ConfigType.LONG, NO_DEFAULT_VALUE, Importance.HIGH, 'docs')
      .define('my.cluster.config', ConfigType.LONG, NO_DEFAULT_VALUE, Importance.HIGH, 'docs')
      .define('my.readonly.config', ConfigType.LONG, NO_DEFAULT_VALUE, Importance.HIGH, 'docs');
    const modes = new Map([
      ['my.broker.config', 'per-broker'],
      ['my.cluster.config', 'cluster-wide'],
    ]);

    // Act
    const lines = def.toHtmlTable(modes).split('\n');

    // Assess
    expect(lines.find((l) => l.includes('my.broker.config'))).toContain('per-broker');
    expect(lines.find((l) => l.includes('my.cluster.config'))).toContain('cluster-wide');
    expect(lines.find((l) => l.includes('my.readonly.config'))).toContain('read-only');
  });

  it('describes memory and time defaults in whole units', () => {
    // Act / Assess
    expect(niceMemoryUnits(0)).toBe('');
    expect(niceMemoryUnits(1023)).toBe('');
    expect(niceMemoryUnits(1024)).toBe(' (1 kibibyte)');
    expect(niceMemoryUnits(1025)).toBe('');
    expect(niceMemoryUnits(2 * 1024)).toBe(' (2 kibibytes)');
    expect(niceMemoryUnits(1024 * 1024)).toBe(' (1 mebibyte)');
    expect(niceMemoryUnits(2 * 1024 ** 3)).toBe(' (2 gibibytes)');
    expect(niceMemoryUnits(1024 ** 4)).toBe(' (1 tebibyte)');
    expect(niceMemoryUnits(2 * 1024 ** 5)).toBe(' (2048 tebibytes)');
    expect(niceTimeUnits(0)).toBe('');
    expect(niceTimeUnits(999)).toBe('');
    expect(niceTimeUnits(1000)).toBe(' (1 second)');
    expect(niceTimeUnits(1001)).toBe('');
    expect(niceTimeUnits(2000)).toBe(' (2 seconds)');
    expect(niceTimeUnits(60_000)).toBe(' (1 minute)');
    expect(niceTimeUnits(7_200_000)).toBe(' (2 hours)');
    expect(niceTimeUnits(86_400_000)).toBe(' (1 day)');
    expect(niceTimeUnits(365 * 86_400_000)).toBe(' (365 days)');
  });
});

describe('convertToString', () => {
  it('prints values as Kafka does, passwords hidden', () => {
    // Act / Assess
    expect(convertToString(true, ConfigType.BOOLEAN)).toBe('true');
    expect(convertToString(null, ConfigType.BOOLEAN)).toBeNull();
    expect(convertToString(32767, ConfigType.SHORT)).toBe('32767');
    expect(convertToString(2147483647, ConfigType.INT)).toBe('2147483647');
    expect(convertToString(3.125, ConfigType.DOUBLE)).toBe('3.125');
    expect(convertToString(1, ConfigType.DOUBLE)).toBe('1.0');
    expect(convertToString('foobar', ConfigType.STRING)).toBe('foobar');
    expect(convertToString(new Password('foobar'), ConfigType.PASSWORD)).toBe(Password.HIDDEN);
    expect(convertToString('foobar', ConfigType.PASSWORD)).toBe('foobar');
    expect(convertToString(['a', 'bc', 'd'], ConfigType.LIST)).toBe('a,bc,d');
    expect(convertToString(NestedClass, ConfigType.CLASS)).toBe(
      'org.apache.kafka.common.config.ConfigDefTest$NestedClass',
    );
    expect(convertToString(null, ConfigType.CLASS)).toBeNull();
  });

  it('gives the secrets only through the password-values map', () => {
    // Act
    const map = convertToStringMapWithPasswordValues(
      new Map<string, unknown>([
        ['p', new Password('secret')],
        ['l', ['a', 'b']],
        ['c', NestedClass],
        ['n', null],
      ]),
    );

    // Assess
    expect(Object.fromEntries(map)).toEqual({ p: 'secret', l: 'a,b', c: NestedClass.className });
  });
});

describe('ListSize', () => {
  it('rejects a list longer than the limit with Kafka text', () => {
    // Act / Assess
    expect(() =>
      new ConfigDef().define('lst', ConfigType.LIST, ['a', 'b'], ListSize.atMostOfSize(1), Importance.HIGH, 'lst doc'),
    ).toThrow('Invalid value [a, b] for configuration lst: exceeds maximum list size of [1].');
  });

  it('accepts a list at or below the limit', () => {
    // Act / Assess
    expect(() =>
      new ConfigDef().define('lst', ConfigType.LIST, ['a', 'b', 'c'], ListSize.atMostOfSize(3), Importance.HIGH, 'd'),
    ).not.toThrow();
    expect(() =>
      new ConfigDef().define('lst', ConfigType.LIST, ['a', 'b'], ListSize.atMostOfSize(3), Importance.HIGH, 'd'),
    ).not.toThrow();
  });

  it('describes itself', () => {
    // Act / Assess
    expect(ListSize.atMostOfSize(5).toString()).toBe('List containing maximum of 5 elements');
  });
});
