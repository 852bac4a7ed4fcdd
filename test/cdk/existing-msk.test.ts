import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/env';
import {
  actionsOfRole,
  asArray,
  functionBySuffix,
  Match,
  rendered,
  resourcesOf,
  SYNTH_TIMEOUT_MS,
  type Synthesized,
  statementsOfRole,
  synthesize,
} from './support/synth';

const CLUSTER_ARN = 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-3';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_connect-AbCdEf';
const SECRET_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** An existing MSK cluster with SCRAM in an existing VPC, private API, customer-managed key, X-Ray, reservations. */
let synth: Synthesized;

beforeAll(() => {
  synth = synthesize({
    stackName: 'OrdersConnect',
    kafkaMode: 'msk',
    mskClusterArn: CLUSTER_ARN,
    kafkaAuth: 'scram-sha-512',
    kafkaSecretArn: SECRET_ARN,
    kafkaSecretKeyArn: SECRET_KEY_ARN,
    kafkaBootstrapServers: 'b-1.orders.abc.kafka.eu-west-1.amazonaws.com:9096',
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidr: '10.20.0.0/16',
    subnetIds: 'subnet-0123456789abcdef0,subnet-0123456789abcdef1',
    securityGroupIds: 'sg-0123456789abcdef0',
    privateApi: 'true',
    customerManagedKey: 'true',
    xray: 'true',
    deletionProtection: 'false',
    sinkReservedConcurrency: '20',
    sourceReservedConcurrency: '10',
    restReservedConcurrency: '5',
    herderReservedConcurrency: '2',
    sinkTimeoutSeconds: '840',
    esmBatchSize: '500',
    esmBatchingWindowSeconds: '2',
    alarmEmail: 'ops@example.com',
  });
}, SYNTH_TIMEOUT_MS);

describe('ConnectStack (existing MSK cluster with SCRAM, private API, customer-managed key)', () => {
  it('points every Kafka client and the event source mappings at the cluster with SCRAM and its secret', () => {
    // Prepare
    const { template } = synth;
    // Act
    const vars = (functionBySuffix(template, '-herder').fn.Properties.Environment as { Variables: object })
      .Variables as Record<string, unknown>;
    // Assess
    expect(vars).toMatchObject({
      [ENV.mskClusterArn]: CLUSTER_ARN,
      [ENV.kafkaAuth]: 'scram-sha-512',
      [ENV.kafkaSecretArn]: SECRET_ARN,
      [ENV.bootstrapServers]: 'b-1.orders.abc.kafka.eu-west-1.amazonaws.com:9096',
      [ENV.esmBatchSize]: '500',
      [ENV.esmBatchingWindowSeconds]: '2',
    });
    template.resourceCountIs('Custom::AWS', 0);
    template.resourceCountIs('AWS::MSK::ServerlessCluster', 0);
    template.resourceCountIs('AWS::EC2::VPC', 0);
  });

  it('runs the Kafka functions in the given subnets with the given security group', () => {
    // Prepare
    const { template } = synth;
    for (const name of ['rest', 'herder', 'sink-task', 'source-task']) {
      // Act
      const vpc = functionBySuffix(template, `-${name}`).fn.Properties.VpcConfig;
      // Assess
      expect(vpc).toEqual({
        SubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        SecurityGroupIds: ['sg-0123456789abcdef0'],
      });
    }
  });

  it("scopes Kafka grants to the cluster's own topic and group ARNs", () => {
    // Prepare
    const { template } = synth;
    const { roleId } = functionBySuffix(template, '-sink-task');
    // Act
    const statements = statementsOfRole(template, roleId);
    // Assess
    expect(statements.find((s) => s.Sid === 'MskConsumeTopics')?.Resource).toBe(
      'arn:aws:kafka:eu-west-1:123456789012:topic/orders/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-3/*',
    );
    expect(statements.find((s) => s.Sid === 'MskConsumeGroups')?.Resource).toBe(
      'arn:aws:kafka:eu-west-1:123456789012:group/orders/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-3/*',
    );
    expect(statements.find((s) => s.Sid === 'MskEventSourceCluster')?.Resource).toBe(CLUSTER_ARN);
  });

  it('lets every Kafka client read the SCRAM secret and decrypt it through Secrets Manager only', () => {
    // Prepare
    const { template } = synth;
    for (const name of ['rest', 'herder', 'sink-task', 'source-task']) {
      // Act
      const statements = statementsOfRole(template, functionBySuffix(template, `-${name}`).roleId);
      // Assess
      expect(statements).toContainEqual(
        expect.objectContaining({ Sid: 'KafkaSecrets', Action: 'secretsmanager:GetSecretValue', Resource: SECRET_ARN }),
      );
      const key = statements.find((s) => s.Sid === 'KafkaSecretsKey');
      expect(key).toMatchObject({ Action: 'kms:Decrypt', Resource: SECRET_KEY_ARN });
      expect(rendered(key?.Condition)).toContain('secretsmanager.');
    }
  });

  it('encrypts the tables and the alarm topic with a rotating customer-managed key, used through DynamoDB only', () => {
    // Prepare
    const { template } = synth;
    const [keyId] = Object.keys(resourcesOf(template, 'AWS::KMS::Key'));
    // Act
    const sinkKms = statementsOfRole(template, functionBySuffix(template, '-sink-task').roleId).filter((s) =>
      asArray(s.Action).some((a) => a.startsWith('kms:') && s.Sid !== 'KafkaSecretsKey'),
    );
    // Assess
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.allResourcesProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    expect(sinkKms.length).toBeGreaterThan(0);
    for (const s of sinkKms) {
      expect(asArray(s.Action).every((a) => !a.includes('*'))).toBe(true);
      expect(rendered(s.Condition)).toContain('kms:ViaService');
      expect(rendered(s.Condition)).toContain('dynamodb.');
    }
  });

  it('lets CloudWatch publish alarm notifications to the encrypted topic, and mails them', () => {
    // Prepare
    const { template } = synth;
    // Act & Assess
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  it('lets the tables and logs go with the stack when deletion protection is off', () => {
    // Prepare
    const { template } = synth;
    // Act
    const tables = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'));
    // Assess
    for (const table of tables) {
      expect(table.Properties.DeletionProtectionEnabled).toBe(false);
      expect(table.DeletionPolicy).toBe('Delete');
    }
  });

  it('reserves the configured concurrency per function and keeps the longest sink timeout an ESM allows', () => {
    // Prepare
    const { template } = synth;
    // Act
    const reserved = (name: string) =>
      functionBySuffix(template, `-${name}`).fn.Properties.ReservedConcurrentExecutions as number;
    // Assess
    expect([reserved('sink-task'), reserved('source-task'), reserved('rest'), reserved('herder')]).toEqual([
      20, 10, 5, 2,
    ]);
    expect(functionBySuffix(template, '-sink-task').fn.Properties.Timeout).toBe(840);
  });

  it('traces functions and the API stage with X-Ray, the one wildcard resource X-Ray requires', () => {
    // Prepare
    const { template } = synth;
    const { fn, roleId } = functionBySuffix(template, '-sink-task');
    // Act
    const xray = statementsOfRole(template, roleId).find((s) => asArray(s.Action).includes('xray:PutTraceSegments'));
    // Assess
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(xray?.Resource).toBe('*');
    template.hasResourceProperties('AWS::ApiGateway::Stage', { TracingEnabled: true });
  });

  it('makes the API private, reachable from this account through the new execute-api endpoint only', () => {
    // Prepare
    const { template } = synth;
    const [endpointId] = Object.entries(resourcesOf(template, 'AWS::EC2::VPCEndpoint')).find(([, e]) =>
      rendered(e.Properties.ServiceName).includes('execute-api'),
    ) ?? [''];
    // Act
    const api = Object.values(resourcesOf(template, 'AWS::ApiGateway::RestApi'))[0];
    const statements =
      (api?.Properties.Policy as { Statement: Record<string, unknown>[] } | undefined)?.Statement ?? [];
    // Assess
    expect(api?.Properties.EndpointConfiguration).toEqual({
      Types: ['PRIVATE'],
      VpcEndpointIds: [{ Ref: endpointId }],
    });
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Condition: { StringNotEquals: { 'aws:SourceVpce': [{ Ref: endpointId }] } },
      }),
    );
    expect(rendered(statements.find((s) => s.Effect === 'Allow')?.Principal)).toContain(':root');
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.20.0.0/16', FromPort: 443, ToPort: 443 })],
    });
  });

  it('still authorizes every method with IAM on the private API', () => {
    // Prepare
    const { template } = synth;
    // Act
    const types = Object.values(resourcesOf(template, 'AWS::ApiGateway::Method')).map(
      (m) => m.Properties.AuthorizationType,
    );
    // Assess
    expect(new Set(types)).toEqual(new Set(['AWS_IAM']));
  });

  it('grants no wildcard action even with the key and tracing on', () => {
    // Prepare
    const { template } = synth;
    // Act
    const wildcards = Object.keys(resourcesOf(template, 'AWS::IAM::Role'))
      .flatMap((id) => actionsOfRole(template, id))
      .filter((a) => a.includes('*'));
    // Assess
    expect(wildcards).toEqual([]);
  });

  it('leaves no AwsSolutions finding unacknowledged', () => {
    // Prepare
    const { nagViolations } = synth;
    // Act
    const findings = nagViolations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath)}`);
    // Assess
    expect(findings).toEqual([]);
  });
});
