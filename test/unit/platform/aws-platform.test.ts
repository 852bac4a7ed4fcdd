import {
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  DeleteAliasCommand,
  DeleteEventSourceMappingCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ResourceConflictException,
  TooManyRequestsException,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  ThrottlingException,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConnectError, RetriableError } from '../../../shared/api';
import { AwsPlatform, type AwsPlatformOptions } from '../../../shared/platform';
import type { DesiredConnector } from '../../../shared/runtime';
import { TargetState } from '../../../shared/stores';
import { type FakeClock, fakeClock } from '../../helpers/fake-clock';
import { FakeAws } from './fake-aws';

const SINK_FN = 'arn:aws:lambda:eu-west-1:123456789012:function:connect-sink-task';
const SOURCE_FN = 'arn:aws:lambda:eu-west-1:123456789012:function:connect-source-task';
const SCHEDULER_ROLE = 'arn:aws:iam::123456789012:role/connect-scheduler-invoke';
const MSK_CLUSTER = 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/6f1c2d3e-4b5a-1';
/** `kc-` + the name + the first 10 hex digits of sha256("orders-sink"). */
const SINK_ALIAS = 'kc-orders-sink-d7e0ef66ae';
const SINK_ALIAS_ARN = `${SINK_FN}:${SINK_ALIAS}`;
/** `kc-` + the name + the first 10 hex digits of sha256("files-source"). */
const SOURCE_GROUP = 'kc-files-source-29433a1786';
const RETRY_POLICY = { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0 };

function sink(overrides: Partial<DesiredConnector> = {}): DesiredConnector {
  return {
    name: 'orders-sink',
    type: 'sink',
    config: { 'connector.class': 'FileStreamSink', topics: 'orders,payments' },
    generation: 3,
    targetState: TargetState.STARTED,
    tasks: 2,
    topics: ['orders', 'payments'],
    failedTasks: new Set(),
    ...overrides,
  };
}

function source(overrides: Partial<DesiredConnector> = {}): DesiredConnector {
  return {
    name: 'files-source',
    type: 'source',
    config: { 'connector.class': 'FileStreamSource', topic: 'files' },
    generation: 7,
    targetState: TargetState.STARTED,
    tasks: 2,
    topics: [],
    failedTasks: new Set(),
    ...overrides,
  };
}

const payload = (task: number, generation = 7) => JSON.stringify({ connector: 'files-source', task, generation });

describe('AwsPlatform', () => {
  let aws: FakeAws;
  let clock: FakeClock;
  let topics: string[];
  let warnings: string[];

  function platformWith(overrides: Partial<AwsPlatformOptions> = {}): AwsPlatform {
    return new AwsPlatform({
      lambda: aws.lambda,
      scheduler: aws.scheduler,
      topics: {
        listTopics: async () => {
          if (topics.length === 0) throw new Error('connect ECONNREFUSED 10.0.0.1:9098');
          return topics;
        },
      },
      resourcePrefix: 'kc',
      sink: { functionArn: SINK_FN, eventSource: { kind: 'msk', clusterArn: MSK_CLUSTER } },
      source: { functionArn: SOURCE_FN, schedulerRoleArn: SCHEDULER_ROLE },
      clock,
      logger: { warn: (message) => warnings.push(message) },
      ...overrides,
    });
  }

  beforeEach(() => {
    aws = new FakeAws();
    clock = fakeClock();
    topics = ['orders', 'payments'];
    warnings = [];
  });

  describe('sink connectors', () => {
    it('creates an alias of the sink function and one event source mapping per topic, each with its own group', async () => {
      // Prepare
      const platform = platformWith();
      // Act
      const { ready } = await platform.apply(sink());
      // Assess
      expect(aws.lambdaMock.commandCalls(CreateAliasCommand).map((c) => c.args[0].input)).toEqual([
        { FunctionName: SINK_FN, Name: SINK_ALIAS, FunctionVersion: '$LATEST', Description: 'orders-sink' },
      ]);
      expect(aws.lambdaMock.commandCalls(CreateEventSourceMappingCommand).map((c) => c.args[0].input)).toEqual([
        {
          FunctionName: SINK_ALIAS_ARN,
          Topics: ['orders'],
          StartingPosition: 'TRIM_HORIZON',
          Enabled: true,
          EventSourceArn: MSK_CLUSTER,
          AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-orders-sink-orders' },
        },
        {
          FunctionName: SINK_ALIAS_ARN,
          Topics: ['payments'],
          StartingPosition: 'TRIM_HORIZON',
          Enabled: true,
          EventSourceArn: MSK_CLUSTER,
          AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-orders-sink-payments' },
        },
      ]);
      expect(ready).toBe(false);
    });

    it("keeps Kafka's connect-<name> group for a single topic and passes the batching options", async () => {
      // Prepare
      const platform = platformWith({
        sink: {
          functionArn: SINK_FN,
          functionVersion: '42',
          eventSource: {
            kind: 'msk',
            clusterArn: MSK_CLUSTER,
            auth: {
              type: 'SASL_SCRAM_512_AUTH',
              secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_connect',
            },
          },
          batchSize: 500,
          maximumBatchingWindowInSeconds: 5,
        },
      });
      // Act
      await platform.apply(sink({ topics: ['orders'] }));
      // Assess
      expect(aws.lambdaMock.commandCalls(CreateAliasCommand)[0]?.args[0].input).toEqual({
        FunctionName: SINK_FN,
        Name: SINK_ALIAS,
        FunctionVersion: '42',
        Description: 'orders-sink',
      });
      expect(aws.lambdaMock.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input).toEqual({
        FunctionName: SINK_ALIAS_ARN,
        Topics: ['orders'],
        StartingPosition: 'TRIM_HORIZON',
        Enabled: true,
        BatchSize: 500,
        MaximumBatchingWindowInSeconds: 5,
        EventSourceArn: MSK_CLUSTER,
        AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-orders-sink' },
        SourceAccessConfigurations: [
          {
            Type: 'SASL_SCRAM_512_AUTH',
            URI: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_connect',
          },
        ],
      });
    });

    it('maps a self-managed cluster with its endpoints, VPC, SCRAM secret and root CA', async () => {
      // Prepare
      const platform = platformWith({
        sink: {
          functionArn: SINK_FN,
          eventSource: {
            kind: 'self-managed',
            bootstrapServers: ['b-1.kafka.internal:9096', 'b-2.kafka.internal:9096'],
            auth: {
              type: 'SASL_SCRAM_256_AUTH',
              secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka',
            },
            vpc: { subnetIds: ['subnet-0a', 'subnet-0b'], securityGroupIds: ['sg-0c'] },
            rootCaSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka-ca',
          },
        },
      });
      // Act
      await platform.apply(sink({ topics: ['orders'] }));
      // Assess
      expect(aws.lambdaMock.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input).toEqual({
        FunctionName: SINK_ALIAS_ARN,
        Topics: ['orders'],
        StartingPosition: 'TRIM_HORIZON',
        Enabled: true,
        SelfManagedEventSource: {
          Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['b-1.kafka.internal:9096', 'b-2.kafka.internal:9096'] },
        },
        SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-orders-sink' },
        SourceAccessConfigurations: [
          { Type: 'SASL_SCRAM_256_AUTH', URI: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka' },
          { Type: 'VPC_SUBNET', URI: 'subnet:subnet-0a' },
          { Type: 'VPC_SUBNET', URI: 'subnet:subnet-0b' },
          { Type: 'VPC_SECURITY_GROUP', URI: 'security_group:sg-0c' },
          { Type: 'SERVER_ROOT_CA_CERTIFICATE', URI: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka-ca' },
        ],
      });
    });

    it('takes the group from consumer.override.group.id, as its prefix when there are several topics', async () => {
      // Prepare
      const platform = platformWith();
      const config = { 'connector.class': 'FileStreamSink', 'consumer.override.group.id': 'orders-archive' };
      // Act
      await platform.apply(sink({ config }));
      // Assess
      expect(
        aws.lambdaMock
          .commandCalls(CreateEventSourceMappingCommand)
          .map((c) => c.args[0].input.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId),
      ).toEqual(['orders-archive-orders', 'orders-archive-payments']);
    });

    it('is not ready while mappings are Creating or Enabling, and ready once all report Enabled', async () => {
      // Prepare
      const platform = platformWith();
      const creating = await platform.apply(sink());
      // Act
      const stillCreating = await platform.apply(sink());
      aws.settle();
      const enabled = await platform.apply(sink());
      [...aws.mappings.values()][0]!.State = 'Enabling';
      const enabling = await platform.apply(sink());
      // Assess
      expect([creating.ready, stillCreating.ready, enabled.ready, enabling.ready]).toEqual([false, false, true, false]);
    });

    it('sends no write command when applied again with nothing changed', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink());
      aws.settle();
      aws.resetHistory();
      // Act
      const { ready } = await platform.apply(sink());
      // Assess
      expect(aws.writes()).toEqual([]);
      expect(ready).toBe(true);
    });

    it('disables every mapping on pause and enables them again on resume', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink());
      aws.settle();
      aws.resetHistory();
      // Act
      const paused = await platform.apply(sink({ targetState: TargetState.PAUSED }));
      const pauseCalls = aws.lambdaMock.commandCalls(UpdateEventSourceMappingCommand).map((c) => c.args[0].input);
      aws.settle();
      aws.resetHistory();
      const resumed = await platform.apply(sink());
      const resumeCalls = aws.lambdaMock.commandCalls(UpdateEventSourceMappingCommand).map((c) => c.args[0].input);
      // Assess
      expect(pauseCalls).toEqual([
        { UUID: 'esm-1', Enabled: false },
        { UUID: 'esm-2', Enabled: false },
      ]);
      expect(resumeCalls).toEqual([
        { UUID: 'esm-1', Enabled: true },
        { UUID: 'esm-2', Enabled: true },
      ]);
      expect(paused.ready).toBe(true);
      expect(resumed.ready).toBe(false);
      expect(aws.writes()).toEqual(['UpdateEventSourceMappingCommand', 'UpdateEventSourceMappingCommand']);
    });

    it("turns off every topic's mapping when a task failed (each task holds partitions of every topic) and is not ready", async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink());
      aws.settle();
      aws.resetHistory();
      // Act
      const { ready } = await platform.apply(sink({ failedTasks: new Set([1]) }));
      // Assess
      expect(aws.lambdaMock.commandCalls(UpdateEventSourceMappingCommand).map((c) => c.args[0].input)).toEqual([
        { UUID: 'esm-1', Enabled: false },
        { UUID: 'esm-2', Enabled: false },
      ]);
      expect(ready).toBe(false);
    });

    it('keeps the mappings of a stopped connector, disabled, and creates nothing for one that starts stopped', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink());
      aws.settle();
      aws.resetHistory();
      // Act
      const stopped = await platform.apply(sink({ targetState: TargetState.STOPPED, tasks: 0, topics: [] }));
      const stopWrites = aws.writes();
      aws.resetHistory();
      await platform.apply(sink({ name: 'other-sink', targetState: TargetState.STOPPED, tasks: 0, topics: [] }));
      // Assess
      expect(stopWrites).toEqual(['UpdateEventSourceMappingCommand', 'UpdateEventSourceMappingCommand']);
      expect(aws.lambdaMock.commandCalls(UpdateEventSourceMappingCommand).map((c) => c.args[0].input)).toEqual([]);
      expect(stopped.ready).toBe(true);
      expect(aws.writes()).toEqual([]);
    });

    it('adds one mapping when topics.regex matches a new topic, leaving the existing one and its group alone', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink({ topics: ['orders'] }));
      aws.settle();
      aws.resetHistory();
      // Act
      await platform.apply(sink({ topics: ['orders', 'orders-eu'] }));
      // Assess
      expect(aws.writes()).toEqual(['CreateEventSourceMappingCommand']);
      expect(aws.lambdaMock.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input).toEqual({
        FunctionName: SINK_ALIAS_ARN,
        Topics: ['orders-eu'],
        StartingPosition: 'TRIM_HORIZON',
        Enabled: true,
        EventSourceArn: MSK_CLUSTER,
        AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-orders-sink-orders-eu' },
      });
      expect(aws.mappings.get('esm-1')?.AmazonManagedKafkaEventSourceConfig).toEqual({
        ConsumerGroupId: 'connect-orders-sink',
      });
    });

    it('deletes the mapping of a topic no longer consumed', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink());
      aws.settle();
      aws.resetHistory();
      // Act
      await platform.apply(sink({ topics: ['orders'] }));
      // Assess
      expect(aws.writes()).toEqual(['DeleteEventSourceMappingCommand']);
      expect(aws.lambdaMock.commandCalls(DeleteEventSourceMappingCommand)[0]?.args[0].input).toEqual({ UUID: 'esm-2' });
    });

    it("waits for a deleted mapping to be gone before creating its successor, which needs the topic's group", async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink({ topics: ['orders'] }));
      aws.settle();
      aws.mappings.get('esm-1')!.State = 'Deleting';
      aws.resetHistory();
      // Act
      const waiting = await platform.apply(sink({ topics: ['orders'] }));
      const waitingWrites = aws.writes();
      aws.settle();
      const recreated = await platform.apply(sink({ topics: ['orders'] }));
      // Assess
      expect(waitingWrites).toEqual([]);
      expect(waiting.ready).toBe(false);
      expect(aws.writes()).toEqual(['CreateEventSourceMappingCommand']);
      expect(recreated.ready).toBe(false);
    });

    it('deletes a duplicate mapping of a topic left by two racing reconciles', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink({ topics: ['orders'] }));
      aws.addMapping(SINK_ALIAS_ARN, 'orders', 'Enabled', true);
      aws.settle();
      aws.resetHistory();
      // Act
      await platform.apply(sink({ topics: ['orders'] }));
      // Assess
      expect(aws.lambdaMock.commandCalls(DeleteEventSourceMappingCommand).map((c) => c.args[0].input)).toEqual([
        { UUID: 'esm-2' },
      ]);
    });

    it('leaves a Creating mapping that should poll alone, but insists on disabling one that should not', async () => {
      // Prepare
      const platform = platformWith({ retry: { attempts: 3 } });
      await platform.apply(sink({ topics: ['orders'] }));
      aws.resetHistory();
      // Act
      const again = await platform.apply(sink({ topics: ['orders'] }));
      const againWrites = aws.writes();
      const pausing = platform.apply(sink({ topics: ['orders'], targetState: TargetState.PAUSED }));
      // Assess
      expect(againWrites).toEqual([]);
      expect(again.ready).toBe(false);
      await expect(pausing).rejects.toBeInstanceOf(RetriableError);
      await expect(pausing).rejects.toMatchObject({
        message: expect.stringContaining('Updating event source mapping esm-1 of sink connector orders-sink failed'),
        cause: { name: 'ResourceInUseException' },
      });
      expect(clock.sleeps).toEqual([250, 500]);
    });

    it('retries an update that conflicts with another update in flight', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink({ topics: ['orders'] }));
      aws.settle();
      aws.failNext(
        UpdateEventSourceMappingCommand,
        new ResourceConflictException({ message: 'Update in progress', $metadata: {} }),
      );
      // Act
      await platform.apply(sink({ topics: ['orders'], targetState: TargetState.PAUSED }));
      // Assess
      expect(aws.lambdaMock.commandCalls(UpdateEventSourceMappingCommand)).toHaveLength(2);
      expect(aws.mappings.get('esm-1')?.State).toBe('Disabling');
      expect(clock.sleeps).toEqual([250]);
    });

    it('deletes the mappings and then the alias on remove, and does nothing when nothing exists', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink());
      aws.settle();
      aws.resetHistory();
      // Act
      await platform.remove('orders-sink');
      const removeWrites = aws.writes();
      aws.resetHistory();
      await platform.remove('orders-sink-never-created');
      // Assess
      expect(removeWrites).toEqual([
        'DeleteEventSourceMappingCommand',
        'DeleteEventSourceMappingCommand',
        'DeleteAliasCommand',
      ]);
      expect(aws.lambdaMock.commandCalls(DeleteEventSourceMappingCommand).map((c) => c.args[0].input)).toEqual([]);
      expect(aws.aliases.size).toBe(0);
      expect(aws.writes()).toEqual([]);
    });

    it('names the exact alias and mappings it deletes', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink());
      aws.settle();
      // Act
      await platform.remove('orders-sink');
      // Assess
      expect(aws.lambdaMock.commandCalls(DeleteEventSourceMappingCommand).map((c) => c.args[0].input)).toEqual([
        { UUID: 'esm-1' },
        { UUID: 'esm-2' },
      ]);
      expect(aws.lambdaMock.commandCalls(DeleteAliasCommand)[0]?.args[0].input).toEqual({
        FunctionName: SINK_FN,
        Name: SINK_ALIAS,
      });
    });

    it('points an existing alias at the configured version when a deployment changed it', async () => {
      // Prepare
      await platformWith().apply(sink());
      aws.resetHistory();
      const platform = platformWith({
        sink: { functionArn: SINK_FN, functionVersion: '43', eventSource: { kind: 'msk', clusterArn: MSK_CLUSTER } },
      });
      // Act
      await platform.apply(sink());
      // Assess
      expect(aws.writes()).toEqual(['UpdateAliasCommand']);
      expect(aws.aliases.get(SINK_ALIAS_ARN)?.FunctionVersion).toBe('43');
    });
  });

  describe('source connectors', () => {
    it('creates a tagged schedule group and one schedule per task, and starts each task at once', async () => {
      // Prepare
      const platform = platformWith();
      // Act
      const { ready } = await platform.apply(source());
      // Assess
      expect(aws.schedulerMock.commandCalls(CreateScheduleGroupCommand).map((c) => c.args[0].input)).toEqual([
        { Name: SOURCE_GROUP, Tags: [{ Key: 'kafka-connect:managed-by', Value: SOURCE_FN }] },
      ]);
      expect(aws.schedulerMock.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input)).toEqual(
        [0, 1].map((task) => ({
          Name: `task-${task}`,
          GroupName: SOURCE_GROUP,
          ScheduleExpression: 'rate(1 minute)',
          FlexibleTimeWindow: { Mode: 'OFF' },
          State: 'ENABLED',
          Target: { Arn: SOURCE_FN, RoleArn: SCHEDULER_ROLE, Input: payload(task), RetryPolicy: RETRY_POLICY },
        })),
      );
      expect(aws.lambdaMock.commandCalls(InvokeCommand).map((c) => c.args[0].input)).toEqual([
        {
          FunctionName: SOURCE_FN,
          InvocationType: 'Event',
          Payload: '{"connector":"files-source","task":0,"generation":7}',
        },
        {
          FunctionName: SOURCE_FN,
          InvocationType: 'Event',
          Payload: '{"connector":"files-source","task":1,"generation":7}',
        },
      ]);
      expect(ready).toBe(true);
    });

    it('sends no write command and starts nothing when applied again with nothing changed', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(source());
      aws.resetHistory();
      // Act
      const { ready } = await platform.apply(source());
      // Assess
      expect(aws.writes()).toEqual([]);
      expect(ready).toBe(true);
    });

    it("rewrites each schedule's Input on a new generation with Get then a full-replace Update that keeps foreign fields", async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(source({ tasks: 1 }));
      const stored = aws.schedules.get(`${SOURCE_GROUP}/task-0`)!;
      stored.Description = 'files from /var/spool';
      stored.ScheduleExpressionTimezone = 'Europe/Paris';
      stored.Target = {
        ...stored.Target!,
        DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:connect-dlq' },
      };
      aws.resetHistory();
      // Act
      await platform.apply(source({ tasks: 1, generation: 8 }));
      // Assess
      expect(aws.schedulerMock.commandCalls(GetScheduleCommand).map((c) => c.args[0].input)).toEqual([
        { Name: 'task-0', GroupName: SOURCE_GROUP },
      ]);
      expect(aws.schedulerMock.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input)).toEqual([
        {
          Name: 'task-0',
          GroupName: SOURCE_GROUP,
          ScheduleExpression: 'rate(1 minute)',
          ScheduleExpressionTimezone: 'Europe/Paris',
          Description: 'files from /var/spool',
          State: 'ENABLED',
          Target: {
            Arn: SOURCE_FN,
            RoleArn: SCHEDULER_ROLE,
            Input: payload(0, 8),
            RetryPolicy: RETRY_POLICY,
            DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:connect-dlq' },
          },
          FlexibleTimeWindow: { Mode: 'OFF' },
        },
      ]);
      expect(aws.lambdaMock.commandCalls(InvokeCommand).map((c) => c.args[0].input.Payload)).toEqual([payload(0, 8)]);
    });

    it('leaves a schedule that a reconcile of a newer generation already wrote', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(source({ tasks: 1, generation: 9 }));
      aws.resetHistory();
      // Act
      await platform.apply(source({ tasks: 1, generation: 8 }));
      // Assess
      expect(aws.writes()).toEqual([]);
      expect(aws.schedules.get(`${SOURCE_GROUP}/task-0`)?.Target?.Input).toBe(payload(0, 9));
    });

    it('disables the schedules on pause without starting anything, and enables and starts them on resume', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(source());
      aws.resetHistory();
      // Act
      await platform.apply(source({ targetState: TargetState.PAUSED }));
      const pauseStates = aws.schedulerMock.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input.State);
      const pauseInvocations = aws.lambdaMock.commandCalls(InvokeCommand).length;
      aws.resetHistory();
      await platform.apply(source());
      // Assess
      expect(pauseStates).toEqual(['DISABLED', 'DISABLED']);
      expect(pauseInvocations).toBe(0);
      expect(aws.schedulerMock.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input.State)).toEqual([
        'ENABLED',
        'ENABLED',
      ]);
      expect(aws.lambdaMock.commandCalls(InvokeCommand)).toHaveLength(2);
    });

    it('disables only the schedule of a failed task', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(source());
      aws.resetHistory();
      // Act
      await platform.apply(source({ failedTasks: new Set([1]) }));
      // Assess
      expect(
        aws.schedulerMock.commandCalls(UpdateScheduleCommand).map((c) => [c.args[0].input.Name, c.args[0].input.State]),
      ).toEqual([['task-1', 'DISABLED']]);
    });

    it('deletes the schedules of tasks beyond the new task count', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(source({ tasks: 3 }));
      aws.resetHistory();
      // Act
      await platform.apply(source({ tasks: 1 }));
      // Assess
      expect(aws.writes()).toEqual(['DeleteScheduleCommand', 'DeleteScheduleCommand']);
      expect(aws.schedulerMock.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
        { Name: 'task-1', GroupName: SOURCE_GROUP },
        { Name: 'task-2', GroupName: SOURCE_GROUP },
      ]);
    });

    it('deletes the schedule group on remove, and recreates it only once the old one is gone', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(source());
      aws.resetHistory();
      // Act
      await platform.remove('files-source');
      const removeCalls = aws.schedulerMock.commandCalls(DeleteScheduleGroupCommand).map((c) => c.args[0].input);
      aws.resetHistory();
      const whileDeleting = await platform.apply(source());
      const deletingWrites = aws.writes();
      aws.settle();
      const afterwards = await platform.apply(source());
      // Assess
      expect(removeCalls).toEqual([{ Name: SOURCE_GROUP }]);
      expect(deletingWrites).toEqual([]);
      expect(whileDeleting.ready).toBe(false);
      expect(afterwards.ready).toBe(true);
      expect(aws.schedules.size).toBe(2);
    });

    it('does not fail when the immediate start is refused: the schedule starts the task within a minute', async () => {
      // Prepare
      const platform = platformWith();
      const denied = Object.assign(new Error('not authorized to perform: lambda:InvokeFunction'), {
        name: 'AccessDeniedException',
      });
      aws.failNext(InvokeCommand, denied);
      // Act
      const { ready } = await platform.apply(source({ tasks: 1 }));
      // Assess
      expect(ready).toBe(true);
      expect(warnings).toEqual(['could not start the source task at once; its schedule starts it']);
    });

    it('retries a throttled Scheduler call with backoff', async () => {
      // Prepare
      const platform = platformWith();
      aws.failNext(
        CreateScheduleGroupCommand,
        new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: {} }),
        new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: {} }),
      );
      // Act
      await platform.apply(source({ tasks: 1 }));
      // Assess
      expect(aws.schedulerMock.commandCalls(CreateScheduleGroupCommand)).toHaveLength(3);
      expect(clock.sleeps).toEqual([250, 500]);
      expect(aws.groups.get(SOURCE_GROUP)?.State).toBe('ACTIVE');
    });
  });

  describe('errors', () => {
    it('retries a throttled Lambda call with backoff', async () => {
      // Prepare
      const platform = platformWith();
      aws.failNext(
        CreateEventSourceMappingCommand,
        new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }),
      );
      // Act
      await platform.apply(sink({ topics: ['orders'] }));
      // Assess
      expect(aws.lambdaMock.commandCalls(CreateEventSourceMappingCommand)).toHaveLength(2);
      expect(clock.sleeps).toEqual([250]);
      expect(aws.mappingsOf(SINK_ALIAS_ARN)).toHaveLength(1);
    });

    it('gives up after its bounded attempts with a RetriableError naming the operation and keeping the cause', async () => {
      // Prepare
      const platform = platformWith();
      const throttled = () => new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} });
      aws.failNext(CreateAliasCommand, throttled(), throttled(), throttled(), throttled(), throttled());
      // Act
      const applying = platform.apply(sink());
      // Assess
      await expect(applying).rejects.toBeInstanceOf(RetriableError);
      await expect(applying).rejects.toMatchObject({
        message: `Creating alias ${SINK_ALIAS} for sink connector orders-sink failed: TooManyRequestsException: Rate exceeded`,
        cause: { name: 'TooManyRequestsException' },
      });
      expect(clock.sleeps).toEqual([250, 500, 1000, 2000]);
    });

    it('wraps an error that repeating cannot fix in a ConnectError at once', async () => {
      // Prepare
      const platform = platformWith();
      aws.failNext(
        CreateEventSourceMappingCommand,
        new InvalidParameterValueException({ message: 'Cluster not found', $metadata: {} }),
      );
      // Act
      const applying = platform.apply(sink({ topics: ['orders'] }));
      // Assess
      await expect(applying).rejects.toBeInstanceOf(ConnectError);
      await expect(applying).rejects.not.toBeInstanceOf(RetriableError);
      await expect(applying).rejects.toMatchObject({ cause: { name: 'InvalidParameterValueException' } });
      expect(clock.sleeps).toEqual([]);
    });

    it('rejects a resource prefix that could make invalid names', () => {
      // Act
      const build = () => platformWith({ resourcePrefix: '1.bad' });
      // Assess
      expect(build).toThrow(/Invalid resource prefix '1.bad'/);
    });
  });

  describe('lifecycle', () => {
    it("removes a sink's alias and mappings when the connector becomes a source", async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink());
      aws.settle();
      aws.resetHistory();
      // Act
      await platform.apply(source({ name: 'orders-sink', tasks: 1 }));
      // Assess
      expect(aws.writes()).toEqual([
        'DeleteEventSourceMappingCommand',
        'DeleteEventSourceMappingCommand',
        'DeleteAliasCommand',
        'InvokeCommand',
        'CreateScheduleGroupCommand',
        'CreateScheduleCommand',
      ]);
    });

    it('lists topics through the injected Kafka admin and reports its failure as retriable', async () => {
      // Prepare
      const platform = platformWith();
      // Act
      const listed = await platform.listTopics();
      topics = [];
      const failing = platform.listTopics();
      // Assess
      expect(listed).toEqual(['orders', 'payments']);
      await expect(failing).rejects.toBeInstanceOf(RetriableError);
      await expect(failing).rejects.toMatchObject({ cause: { message: 'connect ECONNREFUSED 10.0.0.1:9098' } });
    });

    it('deletes every alias, mapping and schedule group this deployment created, and nothing else', async () => {
      // Prepare
      const platform = platformWith();
      await platform.apply(sink());
      await platform.apply(source());
      await platform.apply(source({ name: 'Orders Sink/EU', tasks: 1 }));
      aws.settle();
      aws.aliases.set(`${SINK_FN}:live`, { Name: 'live', FunctionVersion: '1', FunctionArn: SINK_FN });
      aws.groups.set('kc-someone-else-0123456789', {
        Arn: 'arn:aws:scheduler:eu-west-1:123456789012:schedule-group/kc-someone-else-0123456789',
        Name: 'kc-someone-else-0123456789',
        State: 'ACTIVE',
        Tags: [{ Key: 'kafka-connect:managed-by', Value: 'arn:aws:lambda:eu-west-1:123456789012:function:other' }],
      });
      aws.resetHistory();
      // Act
      const removed = await platform.removeAllManaged();
      // Assess
      expect(removed).toEqual({ aliases: 1, eventSourceMappings: 2, scheduleGroups: 2 });
      expect(aws.schedulerMock.commandCalls(DeleteScheduleGroupCommand).map((c) => c.args[0].input)).toEqual([
        { Name: SOURCE_GROUP },
        { Name: 'kc-Orders-Sink-EU-d04a0bdf62' },
      ]);
      expect(aws.lambdaMock.commandCalls(DeleteAliasCommand).map((c) => c.args[0].input)).toEqual([
        { FunctionName: SINK_FN, Name: SINK_ALIAS },
      ]);
      expect([...aws.aliases.keys()]).toEqual([`${SINK_FN}:live`]);
    });
  });
});
