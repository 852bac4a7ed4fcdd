import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ConfigType, type ConfigValue, Importance } from '../../../../shared/api';
import {
  CONFIG_DEF,
  DATAGEN_CONNECTOR_CLASSES,
  DatagenConnector,
  DatagenTask,
  QUICKSTARTS,
} from '../../../../shared/connectors/datagen';
import { defaultRegistry } from '../../../../shared/plugins';

const ID_SCHEMA = JSON.stringify({
  namespace: 'ksql',
  name: 'test_schema',
  type: 'record',
  fields: [{ name: 'id', type: { type: 'long', 'arg.properties': { iteration: { start: 0 } } } }],
});
const SOURCE_ERROR = 'Must set exactly one of schema.string, schema.filename, quickstart';

function errorsOf(values: ConfigValue[], key: string): string[] {
  const value = values.find((v) => v.name === key);
  if (!value) throw new Error(`no ConfigValue for ${key}`);
  return value.errorMessages;
}

// Cases follow Confluent's DatagenConnectorTest.
describe('DatagenConnector', () => {
  let connector: DatagenConnector;
  let config: Record<string, string>;

  beforeEach(() => {
    connector = new DatagenConnector();
    connector.initialize({ requestTaskReconfiguration: () => {}, raiseError: () => {} });
    config = { 'kafka.topic': 'my-topic', iterations: '100', 'max.interval': '0', quickstart: 'USERS' };
  });

  it('is named and versioned as Confluent connector, listed for the registry and found by its aliases', () => {
    // Prepare
    const registry = defaultRegistry();
    // Assess
    expect(DatagenConnector.className).toBe('io.confluent.kafka.connect.datagen.DatagenConnector');
    expect(DatagenTask.className).toBe('io.confluent.kafka.connect.datagen.DatagenTask');
    expect(connector.version()).toBe('0.7.1');
    expect(connector.taskClass()).toBe(DatagenTask);
    expect(DATAGEN_CONNECTOR_CLASSES).toEqual([DatagenConnector]);
    expect(registry.connectorClass('DatagenConnector')).toBe(DatagenConnector);
    expect(registry.connectorClass('Datagen')).toBe(DatagenConnector);
  });

  it("declares Confluent's keys with their types, defaults and docs", () => {
    // Act
    const keys = [...CONFIG_DEF.configKeys().values()].map((key) => ({
      name: key.name,
      type: key.type,
      defaultValue: key.hasDefault() ? key.defaultValue : 'required',
      importance: key.importance,
      documentation: key.documentation,
    }));
    // Assess
    expect(keys).toEqual([
      {
        name: 'kafka.topic',
        type: ConfigType.STRING,
        defaultValue: 'required',
        importance: Importance.HIGH,
        documentation: 'Topic to write to',
      },
      {
        name: 'max.interval',
        type: ConfigType.LONG,
        defaultValue: 500,
        importance: Importance.HIGH,
        documentation: 'Max interval between messages (ms)',
      },
      {
        name: 'iterations',
        type: ConfigType.INT,
        defaultValue: -1,
        importance: Importance.HIGH,
        documentation: 'Number of messages to send from each task, or less than 1 for unlimited',
      },
      {
        name: 'schema.string',
        type: ConfigType.STRING,
        defaultValue: '',
        importance: Importance.HIGH,
        documentation: 'The literal JSON-encoded Avro schema to use',
      },
      {
        name: 'schema.filename',
        type: ConfigType.STRING,
        defaultValue: '',
        importance: Importance.HIGH,
        documentation: 'Filename of schema to use',
      },
      {
        name: 'schema.keyfield',
        type: ConfigType.STRING,
        defaultValue: '',
        importance: Importance.HIGH,
        documentation: 'Name of field to use as the message key',
      },
      {
        name: 'quickstart',
        type: ConfigType.STRING,
        defaultValue: '',
        importance: Importance.HIGH,
        documentation: 'Name of quickstart to use',
      },
      {
        name: 'random.seed',
        type: ConfigType.LONG,
        defaultValue: null,
        importance: Importance.LOW,
        documentation:
          'Numeric seed for generating random data. Two connectors started with the same seed will deterministically ' +
          'produce the same data. Each task will generate different data than the other tasks in the same connector.',
      },
    ]);
  });

  it('gives every one of maxTasks tasks the connector config plus its own task.id', () => {
    // Prepare
    connector.start(config);
    // Act
    const configs = [1, 2, 4, 10, 0].map((maxTasks) => connector.taskConfigs(maxTasks));
    // Assess
    expect(configs.map((c) => c.length)).toEqual([1, 2, 4, 10, 0]);
    expect(configs[2]).toEqual([0, 1, 2, 3].map((i) => ({ ...config, 'task.id': String(i) })));
  });

  it('validates a quickstart config without errors', () => {
    // Act
    const values = connector.validate(config);
    // Assess
    expect(values.map((v) => v.name)).toEqual(CONFIG_DEF.names());
    expect(values.flatMap((v) => v.errorMessages)).toEqual([]);
  });

  it('validates a schema.string, and a schema.filename naming a bundled quickstart schema, without errors', () => {
    // Prepare
    const { quickstart: _, ...base } = config;
    // Act
    const withString = connector.validate({ ...base, 'schema.string': ID_SCHEMA });
    const withBundledFile = connector.validate({ ...base, 'schema.filename': 'product.avro' });
    // Assess
    expect(withString.flatMap((v) => v.errorMessages)).toEqual([]);
    expect(withBundledFile.flatMap((v) => v.errorMessages)).toEqual([]);
  });

  it('reads schema.filename from a file, comments and all', () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'datagen-')), 'custom.avsc');
    writeFileSync(file, `// a comment, as Avro's parser allows\n${ID_SCHEMA}`);
    const { quickstart: _, ...base } = config;
    // Act
    const values = connector.validate({ ...base, 'schema.filename': file });
    // Assess
    expect(values.flatMap((v) => v.errorMessages)).toEqual([]);
  });

  it('reports a missing kafka.topic as a required key', () => {
    // Prepare
    const { 'kafka.topic': _, ...withoutTopic } = config;
    // Act
    const values = connector.validate(withoutTopic);
    // Assess
    expect(errorsOf(values, 'kafka.topic')).toEqual([
      'Missing required configuration "kafka.topic" which has no default value.',
    ]);
    expect(values.filter((v) => v.name !== 'kafka.topic').flatMap((v) => v.errorMessages)).toEqual([]);
  });

  it('reports "Must set exactly one of" on both quickstart and schema.string when both are set', () => {
    // Act
    const values = connector.validate({ ...config, 'schema.string': ID_SCHEMA });
    // Assess
    expect(errorsOf(values, 'quickstart')).toEqual([SOURCE_ERROR]);
    expect(errorsOf(values, 'schema.string')).toEqual([SOURCE_ERROR]);
    expect(errorsOf(values, 'schema.filename')).toEqual([]);
  });

  it('reports "Must set exactly one of" on all three schema sources when none is set', () => {
    // Prepare
    const { quickstart: _, ...withoutSource } = config;
    // Act
    const values = connector.validate(withoutSource);
    // Assess
    for (const key of ['schema.string', 'schema.filename', 'quickstart'])
      expect(errorsOf(values, key)).toEqual([SOURCE_ERROR]);
  });

  it('reports an unknown quickstart with the list of quickstarts', () => {
    // Act
    const values = connector.validate({ ...config, quickstart: 'nope' });
    // Assess
    expect(errorsOf(values, 'quickstart')).toEqual([
      `quickstart must be one out of ${QUICKSTARTS.map((q) => q.name).join(',')}`,
    ]);
  });

  it.each([
    ['text that is not JSON', 'a schema', /^Unable to parse the provided schema: Invalid JSON/],
    [
      'an unresolved type reference',
      '{"type":"Address"}',
      /^Unable to parse the provided schema: Undefined name: "Address"$/,
    ],
    ['a schema that is not a record', '"string"', /must be a record/],
    [
      'invalid generator arguments',
      '{"type":"record","name":"r","fields":[{"name":"n","type":{"type":"int","arg.properties":{"range":{"min":5,"max":1}}}}]}',
      /'min' field must be strictly less than 'max' field in range property/,
    ],
  ])('reports a schema.string with %s on schema.string', (_, schema, message) => {
    // Prepare
    const { quickstart: __, ...base } = config;
    // Act
    const values = connector.validate({ ...base, 'schema.string': schema });
    // Assess
    const errors = errorsOf(values, 'schema.string');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('reports a schema.filename that names no file and no bundled schema', () => {
    // Prepare
    const { quickstart: _, ...base } = config;
    // Act
    const values = connector.validate({ ...base, 'schema.filename': 'a file name' });
    // Assess
    expect(errorsOf(values, 'schema.filename')).toEqual([
      'Unable to parse the provided schema: unable to find the schema file a file name',
    ]);
  });

  it('reports a schema.keyfield that the schema does not have, but only once the schema source is valid', () => {
    // Prepare
    const { quickstart: _, ...base } = config;
    // Act
    const missingField = connector.validate({ ...base, 'schema.filename': 'product.avro', 'schema.keyfield': 'nope' });
    const badSource = connector.validate({ ...base, 'schema.filename': 'nothing.avro', 'schema.keyfield': 'nope' });
    const twoSources = connector.validate({ ...config, 'schema.filename': 'product.avro', 'schema.keyfield': 'nope' });
    const goodField = connector.validate({ ...base, 'schema.filename': 'product.avro', 'schema.keyfield': 'name' });
    // Assess
    expect(errorsOf(missingField, 'schema.keyfield')).toEqual([
      "The schema does not contain the field provided in 'schema.keyfield'",
    ]);
    expect(errorsOf(badSource, 'schema.filename')).toHaveLength(1);
    expect(errorsOf(badSource, 'schema.keyfield')).toEqual([]);
    expect(errorsOf(twoSources, 'quickstart')).toEqual([SOURCE_ERROR]);
    expect(errorsOf(twoSources, 'schema.keyfield')).toEqual([]);
    expect(goodField.flatMap((v) => v.errorMessages)).toEqual([]);
  });

  it("refuses to start with an invalid config, with Confluent's message around the cause", () => {
    // Prepare
    const { 'kafka.topic': _, ...withoutTopic } = config;
    // Act
    const start = () => connector.start(withoutTopic);
    // Assess
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(
      'Datagen connector could not start because of an error in the configuration: ' +
        'Missing required configuration "kafka.topic" which has no default value.',
    );
  });
});
