import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { type ConfigData, ConfigError, type ConfigProvider } from '../../../shared/api';
import {
  CONFIG_PROVIDER_CLASSES,
  ConfigTransformer,
  configProvidersFromWorkerConfig,
  DirectoryConfigProvider,
  EnvVarConfigProvider,
  FileConfigProvider,
  SecretsManagerConfigProvider,
  SsmConfigProvider,
} from '../../../shared/config-providers';
import { tempDir } from './support';

class RecordingProvider implements ConfigProvider {
  static readonly className = 'com.example.RecordingConfigProvider';
  static instances: RecordingProvider[] = [];
  configs: Readonly<Record<string, unknown>> | null = null;
  closed = false;

  constructor() {
    RecordingProvider.instances.push(this);
  }

  configure(configs: Readonly<Record<string, unknown>>): void {
    if (configs.fail) throw new ConfigError('configure failed');
    this.configs = configs;
  }

  async get(): Promise<ConfigData> {
    return { data: {}, ttl: null };
  }

  close(): void {
    this.closed = true;
  }
}

describe('configProvidersFromWorkerConfig', () => {
  it('builds the listed providers from their class names and strips the param prefix', async () => {
    // Prepare
    const dir = tempDir('worker-providers');
    const workerConfig = {
      'config.providers': 'file, env',
      'config.providers.file.class': 'org.apache.kafka.common.config.provider.FileConfigProvider',
      'config.providers.file.param.allowed.paths': dir,
      'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      'config.providers.env.param.allowlist.pattern': 'CONNECT_.*',
      'config.providers.unlisted.class': 'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
    };
    // Act
    const providers = await configProvidersFromWorkerConfig(workerConfig);
    // Assess
    expect([...providers.keys()]).toEqual(['file', 'env']);
    expect(providers.get('file')).toBeInstanceOf(FileConfigProvider);
    expect(providers.get('env')).toBeInstanceOf(EnvVarConfigProvider);
    await expect(providers.get('file')?.get('/etc/hostname')).resolves.toEqual({ data: {}, ttl: null });
  });

  it('resolves placeholders end to end through a ConfigTransformer', async () => {
    // Prepare
    const dir = tempDir('worker-providers');
    const file = join(dir, 'db.properties');
    writeFileSync(file, 'password=s3cr3t\n');
    const providers = await configProvidersFromWorkerConfig({
      'config.providers': 'file',
      'config.providers.file.class': 'FileConfigProvider',
      'config.providers.file.param.allowed.paths': dir,
    });
    const transformer = new ConfigTransformer(providers);
    // Act
    const result = await transformer.transform({ 'connection.password': `\${file:${file}:password}` });
    // Assess
    expect(result.data).toEqual({ 'connection.password': 's3cr3t' });
  });

  it('accepts a simple class name or the name without "ConfigProvider", like Kafka plugin aliases', async () => {
    // Prepare
    const workerConfig = {
      'config.providers': 'a,b,c,d',
      'config.providers.a.class': 'DirectoryConfigProvider',
      'config.providers.b.class': 'Directory',
      'config.providers.c.class': 'SecretsManager',
      'config.providers.c.param.region': 'eu-west-1',
      'config.providers.d.class': 'SsmConfigProvider',
      'config.providers.d.param.region': 'eu-west-1',
    };
    // Act
    const providers = await configProvidersFromWorkerConfig(workerConfig);
    // Assess
    expect(providers.get('a')).toBeInstanceOf(DirectoryConfigProvider);
    expect(providers.get('b')).toBeInstanceOf(DirectoryConfigProvider);
    expect(providers.get('c')).toBeInstanceOf(SecretsManagerConfigProvider);
    expect(providers.get('d')).toBeInstanceOf(SsmConfigProvider);
    for (const provider of providers.values()) await provider.close();
  });

  it('returns no providers when none are listed', async () => {
    // Act
    const providers = await configProvidersFromWorkerConfig({ 'config.providers.file.class': 'FileConfigProvider' });
    // Assess
    expect(providers.size).toBe(0);
  });

  it('rejects an unknown class with Kafka text listing the available ones', async () => {
    // Prepare
    const workerConfig = {
      'config.providers': 'vault',
      'config.providers.vault.class': 'com.example.VaultConfigProvider',
    };
    // Act
    const result = configProvidersFromWorkerConfig(workerConfig);
    // Assess
    await expect(result).rejects.toThrow(ConfigError);
    await expect(result).rejects.toThrow(
      'Failed to find any class that implements ConfigProvider and which name matches com.example.VaultConfigProvider, ' +
        `available ConfigProviders are: ${CONFIG_PROVIDER_CLASSES.map((c) => c.className).join(', ')}`,
    );
  });

  it('rejects a listed provider that has no class', async () => {
    // Act
    const result = configProvidersFromWorkerConfig({ 'config.providers': 'file' });
    // Assess
    await expect(result).rejects.toThrow(
      'Missing required configuration "config.providers.file.class" which has no default value.',
    );
  });

  it('uses extra classes and a factory, e.g. to pass an AWS client in', async () => {
    // Prepare
    const client = new SecretsManagerClient({ region: 'eu-west-1' });
    RecordingProvider.instances = [];
    const workerConfig = {
      'config.providers': 'rec,secrets',
      'config.providers.rec.class': 'Recording',
      'config.providers.rec.param.x': '1',
      'config.providers.secrets.class': SecretsManagerConfigProvider.className,
    };
    // Act
    const providers = await configProvidersFromWorkerConfig(workerConfig, {
      classes: [...CONFIG_PROVIDER_CLASSES, RecordingProvider],
      create: (cls) =>
        cls === SecretsManagerConfigProvider ? new SecretsManagerConfigProvider({ client }) : new cls(),
    });
    // Assess
    expect(RecordingProvider.instances[0]?.configs).toEqual({ x: '1' });
    expect(providers.get('secrets')).toBeInstanceOf(SecretsManagerConfigProvider);
    client.destroy();
  });

  it('closes the providers already built when a later one fails to configure', async () => {
    // Prepare
    RecordingProvider.instances = [];
    const workerConfig = {
      'config.providers': 'first,second',
      'config.providers.first.class': 'Recording',
      'config.providers.second.class': 'Recording',
      'config.providers.second.param.fail': 'true',
    };
    // Act
    const result = configProvidersFromWorkerConfig(workerConfig, { classes: [RecordingProvider] });
    // Assess
    await expect(result).rejects.toThrow('configure failed');
    expect(RecordingProvider.instances.map((p) => p.closed)).toEqual([true, true]);
  });
});
