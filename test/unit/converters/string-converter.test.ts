import { describe, expect, it } from 'vitest';
import { ConfigError, SchemaBuilder, Schemas, Struct } from '../../../shared/api';
import { StringConverter } from '../../../shared/converters';

// Cases from Apache Kafka's StringConverterTest (connect/api).

const TOPIC = 'topic';
const SAMPLE_STRING = 'a string';
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
/** Java's String#getBytes(UTF_16): big-endian with a byte order mark. */
const utf16 = (text: string) => new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);

describe('StringConverter', () => {
  it('writes a string as its UTF-8 bytes', () => {
    // Act
    const bytes = new StringConverter().fromConnectData(TOPIC, Schemas.STRING, SAMPLE_STRING);
    // Assess
    expect(bytes).toEqual(utf8(SAMPLE_STRING));
  });

  it('writes other values as their Java text, with or without a schema', () => {
    // Prepare
    const converter = new StringConverter();
    const schema = SchemaBuilder.struct().field('a', Schemas.INT32).field('b', Schemas.FLOAT64).build();
    // Act + Assess
    expect(converter.fromConnectData(TOPIC, Schemas.BOOLEAN, true)).toEqual(utf8('true'));
    expect(converter.fromConnectData(TOPIC, null, true)).toEqual(utf8('true'));
    expect(converter.fromConnectData(TOPIC, Schemas.FLOAT64, 1)).toEqual(utf8('1.0'));
    expect(converter.fromConnectData(TOPIC, schema, new Struct(schema).put('a', 1).put('b', 2))).toEqual(
      utf8('Struct{a=1,b=2.0}'),
    );
  });

  it('writes null as null', () => {
    // Act + Assess
    expect(new StringConverter().fromConnectData(TOPIC, Schemas.OPTIONAL_STRING, null)).toBeNull();
  });

  it('writes and reads UTF-16 when converter.encoding says so', () => {
    // Prepare
    const converter = new StringConverter();
    converter.configure({ 'converter.encoding': 'UTF-16' }, true);
    // Act
    const bytes = converter.fromConnectData(TOPIC, Schemas.STRING, SAMPLE_STRING);
    const back = converter.toConnectData(TOPIC, utf16(SAMPLE_STRING));
    // Assess
    expect(bytes).toEqual(utf16(SAMPLE_STRING));
    expect(back.schema).toBe(Schemas.OPTIONAL_STRING);
    expect(back.value).toBe(SAMPLE_STRING);
  });

  it.each([
    ['ISO-8859-1', 'é', [0xe9]],
    ['US-ASCII', 'é', [0x3f]],
    ['UTF-16LE', 'a', [0x61, 0x00]],
    ['utf8', 'é', [0xc3, 0xa9]],
  ])('encodes with the Java charset %s', (encoding, text, bytes) => {
    // Prepare
    const converter = new StringConverter();
    converter.configure({ 'converter.encoding': encoding }, false);
    // Act + Assess
    expect(converter.fromConnectData(TOPIC, null, text)).toEqual(Uint8Array.from(bytes));
  });

  it('writes an unpaired surrogate as "?", as Java does', () => {
    // Act + Assess
    expect(new StringConverter().fromConnectData(TOPIC, null, 'a\ud800b')).toEqual(utf8('a?b'));
  });

  it('refuses an unknown encoding', () => {
    // Act + Assess
    expect(() => new StringConverter().configure({ 'converter.encoding': 'EBCDIC-42' }, false)).toThrow(
      new ConfigError('Unsupported encoding EBCDIC-42'),
    );
  });

  it('reads bytes as an OPTIONAL_STRING', () => {
    // Act
    const data = new StringConverter().toConnectData(TOPIC, utf8(SAMPLE_STRING));
    // Assess
    expect(data.schema).toBe(Schemas.OPTIONAL_STRING);
    expect(data.value).toBe(SAMPLE_STRING);
  });

  it('reads null bytes as a null OPTIONAL_STRING', () => {
    // Act
    const data = new StringConverter().toConnectData(TOPIC, null);
    // Assess
    expect(data.schema).toBe(Schemas.OPTIONAL_STRING);
    expect(data.value).toBeNull();
  });

  it('converts header values through the data path', () => {
    // Prepare
    const converter = new StringConverter();
    // Act + Assess
    expect(converter.fromConnectHeader(TOPIC, 'hdr', Schemas.STRING, SAMPLE_STRING)).toEqual(utf8(SAMPLE_STRING));
    expect(converter.fromConnectHeader(TOPIC, 'hdr', Schemas.BOOLEAN, true)).toEqual(utf8('true'));
    expect(converter.fromConnectHeader(TOPIC, 'hdr', Schemas.OPTIONAL_STRING, null)).toBeNull();
    expect(converter.toConnectHeader(TOPIC, 'hdr', utf8('x')).value).toBe('x');
  });

  it('declares converter.type and converter.encoding', () => {
    // Act
    const keys = new StringConverter().config().configKeys();
    // Assess
    expect([...keys.keys()]).toEqual(['converter.type', 'converter.encoding']);
    expect(keys.get('converter.encoding')?.defaultValue).toBe('UTF-8');
  });
});
