import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/api';
import { AllowedPaths } from '../../../shared/config-providers';
import { tempDir } from './support';

// Cases follow Kafka's AllowedPathsTest.
describe('AllowedPaths', () => {
  let dir: string;
  let myFile: string;
  let dir2: string;

  beforeEach(() => {
    const parent = tempDir('allowed-paths');
    dir = join(parent, 'dir');
    dir2 = join(parent, 'dir2');
    mkdirSync(dir);
    mkdirSync(dir2);
    myFile = join(dir, 'myFile');
    writeFileSync(myFile, '');
  });

  it('allows a file under one of the allowed directories', () => {
    // Prepare
    const allowed = new AllowedPaths(`${dir},${dir2}`);
    // Act
    const actual = allowed.parseUntrustedPath(myFile);
    // Assess
    expect(actual).toBe(myFile);
  });

  it('refuses a path outside the allowed directories', () => {
    // Prepare
    const allowed = new AllowedPaths(dir);
    // Act
    const actual = allowed.parseUntrustedPath(dir2);
    // Assess
    expect(actual).toBeNull();
  });

  it('allows everything, unchanged, when no paths are configured', () => {
    // Prepare
    const unset = new AllowedPaths(null);
    const empty = new AllowedPaths('');
    const traversed = `${dir}/../dir2`;
    // Act
    const fromUnset = unset.parseUntrustedPath(myFile);
    const fromEmpty = empty.parseUntrustedPath(traversed);
    // Assess
    expect(fromUnset).toBe(myFile);
    expect(fromEmpty).toBe(traversed);
  });

  it('refuses a ".." path that leaves the allowed directory', () => {
    // Prepare
    const allowed = new AllowedPaths(dir);
    // Act
    const actual = allowed.parseUntrustedPath(`${dir}/../dir2`);
    // Assess
    expect(actual).toBeNull();
  });

  it('allows a ".." path that lands in another allowed directory, normalised', () => {
    // Prepare
    const allowed = new AllowedPaths(`${dir},${dir2}`);
    // Act
    const actual = allowed.parseUntrustedPath(`${dir}/../dir2`);
    // Assess
    expect(actual).toBe(dir2);
  });

  it('trims entries and ignores a trailing separator on an allowed path', () => {
    // Prepare
    const allowed = new AllowedPaths(`${dir}/ , ${dir2}`);
    // Act
    const actual = allowed.parseUntrustedPath(join(dir2, 'x'));
    // Assess
    expect(actual).toBe(join(dir2, 'x'));
  });

  it('rejects allowed paths that do not exist or are not absolute, with Kafka texts', () => {
    // Act
    const missing = () => new AllowedPaths('/foo/does/not/exist');
    const relative = () => new AllowedPaths('foo bar');
    // Assess
    expect(missing).toThrow(ConfigError);
    expect(missing).toThrow('Path /foo/does/not/exist does not exist');
    expect(relative).toThrow('Path foo bar is not absolute');
  });
});
