import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/api';
import { EnvVarConfigProvider } from '../../../shared/config-providers';

const ENV = { test_var1: 'value1', secret_var2: 'value2', new_var3: 'value3', not_so_secret_var4: 'value4' };

// Cases follow Kafka's EnvVarConfigProviderTest.
describe('EnvVarConfigProvider', () => {
  let provider: EnvVarConfigProvider;

  beforeEach(() => {
    provider = new EnvVarConfigProvider(ENV);
    provider.configure({ '': '' });
  });

  it('is named by Kafka class name', () => {
    expect(EnvVarConfigProvider.className).toBe('org.apache.kafka.common.config.provider.EnvVarConfigProvider');
  });

  it('returns every variable when no keys are asked for', async () => {
    // Act
    const configData = await provider.get('');
    // Assess
    expect(configData).toEqual({ data: ENV, ttl: null });
  });

  it('returns one asked variable', async () => {
    // Act
    const configData = await provider.get('', new Set(['secret_var2']));
    // Assess
    expect(configData).toEqual({ data: { secret_var2: 'value2' }, ttl: null });
  });

  it('returns the asked variables that exist', async () => {
    // Act
    const configData = await provider.get('', new Set(['test_var1', 'secret_var2', 'absent']));
    // Assess
    expect(Object.keys(configData.data).sort()).toEqual(['secret_var2', 'test_var1']);
  });

  it('rejects a path with Kafka text', async () => {
    // Act
    const result = provider.get('test-path', new Set(['test_var1']));
    // Assess
    await expect(result).rejects.toThrow(ConfigError);
    await expect(result).rejects.toThrow("Path is not supported for EnvVarConfigProvider, invalid value 'test-path'");
  });

  it('serves only variables whose whole name matches allowlist.pattern', async () => {
    // Prepare
    provider.configure({ 'allowlist.pattern': 'secret_.*' });
    // Act
    const asked = await provider.get('', new Set(['secret_var2', 'not_so_secret_var4']));
    const all = await provider.get('');
    // Assess
    expect(asked.data).toEqual({ secret_var2: 'value2' });
    expect(all.data).toEqual({ secret_var2: 'value2' });
  });

  it('reads the process environment by default', async () => {
    // Prepare
    process.env.ENV_PROVIDER_TEST_VARIABLE = 'from-process';
    const fromProcess = new EnvVarConfigProvider();
    delete process.env.ENV_PROVIDER_TEST_VARIABLE;
    fromProcess.configure({});
    // Act
    const configData = await fromProcess.get('', new Set(['ENV_PROVIDER_TEST_VARIABLE']));
    // Assess
    expect(configData.data).toEqual({ ENV_PROVIDER_TEST_VARIABLE: 'from-process' });
  });

  it('rejects an allowlist pattern that is not a regular expression', () => {
    // Act
    const act = () => provider.configure({ 'allowlist.pattern': 'secret_(' });
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(/^Invalid value secret_\( for configuration allowlist.pattern/);
  });
});
