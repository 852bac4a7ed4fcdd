import { beforeEach, describe, expect, it } from 'vitest';
import { FileStreamSinkConnector, FileStreamSinkTask } from '../../../../shared/connectors/file';

const MULTIPLE_TOPICS = 'test1,test2';
const FILENAME = '/afilename';
const TASK_CLASS = 'org.apache.kafka.connect.file.FileStreamSinkTask';

// Cases follow Kafka's FileStreamSinkConnectorTest.
describe('FileStreamSinkConnector', () => {
  let connector: FileStreamSinkConnector;
  let sinkProperties: Record<string, string>;

  beforeEach(() => {
    connector = new FileStreamSinkConnector();
    connector.initialize({ requestTaskReconfiguration: () => {}, raiseError: () => {} });
    sinkProperties = { topics: MULTIPLE_TOPICS, file: FILENAME };
  });

  it('is named and versioned as Kafka connector', () => {
    // Assess
    expect(FileStreamSinkConnector.className).toBe('org.apache.kafka.connect.file.FileStreamSinkConnector');
    expect(connector.version()).toBe('3.9.0');
  });

  it('validates its config without errors', () => {
    // Act
    const configValues = connector.validate(sinkProperties);
    // Assess
    expect(configValues.map((value) => value.name)).toEqual(['file']);
    expect(configValues.flatMap((value) => value.errorMessages)).toEqual([]);
  });

  it('makes maxTasks copies of the connector config plus Kafka task class', () => {
    // Prepare
    connector.start(sinkProperties);
    // Act
    const one = connector.taskConfigs(1);
    const two = connector.taskConfigs(2);
    // Assess
    const expected = { topics: MULTIPLE_TOPICS, file: FILENAME, 'task.class': TASK_CLASS };
    expect(one).toEqual([expected]);
    expect(two).toEqual([expected, expected]);
    expect(two[0]).not.toBe(two[1]);
  });

  it('leaves the file unset in task configs when writing to standard output', () => {
    // Prepare
    connector.start({ topics: MULTIPLE_TOPICS });
    // Act
    const taskConfigs = connector.taskConfigs(1);
    // Assess
    expect(taskConfigs).toEqual([{ topics: MULTIPLE_TOPICS, 'task.class': TASK_CLASS }]);
  });

  it('passes every connector key to the tasks, so transform changes reach them', () => {
    // Prepare
    connector.start({ ...sinkProperties, transforms: 'insert' });
    // Act
    const taskConfigs = connector.taskConfigs(1);
    // Assess
    expect(taskConfigs[0]?.transforms).toBe('insert');
  });

  it('names FileStreamSinkTask as its task class', () => {
    // Act
    const taskClass = connector.taskClass();
    // Assess
    expect(taskClass).toBe(FileStreamSinkTask);
  });

  it('accepts any offset change, as it keeps no offsets of its own', () => {
    // Act
    const altered = connector.alterOffsets(sinkProperties, [
      { topic: 'test1', partition: 0, offset: 10 },
      { topic: 'test2', partition: 1, offset: null },
    ]);
    // Assess
    expect(altered).toBe(true);
  });
});
