import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import type { ConnectStackProps } from './connect-stack';
import type { ExistingNetwork, KafkaAuth, KafkaProps } from './kafka';

/**
 * The context values the app reads (cdk.json "context", or `-c key=value` on the command line),
 * with their defaults. Values from the command line are strings; cdk.json may hold numbers,
 * booleans and lists too.
 */
export const CONTEXT_KEYS = {
  stackName: 'stackName',
  kafkaMode: 'kafkaMode',
  exactlyOnceSource: 'exactlyOnceSource',
  mskClusterArn: 'mskClusterArn',
  kafkaAuth: 'kafkaAuth',
  kafkaSecretArn: 'kafkaSecretArn',
  kafkaSecretKeyArn: 'kafkaSecretKeyArn',
  kafkaBootstrapServers: 'kafkaBootstrapServers',
  kafkaTls: 'kafkaTls',
  kafkaRootCaSecretArn: 'kafkaRootCaSecretArn',
  vpcId: 'vpcId',
  vpcCidr: 'vpcCidr',
  subnetIds: 'subnetIds',
  securityGroupIds: 'securityGroupIds',
  privateApi: 'privateApi',
  apiVpcEndpointIds: 'apiVpcEndpointIds',
  apiStageName: 'apiStageName',
  apiThrottleRateLimit: 'apiThrottleRateLimit',
  apiThrottleBurstLimit: 'apiThrottleBurstLimit',
  apiAccountLoggingRole: 'apiAccountLoggingRole',
  customerManagedKey: 'customerManagedKey',
  deletionProtection: 'deletionProtection',
  logRetentionDays: 'logRetentionDays',
  xray: 'xray',
  sinkMemoryMb: 'sinkMemoryMb',
  sinkTimeoutSeconds: 'sinkTimeoutSeconds',
  sinkReservedConcurrency: 'sinkReservedConcurrency',
  sourceMemoryMb: 'sourceMemoryMb',
  sourceTimeoutSeconds: 'sourceTimeoutSeconds',
  sourceReservedConcurrency: 'sourceReservedConcurrency',
  restReservedConcurrency: 'restReservedConcurrency',
  herderReservedConcurrency: 'herderReservedConcurrency',
  esmBatchSize: 'esmBatchSize',
  esmBatchingWindowSeconds: 'esmBatchingWindowSeconds',
  configSecretsPrefix: 'configSecretsPrefix',
  offsetLagThreshold: 'offsetLagThreshold',
  alarmEmail: 'alarmEmail',
  resourcePrefix: 'resourcePrefix',
  buildCommit: 'buildCommit',
} as const;

type ContextKey = (typeof CONTEXT_KEYS)[keyof typeof CONTEXT_KEYS];

const KAFKA_AUTHS: readonly KafkaAuth[] = ['none', 'aws-msk-iam', 'scram-sha-256', 'scram-sha-512', 'plain'];

/** Reads and checks the context; a wrong value fails synth with the key's name. */
export function connectPropsFromContext(node: Node): ConnectStackProps {
  const read = new ContextReader(node);
  const stackName = read.string(CONTEXT_KEYS.stackName) ?? 'KafkaConnect';
  return {
    stackName,
    kafka: kafkaFromContext(read),
    exactlyOnceSource: read.boolean(CONTEXT_KEYS.exactlyOnceSource) ?? false,
    resourcePrefix: read.string(CONTEXT_KEYS.resourcePrefix),
    customerManagedKey: customerManagedKey(read),
    deletionProtection: read.boolean(CONTEXT_KEYS.deletionProtection) ?? true,
    logRetention: retention(read.integer(CONTEXT_KEYS.logRetentionDays) ?? 30),
    tracing: read.boolean(CONTEXT_KEYS.xray) ?? false,
    sink: {
      memorySize: read.integer(CONTEXT_KEYS.sinkMemoryMb) ?? 1024,
      timeout: Duration.seconds(read.integer(CONTEXT_KEYS.sinkTimeoutSeconds) ?? 300),
      reservedConcurrency: read.integer(CONTEXT_KEYS.sinkReservedConcurrency),
      batchSize: read.integer(CONTEXT_KEYS.esmBatchSize),
      batchingWindowSeconds: read.integer(CONTEXT_KEYS.esmBatchingWindowSeconds),
    },
    source: {
      memorySize: read.integer(CONTEXT_KEYS.sourceMemoryMb) ?? 512,
      timeout: Duration.seconds(read.integer(CONTEXT_KEYS.sourceTimeoutSeconds) ?? 600),
      reservedConcurrency: read.integer(CONTEXT_KEYS.sourceReservedConcurrency),
    },
    restReservedConcurrency: read.integer(CONTEXT_KEYS.restReservedConcurrency),
    herderReservedConcurrency: read.integer(CONTEXT_KEYS.herderReservedConcurrency),
    api: {
      stageName: read.string(CONTEXT_KEYS.apiStageName) ?? 'connect',
      throttle: {
        rateLimit: read.integer(CONTEXT_KEYS.apiThrottleRateLimit) ?? 50,
        burstLimit: read.integer(CONTEXT_KEYS.apiThrottleBurstLimit) ?? 100,
      },
      ...(read.boolean(CONTEXT_KEYS.privateApi)
        ? { privateEndpoint: { vpcEndpointIds: read.list(CONTEXT_KEYS.apiVpcEndpointIds) } }
        : {}),
      manageAccountLoggingRole: read.boolean(CONTEXT_KEYS.apiAccountLoggingRole) ?? true,
    },
    configSecretsPrefix: read.string(CONTEXT_KEYS.configSecretsPrefix) ?? 'kafka-connect/',
    offsetLagThreshold: read.integer(CONTEXT_KEYS.offsetLagThreshold) ?? 10_000,
    alarmEmail: read.string(CONTEXT_KEYS.alarmEmail),
    buildCommit: read.string(CONTEXT_KEYS.buildCommit) ?? 'unknown',
  };
}

function kafkaFromContext(read: ContextReader): KafkaProps {
  const mode = read.string(CONTEXT_KEYS.kafkaMode) ?? 'msk-serverless';
  switch (mode) {
    case 'msk-serverless':
      return { kind: 'msk-serverless' };
    case 'msk': {
      const auth = read.string(CONTEXT_KEYS.kafkaAuth) ?? 'aws-msk-iam';
      if (auth !== 'aws-msk-iam' && auth !== 'scram-sha-512') {
        throw new Error(
          `Context ${CONTEXT_KEYS.kafkaAuth} must be aws-msk-iam or scram-sha-512 for MSK; found '${auth}'`,
        );
      }
      return {
        kind: 'msk',
        clusterArn: read.required(CONTEXT_KEYS.mskClusterArn),
        auth,
        secretArn: read.string(CONTEXT_KEYS.kafkaSecretArn),
        secretKeyArn: read.string(CONTEXT_KEYS.kafkaSecretKeyArn),
        bootstrapServers: read.string(CONTEXT_KEYS.kafkaBootstrapServers),
        network: networkFromContext(read, true) as ExistingNetwork,
      };
    }
    case 'self-managed': {
      const auth = read.string(CONTEXT_KEYS.kafkaAuth) ?? 'none';
      if (!(KAFKA_AUTHS as readonly string[]).includes(auth)) {
        throw new Error(`Context ${CONTEXT_KEYS.kafkaAuth} must be one of ${KAFKA_AUTHS.join(', ')}; found '${auth}'`);
      }
      return {
        kind: 'self-managed',
        bootstrapServers: read.required(CONTEXT_KEYS.kafkaBootstrapServers),
        auth: auth as KafkaAuth,
        secretArn: read.string(CONTEXT_KEYS.kafkaSecretArn),
        secretKeyArn: read.string(CONTEXT_KEYS.kafkaSecretKeyArn),
        tls: read.boolean(CONTEXT_KEYS.kafkaTls) ?? false,
        rootCaSecretArn: read.string(CONTEXT_KEYS.kafkaRootCaSecretArn),
        network: networkFromContext(read, false),
      };
    }
    default:
      throw new Error(`Context ${CONTEXT_KEYS.kafkaMode} must be msk-serverless, msk or self-managed; found '${mode}'`);
  }
}

function networkFromContext(read: ContextReader, required: boolean): ExistingNetwork | undefined {
  const vpcId = read.string(CONTEXT_KEYS.vpcId);
  if (!vpcId) {
    if (required)
      throw new Error(
        `Context ${CONTEXT_KEYS.vpcId}, ${CONTEXT_KEYS.subnetIds} and ${CONTEXT_KEYS.securityGroupIds} are required for MSK`,
      );
    return undefined;
  }
  return {
    vpcId,
    subnetIds: read.list(CONTEXT_KEYS.subnetIds),
    securityGroupIds: read.list(CONTEXT_KEYS.securityGroupIds),
    vpcCidr: read.string(CONTEXT_KEYS.vpcCidr),
  };
}

function customerManagedKey(read: ContextReader): boolean | string {
  const value = read.string(CONTEXT_KEYS.customerManagedKey);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (value.startsWith('arn:')) return value;
  throw new Error(`Context ${CONTEXT_KEYS.customerManagedKey} must be true, false or a KMS key ARN; found '${value}'`);
}

/** CloudWatch Logs accepts these retention periods only. */
function retention(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.logRetentionDays} must be one of ${allowed.sort((a, b) => a - b).join(', ')}`,
    );
  }
  return days as logs.RetentionDays;
}

class ContextReader {
  constructor(private readonly node: Node) {}

  private raw(key: ContextKey): unknown {
    const value = this.node.tryGetContext(key);
    return value === '' || value === null ? undefined : value;
  }

  string(key: ContextKey): string | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new Error(`Context ${key} must be a string`);
    return value;
  }

  required(key: ContextKey): string {
    const value = this.string(key);
    if (value === undefined) throw new Error(`Context ${key} is required`);
    return value;
  }

  boolean(key: ContextKey): boolean | undefined {
    const value = this.raw(key);
    if (value === undefined || typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new Error(`Context ${key} must be true or false; found '${String(value)}'`);
  }

  integer(key: ContextKey): number | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    const number = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number))
      throw new Error(`Context ${key} must be a whole number; found '${String(value)}'`);
    return number;
  }

  /** A list: a JSON array in cdk.json, or comma-separated on the command line. */
  list(key: ContextKey): string[] {
    const value = this.raw(key);
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
    if (typeof value === 'string') {
      return value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
    }
    throw new Error(`Context ${key} must be a list of strings`);
  }
}
