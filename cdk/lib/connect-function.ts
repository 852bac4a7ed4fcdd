import { resolve } from 'node:path';
import { ArnFormat, type Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WildcardJustifications } from './nag';

/** The repository root: NodejsFunction bundles functions/<name>/index.ts from here with the local esbuild. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** The folders under functions/ that are Lambda functions (each has handler.ts and index.ts). */
export type FunctionName = 'rest' | 'herder' | 'sink-task' | 'source-task' | 'cleanup';

/** The runtime matching the toolchain's Node 24 (package.json devDependency `node`). */
export const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** Where a function runs in a VPC: the Kafka cluster's subnets and a security group the brokers admit. */
export interface FunctionNetwork {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly securityGroups: ec2.ISecurityGroup[];
}

/** Logging, tracing and retention shared by every function of the stack. */
export interface FunctionObservability {
  readonly logRetention: logs.RetentionDays;
  /** X-Ray active tracing. */
  readonly tracing: boolean;
  /** What happens to the log groups when the stack is deleted. */
  readonly logRemovalPolicy: RemovalPolicy;
}

export interface ConnectFunctionProps {
  readonly name: FunctionName;
  /** The physical name: other functions and policies refer to it by ARN without a CloudFormation reference. */
  readonly functionName: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Reserved concurrency; unreserved (account pool) when undefined. */
  readonly reservedConcurrentExecutions?: number;
  readonly environment?: Record<string, string>;
  readonly network?: FunctionNetwork;
  readonly observability: FunctionObservability;
}

/**
 * One Lambda function of the product, built the same way as `npm run build` (scripts/bundle.ts):
 * functions/<name>/index.ts bundled by NodejsFunction with the local esbuild (no Docker) into one
 * minified ESM file with a source map, the pinned AWS SDK v3 bundled rather than the runtime's.
 * It runs on nodejs24.x / arm64, logs JSON to its own log group with a retention, and has its own
 * role holding only what the stack grants it (no AWS managed policies).
 */
export class ConnectFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ConnectFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.observability.logRetention,
      removalPolicy: props.observability.logRemovalPolicy,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the Kafka Connect ${props.name} function`,
    });
    // The function's own log group only (in place of AWSLambdaBasicExecutionRole's logs:* on every group).
    this.logGroup.grant(this.role, 'logs:CreateLogStream', 'logs:PutLogEvents');

    const justify = WildcardJustifications.of(this);
    if (props.network) {
      // In place of AWSLambdaVPCAccessExecutionRole: Lambda manages the function's network
      // interfaces with its execution role. EC2 Describe* calls support no resource-level
      // permissions, and the interfaces' ids are not known before Lambda creates them.
      this.role.addToPolicy(
        justify.statement(
          'LambdaVpcNetworkInterfaces',
          'Lambda creates and deletes the network interfaces of a function in a VPC with its execution role; EC2 Describe* actions and interfaces created at run time admit no narrower resource.',
          {
            actions: [
              'ec2:CreateNetworkInterface',
              'ec2:DescribeNetworkInterfaces',
              'ec2:DescribeSubnets',
              'ec2:DeleteNetworkInterface',
              'ec2:AssignPrivateIpAddresses',
              'ec2:UnassignPrivateIpAddresses',
            ],
            resources: ['*'],
          },
        ),
      );
    }
    if (props.observability.tracing) {
      justify.forAction(
        'xray:PutTraceSegments',
        'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
      );
    }

    this.function = new NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      entry: resolve(PROJECT_ROOT, 'functions', props.name, 'index.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: resolve(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: NODE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      tracing: props.observability.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      environment: {
        // Stack traces point into the TypeScript sources through the bundle's source map.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      ...(props.network
        ? { vpc: props.network.vpc, vpcSubnets: props.network.subnets, securityGroups: props.network.securityGroups }
        : {}),
      bundling: {
        // The same esbuild settings as scripts/bundle.ts (`npm run build`).
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // The runtime ships an AWS SDK v3, but bundling pins our exact, aligned version.
        bundleAwsSDK: true,
        externalModules: [],
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        forceDockerBundling: false,
      },
    });
  }
}

/**
 * The physical names of the functions, from the deployment's resource prefix. The functions refer
 * to each other (the herder manages the sink's aliases, every function signals the herder), so
 * they are named up front and referred to by ARN: references by attribute would make a cycle.
 */
export class FunctionNames {
  constructor(private readonly prefix: string) {}

  name(fn: FunctionName): string {
    return `${this.prefix}-${fn}`;
  }

  /** The unqualified function ARN. */
  arn(scope: Construct, fn: FunctionName): string {
    return Stack.of(scope).formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: this.name(fn),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}
