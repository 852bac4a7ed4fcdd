import { describe, expect, it } from 'vitest';
import { CONVERTER_CLASSES, HEADER_CONVERTER_CLASSES } from '../../../shared/converters';

describe('converters index', () => {
  it('lists every converter under its Kafka class name', () => {
    // Act
    const names = CONVERTER_CLASSES.map((c) => c.className);
    // Assess
    expect(names).toEqual([
      'org.apache.kafka.connect.json.JsonConverter',
      'org.apache.kafka.connect.storage.StringConverter',
      'org.apache.kafka.connect.converters.ByteArrayConverter',
      'org.apache.kafka.connect.converters.IntegerConverter',
      'org.apache.kafka.connect.converters.LongConverter',
      'org.apache.kafka.connect.converters.ShortConverter',
      'org.apache.kafka.connect.converters.FloatConverter',
      'org.apache.kafka.connect.converters.DoubleConverter',
      'org.apache.kafka.connect.converters.BooleanConverter',
    ]);
  });

  it('lists every header converter, SimpleHeaderConverter first', () => {
    // Act
    const names = HEADER_CONVERTER_CLASSES.map((c) => c.className);
    // Assess
    expect(names[0]).toBe('org.apache.kafka.connect.storage.SimpleHeaderConverter');
    expect(names).toContain('org.apache.kafka.connect.json.JsonConverter');
    expect(names).toHaveLength(10);
  });

  it.each(CONVERTER_CLASSES.map((c) => [c.className, c] as const))(
    '%s declares converter.type, and takes it from isKey',
    (_name, ConverterClass) => {
      // Prepare
      const converter = new ConverterClass();
      // Act + Assess
      expect(converter.config().configKeys().get('converter.type')?.documentation).toBe(
        'How this converter will be used.',
      );
      expect(() => converter.configure({}, true)).not.toThrow();
    },
  );

  it.each(HEADER_CONVERTER_CLASSES.map((c) => [c.className, c] as const))(
    '%s configures as a header converter with converter.type=header',
    (_name, HeaderConverterClass) => {
      // Act + Assess
      expect(() => new HeaderConverterClass().configure({ 'converter.type': 'header' })).not.toThrow();
    },
  );
});
