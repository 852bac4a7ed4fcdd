import { ArnFormat, Fn, type RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { ENV } from '../../shared/env';
import type { FunctionNetwork } from './connect-function';
import { acknowledge, WildcardJustifications } from './nag';

/** Kafka client authentication, as KAFKA_AUTH (shared/env.ts) names it. */
export type KafkaAuth = 'none' | 'aws-msk-iam' | 'scram-sha-256' | 'scram-sha-512' | 'plain';

/** Subnets and security groups of an existing VPC the functions (and self-managed ESMs) run in. */
export interface ExistingNetwork {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /** Groups for the functions; the brokers' security group must admit them. */
  readonly securityGroupIds: readonly string[];
  /** The VPC's CIDR, needed only to open a private API's VPC endpoint to the VPC. */
  readonly vpcCidr?: string;
}

/** Which Kafka the connectors use. */
export type KafkaProps =
  /** Quick start: a new VPC (one NAT gateway) with an MSK Serverless cluster, IAM authentication. */
  | { readonly kind: 'msk-serverless' }
  /** An existing MSK cluster (provisioned or serverless) in an existing VPC. */
  | {
      readonly kind: 'msk';
      readonly clusterArn: string;
      readonly auth: 'aws-msk-iam' | 'scram-sha-512';
      /** SCRAM: the Secrets Manager secret ({"username","password"}, name starting AmazonMSK_). */
      readonly secretArn?: string;
      /** The customer-managed key of the secret (MSK requires one for SCRAM secrets). */
      readonly secretKeyArn?: string;
      /** Looked up with kafka:GetBootstrapBrokers at deploy time when not given. */
      readonly bootstrapServers?: string;
      readonly network: ExistingNetwork;
    }
  /** Any other Kafka reachable from Lambda; in a VPC when `network` is given. */
  | {
      readonly kind: 'self-managed';
      readonly bootstrapServers: string;
      readonly auth: KafkaAuth;
      readonly secretArn?: string;
      /** The customer-managed key of the secrets, when not Secrets Manager's own. */
      readonly secretKeyArn?: string;
      readonly tls?: boolean;
      /** Secret with the brokers' root CA certificate, for TLS with a private CA. */
      readonly rootCaSecretArn?: string;
      readonly network?: ExistingNetwork;
    };

export interface KafkaWiringProps {
  readonly kafka: KafkaProps;
  /**
   * Exactly-once source tasks (CONNECT_EXACTLY_ONCE_SOURCE): connectors with
   * exactly.once.support=required produce each batch and its offsets in one Kafka transaction.
   */
  readonly exactlyOnceSource?: boolean;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** Cluster, topic and group ARNs of an MSK cluster, for kafka-cluster:* (IAM access control) grants. */
interface MskArns {
  readonly cluster: string;
  readonly topics: string;
  readonly groups: string;
  readonly transactionalIds: string;
}

/**
 * The Kafka cluster the connectors use and how the functions reach it: an existing MSK cluster
 * (IAM or SCRAM), a self-managed Kafka (bootstrap servers, optional secret, optional VPC), or a
 * new MSK Serverless cluster in a new VPC for a quick start. It provides the KAFKA_* variables
 * the functions and the herder's event source mappings read (shared/env.ts), the network the
 * functions run in, and grants by intent: consume (the sink ESMs), produce (source tasks and the
 * sinks' dead letter queues), administer consumer groups (the REST offsets API), list topics.
 */
export class KafkaWiring extends Construct {
  /** The functions' network, when Kafka is in a VPC. */
  readonly network?: FunctionNetwork;
  /** The VPC's CIDR when known (a new VPC, or given), to open a private API endpoint to it. */
  readonly vpcCidr?: string;
  private readonly env: Record<string, string>;
  private readonly exactlyOnceSource: boolean;
  private readonly mskArns?: MskArns;
  private readonly secretArns: string[];
  private readonly secretKeyArn?: string;
  private readonly hasVpcEventSource: boolean;

  constructor(scope: Construct, id: string, props: KafkaWiringProps) {
    super(scope, id);
    const kafka = props.kafka;
    this.secretArns = [];
    this.env = props.exactlyOnceSource ? { [ENV.exactlyOnceSource]: 'true' } : {};
    this.exactlyOnceSource = props.exactlyOnceSource ?? false;
    switch (kafka.kind) {
      case 'msk-serverless': {
        const { vpc, functionsGroup, clusterArn } = this.serverlessCluster(props);
        this.network = {
          vpc,
          subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
          securityGroups: [functionsGroup],
        };
        this.vpcCidr = vpc.vpcCidrBlock;
        this.mskArns = mskArns(this, clusterArn);
        this.env[ENV.mskClusterArn] = clusterArn;
        this.env[ENV.kafkaAuth] = 'aws-msk-iam';
        this.env[ENV.bootstrapServers] = this.lookUpBootstrapServers(clusterArn, 'aws-msk-iam', props);
        break;
      }
      case 'msk': {
        this.network = existingNetwork(this, kafka.network);
        this.vpcCidr = kafka.network.vpcCidr;
        this.mskArns = mskArns(this, kafka.clusterArn);
        this.env[ENV.mskClusterArn] = kafka.clusterArn;
        this.env[ENV.kafkaAuth] = kafka.auth;
        this.useSecret(kafka.auth, kafka.secretArn);
        this.secretKeyArn = kafka.secretKeyArn;
        this.env[ENV.bootstrapServers] =
          kafka.bootstrapServers ?? this.lookUpBootstrapServers(kafka.clusterArn, kafka.auth, props);
        break;
      }
      case 'self-managed': {
        if (kafka.network) {
          this.network = existingNetwork(this, kafka.network);
          this.vpcCidr = kafka.network.vpcCidr;
          this.env[ENV.kafkaSubnetIds] = kafka.network.subnetIds.join(',');
          this.env[ENV.kafkaSecurityGroupIds] = kafka.network.securityGroupIds.join(',');
        }
        this.env[ENV.bootstrapServers] = kafka.bootstrapServers;
        this.env[ENV.kafkaAuth] = kafka.auth;
        if (kafka.tls) this.env[ENV.kafkaTls] = 'true';
        this.useSecret(kafka.auth, kafka.secretArn);
        this.secretKeyArn = kafka.secretKeyArn;
        if (kafka.rootCaSecretArn) {
          this.env[ENV.kafkaRootCaSecretArn] = kafka.rootCaSecretArn;
          this.secretArns.push(kafka.rootCaSecretArn);
        }
        break;
      }
    }
    // MSK event source mappings poll from the cluster's own subnets; self-managed ones from the
    // subnets given here. Either way Lambda sets the pollers' network up with the function's role.
    this.hasVpcEventSource = kafka.kind !== 'self-managed' || kafka.network !== undefined;
  }

  /** The KAFKA_* variables of shared/env.ts. */
  environment(): Record<string, string> {
    return { ...this.env };
  }

  /**
   * What an event source mapping needs from the sink function's execution role to consume for a
   * connector (Lambda uses that role): read the cluster and its topics and commit the group's
   * offsets, read the SCRAM secret, and set up its pollers' network.
   */
  grantConsume(role: iam.IRole): void {
    const justify = WildcardJustifications.of(this);
    if (this.mskArns) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'MskEventSourceCluster',
          actions: ['kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers'],
          resources: [this.mskArns.cluster],
        }),
      );
      this.grantClusterActions(role, 'MskConsume', {
        cluster: ['kafka-cluster:Connect', 'kafka-cluster:DescribeClusterDynamicConfiguration'],
        topics: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
        groups: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
      });
    }
    if (this.hasVpcEventSource) {
      role.addToPrincipalPolicy(
        justify.statement(
          'KafkaEventSourceNetwork',
          'A Kafka event source mapping in a VPC inspects the VPC, subnets and security groups with the function role; EC2 Describe* actions support no resource-level permissions.',
          { actions: ['ec2:DescribeVpcs', 'ec2:DescribeSecurityGroups'], resources: ['*'] },
        ),
      );
    }
    this.grantSecrets(role);
  }

  /** Produce with an idempotent producer, creating topics first (source topic.creation.* groups; sink dead letter queues). */
  grantProduce(role: iam.IRole): void {
    if (this.mskArns) {
      this.grantClusterActions(role, 'MskProduce', {
        cluster: ['kafka-cluster:Connect', 'kafka-cluster:WriteDataIdempotently'],
        topics: ['kafka-cluster:CreateTopic', 'kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
        groups: [],
      });
    }
    this.grantSecrets(role);
  }

  /**
   * Exactly-once source tasks, when the stack enables them: transactions under the task ids'
   * transactional ids (connect-<connector>-<task>), and the offsets topic (created when missing,
   * written in the transactions, read back with a throwaway reader group at task start).
   */
  grantExactlyOnceSource(role: iam.IRole): void {
    if (!this.exactlyOnceSource || !this.mskArns) return;
    this.grantClusterActions(role, 'MskExactlyOnce', {
      cluster: ['kafka-cluster:Connect', 'kafka-cluster:WriteDataIdempotently', 'kafka-cluster:DescribeCluster'],
      topics: [
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
      ],
      groups: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
    });
    role.addToPrincipalPolicy(
      WildcardJustifications.of(this).statement(
        'MskExactlyOnceTransactionalIds',
        "Source tasks' transactional ids are named at run time (connect-<connector>-<task>): the grant covers this cluster's transactional ids only.",
        {
          actions: ['kafka-cluster:DescribeTransactionalId', 'kafka-cluster:AlterTransactionalId'],
          resources: [this.mskArns.transactionalIds],
        },
      ),
    );
  }

  /** The REST API: the cluster id (GET /) and sink connectors' consumer group offsets (read, alter, delete). */
  grantAdmin(role: iam.IRole): void {
    if (this.mskArns) {
      this.grantClusterActions(role, 'MskAdmin', {
        cluster: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
        // Committing a group's offsets (OffsetCommit) needs ReadData on the topic.
        topics: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
        groups: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup', 'kafka-cluster:DeleteGroup'],
      });
    }
    this.grantSecrets(role);
  }

  /** The herder: resolve sinks' topics.regex against the cluster's topic list. */
  grantTopicListing(role: iam.IRole): void {
    if (this.mskArns) {
      this.grantClusterActions(role, 'MskListTopics', {
        cluster: ['kafka-cluster:Connect'],
        topics: ['kafka-cluster:DescribeTopic'],
        groups: [],
      });
    }
    this.grantSecrets(role);
  }

  private grantClusterActions(
    role: iam.IRole,
    sid: string,
    actions: { cluster: string[]; topics: string[]; groups: string[] },
  ): void {
    const arns = this.mskArns as MskArns;
    const justify = WildcardJustifications.of(this);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: `${sid}Cluster`, actions: actions.cluster, resources: [arns.cluster] }),
    );
    if (actions.topics.length > 0) {
      role.addToPrincipalPolicy(
        justify.statement(
          `${sid}Topics`,
          "Connectors name their topics in their configs at run time (topics, topics.regex, a source task's records): the grant covers this cluster's topics only.",
          { actions: actions.topics, resources: [arns.topics] },
        ),
      );
    }
    if (actions.groups.length > 0) {
      role.addToPrincipalPolicy(
        justify.statement(
          `${sid}Groups`,
          "Sink connectors' consumer groups are named at run time (connect-<name>, or consumer.override.group.id): the grant covers this cluster's groups only.",
          { actions: actions.groups, resources: [arns.groups] },
        ),
      );
    }
  }

  private useSecret(auth: KafkaAuth, secretArn: string | undefined): void {
    if (auth === 'none' || auth === 'aws-msk-iam') return;
    if (!secretArn) throw new Error(`Kafka authentication ${auth} needs the Secrets Manager secret of its credentials`);
    this.env[ENV.kafkaSecretArn] = secretArn;
    this.secretArns.push(secretArn);
  }

  private grantSecrets(role: iam.IRole): void {
    if (this.secretArns.length === 0) return;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'KafkaSecrets',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [...this.secretArns],
      }),
    );
    if (!this.secretKeyArn) return;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'KafkaSecretsKey',
        actions: ['kms:Decrypt'],
        resources: [this.secretKeyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }

  /** A new VPC (public and private subnets in two AZs, one NAT gateway) and an MSK Serverless cluster with IAM auth. */
  private serverlessCluster(props: KafkaWiringProps) {
    const flowLogs = new logs.LogGroup(this, 'VpcFlowLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      // One NAT gateway: Lambda's Kafka pollers and the functions reach the Lambda, STS, Scheduler
      // and Secrets Manager APIs (and connectors their external systems) through it.
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      // DynamoDB traffic stays off the NAT gateway (gateway endpoints are free).
      gatewayEndpoints: { DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB } },
      flowLogs: {
        rejected: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
          trafficType: ec2.FlowLogTrafficType.REJECT,
        },
      },
    });
    const functionsGroup = new ec2.SecurityGroup(this, 'FunctionsSecurityGroup', {
      vpc,
      description: 'Kafka Connect functions (outbound only)',
      allowAllOutbound: true,
    });
    const clusterGroup = new ec2.SecurityGroup(this, 'ClusterSecurityGroup', {
      vpc,
      description: 'MSK Serverless cluster of Kafka Connect',
      allowAllOutbound: true,
    });
    // 9098: MSK's IAM listener. The event source mappings' pollers run in the cluster's own
    // subnets with the cluster's security group, hence the rule from the group itself.
    clusterGroup.addIngressRule(functionsGroup, ec2.Port.tcp(9098), 'Kafka Connect functions (IAM auth)');
    clusterGroup.addIngressRule(clusterGroup, ec2.Port.tcp(9098), 'Lambda event source mapping pollers (IAM auth)');
    const cluster = new msk.CfnServerlessCluster(this, 'Cluster', {
      clusterName: Stack.of(this).stackName.slice(0, 64),
      clientAuthentication: { sasl: { iam: { enabled: true } } },
      vpcConfigs: [
        {
          subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds,
          securityGroups: [clusterGroup.securityGroupId],
        },
      ],
    });
    return { vpc, functionsGroup, clusterArn: cluster.attrArn };
  }

  /**
   * The cluster's bootstrap brokers for the authentication in use, read at deploy time with
   * kafka:GetBootstrapBrokers (CloudFormation does not return them).
   */
  private lookUpBootstrapServers(clusterArn: string, auth: KafkaAuth, props: KafkaWiringProps): string {
    const field = auth === 'aws-msk-iam' ? 'BootstrapBrokerStringSaslIam' : 'BootstrapBrokerStringSaslScram';
    const call: cr.AwsSdkCall = {
      service: 'Kafka',
      action: 'GetBootstrapBrokers',
      parameters: { ClusterArn: clusterArn },
      physicalResourceId: cr.PhysicalResourceId.of(`${field}`),
      outputPaths: [field],
    };
    const lookup = new cr.AwsCustomResource(this, 'BootstrapBrokers', {
      onCreate: call,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['kafka:GetBootstrapBrokers'], resources: [clusterArn] }),
      ]),
      installLatestAwsSdk: false,
      logGroup: new logs.LogGroup(this, 'BootstrapBrokersLogs', {
        retention: props.logRetention,
        removalPolicy: props.logRemovalPolicy,
      }),
    });
    // The provider function is aws-cdk-lib's, shared by every AwsCustomResource of the stack.
    const provider = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
    if (provider) {
      acknowledge(
        provider,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "aws-cdk-lib's AwsCustomResource provider function logs with AWSLambdaBasicExecutionRole; it runs only during deployments.",
      );
    }
    return lookup.getResponseField(field);
  }
}

/** aws-cdk-lib's construct id of the AwsCustomResource provider singleton. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/**
 * arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid> -> the cluster's topic/<name>/<uuid>/*
 * and group/<name>/<uuid>/* patterns (MSK IAM access control's resource ARNs).
 */
function mskArns(scope: Construct, clusterArn: string): MskArns {
  if (Token.isUnresolved(clusterArn)) {
    // A cluster of this stack: its ARN is a token, so the pieces are picked apart in CloudFormation.
    const resource = Fn.split('/', Fn.select(5, Fn.split(':', clusterArn)));
    const stack = Stack.of(scope);
    const arn = (kind: string) =>
      stack.formatArn({
        service: 'kafka',
        resource: kind,
        resourceName: Fn.join('/', [Fn.select(1, resource), Fn.select(2, resource), '*']),
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    return {
      cluster: clusterArn,
      topics: arn('topic'),
      groups: arn('group'),
      transactionalIds: arn('transactional-id'),
    };
  }
  const match = /^arn:([^:]+):kafka:([^:]+):(\d{12}):cluster\/([^/]+)\/([^/]+)$/.exec(clusterArn);
  if (!match) throw new Error(`Not an MSK cluster ARN: ${clusterArn}`);
  const [, partition, region, account, name, uuid] = match;
  const arn = (resource: string) => `arn:${partition}:kafka:${region}:${account}:${resource}/${name}/${uuid}/*`;
  return {
    cluster: clusterArn,
    topics: arn('topic'),
    groups: arn('group'),
    transactionalIds: arn('transactional-id'),
  };
}

/** An existing VPC's subnets and security groups, imported without a lookup (synth stays offline). */
function existingNetwork(scope: Construct, network: ExistingNetwork): FunctionNetwork {
  if (network.subnetIds.length === 0 || network.securityGroupIds.length === 0) {
    throw new Error('Kafka in a VPC needs the subnet ids and security group ids the functions run in');
  }
  // Only the given subnets are used (selected explicitly), so the VPC's own subnet lists stay
  // empty and its availability zone is a placeholder nothing renders.
  const vpc = ec2.Vpc.fromVpcAttributes(scope, 'Vpc', {
    vpcId: network.vpcId,
    availabilityZones: ['unused'],
    ...(network.vpcCidr ? { vpcCidrBlock: network.vpcCidr } : {}),
  });
  acknowledge(
    scope,
    '@aws-cdk/aws-ec2:noSubnetRouteTableId',
    'The functions and endpoints only attach network interfaces to these subnets; nothing here reads their route tables.',
  );
  return {
    vpc,
    subnets: {
      subnets: network.subnetIds.map((id, i) => ec2.Subnet.fromSubnetId(scope, `Subnet${i}`, id)),
    },
    securityGroups: network.securityGroupIds.map((id, i) =>
      ec2.SecurityGroup.fromSecurityGroupId(scope, `SecurityGroup${i}`, id, { mutable: false }),
    ),
  };
}
