import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectError, NotFoundError, RetriableError } from '../../../../shared/api';
import { EmfMetrics, LoggerRegistry } from '../../../../shared/observability';
import { DLQ_HEADERS, ToleranceExceededError, TransformationChain } from '../../../../shared/runtime';
import { TargetState } from '../../../../shared/stores';
import {
  BoomError,
  behaviourOf,
  CollectingSinkConnector,
  consumed,
  headerValue,
  jsonString,
  plenty,
  type SinkWorld,
  sinkWorld,
} from './support';

const STRING = 'org.apache.kafka.connect.storage.StringConverter';

let world: SinkWorld;

beforeEach(() => {
  world = sinkWorld();
});

describe('SinkPipeline ordering and task assignment', () => {
  it('puts the records of each partition in offset order, through converters and transforms, partition p to task p mod N', async () => {
    // Prepare
    await world.create('orders', {
      'connector.class': CollectingSinkConnector.className,
      'tasks.max': '2',
      topics: 'orders',
      'value.converter': STRING,
      transforms: 'route',
      'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
      'transforms.route.regex': 'orders',
      'transforms.route.replacement': 'routed',
    });
    const batches = [0, 1, 2].map((p) => ({
      topic: 'orders',
      partition: p,
      records: consumed(
        'orders',
        p,
        ['a', 'b', 'c', 'd'].map((v) => `${p}${v}`),
        10 * p,
      ),
    }));

    // Act
    await world.pipeline.run('orders', batches, plenty);

    // Assess
    const puts = behaviourOf('orders').puts;
    expect(puts.map((put) => put.map((r) => [r.topic, r.kafkaPartition, r.kafkaOffset, r.value]))).toEqual([
      [
        ['routed', 0, 0, '0a'],
        ['routed', 0, 1, '0b'],
        ['routed', 0, 2, '0c'],
        ['routed', 0, 3, '0d'],
      ],
      [
        ['routed', 1, 10, '1a'],
        ['routed', 1, 11, '1b'],
        ['routed', 1, 12, '1c'],
        ['routed', 1, 13, '1d'],
      ],
      [
        ['routed', 2, 20, '2a'],
        ['routed', 2, 21, '2b'],
        ['routed', 2, 22, '2c'],
        ['routed', 2, 23, '2d'],
      ],
    ]);
    expect(puts[0]?.[0]?.originalTopic).toBe('orders');
    // Two tasks, so two started instances (task 0 has partitions 0 and 2).
    expect(behaviourOf('orders').starts).toBe(2);
    expect((await world.stores.statuses.list('orders')).tasks.map((t) => [t.task, t.state])).toEqual([
      [0, 'RUNNING'],
      [1, 'RUNNING'],
    ]);
  });

  it('makes the batch wait (a RetriableError) while the connector is paused or its task configs are not current', async () => {
    // Prepare
    await world.create('paused', { 'connector.class': CollectingSinkConnector.className, topics: 't' });
    await world.stores.configs.setTargetState('paused', TargetState.PAUSED);
    const batch = { topic: 't', partition: 0, records: consumed('t', 0, ['x']) };

    // Act
    const paused = world.pipeline.run('paused', [batch], plenty);
    await world.stores.configs.setTargetState('paused', TargetState.STARTED);
    const stale = world.pipeline.run('paused', [batch], plenty);

    // Assess
    await expect(paused).rejects.toThrow(RetriableError);
    await expect(stale).rejects.toThrow('has no current task configs yet');
    await expect(world.pipeline.run('missing', [batch], plenty)).rejects.toThrow(NotFoundError);
    expect(behaviourOf('paused').puts).toEqual([]);
  });

  it('throws a RetriableError, so the ESM redelivers, when preCommit says not everything is durable yet', async () => {
    // Prepare
    await world.create('slow', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      'value.converter': STRING,
    });
    behaviourOf('slow').preCommit = (offsets) => offsets.map((o) => ({ ...o, offset: o.offset - 1 }));

    // Act
    const run = world.pipeline.run(
      'slow',
      [{ topic: 't', partition: 0, records: consumed('t', 0, ['x', 'y']) }],
      plenty,
    );

    // Assess
    await expect(run).rejects.toThrow('Task slow-0 has not flushed t-0 up to offset 2');
    await expect(run).rejects.toBeInstanceOf(RetriableError);
    expect((await world.stores.statuses.getTask('slow', 0))?.state).toBe('RUNNING');
    expect(world.signals).toEqual([]);
  });

  it('returns normally once the batch is durable even when the status store fails afterwards, so the ESM does not redeliver', async () => {
    // Prepare
    await world.create('statusdown', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      'value.converter': STRING,
    });
    vi.spyOn(world.stores.statuses, 'recordTopic').mockRejectedValue(new Error('throttled'));
    vi.spyOn(world.stores.statuses, 'putTask').mockRejectedValue(new Error('throttled'));

    // Act
    const run = world.pipeline.run(
      'statusdown',
      [{ topic: 't', partition: 0, records: consumed('t', 0, ['x']) }],
      plenty,
    );

    // Assess
    await expect(run).resolves.toBeUndefined();
    expect(behaviourOf('statusdown').puts).toHaveLength(1);
  });

  it('passes a batch of tombstones to the task as null values', async () => {
    // Prepare
    await world.create('tomb', { 'connector.class': CollectingSinkConnector.className, topics: 't' });

    // Act
    await world.pipeline.run('tomb', [{ topic: 't', partition: 0, records: consumed('t', 0, [null, null]) }], plenty);

    // Assess
    expect(behaviourOf('tomb').puts[0]?.map((r) => [r.key, r.value, r.valueSchema])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
  });
});

describe('SinkPipeline error handling', () => {
  it('dead-letters a failing transformation under errors.tolerance=all with the transformation class and the cause', async () => {
    // Prepare
    await world.create('cast', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      transforms: 'cast',
      'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
      'transforms.cast.spec': 'int32',
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': 'dlq',
      'errors.deadletterqueue.context.headers.enable': 'true',
    });
    const records = consumed('t', 0, [jsonString('12'), jsonString('twelve'), jsonString('13')]);

    // Act
    await world.pipeline.run('cast', [{ topic: 't', partition: 0, records }], plenty);

    // Assess
    expect(behaviourOf('cast').puts[0]?.map((r) => r.value)).toEqual([12, 13]);
    expect(world.producer.sent).toHaveLength(1);
    const [dead] = world.producer.sent;
    expect(dead?.topic).toBe('dlq');
    expect(Buffer.from(dead?.value ?? []).toString()).toBe(jsonString('twelve'));
    expect(dead && headerValue(dead, DLQ_HEADERS.STAGE)).toBe('TRANSFORMATION');
    expect(dead && headerValue(dead, DLQ_HEADERS.EXECUTING_CLASS)).toBe(
      'org.apache.kafka.connect.transforms.Cast$Value',
    );
    expect(dead && headerValue(dead, DLQ_HEADERS.OFFSET)).toBe('1');
    expect(dead && headerValue(dead, DLQ_HEADERS.EXCEPTION)).toBe('org.apache.kafka.connect.errors.DataException');
  });

  it('writes one EMF document per task at the end of an invocation: records read and put, errors and dead-lettered records', async () => {
    // Prepare
    const lines: string[] = [];
    world = sinkWorld({ metrics: new EmfMetrics({ write: (line) => lines.push(line), now: () => 1_700_000_000_000 }) });
    await world.create('measured', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      transforms: 'cast',
      'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
      'transforms.cast.spec': 'int32',
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': 'dlq',
    });
    const records = consumed('t', 0, [jsonString('1'), jsonString('one'), jsonString('2')]);

    // Act
    await world.pipeline.run('measured', [{ topic: 't', partition: 0, records }], plenty);

    // Assess
    expect(lines).toHaveLength(1);
    const document = JSON.parse(lines[0] ?? '{}');
    expect(document).toMatchObject({
      Connector: 'measured',
      Task: '0',
      SinkRecordsRead: 3,
      SinkRecordsPut: 2,
      RecordErrors: 1,
      DeadLetterRecords: 1,
    });
    expect(document._aws.CloudWatchMetrics[0].Namespace).toBe('KafkaConnect');
  });

  it('logs each tolerated error without the record coordinates when errors.log.include.messages is not set', async () => {
    // Prepare
    const logger = new LoggerRegistry('test', 'OFF').get('test');
    world = sinkWorld({ logger });
    const error = vi.spyOn(logger, 'error');
    await world.create('logged', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      'errors.tolerance': 'all',
      'errors.log.enable': 'true',
    });

    // Act
    await world.pipeline.run('logged', [{ topic: 't', partition: 3, records: consumed('t', 3, ['{oops'], 7) }], plenty);

    // Assess
    expect(error.mock.calls.map(([message]) => message)).toEqual([
      "Error encountered in task logged-0. Executing stage 'VALUE_CONVERTER' with class 'org.apache.kafka.connect.json.JsonConverter'.",
    ]);
    expect(world.producer.sent).toEqual([]);
  });

  it('describes the consumed record in error logs as Kafka does, leaving out a timestamp it does not have', async () => {
    // Prepare
    const logger = new LoggerRegistry('test', 'OFF').get('test');
    world = sinkWorld({ logger });
    const error = vi.spyOn(logger, 'error');
    await world.create('described', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      'errors.tolerance': 'all',
      'errors.log.enable': 'true',
      'errors.log.include.messages': 'true',
    });
    const [withTime, withoutTime] = consumed('t', 1, ['{', '['], 5);
    const records = [withTime, { ...withoutTime, timestamp: null, timestampType: 'NoTimestampType' as const }];

    // Act
    await world.pipeline.run('described', [{ topic: 't', partition: 1, records: records as never }], plenty);

    // Assess
    expect(error.mock.calls.map(([message]) => message)).toEqual([
      "Error encountered in task described-0. Executing stage 'VALUE_CONVERTER' with class 'org.apache.kafka.connect.json.JsonConverter', where consumed record is {topic='t', partition=1, offset=5, timestamp=1700000000000, timestampType=CreateTime}.",
      "Error encountered in task described-0. Executing stage 'VALUE_CONVERTER' with class 'org.apache.kafka.connect.json.JsonConverter', where consumed record is {topic='t', partition=1, offset=6}.",
    ]);
  });

  it('does not dead-letter or put anything, and leaves the task RUNNING, when errors.tolerance=all skips every record', async () => {
    // Prepare
    await world.create('allbad', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      'errors.tolerance': 'all',
    });

    // Act
    await world.pipeline.run('allbad', [{ topic: 't', partition: 0, records: consumed('t', 0, ['{', '[']) }], plenty);

    // Assess
    expect(behaviourOf('allbad').puts).toEqual([]);
    expect((await world.stores.statuses.getTask('allbad', 0))?.state).toBe('RUNNING');
  });

  it('redelivers the batch rather than fail the task when the dead letter queue cannot be written', async () => {
    // Prepare
    await world.create('dlqdown', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': 'dlq',
    });
    world.producer.failWith = new Error('broker unavailable');

    // Act
    const run = world.pipeline.run('dlqdown', [{ topic: 't', partition: 0, records: consumed('t', 0, ['{']) }], plenty);

    // Assess
    await expect(run).rejects.toThrow('Task dlqdown-0 could not produce to its dead letter queue');
    await expect(run).rejects.toBeInstanceOf(RetriableError);
    expect((await world.stores.statuses.getTask('dlqdown', 0))?.state).toBe('RUNNING');
  });

  it('fails the task when it cannot start, with the trace, and tells the herder', async () => {
    // Prepare
    await world.create('nostart', { 'connector.class': CollectingSinkConnector.className, topics: 't' });
    behaviourOf('nostart').startError = new BoomError('cannot connect to the database');

    // Act
    const run = world.pipeline.run('nostart', [{ topic: 't', partition: 0, records: consumed('t', 0, ['x']) }], plenty);

    // Assess
    await expect(run).rejects.toThrow('cannot connect to the database');
    const status = await world.stores.statuses.getTask('nostart', 0);
    expect(status?.state).toBe('FAILED');
    expect(status?.trace).toMatch(/^BoomError: cannot connect to the database\n\s+at /);
    expect(world.signals).toEqual(['nostart']);
    expect(world.failedTasks()).toEqual(new Set([0]));
    expect(behaviourOf('nostart').stops).toBe(1);
  });

  it('stops a failed task, keeps every later batch from moving past it, and starts a new instance once restarted', async () => {
    // Prepare
    await world.create('restart', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      'value.converter': STRING,
    });
    const bad = { topic: 't', partition: 0, records: consumed('t', 0, ['x']) };
    behaviourOf('restart').preCommit = () => {
      throw new ConnectError('flush failed');
    };
    await expect(world.pipeline.run('restart', [bad], plenty)).rejects.toThrow('flush failed');

    // Act
    const again = world.pipeline.run('restart', [bad], plenty);
    await expect(again).rejects.toThrow('Task restart-0 is FAILED; restart it to resume consumption');
    behaviourOf('restart').preCommit = undefined;
    await world.stores.configs.requestRestart({ connector: 'restart', includeTasks: true, onlyFailed: false });
    await world.herder.reconcile('restart');
    await world.pipeline.run('restart', [bad], plenty);

    // Assess
    expect(behaviourOf('restart').starts).toBe(2);
    expect(behaviourOf('restart').stops).toBe(1);
    expect(behaviourOf('restart').puts).toHaveLength(2);
    expect((await world.stores.statuses.getTask('restart', 0))?.state).toBe('RUNNING');
  });

  it('closes the transformation chain of a task it stops, as Kafka closes it with the task', async () => {
    // Prepare
    await world.create('closing', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      'value.converter': STRING,
      transforms: 'route',
      'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
      'transforms.route.regex': 't',
      'transforms.route.replacement': 'u',
    });
    await world.pipeline.run('closing', [{ topic: 't', partition: 0, records: consumed('t', 0, ['x']) }], plenty);
    const close = vi.spyOn(TransformationChain.prototype, 'close');

    // Act
    await world.pipeline.close();

    // Assess
    expect(close).toHaveBeenCalledTimes(1);
    expect(behaviourOf('closing').stops).toBe(1);
    close.mockRestore();
  });

  it('does not retry a converter error and fails at once under errors.tolerance=none, with errors.retry.timeout set', async () => {
    // Prepare
    await world.create('noretry', {
      'connector.class': CollectingSinkConnector.className,
      topics: 't',
      'errors.retry.timeout': '60000',
    });

    // Act
    const run = world.pipeline.run('noretry', [{ topic: 't', partition: 0, records: consumed('t', 0, ['{']) }], plenty);

    // Assess
    await expect(run).rejects.toBeInstanceOf(ToleranceExceededError);
    expect(world.clock.sleeps).toEqual([]);
  });
});
