import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../shared/env';
import {
  actionsOfRole,
  asArray,
  functionBySuffix,
  resourcesOf,
  SYNTH_TIMEOUT_MS,
  type Synthesized,
  statementsOfRole,
  synthesize,
} from './support/synth';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-2:123456789012:secret:kafka-credentials-AbCdEf';
const ROOT_CA_ARN = 'arn:aws:secretsmanager:us-east-2:123456789012:secret:kafka-root-ca-AbCdEf';

/** A self-managed Kafka reached over the internet with SCRAM-SHA-256, private API through an existing endpoint. */
let synth: Synthesized;

beforeAll(() => {
  synth = synthesize({
    kafkaMode: 'self-managed',
    kafkaBootstrapServers: 'kafka-1.example.com:9096,kafka-2.example.com:9096',
    kafkaAuth: 'scram-sha-256',
    kafkaSecretArn: SECRET_ARN,
    kafkaRootCaSecretArn: ROOT_CA_ARN,
    kafkaTls: 'true',
    privateApi: 'true',
    apiVpcEndpointIds: 'vpce-0123456789abcdef0',
    apiAccountLoggingRole: 'false',
    configSecretsPrefix: 'prod/connect/',
  });
}, SYNTH_TIMEOUT_MS);

describe('ConnectStack (self-managed Kafka outside a VPC)', () => {
  it('tells the functions and the event source mappings how to reach and authenticate to the brokers', () => {
    // Prepare
    const { template } = synth;
    // Act
    const vars = (functionBySuffix(template, '-herder').fn.Properties.Environment as { Variables: object })
      .Variables as Record<string, unknown>;
    // Assess
    expect(vars).toMatchObject({
      [ENV.bootstrapServers]: 'kafka-1.example.com:9096,kafka-2.example.com:9096',
      [ENV.kafkaAuth]: 'scram-sha-256',
      [ENV.kafkaSecretArn]: SECRET_ARN,
      [ENV.kafkaRootCaSecretArn]: ROOT_CA_ARN,
      [ENV.kafkaTls]: 'true',
    });
    expect(vars).not.toHaveProperty(ENV.mskClusterArn);
    expect(vars).not.toHaveProperty(ENV.kafkaSubnetIds);
  });

  it('keeps the functions out of any VPC, without network interface permissions', () => {
    // Prepare
    const { template } = synth;
    for (const name of ['rest', 'herder', 'sink-task', 'source-task', 'cleanup']) {
      // Act
      const { fn, roleId } = functionBySuffix(template, `-${name}`);
      // Assess
      expect(fn.Properties.VpcConfig).toBeUndefined();
      expect(actionsOfRole(template, roleId).filter((a) => a.startsWith('ec2:'))).toEqual([]);
    }
    template.resourceCountIs('AWS::EC2::VPC', 0);
  });

  it('grants no MSK actions, and the credential and CA secrets to the Kafka clients only', () => {
    // Prepare
    const { template } = synth;
    for (const name of ['rest', 'herder', 'sink-task', 'source-task']) {
      // Act
      const { roleId } = functionBySuffix(template, `-${name}`);
      const secrets = statementsOfRole(template, roleId).find((s) => s.Sid === 'KafkaSecrets');
      // Assess
      expect(actionsOfRole(template, roleId).filter((a) => a.startsWith('kafka'))).toEqual([]);
      expect(asArray(secrets?.Resource)).toEqual([SECRET_ARN, ROOT_CA_ARN]);
    }
  });

  it('uses the existing execute-api endpoint and leaves the account logging role alone', () => {
    // Prepare
    const { template } = synth;
    // Act
    const api = Object.values(resourcesOf(template, 'AWS::ApiGateway::RestApi'))[0];
    // Assess
    expect(api?.Properties.EndpointConfiguration).toEqual({
      Types: ['PRIVATE'],
      VpcEndpointIds: ['vpce-0123456789abcdef0'],
    });
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('reads connector secrets under the configured prefix', () => {
    // Prepare
    const { template } = synth;
    // Act
    const statement = statementsOfRole(template, functionBySuffix(template, '-rest').roleId).find(
      (s) => s.Sid === 'ConfigProviderSecrets',
    );
    // Assess
    expect(JSON.stringify(statement?.Resource)).toContain(':secret:prod/connect/*');
    expect(JSON.stringify(statement?.Resource)).toContain(':parameter/prod/connect/*');
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
