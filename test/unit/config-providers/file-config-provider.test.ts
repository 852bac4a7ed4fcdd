import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ConnectError } from '../../../shared/api';
import { FileConfigProvider } from '../../../shared/config-providers';
import { tempDir } from './support';

const CONTENT = 'testKey=testResult\ntestKey2=testResult2';
const ALL = { testKey: 'testResult', testKey2: 'testResult2' };

// Cases follow Kafka's FileConfigProviderTest, with real files instead of a stubbed reader.
describe('FileConfigProvider', () => {
  let parent: string;
  let dir: string;
  let dirFile: string;
  let siblingDir: string;
  let siblingDirFile: string;
  let provider: FileConfigProvider;

  beforeEach(() => {
    parent = tempDir('file-provider');
    dir = join(parent, 'dir');
    siblingDir = join(parent, 'siblingDir');
    mkdirSync(dir);
    mkdirSync(siblingDir);
    dirFile = join(dir, 'dirFile');
    siblingDirFile = join(siblingDir, 'siblingDirFile');
    writeFileSync(dirFile, CONTENT);
    writeFileSync(siblingDirFile, CONTENT);
    provider = new FileConfigProvider();
    provider.configure({});
  });

  it('is named by Kafka class name', () => {
    expect(FileConfigProvider.className).toBe('org.apache.kafka.common.config.provider.FileConfigProvider');
  });

  it('returns every property of the file when no keys are asked for, with no ttl', async () => {
    // Act
    const configData = await provider.get(dirFile);
    // Assess
    expect(configData).toEqual({ data: ALL, ttl: null });
  });

  it('returns only the asked keys that the file has', async () => {
    // Act
    const configData = await provider.get(dirFile, new Set(['testKey', 'missingKey']));
    // Assess
    expect(configData).toEqual({ data: { testKey: 'testResult' }, ttl: null });
  });

  it('reads the properties format: comments, continuations, escapes, UTF-8', async () => {
    // Prepare
    const file = join(parent, 'db.properties');
    writeFileSync(file, '# database\npassword : pa\\\n    ss\\u00e9\r\nuser=été\n', 'utf8');
    // Act
    const configData = await provider.get(file);
    // Assess
    expect(configData.data).toEqual({ password: 'passé', user: 'été' });
  });

  it('returns a property named __proto__ as plain data, not as a prototype', async () => {
    // Prepare
    const file = join(parent, 'proto.properties');
    writeFileSync(file, '__proto__=value\n');
    // Act
    const configData = await provider.get(file, new Set(['__proto__']));
    // Assess
    expect(Object.hasOwn(configData.data, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(configData.data)).toBe(Object.prototype);
  });

  it('returns no data for an empty path, with or without keys', async () => {
    // Act
    const withKeys = await provider.get('', new Set(['testKey']));
    const withoutKeys = await provider.get('');
    // Assess
    expect(withKeys).toEqual({ data: {}, ttl: null });
    expect(withoutKeys).toEqual({ data: {}, ttl: null });
  });

  it('fails with a ConfigError naming the path when the file does not exist, as Kafka does', async () => {
    // Prepare
    const missing = join(parent, 'missing.properties');
    // Act
    const result = provider.get(missing, new Set(['testKey']));
    // Assess
    await expect(result).rejects.toThrow(ConfigError);
    await expect(result).rejects.toThrow(`Could not read properties from file ${missing}`);
  });

  it('fails on a malformed file without quoting its content', async () => {
    // Prepare
    const file = join(parent, 'bad.properties');
    writeFileSync(file, 'password=s3cr3t\\uZZZZ\n');
    // Act
    const error = await provider.get(file).then(
      () => new Error('expected a failure'),
      (err: Error) => err,
    );
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`Could not read properties from file ${file}`);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('s3cr3t');
    expect(String((error.cause as Error).message)).not.toContain('s3cr3t');
  });

  it('reads a file inside an allowed directory', async () => {
    // Prepare
    provider.configure({ 'allowed.paths': dir });
    // Act
    const configData = await provider.get(dirFile);
    // Assess
    expect(configData).toEqual({ data: ALL, ttl: null });
  });

  it('reads a file that is itself the allowed path', async () => {
    // Prepare
    provider.configure({ 'allowed.paths': dirFile });
    // Act
    const configData = await provider.get(dirFile);
    // Assess
    expect(configData).toEqual({ data: ALL, ttl: null });
  });

  it('reads files under any of several allowed paths', async () => {
    // Prepare
    provider.configure({ 'allowed.paths': `${dir},${siblingDir}` });
    // Act
    const first = await provider.get(dirFile);
    const second = await provider.get(siblingDirFile);
    // Assess
    expect(first.data).toEqual(ALL);
    expect(second.data).toEqual(ALL);
  });

  it('returns no data for a file outside the allowed directory', async () => {
    // Prepare
    provider.configure({ 'allowed.paths': dir });
    // Act
    const configData = await provider.get(siblingDirFile);
    // Assess
    expect(configData).toEqual({ data: {}, ttl: null });
  });

  it('returns no data for another file next to an allowed file', async () => {
    // Prepare
    provider.configure({ 'allowed.paths': dirFile });
    const dirFile2 = join(dir, 'dirFile2');
    writeFileSync(dirFile2, CONTENT);
    // Act
    const configData = await provider.get(dirFile2);
    // Assess
    expect(configData).toEqual({ data: {}, ttl: null });
  });

  it('does not let ".." climb out of the allowed path', async () => {
    // Prepare
    provider.configure({ 'allowed.paths': dirFile });
    // Act
    // (a string, not path.join, which would remove the "..")
    const configData = await provider.get(`${dirFile}/../../siblingDir/siblingDirFile`);
    // Assess
    expect(configData).toEqual({ data: {}, ttl: null });
  });

  it('refuses to read before it is configured, with Kafka text', async () => {
    // Prepare
    const unconfigured = new FileConfigProvider();
    // Act
    const result = unconfigured.get(dirFile);
    // Assess
    await expect(result).rejects.toThrow(ConnectError);
    await expect(result).rejects.toThrow('The provider has not been configured yet.');
  });

  it('rejects allowed paths that are relative or do not exist, with Kafka texts', () => {
    // Act
    const relative = () => provider.configure({ 'allowed.paths': 'foo bar' });
    const missing = () => provider.configure({ 'allowed.paths': join(parent, 'nope') });
    // Assess
    expect(relative).toThrow('Path foo bar is not absolute');
    expect(missing).toThrow(`Path ${join(parent, 'nope')} does not exist`);
  });
});
