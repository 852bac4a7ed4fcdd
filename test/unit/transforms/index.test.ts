import { describe, expect, it } from 'vitest';
import { ConfigDef } from '../../../shared/api';
import { PREDICATE_CLASSES, TRANSFORMATION_CLASSES } from '../../../shared/transforms';

/** Kafka 3.9's META-INF/services lists (connect/transforms/src/main/resources). */
const KAFKA_TRANSFORMATIONS = [
  'Cast$Key',
  'Cast$Value',
  'DropHeaders',
  'ExtractField$Key',
  'ExtractField$Value',
  'Filter',
  'Flatten$Key',
  'Flatten$Value',
  'HeaderFrom$Key',
  'HeaderFrom$Value',
  'HoistField$Key',
  'HoistField$Value',
  'InsertField$Key',
  'InsertField$Value',
  'InsertHeader',
  'MaskField$Key',
  'MaskField$Value',
  'RegexRouter',
  'ReplaceField$Key',
  'ReplaceField$Value',
  'SetSchemaMetadata$Key',
  'SetSchemaMetadata$Value',
  'TimestampConverter$Key',
  'TimestampConverter$Value',
  'TimestampRouter',
  'ValueToKey',
].map((name) => `org.apache.kafka.connect.transforms.${name}`);

const KAFKA_PREDICATES = ['HasHeaderKey', 'RecordIsTombstone', 'TopicNameMatches'].map(
  (name) => `org.apache.kafka.connect.transforms.predicates.${name}`,
);

describe('shared/transforms plugin lists', () => {
  it("lists every transformation Kafka ships, under Kafka's class names", () => {
    // Assess
    expect(TRANSFORMATION_CLASSES.map((c) => c.className)).toEqual(KAFKA_TRANSFORMATIONS);
  });

  it("lists every predicate Kafka ships, under Kafka's class names", () => {
    // Assess
    expect(PREDICATE_CLASSES.map((c) => c.className)).toEqual(KAFKA_PREDICATES);
  });

  it.each([...TRANSFORMATION_CLASSES, ...PREDICATE_CLASSES].map((c) => [c.className, c] as const))(
    '%s constructs with no arguments, reports 3.9.0 and declares a ConfigDef with docs',
    (_name, cls) => {
      // Act
      const plugin = new cls() as unknown as { version(): string; config(): ConfigDef; close(): void };
      // Assess
      expect(plugin.version()).toBe('3.9.0');
      expect(plugin.config()).toBeInstanceOf(ConfigDef);
      for (const key of plugin.config().configKeys().values()) expect(key.documentation).toBeTruthy();
      expect(() => plugin.close()).not.toThrow();
    },
  );
});
