import { App, Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { resourcePrefixOf } from '../../cdk/lib/connect-stack';
import { connectPropsFromContext } from '../../cdk/lib/context';

function propsOf(context: Record<string, unknown>) {
  return connectPropsFromContext(new App({ context }).node);
}

describe('context of the app (cdk.json, -c key=value)', () => {
  it('defaults to the MSK Serverless quick start with protected tables and a regional IAM-authorized API', () => {
    // Prepare
    const context = {};
    // Act
    const props = propsOf(context);
    // Assess
    expect(props).toMatchObject({
      stackName: 'KafkaConnect',
      kafka: { kind: 'msk-serverless' },
      deletionProtection: true,
      tracing: false,
      customerManagedKey: false,
      logRetention: 30,
      configSecretsPrefix: 'kafka-connect/',
      offsetLagThreshold: 10_000,
      api: { stageName: 'connect', throttle: { rateLimit: 50, burstLimit: 100 }, manageAccountLoggingRole: true },
    });
    expect(props.api.privateEndpoint).toBeUndefined();
    expect(props.sink.timeout.toSeconds()).toBe(300);
    expect(props.source.timeout.toSeconds()).toBe(600);
  });

  it('reads an existing MSK cluster with its network from command-line strings', () => {
    // Prepare
    const context = {
      kafkaMode: 'msk',
      mskClusterArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/uuid-1',
      kafkaAuth: 'scram-sha-512',
      kafkaSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_x-AbCdEf',
      vpcId: 'vpc-1',
      subnetIds: 'subnet-1, subnet-2',
      securityGroupIds: 'sg-1',
      sinkTimeoutSeconds: '840',
      xray: 'true',
    };
    // Act
    const props = propsOf(context);
    // Assess
    expect(props.kafka).toEqual({
      kind: 'msk',
      clusterArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/uuid-1',
      auth: 'scram-sha-512',
      secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_x-AbCdEf',
      secretKeyArn: undefined,
      bootstrapServers: undefined,
      network: { vpcId: 'vpc-1', subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'], vpcCidr: undefined },
    });
    expect(props.sink.timeout).toEqual(Duration.seconds(840));
    expect(props.tracing).toBe(true);
  });

  it('takes lists and booleans as JSON values from cdk.json too', () => {
    // Prepare
    const context = {
      kafkaMode: 'self-managed',
      kafkaBootstrapServers: 'b:9092',
      vpcId: 'vpc-1',
      subnetIds: ['subnet-1'],
      securityGroupIds: ['sg-1'],
      privateApi: true,
      apiVpcEndpointIds: ['vpce-1'],
      deletionProtection: false,
      logRetentionDays: 7,
    };
    // Act
    const props = propsOf(context);
    // Assess
    expect(props.kafka).toMatchObject({ kind: 'self-managed', auth: 'none', network: { subnetIds: ['subnet-1'] } });
    expect(props.api.privateEndpoint).toEqual({ vpcEndpointIds: ['vpce-1'] });
    expect(props.deletionProtection).toBe(false);
    expect(props.logRetention).toBe(7);
  });

  it('names the context key of a wrong or missing value', () => {
    // Prepare
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ kafkaMode: 'kinesis' }, /kafkaMode must be msk-serverless, msk or self-managed/],
      [{ kafkaMode: 'msk', vpcId: 'vpc-1' }, /mskClusterArn is required/],
      [
        { kafkaMode: 'msk', mskClusterArn: 'arn:x', kafkaAuth: 'plain', vpcId: 'v' },
        /kafkaAuth must be aws-msk-iam or scram-sha-512/,
      ],
      [{ kafkaMode: 'msk', mskClusterArn: 'arn:x' }, /vpcId, subnetIds and securityGroupIds are required/],
      [{ kafkaMode: 'self-managed' }, /kafkaBootstrapServers is required/],
      [{ sinkMemoryMb: '1k' }, /sinkMemoryMb must be a whole number/],
      [{ xray: 'yes' }, /xray must be true or false/],
      [{ logRetentionDays: '8' }, /logRetentionDays must be one of/],
      [{ customerManagedKey: 'please' }, /customerManagedKey must be true, false or a KMS key ARN/],
    ];
    for (const [context, message] of cases) {
      // Act & Assess
      expect(() => propsOf(context)).toThrow(message);
    }
  });

  it('derives resource prefixes that the platform accepts, differ per stack name and never prefix one another', () => {
    // Prepare
    const names = ['KafkaConnect', 'KafkaConnect2', 'A', 'orders-connect-production-eu-west-1', 'x'.repeat(128)];
    // Act
    const prefixes = names.map(resourcePrefixOf);
    // Assess
    for (const prefix of prefixes) expect(prefix).toMatch(/^[a-zA-Z][a-zA-Z0-9_-]{0,19}$/);
    expect(new Set(prefixes).size).toBe(names.length);
    for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(`${a}-`)).toBe(false);
    expect(resourcePrefixOf('KafkaConnect')).toBe(resourcePrefixOf('KafkaConnect'));
  });
});
