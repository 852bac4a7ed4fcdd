import { createHash } from 'node:crypto';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ConnectAlarms } from './alarms';
import { ConnectCleanup } from './cleanup';
import { FunctionNames, type FunctionObservability } from './connect-function';
import { type KafkaProps, KafkaWiring } from './kafka';
import { ConnectRestApi, type PrivateEndpointProps } from './rest-api';
import { ConnectTables } from './tables';
import { type TaskFunctionSettings, Workers } from './workers';

export interface ConnectStackProps extends StackProps {
  /** The stack name; the resource prefix derives from it. */
  readonly stackName: string;
  readonly kafka: KafkaProps;
  /** Exactly-once source tasks (transactions per batch with their offsets); off by default. */
  readonly exactlyOnceSource?: boolean;
  /** Prefix of the functions, aliases and schedule groups; derived from the stack name when undefined. */
  readonly resourcePrefix?: string;
  /** A customer-managed key for the tables and the alarm topic: `true` creates one, a string is an existing key's ARN. */
  readonly customerManagedKey?: boolean | string;
  /** Table deletion protection; protected tables (and the key) are kept when the stack is deleted. */
  readonly deletionProtection: boolean;
  readonly logRetention: logs.RetentionDays;
  readonly tracing: boolean;
  readonly sink: TaskFunctionSettings & { readonly batchSize?: number; readonly batchingWindowSeconds?: number };
  readonly source: TaskFunctionSettings;
  readonly restReservedConcurrency?: number;
  readonly herderReservedConcurrency?: number;
  readonly api: {
    readonly stageName: string;
    readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
    readonly privateEndpoint?: PrivateEndpointProps;
    readonly manageAccountLoggingRole: boolean;
  };
  readonly configSecretsPrefix: string;
  readonly offsetLagThreshold: number;
  readonly alarmEmail?: string;
  readonly buildCommit: string;
}

/**
 * CONNECT_RESOURCE_PREFIX of a stack: `kc-<up to 11 letters and digits of the stack name>-<4 hex
 * of its hash>` ([a-zA-Z][a-zA-Z0-9_-]{0,19}). Stack names are unique per account and region, and
 * so are the prefixes, which Scheduler's account-wide group names need; no prefix can be the start
 * of another's names, since each holds exactly two '-'.
 */
export function resourcePrefixOf(stackName: string): string {
  const stem = stackName.replace(/[^a-zA-Z0-9]/g, '').slice(0, 11);
  const hash = createHash('sha256').update(stackName).digest('hex').slice(0, 4);
  return `kc-${stem}-${hash}`;
}

/** Kafka Connect on AWS: the constructs of cdk/lib, composed. */
export class ConnectStack extends Stack {
  readonly resourcePrefix: string;
  readonly tables: ConnectTables;
  readonly kafka: KafkaWiring;
  readonly workers: Workers;
  readonly restApi: ConnectRestApi;
  readonly cleanup: ConnectCleanup;
  readonly alarms: ConnectAlarms;
  readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: ConnectStackProps) {
    super(scope, id, {
      ...props,
      description:
        props.description ??
        'Kafka Connect on AWS Lambda, MSK event source mappings, EventBridge Scheduler, DynamoDB and API Gateway',
    });
    const prefix = props.resourcePrefix ?? resourcePrefixOf(props.stackName);
    if (!/^[a-zA-Z][a-zA-Z0-9_-]{0,19}$/.test(prefix)) throw new Error(`Invalid resource prefix '${prefix}'`);
    this.resourcePrefix = prefix;
    const names = new FunctionNames(prefix);
    const retain = props.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const observability: FunctionObservability = {
      logRetention: props.logRetention,
      tracing: props.tracing,
      logRemovalPolicy: retain,
    };
    this.encryptionKey = this.customerManagedKey(props.customerManagedKey, retain);

    this.tables = new ConnectTables(this, 'Tables', {
      encryptionKey: this.encryptionKey,
      deletionProtection: props.deletionProtection,
    });
    this.kafka = new KafkaWiring(this, 'Kafka', {
      kafka: props.kafka,
      exactlyOnceSource: props.exactlyOnceSource,
      logRetention: props.logRetention,
      logRemovalPolicy: retain,
    });
    this.workers = new Workers(this, 'Workers', {
      resourcePrefix: prefix,
      names,
      tables: this.tables,
      kafka: this.kafka,
      observability,
      sink: props.sink,
      source: props.source,
      herder: { reservedConcurrency: props.herderReservedConcurrency, repairEvery: Duration.minutes(5) },
      configSecretsPrefix: props.configSecretsPrefix,
      buildCommit: props.buildCommit,
    });
    this.restApi = new ConnectRestApi(this, 'RestApi', {
      names,
      tables: this.tables,
      kafka: this.kafka,
      workers: this.workers,
      observability,
      buildCommit: props.buildCommit,
      reservedConcurrency: props.restReservedConcurrency,
      ...props.api,
    });
    this.cleanup = new ConnectCleanup(this, 'Cleanup', {
      resourcePrefix: prefix,
      names,
      workers: this.workers,
      kafka: this.kafka,
      observability,
      triggers: [this.workers.herder, this.workers.repairSchedule, this.restApi],
    });
    this.alarms = new ConnectAlarms(this, 'Alarms', {
      functions: {
        rest: this.restApi.handler,
        herder: this.workers.herder,
        sink: this.workers.sink,
        source: this.workers.source,
      },
      api: this.restApi,
      herderFailures: this.workers.herderFailures,
      offsetLagThreshold: props.offsetLagThreshold,
      alarmEmail: props.alarmEmail,
      encryptionKey: this.encryptionKey,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.restApi.url, description: 'Kafka Connect REST API base URL (SigV4)' });
    new CfnOutput(this, 'ApiInvokePolicyArn', {
      value: this.restApi.invokePolicy.managedPolicyArn,
      description: 'Attach to callers of every route',
    });
    new CfnOutput(this, 'ApiReadOnlyPolicyArn', {
      value: this.restApi.readOnlyPolicy.managedPolicyArn,
      description: 'Attach to callers of GET routes',
    });
    new CfnOutput(this, 'ResourcePrefix', {
      value: prefix,
      description: 'CONNECT_RESOURCE_PREFIX of the aliases and schedule groups',
    });
    new CfnOutput(this, 'HerderFailuresQueueUrl', { value: this.workers.herderFailures.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: this.alarms.dashboard.dashboardName });
  }

  private customerManagedKey(option: boolean | string | undefined, removalPolicy: RemovalPolicy): kms.IKey | undefined {
    if (typeof option === 'string') return kms.Key.fromKeyArn(this, 'Key', option);
    if (!option) return undefined;
    return new kms.Key(this, 'Key', {
      description: `Kafka Connect (${this.stackName}): tables and alarm topic`,
      enableKeyRotation: true,
      removalPolicy,
    });
  }
}
