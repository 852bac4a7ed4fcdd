import { ConfigError } from '../api';
import { decodeUtf8 } from './utf8';

/**
 * Java charsets by name, for StringConverter's `converter.encoding`: text to bytes and back as
 * Java's String#getBytes and `new String(bytes, charset)` do, unmappable characters becoming '?'
 * and malformed bytes U+FFFD. Supported: UTF-8, UTF-16 (big-endian with a byte order mark when
 * writing; the mark decides when reading), UTF-16BE, UTF-16LE, ISO-8859-1 and US-ASCII, under
 * their Java names and common aliases, case-insensitively.
 */
export interface Charset {
  readonly name: string;
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const utf8Encoder = new TextEncoder();
const utf16leDecoder = new TextDecoder('utf-16le');
const utf16beDecoder = new TextDecoder('utf-16be');

/** Java encodes an unpaired surrogate as '?' (the JS encoders use U+FFFD). */
function wellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '?') : text;
}

export const UTF_8: Charset = {
  name: 'UTF-8',
  encode: (text) => utf8Encoder.encode(wellFormed(text)),
  decode: (bytes) => decodeUtf8(bytes),
};

function utf16Units(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const source = wellFormed(text);
  const offset = bom ? 2 : 0;
  const out = new Uint8Array(offset + source.length * 2);
  const view = new DataView(out.buffer);
  if (bom) view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < source.length; i++) view.setUint16(offset + i * 2, source.charCodeAt(i), littleEndian);
  return out;
}

const UTF_16BE: Charset = {
  name: 'UTF-16BE',
  encode: (text) => utf16Units(text, false, false),
  decode: (bytes) => utf16beDecoder.decode(bytes),
};

const UTF_16LE: Charset = {
  name: 'UTF-16LE',
  encode: (text) => utf16Units(text, true, false),
  decode: (bytes) => utf16leDecoder.decode(bytes),
};

const UTF_16: Charset = {
  name: 'UTF-16',
  encode: (text) => utf16Units(text, false, true),
  decode: (bytes) => {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16leDecoder.decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16beDecoder.decode(bytes.subarray(2));
    return utf16beDecoder.decode(bytes);
  },
};

function singleByte(name: string, max: number): Charset {
  return {
    name,
    encode: (text) => {
      const source = text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '?');
      const out = new Uint8Array(source.length);
      for (let i = 0; i < source.length; i++) {
        const c = source.charCodeAt(i);
        out[i] = c <= max ? c : 0x3f;
      }
      return out;
    },
    decode: (bytes) => {
      let out = '';
      for (const b of bytes) out += b <= max ? String.fromCharCode(b) : '\ufffd';
      return out;
    },
  };
}

const ISO_8859_1 = singleByte('ISO-8859-1', 0xff);
const US_ASCII = singleByte('US-ASCII', 0x7f);

const BY_NAME = new Map<string, Charset>();
for (const [charset, aliases] of [
  [UTF_8, ['utf-8', 'utf8', 'unicode-1-1-utf-8']],
  [UTF_16, ['utf-16', 'utf_16', 'utf16', 'unicode', 'unicodebig']],
  [UTF_16BE, ['utf-16be', 'utf_16be', 'iso-10646-ucs-2', 'x-utf-16be', 'unicodebigunmarked']],
  [UTF_16LE, ['utf-16le', 'utf_16le', 'x-utf-16le', 'unicodelittleunmarked']],
  [
    ISO_8859_1,
    ['iso-8859-1', 'iso8859_1', 'iso_8859_1', 'iso_8859-1', 'iso8859-1', '8859_1', 'latin1', 'l1', 'cp819', 'ibm819'],
  ],
  [US_ASCII, ['us-ascii', 'ascii', 'us', 'iso646-us', '646', 'ascii7', 'cp367', 'ibm367', 'default']],
] as const) {
  for (const alias of aliases) BY_NAME.set(alias, charset);
}

/** The charset of a Java charset name. @throws ConfigError "Unsupported encoding <name>" */
export function charsetForName(name: string): Charset {
  const charset = BY_NAME.get(name.toLowerCase());
  if (!charset) throw new ConfigError(`Unsupported encoding ${name}`);
  return charset;
}
