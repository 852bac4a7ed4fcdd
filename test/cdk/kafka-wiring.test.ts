import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { type KafkaProps, KafkaWiring } from '../../cdk/lib/kafka';
import { ENV } from '../../shared/env';

/** KafkaWiring alone, in a stack with one role to grant to: no functions, no bundling. */
function wiring(kafka: KafkaProps, exactlyOnceSource = false) {
  const stack = new Stack(new App(), 'Wiring');
  const wired = new KafkaWiring(stack, 'Kafka', {
    kafka,
    exactlyOnceSource,
    logRetention: logs.RetentionDays.ONE_WEEK,
    logRemovalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { stack, wired, role };
}

function actionsOf(stack: Stack): string[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => s.Action),
  );
}

const NETWORK = {
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  securityGroupIds: ['sg-0123456789abcdef0'],
};

describe('KafkaWiring', () => {
  it('gives self-managed event source mappings in a VPC its subnets and security groups', () => {
    // Prepare
    const { stack, wired, role } = wiring({
      kind: 'self-managed',
      bootstrapServers: 'kafka.internal:9092',
      auth: 'none',
      network: NETWORK,
    });
    // Act
    wired.grantConsume(role);
    // Assess
    expect(wired.environment()).toEqual({
      [ENV.bootstrapServers]: 'kafka.internal:9092',
      [ENV.kafkaAuth]: 'none',
      [ENV.kafkaSubnetIds]: 'subnet-0123456789abcdef0,subnet-0123456789abcdef1',
      [ENV.kafkaSecurityGroupIds]: 'sg-0123456789abcdef0',
    });
    expect(wired.network?.securityGroups.map((g) => g.securityGroupId)).toEqual(['sg-0123456789abcdef0']);
    expect(actionsOf(stack)).toEqual(['ec2:DescribeVpcs', 'ec2:DescribeSecurityGroups']);
  });

  it('grants nothing for a self-managed Kafka without VPC or credentials', () => {
    // Prepare
    const { stack, wired, role } = wiring({ kind: 'self-managed', bootstrapServers: 'k:9092', auth: 'none' });
    // Act
    wired.grantConsume(role);
    wired.grantProduce(role);
    wired.grantAdmin(role);
    wired.grantTopicListing(role);
    // Assess
    expect(wired.network).toBeUndefined();
    expect(Template.fromStack(stack).findResources('AWS::IAM::Policy')).toEqual({});
  });

  it('needs the credentials secret for SCRAM and PLAIN', () => {
    // Prepare
    const kafka: KafkaProps = { kind: 'self-managed', bootstrapServers: 'k:9092', auth: 'plain' };
    // Act & Assess
    expect(() => wiring(kafka)).toThrow(/needs the Secrets Manager secret/);
  });

  it('refuses what is not an MSK cluster ARN', () => {
    // Prepare
    const kafka: KafkaProps = {
      kind: 'msk',
      clusterArn: 'arn:aws:kafka:eu-west-1:123456789012:topic/orders/uuid/t',
      auth: 'aws-msk-iam',
      bootstrapServers: 'b:9098',
      network: NETWORK,
    };
    // Act & Assess
    expect(() => wiring(kafka)).toThrow(/Not an MSK cluster ARN/);
  });

  it('needs subnets and security groups to run in an existing VPC', () => {
    // Prepare
    const kafka: KafkaProps = {
      kind: 'msk',
      clusterArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/uuid',
      auth: 'aws-msk-iam',
      bootstrapServers: 'b:9098',
      network: { ...NETWORK, securityGroupIds: [] },
    };
    // Act & Assess
    expect(() => wiring(kafka)).toThrow(/subnet ids and security group ids/);
  });

  it('grants exactly-once source tasks their transactional ids and the offsets topic, only when enabled', () => {
    // Prepare
    const msk: KafkaProps = {
      kind: 'msk',
      clusterArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/orders/0a1b2c3d-1234-5678-9abc-def012345678-1',
      auth: 'aws-msk-iam',
      bootstrapServers: 'b-1.orders.kafka.us-east-1.amazonaws.com:9098',
      network: NETWORK,
    };
    const enabled = wiring(msk, true);
    const disabled = wiring(msk, false);
    // Act
    enabled.wired.grantExactlyOnceSource(enabled.role);
    disabled.wired.grantExactlyOnceSource(disabled.role);
    // Assess
    expect(enabled.wired.environment()[ENV.exactlyOnceSource]).toBe('true');
    expect(actionsOf(enabled.stack)).toEqual(
      expect.arrayContaining([
        'kafka-cluster:AlterTransactionalId',
        'kafka-cluster:CreateTopic',
        'kafka-cluster:ReadData',
      ]),
    );
    const policies = Template.fromStack(enabled.stack).findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Sid: string; Resource: unknown }[],
    );
    expect(statements.find((st) => st.Sid === 'MskExactlyOnceTransactionalIds')?.Resource).toBe(
      'arn:aws:kafka:us-east-1:123456789012:transactional-id/orders/0a1b2c3d-1234-5678-9abc-def012345678-1/*',
    );
    expect(disabled.wired.environment()[ENV.exactlyOnceSource]).toBeUndefined();
    expect(actionsOf(disabled.stack).filter((a) => a.startsWith('kafka-cluster:'))).toEqual([]);
  });
});
