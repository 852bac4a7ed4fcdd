import { describe, expect, it } from 'vitest';
import {
  ConfigDef,
  ConfigType,
  ConfigValue,
  Importance,
  NO_DEFAULT_VALUE,
  Password,
  Width,
} from '../../../../shared/api';
import {
  convertConfigKey,
  convertConfigValue,
  generateResult,
  mergeConfigInfos,
  prefixedConfigInfos,
} from '../../../../shared/runtime';

// The entity conversions of Kafka's AbstractHerder (convertConfigKey, convertConfigValue,
// generateResult, prefixedConfigInfos, mergeConfigInfos), as AbstractHerderTest checks them.

const def = new ConfigDef()
  .define({
    name: 'secret',
    type: ConfigType.PASSWORD,
    defaultValue: 'default-secret',
    importance: Importance.HIGH,
    documentation: 'A secret',
    group: 'G',
    orderInGroup: 2,
    width: Width.SHORT,
    displayName: 'Secret',
    dependents: ['list'],
  })
  .define('list', ConfigType.LIST, NO_DEFAULT_VALUE, Importance.LOW, 'A list');

describe('convertConfigKey', () => {
  it('writes Kafka field names, "order" included, with a hidden password default', () => {
    // Act
    const info = convertConfigKey(def.configKeys().get('secret') as never, 'p.');

    // Assess
    expect(JSON.stringify(info)).toBe(
      '{"name":"p.secret","type":"PASSWORD","required":false,"default_value":"[hidden]","importance":"HIGH",' +
        '"documentation":"A secret","group":"G","width":"SHORT","display_name":"Secret","dependents":["list"],"order":2}',
    );
  });
});

describe('convertConfigValue', () => {
  it('hides passwords and prints list recommendations element by element', () => {
    // Prepare
    const secret = new ConfigValue('secret', new Password('s3cr3t'));
    const list = new ConfigValue('list', ['a', 'b'], [['x', 'y'], 'z'], ['bad']);

    // Act / Assess
    expect(convertConfigValue(secret, ConfigType.PASSWORD).value).toBe('[hidden]');
    expect(convertConfigValue(list, ConfigType.LIST)).toEqual({
      name: 'list',
      value: 'a,b',
      recommended_values: ['[x, y]', 'z'],
      errors: ['bad'],
      visible: true,
    });
  });
});

describe('generateResult', () => {
  it('lists undeclared values first and counts every message', () => {
    // Prepare
    const values = [new ConfigValue('list', null, [], ['e1', 'e2']), new ConfigValue('stray', 'v', [], ['e3'])];

    // Act
    const infos = generateResult('Conn', def.configKeys(), values, ['G']);

    // Assess
    expect(infos.error_count).toBe(3);
    expect(infos.configs.map((c) => [c.definition?.name ?? null, c.value?.name ?? null])).toEqual([
      [null, 'stray'],
      ['secret', null],
      ['list', 'list'],
    ]);
  });
});

describe('prefixedConfigInfos and mergeConfigInfos', () => {
  it('prefix names, count each value with errors once, reset visibility and merge in order', () => {
    // Prepare
    const hidden = new ConfigValue('list', null, [], ['e1', 'e2']);
    hidden.visible = false;

    // Act
    const prefixed = prefixedConfigInfos(def.configKeys(), [hidden, new ConfigValue('other', 'x')], 'key.converter.');
    const merged = mergeConfigInfos('Conn', generateResult('Conn', def.configKeys(), [], ['G']), null, prefixed);

    // Assess
    expect(prefixed.error_count).toBe(1);
    expect(prefixed.configs[0]?.definition?.name).toBe('key.converter.list');
    expect(prefixed.configs[0]?.value).toEqual({
      name: 'key.converter.list',
      value: null,
      recommended_values: [],
      errors: ['e1', 'e2'],
      visible: true,
    });
    expect(prefixed.configs[1]?.definition).toBeNull();
    expect(merged).toEqual(expect.objectContaining({ name: 'Conn', error_count: 1, groups: ['G'] }));
    expect(merged.configs).toHaveLength(4);
  });
});
