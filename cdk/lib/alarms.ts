import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ConnectFunction } from './connect-function';
import { acknowledge } from './nag';
import type { ConnectRestApi } from './rest-api';

/**
 * The EMF metrics the sink and source functions write (shared/observability/metrics.ts, which cdk/
 * may not import; test/cdk keeps the two lists equal).
 */
export const TASK_METRICS = {
  namespace: 'KafkaConnect',
  sinkRecordsRead: 'SinkRecordsRead',
  sinkRecordsPut: 'SinkRecordsPut',
  sourceRecordsPolled: 'SourceRecordsPolled',
  sourceRecordsWritten: 'SourceRecordsWritten',
  recordErrors: 'RecordErrors',
  deadLetterRecords: 'DeadLetterRecords',
  taskFailures: 'TaskFailures',
} as const;

export interface ConnectAlarmsProps {
  readonly functions: {
    readonly rest: ConnectFunction;
    readonly herder: ConnectFunction;
    readonly sink: ConnectFunction;
    readonly source: ConnectFunction;
  };
  readonly api: ConnectRestApi;
  readonly herderFailures: sqs.IQueue;
  /** Alarm when a sink connector's consumer group is this many records behind. */
  readonly offsetLagThreshold: number;
  /** Subscribed to the alarm topic when given. */
  readonly alarmEmail?: string;
  /** Encrypts the alarm topic (CloudWatch is allowed to use it). */
  readonly encryptionKey?: kms.IKey;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms to an SNS topic, and one dashboard: records in and out, record errors and dead-lettered
 * records, task failures, the sink event source mappings' offset lag, each function's errors and
 * throttles, the API's 5xx answers and the herder's dead letter queue.
 */
export class ConnectAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ConnectAlarmsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `Kafka Connect alarms (${stackName})`,
      enforceSSL: true,
      ...(props.encryptionKey ? { masterKey: props.encryptionKey } : {}),
    });
    if (props.encryptionKey) {
      // CloudWatch publishes alarm notifications to the encrypted topic.
      props.encryptionKey.addToResourcePolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          resources: ['*'],
        }),
      );
    } else {
      acknowledge(
        this.topic,
        'AwsSolutions-SNS2',
        "CloudWatch alarms cannot publish to a topic encrypted with the AWS managed aws/sns key; the topic is encrypted with the stack's customer-managed key when that option is on.",
      );
    }
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const { rest, herder, sink, source } = props.functions;
    const fns = { rest, herder, 'sink-task': sink, 'source-task': source };

    // Task health, summed over every connector (the EMF documents' dimensionless set).
    this.alarm(
      'TaskFailures',
      taskMetric(TASK_METRICS.taskFailures),
      1,
      'A connector task went FAILED: see GET /connectors/<name>/status',
    );
    this.alarm(
      'DeadLetterRecords',
      taskMetric(TASK_METRICS.deadLetterRecords),
      1,
      'Records were written to a dead letter queue topic (errors.tolerance=all)',
    );
    this.alarm(
      'OffsetLag',
      new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName: 'OffsetLag',
        dimensionsMap: { FunctionName: sink.function.functionName },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: FIVE_MINUTES,
      }),
      props.offsetLagThreshold,
      `A sink connector's consumer group is ${props.offsetLagThreshold} or more records behind its topic`,
      3,
    );
    for (const [name, fn] of Object.entries(fns)) {
      this.alarm(
        `${pascal(name)}Errors`,
        fn.function.metricErrors({ period: FIVE_MINUTES }),
        1,
        `The ${name} function failed invocations`,
      );
      this.alarm(
        `${pascal(name)}Throttles`,
        fn.function.metricThrottles({ period: FIVE_MINUTES }),
        1,
        `The ${name} function was throttled`,
      );
    }
    this.alarm(
      'Api5xx',
      props.api.api.deploymentStage.metricServerError({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      1,
      'The Kafka Connect REST API answered 5xx',
    );
    this.alarm(
      'HerderDeadLetters',
      props.herderFailures.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      1,
      'The herder gave up on events: read the herder failures queue',
    );

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${stackName}-kafka-connect`.slice(0, 255),
      defaultInterval: Duration.hours(3),
    });
    const byConnector = (metric: string, label: string) =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('{${TASK_METRICS.namespace},Connector} MetricName="${metric}"', 'Sum', 300)`,
        label,
        period: FIVE_MINUTES,
        usingMetrics: {},
      });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Records in (sink read, source polled)',
        left: [taskMetric(TASK_METRICS.sinkRecordsRead), taskMetric(TASK_METRICS.sourceRecordsPolled)],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Records out (sink put, source written)',
        left: [taskMetric(TASK_METRICS.sinkRecordsPut), taskMetric(TASK_METRICS.sourceRecordsWritten)],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Records out by connector',
        left: [
          byConnector(TASK_METRICS.sinkRecordsPut, 'sink put'),
          byConnector(TASK_METRICS.sourceRecordsWritten, 'source written'),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Record errors, dead-lettered records, task failures',
        left: [
          taskMetric(TASK_METRICS.recordErrors),
          taskMetric(TASK_METRICS.deadLetterRecords),
          taskMetric(TASK_METRICS.taskFailures),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Sink offset lag by connector alias',
        left: [
          new cloudwatch.MathExpression({
            expression: `SEARCH('{AWS/Lambda,FunctionName,Resource} MetricName="OffsetLag" FunctionName="${sink.function.functionName}"', 'Maximum', 300)`,
            label: 'offset lag',
            period: FIVE_MINUTES,
            usingMetrics: {},
          }),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Herder dead letter queue',
        left: [props.herderFailures.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES })],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Function errors',
        left: Object.entries(fns).map(([name, fn]) => fn.function.metricErrors({ period: FIVE_MINUTES, label: name })),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function throttles',
        left: Object.entries(fns).map(([name, fn]) =>
          fn.function.metricThrottles({ period: FIVE_MINUTES, label: name }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function duration (p99)',
        left: Object.entries(fns).map(([name, fn]) =>
          fn.function.metricDuration({ period: FIVE_MINUTES, statistic: 'p99', label: name }),
        ),
        width: 8,
      }),
    );
    const stage = props.api.api.deploymentStage;
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'REST API requests and errors',
        left: [
          stage.metricCount({ period: FIVE_MINUTES }),
          stage.metricClientError({ period: FIVE_MINUTES }),
          stage.metricServerError({ period: FIVE_MINUTES }),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'REST API latency (p99)',
        left: [stage.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' })],
        width: 12,
      }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }),
    );
  }

  private alarm(id: string, metric: cloudwatch.IMetric, threshold: number, description: string, periods = 1): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: periods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

/** A task metric summed over every connector and task (the EMF documents' empty dimension set). */
function taskMetric(name: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: TASK_METRICS.namespace,
    metricName: name,
    statistic: cloudwatch.Stats.SUM,
    period: FIVE_MINUTES,
  });
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
