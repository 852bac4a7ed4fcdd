import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/env';
import { HERDER_TRIGGER_PARTITIONS, PARTITION_KEY } from '../../shared/stores/dynamodb/schema';
import { ConnectFunction, type FunctionNames, type FunctionObservability } from './connect-function';
import type { KafkaWiring } from './kafka';
import { acknowledge, WildcardJustifications } from './nag';
import type { ConnectTables } from './tables';

/** Lambda's cap on the timeout of a function invoked by a Kafka event source mapping. */
export const KAFKA_ESM_MAX_TIMEOUT = Duration.minutes(14);

export interface TaskFunctionSettings {
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly reservedConcurrency?: number;
}

export interface WorkersProps {
  /** CONNECT_RESOURCE_PREFIX: starts every alias and schedule group the herder creates. */
  readonly resourcePrefix: string;
  readonly names: FunctionNames;
  readonly tables: ConnectTables;
  readonly kafka: KafkaWiring;
  readonly observability: FunctionObservability;
  readonly sink: TaskFunctionSettings & {
    /** CONNECT_ESM_BATCH_SIZE for the sink connectors' event source mappings. */
    readonly batchSize?: number;
    /** CONNECT_ESM_BATCHING_WINDOW_SECONDS. */
    readonly batchingWindowSeconds?: number;
  };
  readonly source: TaskFunctionSettings;
  readonly herder: { readonly reservedConcurrency?: number; readonly repairEvery: Duration };
  /** Secrets Manager and Parameter Store names connector configs may reference (`${secretsmanager:…}`, `${ssm:…}`). */
  readonly configSecretsPrefix: string;
  /** CONNECT_BUILD_COMMIT. */
  readonly buildCommit: string;
}

/**
 * The workers: the sink-task function (one alias and event source mappings per sink connector,
 * created by the herder), the source-task function (Scheduler schedules per source task, invoked
 * with the scheduler role), and the herder function fired by the configs table stream, by a
 * repair schedule every few minutes and by the other functions' signals, with a dead letter
 * queue for what it could not do. The herder may touch only the sink function's aliases and
 * mappings and only this deployment's schedule groups.
 */
export class Workers extends Construct {
  readonly sink: ConnectFunction;
  readonly source: ConnectFunction;
  readonly herder: ConnectFunction;
  /** The role Scheduler assumes to invoke the source function (CONNECT_SCHEDULER_ROLE_ARN). */
  readonly schedulerRole: iam.Role;
  /** Failed herder events: asynchronous invocations, stream batches and repair firings it gave up on. */
  readonly herderFailures: sqs.Queue;
  readonly repairSchedule: scheduler.Schedule;
  readonly configsStream: DynamoEventSource;
  private readonly props: WorkersProps;

  constructor(scope: Construct, id: string, props: WorkersProps) {
    super(scope, id);
    this.props = props;
    const { names, tables, kafka, resourcePrefix } = props;
    const stack = Stack.of(this);
    const sinkArn = names.arn(this, 'sink-task');
    const sourceArn = names.arn(this, 'source-task');
    const herderArn = names.arn(this, 'herder');
    const common = {
      ...tables.environment(),
      ...kafka.environment(),
      [ENV.buildCommit]: props.buildCommit,
    };

    if (props.sink.timeout.toSeconds() > KAFKA_ESM_MAX_TIMEOUT.toSeconds()) {
      throw new Error(`The sink function's timeout must be at most 14 minutes (the Kafka event source mapping cap)`);
    }
    this.sink = new ConnectFunction(this, 'SinkTask', {
      name: 'sink-task',
      functionName: names.name('sink-task'),
      description: 'Kafka Connect sink tasks: one alias and Kafka event source mappings per sink connector',
      memorySize: props.sink.memorySize,
      timeout: props.sink.timeout,
      reservedConcurrentExecutions: props.sink.reservedConcurrency,
      environment: { ...common, [ENV.herderFunctionArn]: herderArn },
      network: kafka.network,
      observability: props.observability,
    });
    this.source = new ConnectFunction(this, 'SourceTask', {
      name: 'source-task',
      functionName: names.name('source-task'),
      description: 'Kafka Connect source tasks: invoked per task by EventBridge Scheduler',
      memorySize: props.source.memorySize,
      timeout: props.source.timeout,
      reservedConcurrentExecutions: props.source.reservedConcurrency,
      environment: { ...common, [ENV.herderFunctionArn]: herderArn },
      network: kafka.network,
      observability: props.observability,
    });
    // A missed firing is not retried (the next is a minute away and would meet the task's lease),
    // as the schedules' own retry policy says (shared/platform/source-schedules.ts).
    this.source.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(1) });

    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the Kafka Connect source-task function',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': this.scheduleArn(`${resourcePrefix}-*/*`) },
        },
      }),
    });
    this.schedulerRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'InvokeSourceTasks', actions: ['lambda:InvokeFunction'], resources: [sourceArn] }),
    );

    this.herderFailures = new sqs.Queue(this, 'HerderFailures', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      // SQS-managed keys even with the customer-managed key option: the messages hold connector
      // names and stream positions only, and a KMS-encrypted queue would need every sender to hold
      // aws-cdk-lib's kms:GenerateDataKey*/kms:ReEncrypt* grant.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    acknowledge(
      this.herderFailures,
      'AwsSolutions-SQS3',
      'This queue is the dead letter queue (on-failure destination) of the herder; a dead letter queue of its own would only move the problem.',
    );

    this.herder = new ConnectFunction(this, 'Herder', {
      name: 'herder',
      functionName: names.name('herder'),
      description: 'Kafka Connect herder: converges aliases, event source mappings and schedules to the configs table',
      memorySize: 512,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: props.herder.reservedConcurrency,
      environment: {
        ...common,
        [ENV.resourcePrefix]: resourcePrefix,
        [ENV.sinkFunctionArn]: sinkArn,
        [ENV.sourceFunctionArn]: sourceArn,
        [ENV.schedulerRoleArn]: this.schedulerRole.roleArn,
        ...(props.sink.batchSize !== undefined ? { [ENV.esmBatchSize]: String(props.sink.batchSize) } : {}),
        ...(props.sink.batchingWindowSeconds !== undefined
          ? { [ENV.esmBatchingWindowSeconds]: String(props.sink.batchingWindowSeconds) }
          : {}),
      },
      network: kafka.network,
      observability: props.observability,
    });
    // {"connector": name} signals from the other functions: retried twice, then kept in the queue.
    this.herder.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.herderFailures),
    });

    // The configs table stream: connector and restart records only (task-config chunks filtered
    // out), bounded retries with bisection, then the batch's description goes to the queue.
    WildcardJustifications.of(this).forAction(
      'dynamodb:ListStreams',
      "Lambda's DynamoDB stream event source lists streams; dynamodb:ListStreams supports no resource-level permissions.",
    );
    this.configsStream = new DynamoEventSource(tables.configs, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      retryAttempts: 5,
      bisectBatchOnError: true,
      maxRecordAge: Duration.hours(1),
      onFailure: new SqsDlq(this.herderFailures),
      filters: [
        lambda.FilterCriteria.filter({
          dynamodb: { Keys: { [PARTITION_KEY]: { S: lambda.FilterRule.or(...HERDER_TRIGGER_PARTITIONS) } } },
        }),
      ],
    });
    this.herder.function.addEventSource(this.configsStream);

    // The periodic repair: {"repair": true} every few minutes (functions/herder/handler.ts).
    const repairName = `${resourcePrefix}-herder-repair`;
    const repairRole = new iam.Role(this, 'RepairScheduleRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the Kafka Connect herder for the periodic repair',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': this.scheduleArn(`default/${repairName}`) },
        },
      }),
    });
    repairRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'InvokeHerder', actions: ['lambda:InvokeFunction'], resources: [herderArn] }),
    );
    this.herderFailures.grantSendMessages(repairRole);
    // The target is written out rather than targets.LambdaInvoke, which would also grant the role
    // every version and alias of the herder (`<arn>:*`).
    const repairTarget: scheduler.IScheduleTarget = {
      bind: () => ({
        arn: herderArn,
        role: repairRole,
        input: scheduler.ScheduleTargetInput.fromObject({ repair: true }),
        // A missed repair is not retried: the next one is minutes away.
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 300 },
        deadLetterConfig: { arn: this.herderFailures.queueArn },
      }),
    };
    this.repairSchedule = new scheduler.Schedule(this, 'RepairSchedule', {
      scheduleName: repairName,
      description: 'Kafka Connect herder: periodic repair of every connector',
      schedule: scheduler.ScheduleExpression.rate(props.herder.repairEvery),
      target: repairTarget,
    });
    this.repairSchedule.node.addDependency(this.herder);

    this.grantHerder(sourceArn);
    this.grantTasks(herderArn);
  }

  /** The source tasks' schedules: arn:…:scheduler:<region>:<account>:schedule/<group>/<name>. */
  scheduleArn(groupAndName: string): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: groupAndName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** This deployment's schedule groups (one per source connector). */
  scheduleGroupArn(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule-group',
      resourceName: `${this.props.resourcePrefix}-*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** ARNs of the sink connectors' aliases (`<sink function ARN>:<prefix>-…`). */
  sinkAliasArns(): string[] {
    const sinkArn = this.props.names.arn(this, 'sink-task');
    return [sinkArn, `${sinkArn}:${this.props.resourcePrefix}-*`];
  }

  /**
   * Connector configs may name secrets and parameters under the configured prefix; the functions
   * that resolve `${provider:path:key}` placeholders may read those only.
   */
  grantConfigSecrets(role: iam.IRole): void {
    const prefix = this.props.configSecretsPrefix;
    if (!prefix) return;
    const stack = Stack.of(this);
    const justify = WildcardJustifications.of(this);
    role.addToPrincipalPolicy(
      justify.statement(
        'ConfigProviderSecrets',
        `Connector configs name their secrets and parameters at run time (\${secretsmanager:…}, \${ssm:…}); the grant covers the names under the ${prefix} prefix only (Secrets Manager ARNs also end in a random suffix).`,
        {
          actions: ['secretsmanager:GetSecretValue', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
          resources: [
            stack.formatArn({
              service: 'secretsmanager',
              resource: 'secret',
              resourceName: `${prefix}*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
            stack.formatArn({
              service: 'ssm',
              resource: 'parameter',
              resourceName: `${prefix.replace(/^\/+/, '')}*`,
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          ],
        },
      ),
    );
  }

  private grantHerder(sourceArn: string): void {
    const { tables, kafka } = this.props;
    const role = this.herder.role;
    const justify = WildcardJustifications.of(this);
    const aliasArns = this.sinkAliasArns();
    tables.grantConfigReadWrite(role);
    tables.grantStatusesReadWrite(role);
    tables.grantLeasesReadWrite(role);
    kafka.grantTopicListing(role);
    this.grantConfigSecrets(role);

    role.addToPolicy(
      justify.statement(
        'SinkAliases',
        "Sink connectors' aliases of the sink function are named after the connectors at run time; the grant covers the sink function's aliases under this deployment's prefix.",
        {
          actions: [
            'lambda:CreateAlias',
            'lambda:UpdateAlias',
            'lambda:DeleteAlias',
            'lambda:GetAlias',
            'lambda:ListAliases',
          ],
          resources: aliasArns,
        },
      ),
    );
    const onSinkAliases = { ArnLike: { 'lambda:FunctionArn': aliasArns } };
    role.addToPolicy(
      justify.statement(
        'CreateSinkEventSourceMappings',
        'CreateEventSourceMapping names no existing resource; the lambda:FunctionArn condition limits it to the sink function and its aliases.',
        { actions: ['lambda:CreateEventSourceMapping'], resources: ['*'], conditions: onSinkAliases },
      ),
    );
    role.addToPolicy(
      justify.statement(
        'SinkEventSourceMappings',
        'Event source mappings get UUIDs at creation; the lambda:FunctionArn condition limits these actions to mappings of the sink function and its aliases.',
        {
          actions: [
            'lambda:GetEventSourceMapping',
            'lambda:UpdateEventSourceMapping',
            'lambda:DeleteEventSourceMapping',
          ],
          resources: [
            Stack.of(this).formatArn({
              service: 'lambda',
              resource: 'event-source-mapping',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ],
          conditions: onSinkAliases,
        },
      ),
    );
    role.addToPolicy(
      justify.statement(
        'ListEventSourceMappings',
        'lambda:ListEventSourceMappings supports no resource-level permissions.',
        { actions: ['lambda:ListEventSourceMappings'], resources: ['*'] },
      ),
    );
    role.addToPolicy(
      justify.statement(
        'SourceScheduleGroups',
        "Source connectors' schedule groups are named after the connectors at run time; the grant covers groups under this deployment's prefix.",
        {
          actions: [
            'scheduler:CreateScheduleGroup',
            'scheduler:GetScheduleGroup',
            'scheduler:DeleteScheduleGroup',
            'scheduler:TagResource',
            'scheduler:ListTagsForResource',
          ],
          resources: [this.scheduleGroupArn()],
        },
      ),
    );
    role.addToPolicy(
      justify.statement(
        'SourceSchedules',
        "Source tasks' schedules live in the connectors' groups, named at run time; the grant covers schedules in groups under this deployment's prefix.",
        {
          actions: [
            'scheduler:CreateSchedule',
            'scheduler:GetSchedule',
            'scheduler:UpdateSchedule',
            'scheduler:DeleteSchedule',
          ],
          resources: [this.scheduleArn(`${this.props.resourcePrefix}-*/*`)],
        },
      ),
    );
    role.addToPolicy(
      justify.statement(
        'ListSchedules',
        'scheduler:ListScheduleGroups and scheduler:ListSchedules support no resource-level permissions.',
        { actions: ['scheduler:ListScheduleGroups', 'scheduler:ListSchedules'], resources: ['*'] },
      ),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PassSchedulerRole',
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    // A newly enabled source task is invoked once at once rather than at the next firing.
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'StartSourceTasks', actions: ['lambda:InvokeFunction'], resources: [sourceArn] }),
    );
  }

  private grantTasks(herderArn: string): void {
    const { tables, kafka } = this.props;
    const signalHerder = () =>
      new iam.PolicyStatement({ sid: 'SignalHerder', actions: ['lambda:InvokeFunction'], resources: [herderArn] });

    const sink = this.sink.role;
    tables.grantConfigRead(sink);
    tables.grantStatusesReadWrite(sink);
    tables.grantLeasesReadWrite(sink);
    kafka.grantConsume(sink);
    kafka.grantProduce(sink);
    this.grantConfigSecrets(sink);
    sink.addToPolicy(signalHerder());
    // The invoked alias names the connector (shared/platform/alias-resolver.ts).
    sink.addToPolicy(
      WildcardJustifications.of(this).statement(
        'ResolveSinkAliases',
        "The sink function reads the alias it was invoked through to find its connector; aliases are named after connectors at run time, under this deployment's prefix.",
        { actions: ['lambda:GetAlias'], resources: this.sinkAliasArns() },
      ),
    );

    const source = this.source.role;
    tables.grantConfigRead(source);
    tables.grantOffsetsReadWrite(source);
    tables.grantStatusesReadWrite(source);
    tables.grantLeasesReadWrite(source);
    kafka.grantProduce(source);
    kafka.grantExactlyOnceSource(source);
    this.grantConfigSecrets(source);
    source.addToPolicy(signalHerder());
  }
}
