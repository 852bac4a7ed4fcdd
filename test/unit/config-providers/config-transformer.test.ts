import { describe, expect, it } from 'vitest';
import { type ConfigData, ConfigError, type ConfigProvider } from '../../../shared/api';
import { ConfigTransformer, configVariables, reloadAfterMs } from '../../../shared/config-providers';

const TEST_PATH = 'testPath';

/** Kafka's ConfigTransformerTest.TestConfigProvider, which also records what it was asked. */
class TestConfigProvider implements ConfigProvider {
  readonly calls: { path: string; keys: string[] }[] = [];
  closed = false;

  configure(): void {}

  async get(path: string, keys?: ReadonlySet<string>): Promise<ConfigData> {
    const wanted = keys ?? new Set<string>();
    this.calls.push({ path, keys: [...wanted].sort() });
    const data: Record<string, string> = {};
    let ttl: number | null = null;
    if (path === TEST_PATH) {
      if (wanted.has('testKey')) data.testKey = 'testResult';
      if (wanted.has('testKeyWithTTL')) {
        data.testKeyWithTTL = 'testResultWithTTL';
        ttl = 1;
      }
      if (wanted.has('testIndirection')) data.testIndirection = '${test:testPath:testResult}';
    } else if (path === 'ttlPath') {
      if (wanted.has('a')) data.a = 'A';
      ttl = 5000;
    } else if (wanted.has('testKey')) {
      data.testKey = 'testResultNoPath';
    }
    return { data, ttl };
  }

  close(): void {
    this.closed = true;
  }
}

class FailingProvider implements ConfigProvider {
  configure(): void {}
  async get(): Promise<ConfigData> {
    throw new ConfigError('Secret db was not found in AWS Secrets Manager');
  }
  close(): void {}
}

// Cases follow Kafka's ConfigTransformerTest, plus ttl merging, parallel lookups and errors.
describe('ConfigTransformer', () => {
  it('replaces a ${provider:path:key} placeholder and reports no ttl when the provider gives none', async () => {
    // Prepare
    const transformer = new ConfigTransformer({ test: new TestConfigProvider() });
    // Act
    const result = await transformer.transform({ myKey: '${test:testPath:testKey}' });
    // Assess
    expect(result).toEqual({ data: { myKey: 'testResult' }, ttls: {} });
  });

  it('reports the ttl of a value by its path', async () => {
    // Prepare
    const transformer = new ConfigTransformer({ test: new TestConfigProvider() });
    // Act
    const result = await transformer.transform({ myKey: '${test:testPath:testKeyWithTTL}' });
    // Assess
    expect(result).toEqual({ data: { myKey: 'testResultWithTTL' }, ttls: { testPath: 1 } });
  });

  it('replaces several placeholders inside one value, keeping the text around them', async () => {
    // Prepare
    const transformer = new ConfigTransformer({ test: new TestConfigProvider() });
    // Act
    const result = await transformer.transform({
      myKey: 'hello, ${test:testPath:testKey}; goodbye, ${test:testPath:testKeyWithTTL}!!!',
    });
    // Assess
    expect(result.data.myKey).toBe('hello, testResult; goodbye, testResultWithTTL!!!');
  });

  it('leaves a placeholder as it is when the provider does not have the key', async () => {
    // Prepare
    const transformer = new ConfigTransformer({ test: new TestConfigProvider() });
    // Act
    const result = await transformer.transform({ myKey: '${test:testPath:missingKey}' });
    // Assess
    expect(result.data.myKey).toBe('${test:testPath:missingKey}');
  });

  it('leaves a placeholder naming an unknown provider as it is, and does not call any provider for it', async () => {
    // Prepare
    const provider = new TestConfigProvider();
    const transformer = new ConfigTransformer({ test: provider });
    // Act
    const result = await transformer.transform({ myKey: 'x ${vault:secret/db:password} y ${test:testPath:testKey}' });
    // Assess
    expect(result.data.myKey).toBe('x ${vault:secret/db:password} y testResult');
    expect(provider.calls).toEqual([{ path: TEST_PATH, keys: ['testKey'] }]);
  });

  it('resolves a single level only: a value that looks like a placeholder is not resolved again', async () => {
    // Prepare
    const transformer = new ConfigTransformer({ test: new TestConfigProvider() });
    // Act
    const result = await transformer.transform({ myKey: '${test:testPath:testIndirection}' });
    // Assess
    expect(result.data.myKey).toBe('${test:testPath:testResult}');
  });

  it('replaces a placeholder with no path, asking the provider at the empty path', async () => {
    // Prepare
    const provider = new TestConfigProvider();
    const transformer = new ConfigTransformer({ test: provider });
    // Act
    const result = await transformer.transform({ myKey: 'first ${test:testKey}; second ${test:testKey}' });
    // Assess
    expect(result).toEqual({ data: { myKey: 'first testResultNoPath; second testResultNoPath' }, ttls: {} });
    expect(provider.calls).toEqual([{ path: '', keys: ['testKey'] }]);
  });

  it('keeps a null value null', async () => {
    // Prepare
    const transformer = new ConfigTransformer({ test: new TestConfigProvider() });
    // Act
    const result = await transformer.transform({ myKey: null, other: 'plain' });
    // Assess
    expect(result).toEqual({ data: { myKey: null, other: 'plain' }, ttls: {} });
  });

  it('asks each provider once per path for every key wanted there, across all config keys', async () => {
    // Prepare
    const provider = new TestConfigProvider();
    const transformer = new ConfigTransformer(new Map([['test', provider]]));
    // Act
    const result = await transformer.transform({
      a: '${test:testPath:testKey}',
      b: '${test:testPath:testKeyWithTTL}',
      c: '${test:ttlPath:a}',
    });
    // Assess
    expect(result.data).toEqual({ a: 'testResult', b: 'testResultWithTTL', c: 'A' });
    expect(provider.calls.sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: TEST_PATH, keys: ['testKey', 'testKeyWithTTL'] },
      { path: 'ttlPath', keys: ['a'] },
    ]);
    expect(result.ttls).toEqual({ testPath: 1, ttlPath: 5000 });
  });

  it('keeps the smallest ttl when two providers report one for the same path', async () => {
    // Prepare
    const short = { configure() {}, close() {}, get: async () => ({ data: { k: 'v1' }, ttl: 30 }) };
    const long = { configure() {}, close() {}, get: async () => ({ data: { k: 'v2' }, ttl: 9000 }) };
    const transformer = new ConfigTransformer({ short, long });
    // Act
    const result = await transformer.transform({ a: '${long:shared:k}', b: '${short:shared:k}' });
    // Assess
    expect(result).toEqual({ data: { a: 'v2', b: 'v1' }, ttls: { shared: 30 } });
  });

  it('leaves values without placeholders, and the input object, untouched', async () => {
    // Prepare
    const transformer = new ConfigTransformer({ test: new TestConfigProvider() });
    const configs = {
      'connector.class': 'FileStreamSink',
      password: '${test:testPath:testKey}',
      odd: '${notavariable}',
    };
    // Act
    const result = await transformer.transform(configs);
    // Assess
    expect(result.data).toEqual({
      'connector.class': 'FileStreamSink',
      password: 'testResult',
      odd: '${notavariable}',
    });
    expect(configs.password).toBe('${test:testPath:testKey}');
  });

  it('wraps a provider failure in a ConfigError naming the provider, path and keys', async () => {
    // Prepare
    const transformer = new ConfigTransformer({ secrets: new FailingProvider() });
    // Act
    const result = transformer.transform({ 'database.password': '${secrets:db:password}' });
    // Assess
    await expect(result).rejects.toThrow(ConfigError);
    await expect(result).rejects.toThrow(
      "Config provider 'secrets' could not resolve 'password' at path 'db': Secret db was not found in AWS Secrets Manager",
    );
  });

  it('closes every provider', async () => {
    // Prepare
    const provider = new TestConfigProvider();
    const transformer = new ConfigTransformer({ test: provider });
    // Act
    await transformer.close();
    // Assess
    expect(provider.closed).toBe(true);
  });
});

describe('configVariables', () => {
  it('splits placeholders with Kafka pattern: the path ends at the first colon after the provider', () => {
    // Act
    const variables = configVariables('${file:/etc/a.properties:pw} ${env:HOME} ${ssm::/prod/db} ${p:a:b:c}');
    // Assess
    expect(variables).toEqual([
      { provider: 'file', path: '/etc/a.properties', key: 'pw', text: '${file:/etc/a.properties:pw}' },
      { provider: 'env', path: '', key: 'HOME', text: '${env:HOME}' },
      { provider: 'ssm', path: '', key: '/prod/db', text: '${ssm::/prod/db}' },
      { provider: 'p', path: 'a', key: 'b:c', text: '${p:a:b:c}' },
    ]);
  });

  it('finds nothing in text without a provider separator', () => {
    // Act
    const variables = configVariables('${topic}-${timestamp} and plain text');
    // Assess
    expect(variables).toEqual([]);
  });
});

describe('reloadAfterMs', () => {
  it('restarts after the smallest ttl when the action is restart or unset, as WorkerConfigTransformer does', () => {
    // Act
    const unset = reloadAfterMs(null, { a: 5000, b: 30 });
    const restart = reloadAfterMs('RESTART', { a: 5000 });
    // Assess
    expect(unset).toBe(30);
    expect(restart).toBe(5000);
  });

  it('never restarts for none, or when no value has a ttl', () => {
    // Act
    const none = reloadAfterMs('none', { a: 30 });
    const noTtl = reloadAfterMs('restart', {});
    // Assess
    expect(none).toBeNull();
    expect(noTtl).toBeNull();
  });

  it('rejects an unknown action', () => {
    // Act
    const act = () => reloadAfterMs('sometimes', {});
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(
      'Invalid value sometimes for configuration config.action.reload: String must be one of: none, restart',
    );
  });
});
