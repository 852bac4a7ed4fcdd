import { describe, expect, it } from 'vitest';
import { AbstractConfig, ConfigDef, ConfigType, Importance, NO_DEFAULT_VALUE, Password } from '../../../../shared/api';

// Written from the inputs and outputs of Kafka's AbstractConfigTest
// (clients/src/test/java/org/apache/kafka/common/config/AbstractConfigTest.java).

function securityDef(): ConfigDef {
  return new ConfigDef()
    .define('sasl.mechanism', ConfigType.STRING, 'GSSAPI', Importance.LOW, 'docs')
    .define('sasl.kerberos.kinit.cmd', ConfigType.STRING, '/usr/bin/kinit', Importance.LOW, 'docs')
    .define('sasl.kerberos.service.name', ConfigType.STRING, null, Importance.LOW, 'docs')
    .define('sasl.kerberos.min.time.before.relogin', ConfigType.LONG, 60000, Importance.LOW, 'docs')
    .define('ssl.truststore.location', ConfigType.STRING, null, Importance.LOW, 'docs')
    .define('ssl.keymanager.algorithm', ConfigType.STRING, 'SunX509', Importance.LOW, 'docs')
    .define('ssl.key.password', ConfigType.PASSWORD, null, Importance.LOW, 'docs')
    .define('sasl.jaas.config', ConfigType.PASSWORD, null, Importance.LOW, 'docs');
}

describe('AbstractConfig', () => {
  it('reads an empty list from a missing or empty value', () => {
    // Prepare
    const def = new ConfigDef().define('a', ConfigType.LIST, '', Importance.HIGH, 'doc');

    // Act / Assess
    expect(new AbstractConfig(def, {}).getList('a')).toEqual([]);
    expect(new AbstractConfig(def, { a: '' }).getList('a')).toEqual([]);
    expect(new AbstractConfig(def, { a: 'b,c,d' }).getList('a')).toEqual(['b', 'c', 'd']);
  });

  it('returns the originals under a prefix with the prefix stripped', () => {
    // Prepare
    const def = new ConfigDef().define('metric.reporters', ConfigType.LIST, '', Importance.LOW, 'docs');
    const config = new AbstractConfig(def, { 'foo.bar': 'abc', setting: 'def', 'foo.': 'x' });

    // Act / Assess
    expect(config.originalsWithPrefix('foo.')).toEqual({ bar: 'abc' });
    expect(config.originalsWithPrefix('foo.', false)).toEqual({ 'foo.bar': 'abc' });
  });

  it('lets prefixed values override global values and defaults', () => {
    // Prepare
    const config = new AbstractConfig(securityDef(), {
      'sasl.mechanism': 'PLAIN',
      'prefix.sasl.mechanism': 'GSSAPI',
      'prefix.sasl.kerberos.kinit.cmd': '/usr/bin/kinit2',
      'prefix.ssl.truststore.location': 'my location',
      'sasl.kerberos.service.name': 'service name',
      'ssl.keymanager.algorithm': 'algorithm',
    });

    // Act
    const values = config.valuesWithPrefixOverride('prefix.');

    // Assess
    expect(values.get('sasl.mechanism')).toBe('GSSAPI');
    expect(values.get('sasl.kerberos.kinit.cmd')).toBe('/usr/bin/kinit2');
    expect(values.get('ssl.truststore.location')).toBe('my location');
    expect(values.get('ssl.keymanager.algorithm')).toBe('algorithm');
    expect(values.get('sasl.kerberos.service.name')).toBe('service name');
    expect(values.get('sasl.kerberos.min.time.before.relogin')).toBe(60000);
    expect(values.get('ssl.key.password')).toBeNull();
  });

  it('parses a prefixed value with a secondary prefix by the key after it', () => {
    // Prepare
    const config = new AbstractConfig(securityDef(), {
      'listener.name.listener1.test-mechanism.sasl.jaas.config': 'test.myLoginModule1 required;',
      'sasl.jaas.config': 'test.myLoginModule3 required;',
      'listener.name.listener1.gssapi.sasl.kerberos.min.time.before.relogin': '60000',
    });

    // Act
    const values = config.valuesWithPrefixOverride('listener.name.listener1.');

    // Assess
    expect(values.get('test-mechanism.sasl.jaas.config')).toEqual(new Password('test.myLoginModule1 required;'));
    expect(values.get('sasl.jaas.config')).toEqual(new Password('test.myLoginModule3 required;'));
    expect(values.get('gssapi.sasl.kerberos.min.time.before.relogin')).toBe(60000);
  });

  it('takes either all prefixed values or none', () => {
    // Prepare
    const config = new AbstractConfig(securityDef(), {
      'sasl.mechanism': 'PLAIN',
      'prefix1.sasl.mechanism': 'GSSAPI',
      'prefix1.sasl.kerberos.kinit.cmd': '/usr/bin/kinit2',
      'prefix1.ssl.truststore.location': 'my location',
      'sasl.kerberos.service.name': 'service name',
      'ssl.keymanager.algorithm': 'algorithm',
    });

    // Act
    const withPrefix = config.valuesWithPrefixAllOrNothing('prefix1.');
    const withoutPrefix = config.valuesWithPrefixAllOrNothing('prefix2.');

    // Assess
    expect(Object.fromEntries(withPrefix)).toEqual({
      'sasl.mechanism': 'GSSAPI',
      'sasl.kerberos.kinit.cmd': '/usr/bin/kinit2',
      'ssl.truststore.location': 'my location',
    });
    expect(withoutPrefix.get('sasl.kerberos.service.name')).toBe('service name');
    expect(withoutPrefix.get('ssl.keymanager.algorithm')).toBe('algorithm');
  });

  it('gives the documentation of a declared key and null otherwise', () => {
    // Prepare
    const def = new ConfigDef().define(
      'indirect.variables',
      ConfigType.LIST,
      '',
      Importance.LOW,
      'Variables whose values can be obtained from ConfigProviders',
    );
    const config = new AbstractConfig(def, {});

    // Act / Assess
    expect(config.documentationOf('indirect.variables')).toBe(
      'Variables whose values can be obtained from ConfigProviders',
    );
    expect(config.documentationOf('xyz')).toBeNull();
    expect(config.typeOf('indirect.variables')).toBe(ConfigType.LIST);
  });

  it('loads CLASS values through the class loader and reads them by name', () => {
    // Prepare
    class Reporter {
      static readonly className = 'org.example.Reporter';
    }
    const def = new ConfigDef().define('class.prop', ConfigType.CLASS, NO_DEFAULT_VALUE, Importance.HIGH, 'docs');
    const loader = { loadClass: (name: string) => (name === 'Reporter' ? (Reporter as never) : null) };

    // Act
    const config = new AbstractConfig(def, { 'class.prop': 'Reporter' }, loader);

    // Assess
    expect(config.getClass('class.prop')).toBe('org.example.Reporter');
    expect(config.getPluginClass('class.prop')).toBe(Reporter);
    expect(() => new AbstractConfig(def, { 'class.prop': 'Missing' }, loader)).toThrow(
      'Invalid value Missing for configuration class.prop: Class Missing could not be found.',
    );
  });

  it('rejects an unknown key on get', () => {
    // Prepare
    const config = new AbstractConfig(new ConfigDef(), { a: '1' });

    // Act / Assess
    expect(() => config.get('a')).toThrow("Unknown configuration 'a'");
  });
});
