import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConnectError } from '../../../shared/api';
import { DirectoryConfigProvider } from '../../../shared/config-providers';
import { tempDir } from './support';

/** Writes a file whose content is its own name upper-cased, as Kafka's DirectoryConfigProviderTest does. */
function writeFile(dir: string, name: string): void {
  writeFileSync(join(dir, name), name.toUpperCase(), 'utf8');
}

// Cases follow Kafka's DirectoryConfigProviderTest.
describe('DirectoryConfigProvider', () => {
  let parent: string;
  let dir: string;
  let subdir: string;
  let siblingDir: string;
  let provider: DirectoryConfigProvider;

  beforeEach(() => {
    parent = tempDir('directory-provider');
    dir = join(parent, 'dir');
    subdir = join(dir, 'subdir');
    siblingDir = join(parent, 'siblingDir');
    mkdirSync(dir);
    mkdirSync(subdir);
    mkdirSync(siblingDir);
    writeFile(dir, 'foo');
    writeFile(dir, 'bar');
    writeFile(subdir, 'subdirFile');
    writeFile(siblingDir, 'siblingDirFile');
    writeFile(parent, 'siblingFile');
    provider = new DirectoryConfigProvider();
    provider.configure({});
  });

  it('is named by Kafka class name', () => {
    expect(DirectoryConfigProvider.className).toBe('org.apache.kafka.common.config.provider.DirectoryConfigProvider');
  });

  it('returns every regular file of the directory as a key, its content as the value', async () => {
    // Act
    const configData = await provider.get(dir);
    // Assess
    expect(configData).toEqual({ data: { foo: 'FOO', bar: 'BAR' }, ttl: null });
  });

  it('returns only the asked keys that exist', async () => {
    // Act
    const configData = await provider.get(dir, new Set(['foo', 'baz']));
    // Assess
    expect(configData).toEqual({ data: { foo: 'FOO' }, ttl: null });
  });

  it('keeps file content as it is, trailing newline and UTF-8 included', async () => {
    // Prepare
    writeFileSync(join(dir, 'password'), 'pässwörd\n', 'utf8');
    // Act
    const configData = await provider.get(dir, new Set(['password']));
    // Assess
    expect(configData.data).toEqual({ password: 'pässwörd\n' });
  });

  it('ignores subdirectories and files inside them', async () => {
    // Act
    const configData = await provider.get(dir, new Set([subdir, join(subdir, 'subdirFile'), 'subdir']));
    // Assess
    expect(configData).toEqual({ data: {}, ttl: null });
  });

  it('does not let a key climb out of the directory', async () => {
    // Act
    const configData = await provider.get(
      dir,
      new Set(['../siblingFile', '../siblingDir', '../siblingDir/siblingDirFile']),
    );
    // Assess
    expect(configData).toEqual({ data: {}, ttl: null });
  });

  it('follows symbolic links to files, as Kubernetes secret volumes need', async () => {
    // Prepare
    const mounted = join(parent, 'mounted');
    mkdirSync(join(mounted, '..data'), { recursive: true });
    writeFileSync(join(mounted, '..data', 'token'), 'abc');
    symlinkSync(join(mounted, '..data', 'token'), join(mounted, 'token'));
    // Act
    const configData = await provider.get(mounted);
    // Assess
    expect(configData.data).toEqual({ token: 'abc' });
  });

  it('returns no data for an empty path, a missing directory or a file', async () => {
    // Act
    const empty = await provider.get('', new Set(['foo']));
    const missing = await provider.get(join(parent, 'nope'));
    const file = await provider.get(join(dir, 'foo'));
    // Assess
    expect(empty).toEqual({ data: {}, ttl: null });
    expect(missing).toEqual({ data: {}, ttl: null });
    expect(file).toEqual({ data: {}, ttl: null });
  });

  it('reads a directory under the allowed path', async () => {
    // Prepare
    provider.configure({ 'allowed.paths': parent });
    // Act
    const configData = await provider.get(dir);
    // Assess
    expect(configData.data).toEqual({ foo: 'FOO', bar: 'BAR' });
  });

  it('reads directories under any of several allowed paths', async () => {
    // Prepare
    provider.configure({ 'allowed.paths': `${dir},${siblingDir}` });
    // Act
    const sub = await provider.get(subdir);
    const sibling = await provider.get(siblingDir);
    // Assess
    expect(sub.data).toEqual({ subdirFile: 'SUBDIRFILE' });
    expect(sibling.data).toEqual({ siblingDirFile: 'SIBLINGDIRFILE' });
  });

  it('returns no data for a directory outside the allowed path, also reached through ".."', async () => {
    // Prepare
    provider.configure({ 'allowed.paths': dir });
    // Act
    const outside = await provider.get(siblingDir);
    const traversal = await provider.get(`${dir}/../siblingDir`);
    // Assess
    expect(outside).toEqual({ data: {}, ttl: null });
    expect(traversal).toEqual({ data: {}, ttl: null });
  });

  it('does not treat a path that only shares a prefix with the allowed path as inside it', async () => {
    // Prepare
    const lookalike = join(parent, 'dir-lookalike');
    mkdirSync(lookalike);
    writeFile(lookalike, 'x');
    provider.configure({ 'allowed.paths': dir });
    // Act
    const configData = await provider.get(lookalike);
    // Assess
    expect(configData).toEqual({ data: {}, ttl: null });
  });

  it('refuses to read before it is configured, with Kafka text', async () => {
    // Prepare
    const unconfigured = new DirectoryConfigProvider();
    // Act
    const result = unconfigured.get(dir);
    // Assess
    await expect(result).rejects.toThrow(ConnectError);
    await expect(result).rejects.toThrow('The provider has not been configured yet.');
  });
});
