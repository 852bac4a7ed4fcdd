import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/api';
import { parseProperties } from '../../../shared/config-providers';

// Expected values were checked against java.util.Properties#load (JDK 17) with the same inputs.
describe('parseProperties', () => {
  it('splits keys from values on "=", ":" or whitespace', () => {
    // Act
    const props = parseProperties('a=b\nc:d\ne f\n');
    // Assess
    expect(Object.fromEntries(props)).toEqual({ a: 'b', c: 'd', e: 'f' });
  });

  it('skips blanks around the separator but keeps trailing blanks of the value', () => {
    // Act
    const props = parseProperties('  key   =   value with trailing   \n');
    // Assess
    expect(props.get('key')).toBe('value with trailing   ');
  });

  it('counts one "=" or ":" after blanks as the separator, and a second one as part of the value', () => {
    // Act
    const props = parseProperties('k    :    = v\nx  y  z\n');
    // Assess
    expect(Object.fromEntries(props)).toEqual({ k: '= v', x: 'y  z' });
  });

  it('ignores comment lines starting with "#" or "!", indented or not, and blank lines', () => {
    // Act
    const props = parseProperties('# comment\n! also comment\n  # indented comment\n \t\f\n\nk=v');
    // Assess
    expect(Object.fromEntries(props)).toEqual({ k: 'v' });
  });

  it('does not continue a comment line that ends with a backslash', () => {
    // Act
    const props = parseProperties('#comment \\\nk=v');
    // Assess
    expect(Object.fromEntries(props)).toEqual({ k: 'v' });
  });

  it('joins continuation lines, dropping the leading blanks of each continuation', () => {
    // Act
    const props = parseProperties('k = v\\\n    continued\\\n\tmore\n');
    // Assess
    expect(props.get('k')).toBe('vcontinuedmore');
  });

  it('continues a line only when it ends with an odd number of backslashes', () => {
    // Act
    const even = parseProperties('k=a\\\\\nnext=1');
    const odd = parseProperties('k=a\\\\\\\nb');
    // Assess
    expect(Object.fromEntries(even)).toEqual({ k: 'a\\', next: '1' });
    expect(Object.fromEntries(odd)).toEqual({ k: 'a\\b' });
  });

  it('drops a continuation backslash at the end of the file', () => {
    // Act
    const props = parseProperties('k=a\\');
    // Assess
    expect(props.get('k')).toBe('a');
  });

  it('ends a continued line at a blank line, and reads a "#" in a continuation as text', () => {
    // Act
    const blank = parseProperties('k=a\\\n\nnext=2');
    const hash = parseProperties('k=a\\\n#notcomment\n');
    // Assess
    expect(Object.fromEntries(blank)).toEqual({ k: 'a', next: '2' });
    expect(Object.fromEntries(hash)).toEqual({ k: 'a#notcomment' });
  });

  it('accepts \\n, \\r and \\r\\n line ends, also inside a continuation', () => {
    // Act
    const props = parseProperties('k=v\r\nk2=v2\rk3=line\\\r\n   next\r\nz=1');
    // Assess
    expect(Object.fromEntries(props)).toEqual({ k: 'v', k2: 'v2', k3: 'linenext', z: '1' });
  });

  it('reads escaped separators and blanks as part of the key', () => {
    // Act
    const props = parseProperties('my\\ key=my\\ value\nk\\=x=y\nk\\:x:y\n\\#notcomment=1\n');
    // Assess
    expect(Object.fromEntries(props)).toEqual({ 'my key': 'my value', 'k=x': 'y', 'k:x': 'y', '#notcomment': '1' });
  });

  it('resolves \\t \\n \\r \\f, drops the backslash before any other character, and keeps an escaped backslash', () => {
    // Act
    const props = parseProperties('tab=\\t\\n\\r\\f\\a\\b\\\\\n');
    // Assess
    expect(props.get('tab')).toBe('\t\n\r\fab\\');
  });

  it('resolves unicode escapes, surrogate pairs included', () => {
    // Act
    const props = parseProperties('u=\\u0041\\u00e9\\ud83d\\ude00\n');
    // Assess
    expect(props.get('u')).toBe('Aé😀');
  });

  it('keeps UTF-8 text as it is', () => {
    // Act
    const props = parseProperties('k=été 中文\n');
    // Assess
    expect(props.get('k')).toBe('été 中文');
  });

  it('rejects a malformed unicode escape without quoting the text', () => {
    // Act
    const act = () => parseProperties('bad=\\u00g1secret\n');
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow('Malformed \\uxxxx encoding.');
    expect(() => parseProperties('bad2=\\u12')).toThrow('Malformed \\uxxxx encoding.');
  });

  it('gives a key without a value the empty string, and lets a later duplicate win', () => {
    // Act
    const props = parseProperties('justkey\nk=\n=v\ndup=1\ndup=2\n');
    // Assess
    expect(Object.fromEntries(props)).toEqual({ justkey: '', k: '', '': 'v', dup: '2' });
  });

  it('treats a line that is still empty after a continuation as a new line, as Java does', () => {
    // Act
    const comment = parseProperties('\\\n#x=y\nk=v');
    const keyed = parseProperties('a\\\n\\\n#c\nb=1');
    // Assess
    expect(Object.fromEntries(comment)).toEqual({ k: 'v' });
    expect(Object.fromEntries(keyed)).toEqual({ 'a#c': '', b: '1' });
  });
});
