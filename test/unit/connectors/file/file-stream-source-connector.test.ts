import { beforeEach, describe, expect, it } from 'vitest';
import {
  AbstractConfig,
  ConfigError,
  ConnectError,
  ConnectorTransactionBoundaries,
  ExactlyOnceSupport,
  type SourceOffset,
  type SourcePartition,
} from '../../../../shared/api';
import {
  DEFAULT_TASK_BATCH_SIZE,
  FILE_CONNECTOR_CLASSES,
  FileStreamSinkConnector,
  FileStreamSourceConnector,
  FileStreamSourceTask,
  SOURCE_CONFIG_DEF,
} from '../../../../shared/connectors/file';

const SINGLE_TOPIC = 'test';
const FILENAME = '/somefilename';

type Offsets = { partition: SourcePartition; offset: SourceOffset | null }[];

// Cases follow Kafka's FileStreamSourceConnectorTest.
describe('FileStreamSourceConnector', () => {
  let connector: FileStreamSourceConnector;
  let sourceProperties: Record<string, string>;

  beforeEach(() => {
    connector = new FileStreamSourceConnector();
    connector.initialize({ requestTaskReconfiguration: () => {}, raiseError: () => {} });
    sourceProperties = { topic: SINGLE_TOPIC, file: FILENAME };
  });

  it('is named and versioned as Kafka connector, and listed for the plugin registry', () => {
    // Assess
    expect(FileStreamSourceConnector.className).toBe('org.apache.kafka.connect.file.FileStreamSourceConnector');
    expect(connector.version()).toBe('3.9.0');
    expect(FILE_CONNECTOR_CLASSES).toEqual([FileStreamSourceConnector, FileStreamSinkConnector]);
  });

  it('validates a config with a file and a topic without errors', () => {
    // Act
    const configValues = connector.validate(sourceProperties);
    // Assess
    expect(configValues.map((value) => value.name)).toEqual(['file', 'topic', 'batch.size']);
    expect(configValues.flatMap((value) => value.errorMessages)).toEqual([]);
  });

  it('reports a missing file on the file key, since serverless tasks have no standard input', () => {
    // Prepare
    const { file: _file, ...withoutFile } = sourceProperties;
    // Act
    const configValues = connector.validate(withoutFile);
    const blank = connector.validate({ ...sourceProperties, file: '  ' });
    // Assess
    const expected = [
      "The standard input is not available to serverless source tasks; set 'file' to the path of the file to read",
    ];
    expect(configValues.find((value) => value.name === 'file')?.errorMessages).toEqual(expected);
    expect(blank.find((value) => value.name === 'file')?.errorMessages).toEqual(expected);
  });

  it('refuses to start without a file', () => {
    // Act
    const act = () => connector.start({ topic: SINGLE_TOPIC });
    // Assess
    expect(act).toThrow(ConfigError);
  });

  it('supports exactly-once only when reading a file', () => {
    // Act
    const withFile = connector.exactlyOnceSupport(sourceProperties);
    const blank = connector.exactlyOnceSupport({ ...sourceProperties, file: ' ' });
    const { file: _file, ...withoutFile } = sourceProperties;
    const missing = connector.exactlyOnceSupport(withoutFile);
    // Assess
    expect(withFile).toBe(ExactlyOnceSupport.SUPPORTED);
    expect(blank).toBe(ExactlyOnceSupport.UNSUPPORTED);
    expect(missing).toBe(ExactlyOnceSupport.UNSUPPORTED);
  });

  it('does not define transaction boundaries', () => {
    // Act
    const boundaries = connector.canDefineTransactionBoundaries(sourceProperties);
    // Assess
    expect(boundaries).toBe(ConnectorTransactionBoundaries.UNSUPPORTED);
  });

  it('makes exactly one task config, the connector config plus Kafka task class, whatever maxTasks is', () => {
    // Prepare
    connector.start(sourceProperties);
    // Act
    const one = connector.taskConfigs(1);
    const two = connector.taskConfigs(2);
    // Assess
    const expected = [
      { topic: SINGLE_TOPIC, file: FILENAME, 'task.class': 'org.apache.kafka.connect.file.FileStreamSourceTask' },
    ];
    expect(one).toEqual(expected);
    expect(two).toEqual(expected);
  });

  it('passes every connector key to the task, so transform changes reach it', () => {
    // Prepare
    connector.start({ ...sourceProperties, transforms: 'insert' });
    // Act
    const taskConfigs = connector.taskConfigs(1);
    // Assess
    expect(taskConfigs[0]?.transforms).toBe('insert');
  });

  it('names FileStreamSourceTask as its task class', () => {
    // Act
    const taskClass = connector.taskClass();
    // Assess
    expect(taskClass).toBe(FileStreamSourceTask);
  });

  it('parses valid configs with Kafka defaults, and rejects a missing or blank topic and a bad batch size', () => {
    // Act
    const config = new AbstractConfig(SOURCE_CONFIG_DEF, sourceProperties);
    // Assess
    expect(config.getString('topic')).toBe(SINGLE_TOPIC);
    expect(config.getInt('batch.size')).toBe(DEFAULT_TASK_BATCH_SIZE);
    expect(() => new AbstractConfig(SOURCE_CONFIG_DEF, { file: FILENAME })).toThrow(ConfigError);
    expect(() => new AbstractConfig(SOURCE_CONFIG_DEF, { ...sourceProperties, topic: '   ' })).toThrow(
      'Invalid value  for configuration topic: String must be non-empty',
    );
    expect(() => new AbstractConfig(SOURCE_CONFIG_DEF, { ...sourceProperties, 'batch.size': 'abcd' })).toThrow(
      ConfigError,
    );
  });

  describe('alterOffsets', () => {
    const alter = (offsets: Offsets, props?: Record<string, string>) => () =>
      connector.alterOffsets(props ?? sourceProperties, offsets);

    it('refuses when no file is configured, with Kafka text', () => {
      // Prepare
      const { file: _file, ...withoutFile } = sourceProperties;
      // Act
      const act = alter([{ partition: { filename: FILENAME }, offset: { position: 0 } }], withoutFile);
      // Assess
      expect(act).toThrow(ConnectError);
      expect(act).toThrow(
        "Offsets cannot be modified if the 'file' configuration is unspecified. " +
          'This is because stdin is used for input and offsets are not tracked.',
      );
    });

    it('refuses a partition without filename, or a null partition, with Kafka texts', () => {
      // Act
      const otherKey = alter([{ partition: { other_partition_key: FILENAME }, offset: { position: 0 } }]);
      const nullPartition = alter([{ partition: null as unknown as SourcePartition, offset: { position: 0 } }]);
      // Assess
      expect(otherKey).toThrow("Partition objects should contain the key 'filename'");
      expect(nullPartition).toThrow('Partition objects cannot be null');
    });

    it('refuses an offset without position, with Kafka text', () => {
      // Act
      const act = alter([{ partition: { filename: FILENAME }, offset: { other_offset_key: 0 } }]);
      // Assess
      expect(act).toThrow("Offset objects should either be null or contain the key 'position'");
    });

    it('accepts only non-negative integer positions, with Kafka texts', () => {
      // Prepare
      const withPosition = (position: unknown) => alter([{ partition: { filename: FILENAME }, offset: { position } }]);
      const notLong = "The value for the 'position' key in the offset is expected to be a Long value";
      const negative = "The value for the 'position' key in the offset should be a non-negative value";
      // Act / Assess
      for (const bad of ['nan', null, {}, 3.14, '-420', '10']) expect(withPosition(bad)).toThrow(notLong);
      for (const bad of [-420, -10, -10n]) expect(withPosition(bad)).toThrow(negative);
      expect(withPosition(10)()).toBe(true);
      expect(withPosition(10n)()).toBe(true);
    });

    it('accepts several partitions, tombstones included, and an empty list', () => {
      // Act
      const several = connector.alterOffsets(sourceProperties, [
        { partition: { filename: FILENAME }, offset: { position: 0 } },
        { partition: { filename: '/someotherfilename' }, offset: null },
      ]);
      const empty = connector.alterOffsets(sourceProperties, []);
      // Assess
      expect(several).toBe(true);
      expect(empty).toBe(true);
    });

    it('accepts a tombstone for any partition, even garbage, so users can clean up', () => {
      // Prepare
      const partitions = [
        null as unknown as SourcePartition,
        {},
        { filename: FILENAME },
        { filename: '/someotherfilename' },
        { garbage_partition_key: 'garbage_partition_value' },
      ];
      // Act
      const results = partitions.map((partition) =>
        connector.alterOffsets(sourceProperties, [{ partition, offset: null }]),
      );
      // Assess
      expect(results).toEqual([true, true, true, true, true]);
    });
  });
});
