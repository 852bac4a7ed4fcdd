import { beforeAll, describe, expect, it } from 'vitest';
import { resourcePrefixOf } from '../../cdk/lib/connect-stack';
import { ENV } from '../../shared/env';
import { HERDER_TRIGGER_PARTITIONS, TABLES } from '../../shared/stores/dynamodb/schema';
import {
  actionsOfRole,
  asArray,
  functionBySuffix,
  Match,
  rendered,
  resourcesOf,
  type Statement,
  SYNTH_TIMEOUT_MS,
  type Synthesized,
  statementsOfRole,
  synthesize,
} from './support/synth';

/** The default deployment (cdk.json): the MSK Serverless quick start, IAM auth, regional API. */
let synth: Synthesized;
let prefix: string;

beforeAll(() => {
  synth = synthesize();
  prefix = synth.stack.resourcePrefix;
}, SYNTH_TIMEOUT_MS);

const PRODUCT_FUNCTIONS = ['rest', 'herder', 'sink-task', 'source-task', 'cleanup'] as const;

/** Statements of every IAM policy and role of the stack. */
function allStatements(): Statement[] {
  const { template } = synth;
  const statements: Statement[] = [];
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const policy of Object.values(resourcesOf(template, type))) {
      statements.push(...((policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement ?? []));
    }
  }
  for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) {
    for (const inline of asArray(role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[])) {
      statements.push(...inline.PolicyDocument.Statement);
    }
  }
  return statements;
}

describe('ConnectStack (MSK Serverless quick start)', () => {
  describe('resource prefix', () => {
    it('derives a prefix from the stack name that the platform accepts', () => {
      // Prepare
      const { template } = synth;
      // Act
      const herder = functionBySuffix(template, '-herder');
      // Assess
      expect(prefix).toBe(resourcePrefixOf('KafkaConnect'));
      expect(prefix).toMatch(/^[a-zA-Z][a-zA-Z0-9_-]{0,19}$/);
      expect((herder.fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        [ENV.resourcePrefix]: prefix,
      });
    });
  });

  describe('tables', () => {
    it('creates the four tables of the store schema, on demand, with point-in-time recovery and deletion protection', () => {
      // Prepare
      const { template } = synth;
      // Act
      const tables = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'));
      // Assess
      expect(tables).toHaveLength(Object.keys(TABLES).length);
      for (const table of tables) {
        expect(table.Properties).toMatchObject({
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        });
        expect(table.DeletionPolicy).toBe('Retain');
      }
    });

    it('gives only the configs table a stream, with the schema view type', () => {
      // Prepare
      const { template } = synth;
      // Act
      const streams = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'))
        .map((t) => t.Properties.StreamSpecification)
        .filter((s) => s !== undefined);
      // Assess
      expect(streams).toEqual([{ StreamViewType: TABLES.configs.stream }]);
    });

    it('encrypts with the AWS owned key unless a customer-managed key is asked for', () => {
      // Prepare
      const { template } = synth;
      // Act
      const keys = resourcesOf(template, 'AWS::KMS::Key');
      // Assess
      expect(Object.keys(keys)).toEqual([]);
      template.allResourcesProperties('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: false } });
    });
  });

  describe('functions', () => {
    it('runs every function on nodejs24.x and arm64, bundled as one ESM file with a source map', () => {
      // Prepare
      const { template } = synth;
      for (const name of PRODUCT_FUNCTIONS) {
        // Act
        const { fn } = functionBySuffix(template, `-${name}`);
        // Assess
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'WARN' },
          Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps' }) },
        });
        expect(fn.Properties.FunctionName).toBe(`${prefix}-${name}`);
      }
    });

    it('keeps each function log in its own group with a retention', () => {
      // Prepare
      const { template } = synth;
      const groups = resourcesOf(template, 'AWS::Logs::LogGroup');
      for (const name of PRODUCT_FUNCTIONS) {
        // Act
        const { fn } = functionBySuffix(template, `-${name}`);
        const groupId = ((fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup as { Ref: string })
          .Ref;
        // Assess
        expect(groups[groupId]?.Properties.RetentionInDays).toBe(30);
      }
    });

    it('keeps the sink timeout within the Kafka event source mapping cap and sizes the others for their work', () => {
      // Prepare
      const { template } = synth;
      // Act
      const timeout = (name: string) => functionBySuffix(template, `-${name}`).fn.Properties.Timeout as number;
      // Assess
      expect(timeout('sink-task')).toBeLessThanOrEqual(14 * 60);
      expect(timeout('rest')).toBeLessThanOrEqual(29);
      expect(timeout('source-task')).toBeLessThanOrEqual(15 * 60);
      expect(timeout('herder')).toBe(300);
    });

    it('sets the variables each entry point reads (shared/env.ts)', () => {
      // Prepare
      const { template } = synth;
      const variables = (name: string) =>
        Object.keys(
          (functionBySuffix(template, `-${name}`).fn.Properties.Environment as { Variables: object }).Variables,
        );
      const tables = [ENV.configsTable, ENV.offsetsTable, ENV.statusesTable, ENV.leasesTable];
      const kafka = [ENV.bootstrapServers, ENV.kafkaAuth, ENV.mskClusterArn];
      // Act & Assess
      expect(variables('rest')).toEqual(expect.arrayContaining([...tables, ...kafka, ENV.herderFunctionArn]));
      expect(variables('sink-task')).toEqual(expect.arrayContaining([...tables, ...kafka, ENV.herderFunctionArn]));
      expect(variables('source-task')).toEqual(expect.arrayContaining([...tables, ...kafka, ENV.herderFunctionArn]));
      expect(variables('herder')).toEqual(
        expect.arrayContaining([
          ...tables,
          ...kafka,
          ENV.resourcePrefix,
          ENV.sinkFunctionArn,
          ENV.sourceFunctionArn,
          ENV.schedulerRoleArn,
        ]),
      );
      expect(variables('cleanup')).toEqual(
        expect.arrayContaining([
          ...kafka,
          ENV.resourcePrefix,
          ENV.sinkFunctionArn,
          ENV.sourceFunctionArn,
          ENV.schedulerRoleArn,
        ]),
      );
    });

    it('points the herder at the sink and source functions and the others at the herder, by ARN', () => {
      // Prepare
      const { template } = synth;
      const env = (name: string) =>
        (functionBySuffix(template, `-${name}`).fn.Properties.Environment as { Variables: Record<string, unknown> })
          .Variables;
      // Act
      const herder = env('herder');
      // Assess
      expect(rendered(herder[ENV.sinkFunctionArn])).toContain(`:function:${prefix}-sink-task"`);
      expect(rendered(herder[ENV.sourceFunctionArn])).toContain(`:function:${prefix}-source-task"`);
      for (const name of ['rest', 'sink-task', 'source-task']) {
        expect(rendered(env(name)[ENV.herderFunctionArn])).toContain(`:function:${prefix}-herder"`);
      }
    });

    it('uses MSK IAM authentication and the bootstrap brokers looked up for it', () => {
      // Prepare
      const { template } = synth;
      // Act
      const vars = (functionBySuffix(template, '-sink-task').fn.Properties.Environment as { Variables: object })
        .Variables as Record<string, unknown>;
      // Assess
      expect(vars[ENV.kafkaAuth]).toBe('aws-msk-iam');
      expect(rendered(vars[ENV.bootstrapServers])).toContain('BootstrapBrokerStringSaslIam');
      const lookup = Object.values(resourcesOf(template, 'Custom::AWS'))[0];
      expect(rendered(lookup?.Properties.Create)).toContain('\\"action\\":\\"GetBootstrapBrokers\\"');
    });

    it('runs the functions that talk to Kafka in the cluster VPC, and the cleanup outside it', () => {
      // Prepare
      const { template } = synth;
      // Act
      const inVpc = (name: string) => functionBySuffix(template, `-${name}`).fn.Properties.VpcConfig !== undefined;
      // Assess
      expect(['rest', 'herder', 'sink-task', 'source-task'].map(inVpc)).toEqual([true, true, true, true]);
      expect(inVpc('cleanup')).toBe(false);
    });

    it('leaves concurrency unreserved unless asked', () => {
      // Prepare
      const { template } = synth;
      // Act
      const reserved = PRODUCT_FUNCTIONS.map(
        (name) => functionBySuffix(template, `-${name}`).fn.Properties.ReservedConcurrentExecutions,
      );
      // Assess
      expect(reserved).toEqual([undefined, undefined, undefined, undefined, undefined]);
    });

    it('gives X-Ray tracing up by default', () => {
      // Prepare
      const { template } = synth;
      // Act
      const modes = PRODUCT_FUNCTIONS.map((name) => functionBySuffix(template, `-${name}`).fn.Properties.TracingConfig);
      // Assess
      expect(modes.every((m) => m === undefined || (m as { Mode: string }).Mode === 'PassThrough')).toBe(true);
    });
  });

  describe('kafka quick start', () => {
    it('creates an MSK Serverless cluster with IAM authentication in the new VPC', () => {
      // Prepare
      const { template } = synth;
      // Act & Assess
      template.resourceCountIs('AWS::MSK::ServerlessCluster', 1);
      template.hasResourceProperties('AWS::MSK::ServerlessCluster', {
        ClientAuthentication: { Sasl: { Iam: { Enabled: true } } },
      });
      template.resourceCountIs('AWS::EC2::VPC', 1);
      template.resourceCountIs('AWS::EC2::NatGateway', 1);
      template.resourceCountIs('AWS::EC2::FlowLog', 1);
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['.dynamodb'])] }),
        VpcEndpointType: 'Gateway',
      });
    });

    it("admits the functions and the event source mappings' pollers on the IAM listener only", () => {
      // Prepare
      const { template } = synth;
      // Act
      const rules = Object.values(resourcesOf(template, 'AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
      // Assess
      expect(rules).toHaveLength(2);
      for (const rule of rules) expect(rule).toMatchObject({ IpProtocol: 'tcp', FromPort: 9098, ToPort: 9098 });
      const groupOf = (ref: unknown) => (ref as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const targets = new Set(rules.map((r) => groupOf(r.GroupId)));
      const [cluster] = [...targets];
      expect(targets.size).toBe(1);
      expect(cluster).toMatch(/^KafkaClusterSecurityGroup/);
      expect(rules.map((r) => groupOf(r.SourceSecurityGroupId))).toEqual(
        expect.arrayContaining([cluster, expect.stringMatching(/^KafkaFunctionsSecurityGroup/)]),
      );
    });
  });

  describe('herder triggers', () => {
    it('reads the configs stream filtered to connector and restart records, with bounded retries, bisection and an on-failure queue', () => {
      // Prepare
      const { template } = synth;
      const herder = functionBySuffix(template, '-herder');
      // Act
      const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping'));
      // Assess
      expect(mappings).toHaveLength(1);
      const mapping = mappings[0]?.Properties as Record<string, unknown>;
      expect(mapping).toMatchObject({
        FunctionName: { Ref: herder.id },
        EventSourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^Tablesconfigs/), 'StreamArn'] },
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 5,
        StartingPosition: 'TRIM_HORIZON',
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/HerderFailures/), 'Arn'] } },
        },
      });
      const pattern = JSON.parse(
        (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters[0]?.Pattern ?? '',
      );
      expect(pattern).toEqual({ dynamodb: { Keys: { pk: { S: [...HERDER_TRIGGER_PARTITIONS] } } } });
    });

    it('retries asynchronous herder signals twice and keeps what still fails in the queue', () => {
      // Prepare
      const { template } = synth;
      const herder = functionBySuffix(template, '-herder');
      // Act & Assess
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: herder.id },
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('HerderFailures'), 'Arn'] } },
        },
      });
    });

    it('does not retry a missed source firing (the next one is a minute away)', () => {
      // Prepare
      const { template } = synth;
      const source = functionBySuffix(template, '-source-task');
      // Act & Assess
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: source.id },
        MaximumRetryAttempts: 0,
        MaximumEventAgeInSeconds: 60,
      });
    });

    it('repairs every five minutes with {"repair": true}, dead-lettering missed firings', () => {
      // Prepare
      const { template } = synth;
      // Act & Assess
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'rate(5 minutes)',
        Target: {
          Arn: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([`:function:${prefix}-herder`])] }),
          Input: JSON.stringify({ repair: true }),
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('HerderFailures'), 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        },
      });
    });

    it('encrypts the herder queue and refuses plain HTTP to it', () => {
      // Prepare
      const { template } = synth;
      // Act & Assess
      template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });
  });

  describe('least privilege', () => {
    it('grants no action with a wildcard anywhere', () => {
      // Prepare
      const statements = allStatements();
      // Act
      const wildcards = statements.flatMap((s) => asArray(s.Action)).filter((a) => a.includes('*'));
      // Assess
      expect(statements.length).toBeGreaterThan(20);
      expect(wildcards).toEqual([]);
    });

    it('grants resource "*" only where AWS supports no narrower resource, in named statements', () => {
      // Prepare
      const statements = allStatements().filter((s) => s.Effect === 'Allow' && asArray(s.Resource).includes('*'));
      // Act
      const grants = new Set(statements.map((s) => s.Sid ?? asArray(s.Action).join(',')));
      // Assess
      expect([...grants].sort()).toEqual(
        [
          'ApiGatewayLogs',
          'CreateSinkEventSourceMappings',
          'KafkaEventSourceNetwork',
          'LambdaVpcNetworkInterfaces',
          'ListEventSourceMappings',
          'ListScheduleGroups',
          'ListSchedules',
          'dynamodb:ListStreams',
        ].sort(),
      );
      const create = statements.find((s) => s.Sid === 'CreateSinkEventSourceMappings');
      expect(create?.Condition).toHaveProperty(['ArnLike', 'lambda:FunctionArn']);
    });

    it('attaches no AWS managed policy to the functions, the scheduler role or the API logging role', () => {
      // Prepare
      const { template } = synth;
      // Act
      const withManaged = Object.entries(resourcesOf(template, 'AWS::IAM::Role'))
        .filter(([, r]) => r.Properties.ManagedPolicyArns !== undefined)
        .map(([id]) => id);
      // Assess
      // aws-cdk-lib's AwsCustomResource provider (the bootstrap broker lookup) is the one exception.
      expect(withManaged).toEqual([expect.stringMatching(/^AWS679f53fac002430cb0da5b7982bd2287/)]);
    });

    it('lets the herder manage aliases and event source mappings of the sink function only', () => {
      // Prepare
      const { template } = synth;
      const { roleId } = functionBySuffix(template, '-herder');
      const statements = statementsOfRole(template, roleId);
      // Act
      const aliases = statements.find((s) => s.Sid === 'SinkAliases');
      const mappings = statements.filter((s) => asArray(s.Action).some((a) => /EventSourceMappings?$/.test(a)));
      // Assess
      const aliasResources = asArray(aliases?.Resource).map(rendered);
      expect(aliasResources).toHaveLength(2);
      expect(aliasResources[0]).toMatch(new RegExp(`:function:${prefix}-sink-task"\\]`));
      expect(aliasResources[1]).toMatch(new RegExp(`:function:${prefix}-sink-task:${prefix}-\\*"\\]`));
      for (const mapping of mappings.filter((s) => s.Sid !== 'ListEventSourceMappings')) {
        expect(rendered(mapping.Condition)).toContain(`:function:${prefix}-sink-task:${prefix}-*`);
      }
      expect(mappings.map((s) => s.Sid).sort()).toEqual([
        'CreateSinkEventSourceMappings',
        'ListEventSourceMappings',
        'SinkEventSourceMappings',
      ]);
    });

    it("lets the herder touch only this deployment's schedule groups and schedules", () => {
      // Prepare
      const { template } = synth;
      const { roleId } = functionBySuffix(template, '-herder');
      const statements = statementsOfRole(template, roleId).filter((s) =>
        asArray(s.Action).some((a) => a.startsWith('scheduler:')),
      );
      // Act
      const scoped = statements.filter((s) => s.Sid !== 'ListSchedules').map((s) => rendered(s.Resource));
      // Assess
      expect(scoped).toEqual([
        expect.stringContaining(`:schedule-group/${prefix}-*"`),
        expect.stringContaining(`:schedule/${prefix}-*/*"`),
      ]);
    });

    it('lets the herder pass the scheduler role, to Scheduler only, and no other role', () => {
      // Prepare
      const { template } = synth;
      const { roleId } = functionBySuffix(template, '-herder');
      // Act
      const passRole = allStatements().filter((s) => asArray(s.Action).includes('iam:PassRole'));
      // Assess
      expect(passRole).toHaveLength(1);
      expect(statementsOfRole(template, roleId)).toContainEqual(passRole[0]);
      expect(passRole[0]).toMatchObject({
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^WorkersSchedulerRole/), 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      });
    });

    it('lets Scheduler invoke the source function only, for schedules under the prefix of this account', () => {
      // Prepare
      const { template } = synth;
      const [roleId, role] = Object.entries(resourcesOf(template, 'AWS::IAM::Role')).find(([id]) =>
        id.startsWith('WorkersSchedulerRole'),
      ) ?? ['', undefined];
      // Act
      const trust = rendered(role?.Properties.AssumeRolePolicyDocument);
      const statements = statementsOfRole(template, roleId);
      // Assess
      expect(trust).toContain('scheduler.amazonaws.com');
      expect(trust).toContain('aws:SourceAccount');
      expect(trust).toContain(`:schedule/${prefix}-*/*`);
      expect(statements).toHaveLength(1);
      expect(statements[0]?.Action).toBe('lambda:InvokeFunction');
      expect(rendered(statements[0]?.Resource)).toContain(`:function:${prefix}-source-task"`);
    });

    it('keeps alias, mapping and schedule management away from every role but the herder and the cleanup', () => {
      // Prepare
      const { template } = synth;
      const managing =
        /^(lambda:(Create|Update|Delete)(Alias|EventSourceMapping)|scheduler:(Create|Update|Delete)|iam:PassRole)/;
      const allowed = new Set([
        functionBySuffix(template, '-herder').roleId,
        functionBySuffix(template, '-cleanup').roleId,
      ]);
      // Act
      const others = Object.keys(resourcesOf(template, 'AWS::IAM::Role'))
        .filter((id) => !allowed.has(id))
        .filter((id) => actionsOfRole(template, id).some((a) => managing.test(a)));
      // Assess
      expect(others).toEqual([]);
    });

    it('lets the cleanup delete and list, never create', () => {
      // Prepare
      const { template } = synth;
      const { roleId } = functionBySuffix(template, '-cleanup');
      // Act
      const actions = actionsOfRole(template, roleId).filter((a) => !a.startsWith('logs:'));
      // Assess
      expect(actions.sort()).toEqual(
        [
          'lambda:DeleteAlias',
          'lambda:DeleteEventSourceMapping',
          'lambda:GetAlias',
          'lambda:ListAliases',
          'lambda:ListEventSourceMappings',
          'scheduler:DeleteSchedule',
          'scheduler:DeleteScheduleGroup',
          'scheduler:ListScheduleGroups',
          'scheduler:ListTagsForResource',
        ].sort(),
      );
    });

    it('gives each function only the table access its stores use', () => {
      // Prepare
      const { template } = synth;
      const access = (fn: string) => {
        const { roleId } = functionBySuffix(template, `-${fn}`);
        const byTable: Record<string, string> = {};
        for (const s of statementsOfRole(template, roleId)) {
          const table = rendered(s.Resource).match(/"Tables(configs|offsets|statuses|leases)/)?.[1];
          if (!table || rendered(s.Resource).includes('StreamArn')) continue;
          byTable[table] = asArray(s.Action).includes('dynamodb:PutItem') ? 'rw' : 'r';
        }
        return byTable;
      };
      // Act & Assess
      expect(access('rest')).toEqual({ configs: 'rw', offsets: 'rw', statuses: 'rw' });
      expect(access('herder')).toEqual({ configs: 'rw', statuses: 'rw', leases: 'rw' });
      expect(access('sink-task')).toEqual({ configs: 'r', statuses: 'rw', leases: 'rw' });
      expect(access('source-task')).toEqual({ configs: 'r', offsets: 'rw', statuses: 'rw', leases: 'rw' });
      expect(access('cleanup')).toEqual({});
    });

    it('lists exact DynamoDB actions: no scans, no transactions, no table management', () => {
      // Prepare
      const actions = allStatements()
        .flatMap((s) => asArray(s.Action))
        .filter((a) => a.startsWith('dynamodb:'));
      // Act
      const distinct = [...new Set(actions)].sort();
      // Assess
      expect(distinct).toEqual(
        [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeStream',
          'dynamodb:GetItem',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
        ].sort(),
      );
    });

    it('grants Kafka actions per role: consume to the sink, produce to the tasks, group admin to the REST API, topic listing to the herder', () => {
      // Prepare
      const { template } = synth;
      const kafka = (fn: string) =>
        [
          ...new Set(
            actionsOfRole(template, functionBySuffix(template, `-${fn}`).roleId).filter((a) => a.startsWith('kafka')),
          ),
        ].sort();
      // Act & Assess
      expect(kafka('sink-task')).toEqual(
        [
          'kafka-cluster:AlterGroup',
          'kafka-cluster:Connect',
          'kafka-cluster:CreateTopic',
          'kafka-cluster:DescribeClusterDynamicConfiguration',
          'kafka-cluster:DescribeGroup',
          'kafka-cluster:DescribeTopic',
          'kafka-cluster:ReadData',
          'kafka-cluster:WriteData',
          'kafka-cluster:WriteDataIdempotently',
          'kafka:DescribeClusterV2',
          'kafka:GetBootstrapBrokers',
        ].sort(),
      );
      expect(kafka('source-task')).toEqual(
        [
          'kafka-cluster:Connect',
          'kafka-cluster:CreateTopic',
          'kafka-cluster:DescribeTopic',
          'kafka-cluster:WriteData',
          'kafka-cluster:WriteDataIdempotently',
        ].sort(),
      );
      expect(kafka('rest')).toEqual(
        [
          'kafka-cluster:AlterGroup',
          'kafka-cluster:Connect',
          'kafka-cluster:DeleteGroup',
          'kafka-cluster:DescribeCluster',
          'kafka-cluster:DescribeGroup',
          'kafka-cluster:DescribeTopic',
          'kafka-cluster:ReadData',
        ].sort(),
      );
      expect(kafka('herder')).toEqual(['kafka-cluster:Connect', 'kafka-cluster:DescribeTopic']);
      expect(kafka('cleanup')).toEqual([]);
    });

    it("scopes Kafka topic and group grants to this cluster's topics and groups", () => {
      // Prepare
      const { template } = synth;
      const { roleId } = functionBySuffix(template, '-sink-task');
      // Act
      const topics = statementsOfRole(template, roleId).find((s) => s.Sid === 'MskConsumeTopics');
      const groups = statementsOfRole(template, roleId).find((s) => s.Sid === 'MskConsumeGroups');
      // Assess
      expect(rendered(topics?.Resource)).toMatch(/:topic\/".*KafkaCluster.*"\*"/);
      expect(rendered(groups?.Resource)).toMatch(/:group\/".*KafkaCluster.*"\*"/);
    });

    it('lets task and REST functions signal the herder, and the herder start source tasks, and nothing else invoke', () => {
      // Prepare
      const { template } = synth;
      const invokes = (fn: string) =>
        statementsOfRole(template, functionBySuffix(template, `-${fn}`).roleId)
          .filter((s) => asArray(s.Action).includes('lambda:InvokeFunction'))
          .map((s) => rendered(s.Resource).match(/:function:([^"]+)"/)?.[1]);
      // Act & Assess
      expect(invokes('rest')).toEqual([`${prefix}-herder`]);
      expect(invokes('sink-task')).toEqual([`${prefix}-herder`]);
      expect(invokes('source-task')).toEqual([`${prefix}-herder`]);
      expect(invokes('herder')).toEqual([`${prefix}-source-task`]);
      expect(invokes('cleanup')).toEqual([]);
    });

    it('lets functions read connector secrets under the configured prefix only', () => {
      // Prepare
      const statements = allStatements();
      // Act
      const secrets = statements.filter((s) => s.Sid === 'ConfigProviderSecrets');
      // Assess
      expect(secrets).toHaveLength(4);
      for (const s of secrets) {
        expect(asArray(s.Action).sort()).toEqual(
          ['secretsmanager:GetSecretValue', 'ssm:GetParameters', 'ssm:GetParametersByPath'].sort(),
        );
        expect(rendered(s.Resource)).toContain(':secret:kafka-connect/*');
        expect(rendered(s.Resource)).toContain(':parameter/kafka-connect/*');
      }
    });
  });

  describe('REST API', () => {
    it('authorizes every method with IAM (SigV4)', () => {
      // Prepare
      const { template } = synth;
      // Act
      const methods = Object.values(resourcesOf(template, 'AWS::ApiGateway::Method'));
      // Assess
      expect(methods.length).toBeGreaterThanOrEqual(6);
      expect(methods.map((m) => m.Properties.AuthorizationType)).toEqual(methods.map(() => 'AWS_IAM'));
      expect(methods.filter((m) => m.Properties.HttpMethod === 'OPTIONS')).toEqual([]);
    });

    it('proxies the Kafka Connect paths to the rest function', () => {
      // Prepare
      const { template } = synth;
      const rest = functionBySuffix(template, '-rest');
      const resources = resourcesOf(template, 'AWS::ApiGateway::Resource');
      // Act
      const paths = Object.values(resourcesOf(template, 'AWS::ApiGateway::Method')).map((m) => {
        const resourceId = (m.Properties.ResourceId as { Ref?: string }).Ref;
        const path: string[] = [];
        for (let id = resourceId; id; ) {
          const resource = resources[id];
          if (!resource) break;
          path.unshift(String(resource.Properties.PathPart));
          id = (resource.Properties.ParentId as { Ref?: string }).Ref;
        }
        expect(m.Properties.Integration).toMatchObject({
          Type: 'AWS_PROXY',
          Uri: { 'Fn::Join': ['', expect.arrayContaining([{ 'Fn::GetAtt': [rest.id, 'Arn'] }])] },
        });
        return `${m.Properties.HttpMethod} /${path.join('/')}`;
      });
      // Assess
      expect(paths.sort()).toEqual(
        [
          'ANY /',
          'ANY /admin/{proxy+}',
          'ANY /connector-plugins',
          'ANY /connector-plugins/{proxy+}',
          'ANY /connectors',
          'ANY /connectors/{proxy+}',
        ].sort(),
      );
    });

    it('throttles the stage and writes JSON access logs and error execution logs without bodies', () => {
      // Prepare
      const { template } = synth;
      // Act & Assess
      template.hasResourceProperties('AWS::ApiGateway::Stage', {
        StageName: 'connect',
        AccessLogSetting: {
          DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RestApiAccessLogs'), 'Arn'] },
          Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
        },
        MethodSettings: [
          Match.objectLike({
            HttpMethod: '*',
            ResourcePath: '/*',
            ThrottlingRateLimit: 50,
            ThrottlingBurstLimit: 100,
            LoggingLevel: 'ERROR',
            DataTraceEnabled: false,
          }),
        ],
      });
      template.hasResourceProperties('AWS::ApiGateway::Account', {
        CloudWatchRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccountLoggingRole'), 'Arn'] },
      });
    });

    it('is a regional endpoint by default', () => {
      // Prepare
      const { template } = synth;
      // Act & Assess
      template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
    });

    it('offers managed policies to call every route or the GET routes', () => {
      // Prepare
      const { template } = synth;
      // Act
      const policies = Object.values(resourcesOf(template, 'AWS::IAM::ManagedPolicy')).map((p) =>
        (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.map((s) => [
          s.Action,
          rendered(s.Resource),
        ]),
      );
      // Assess
      expect(policies).toHaveLength(2);
      expect(policies.flat().map(([action]) => action)).toEqual(['execute-api:Invoke', 'execute-api:Invoke']);
      expect(
        policies
          .flat()
          .map(([, resource]) => (resource as string).match(/"\/connect\/([^"]+)"/)?.[1])
          .sort(),
      ).toEqual(['*/*', 'GET/*']);
    });
  });

  describe('alarms and dashboard', () => {
    it('alarms on task failures, dead-lettered records, offset lag, function errors and throttles, API 5xx and the herder queue', () => {
      // Prepare
      const { template } = synth;
      // Act
      const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map(
        (a) => `${a.Properties.Namespace}/${a.Properties.MetricName}`,
      );
      // Assess
      expect(alarms.sort()).toEqual(
        [
          'KafkaConnect/TaskFailures',
          'KafkaConnect/DeadLetterRecords',
          'AWS/Lambda/OffsetLag',
          ...Array(4).fill('AWS/Lambda/Errors'),
          ...Array(4).fill('AWS/Lambda/Throttles'),
          'AWS/ApiGateway/5XXError',
          'AWS/SQS/ApproximateNumberOfMessagesVisible',
        ].sort(),
      );
    });

    it('sends every alarm and its recovery to the alarm topic', () => {
      // Prepare
      const { template } = synth;
      const [topicId] = Object.keys(resourcesOf(template, 'AWS::SNS::Topic'));
      // Act
      const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'));
      // Assess
      for (const alarm of alarms) {
        expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
        expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
      }
    });

    it('watches the offset lag of the sink function by its name', () => {
      // Prepare
      const { template } = synth;
      const sink = functionBySuffix(template, '-sink-task');
      // Act & Assess
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'OffsetLag',
        Statistic: 'Maximum',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: sink.id } }],
      });
    });

    it('draws records in and out, errors, dead letters, lag, functions and the API on one dashboard', () => {
      // Prepare
      const { template } = synth;
      // Act
      const body = rendered(
        Object.values(resourcesOf(template, 'AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody,
      );
      // Assess
      for (const metric of [
        'SinkRecordsRead',
        'SinkRecordsPut',
        'SourceRecordsPolled',
        'SourceRecordsWritten',
        'RecordErrors',
        'DeadLetterRecords',
        'TaskFailures',
        'OffsetLag',
        'Errors',
        'Throttles',
        '5XXError',
        'ApproximateNumberOfMessagesVisible',
      ]) {
        expect(body).toContain(metric);
      }
    });
  });

  describe('cleanup on deletion', () => {
    it('runs a custom resource backed by the cleanup function', () => {
      // Prepare
      const { template } = synth;
      const cleanup = functionBySuffix(template, '-cleanup');
      // Act & Assess
      template.hasResourceProperties('Custom::KafkaConnectCleanup', {
        ServiceToken: { 'Fn::GetAtt': [cleanup.id, 'Arn'] },
        ResourcePrefix: prefix,
      });
    });

    it('is deleted after the herder and its triggers and the API, and before the task functions and the scheduler role', () => {
      // Prepare
      const { template } = synth;
      const [cleanupId, cleanup] = Object.entries(resourcesOf(template, 'Custom::KafkaConnectCleanup'))[0] ?? [];
      const dependsOnCleanup = (type: string) =>
        Object.values(resourcesOf(template, type)).every((r) => asArray(r.DependsOn).includes(cleanupId as string));
      // Act
      const dependencies = asArray(cleanup?.DependsOn);
      // Assess
      expect(dependencies).toEqual(
        expect.arrayContaining([
          functionBySuffix(template, '-sink-task').id,
          functionBySuffix(template, '-source-task').id,
          expect.stringMatching(/^WorkersSchedulerRole/),
        ]),
      );
      expect(asArray(functionBySuffix(template, '-herder').fn.DependsOn)).toContain(cleanupId);
      expect(asArray(functionBySuffix(template, '-rest').fn.DependsOn)).toContain(cleanupId);
      expect(dependsOnCleanup('AWS::Lambda::EventSourceMapping')).toBe(true);
      expect(dependsOnCleanup('AWS::Scheduler::Schedule')).toBe(true);
      expect(dependsOnCleanup('AWS::ApiGateway::RestApi')).toBe(true);
    });
  });

  describe('cdk-nag', () => {
    it('leaves no AwsSolutions finding unacknowledged', () => {
      // Prepare
      const { nagViolations } = synth;
      // Act
      const findings = nagViolations.map(
        (v) => `${v.ruleName} (${v.severity}): ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
      );
      // Assess
      expect(findings).toEqual([]);
    });
  });
});
