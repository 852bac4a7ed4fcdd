import { describe, expect, it } from 'vitest';
import { DataError, Schemas } from '../../../shared/api';
import { ByteArrayConverter } from '../../../shared/converters';

// Cases from Apache Kafka's ByteArrayConverterTest (connect/runtime).

const TOPIC = 'topic';
const SAMPLE_BYTES = new Uint8Array(Buffer.from('sample string'));

function converter(): ByteArrayConverter {
  const c = new ByteArrayConverter();
  c.configure({}, false);
  return c;
}

describe('ByteArrayConverter', () => {
  it('passes bytes through, with a BYTES schema or none', () => {
    // Act + Assess
    expect(converter().fromConnectData(TOPIC, Schemas.BYTES, SAMPLE_BYTES)).toBe(SAMPLE_BYTES);
    expect(converter().fromConnectData(TOPIC, null, SAMPLE_BYTES)).toBe(SAMPLE_BYTES);
  });

  it('passes an empty array through', () => {
    // Act + Assess
    expect(converter().fromConnectData(TOPIC, Schemas.BYTES, new Uint8Array(0))).toEqual(new Uint8Array(0));
  });

  it('refuses a schema other than BYTES', () => {
    // Act + Assess
    expect(() => converter().fromConnectData(TOPIC, Schemas.INT32, SAMPLE_BYTES)).toThrow(
      new DataError('Invalid schema type for ByteArrayConverter: INT32'),
    );
  });

  it('refuses a value that is not bytes', () => {
    // Act + Assess
    expect(() => converter().fromConnectData(TOPIC, Schemas.BYTES, 12)).toThrow(DataError);
  });

  it('writes null as null', () => {
    // Act + Assess
    expect(converter().fromConnectData(TOPIC, Schemas.BYTES, null)).toBeNull();
  });

  it('reads bytes as OPTIONAL_BYTES, and null as a null value', () => {
    // Act
    const data = converter().toConnectData(TOPIC, SAMPLE_BYTES);
    const none = converter().toConnectData(TOPIC, null);
    // Assess
    expect(data.schema).toBe(Schemas.OPTIONAL_BYTES);
    expect(data.value).toBe(SAMPLE_BYTES);
    expect(none.schema).toBe(Schemas.OPTIONAL_BYTES);
    expect(none.value).toBeNull();
  });
});
