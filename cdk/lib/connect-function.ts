import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
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

// --- Bundling: the settings scripts/bundle.ts (`npm run build`) uses too, so both build alike. ---

/** Lets the ESM bundle's CommonJS dependencies call require. */
export const BUNDLE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** The esbuild settings of every function bundle (NodejsFunction spells the same ones as its bundling props). */
export const FUNCTION_BUNDLE = {
  format: 'esm',
  target: 'node24',
  platform: 'node',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: BUNDLE_BANNER,
} as const;

/**
 * The database drivers the JDBC connector loads lazily: kept out of index.mjs (external), and
 * shipped next to it as node_modules/<package>, one minified CommonJS file each, with a
 * package.json that points import('<specifier>') at it.
 */
export const LAZY_DRIVERS = [
  { specifier: 'pg', packageName: 'pg', file: 'index.js', packageJson: { name: 'pg', main: 'index.js' } },
  {
    specifier: 'mysql2/promise',
    packageName: 'mysql2',
    file: 'promise.js',
    packageJson: { name: 'mysql2', exports: { './promise': './promise.js' } },
  },
] as const;

/** Modules index.mjs leaves to the asset's node_modules. */
export const EXTERNAL_MODULES: string[] = LAZY_DRIVERS.map((d) => d.packageName);

const DRIVER_ESBUILD_ARGS = [
  '--bundle',
  '--platform=node',
  '--target=node24',
  '--format=cjs',
  '--minify',
  '--legal-comments=none',
  '--log-level=warning',
];

/** The local esbuild binary (the same one NodejsFunction uses). */
function esbuildBinary(): string {
  return join(dirname(createRequire(import.meta.url).resolve('esbuild/package.json')), 'bin', 'esbuild');
}

/** Shell-safe double quoting for the command hooks (paths may hold spaces). */
function quote(text: string): string {
  return `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}

/**
 * The shell commands that add the lazily loaded drivers to a function's asset directory: what
 * NodejsFunction runs after bundling (commandHooks.afterBundling), and what bundleDrivers runs.
 */
export function driverBundleCommands(outputDir: string): string[] {
  const commands: string[] = [];
  for (const driver of LAZY_DRIVERS) {
    const packageDir = join(outputDir, 'node_modules', driver.packageName);
    const args = [driver.specifier, ...DRIVER_ESBUILD_ARGS, `--outfile=${join(packageDir, driver.file)}`];
    // esbuild resolves the entry as a package from the project root.
    commands.push(`cd ${quote(PROJECT_ROOT)} && ${quote(esbuildBinary())} ${args.map(quote).join(' ')}`);
    commands.push(`printf '%s' '${JSON.stringify(driver.packageJson)}' > ${quote(join(packageDir, 'package.json'))}`);
  }
  return commands;
}

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
 * minified ESM file with a source map, the pinned AWS SDK v3 bundled rather than the runtime's,
 * and the JDBC drivers beside it as node_modules loaded on first use.
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
        // The esbuild settings of scripts/bundle.ts (`npm run build`), from the same module.
        format: OutputFormat.ESM,
        target: FUNCTION_BUNDLE.target,
        minify: FUNCTION_BUNDLE.minify,
        sourceMap: FUNCTION_BUNDLE.sourcemap,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: FUNCTION_BUNDLE.sourcesContent,
        mainFields: [...FUNCTION_BUNDLE.mainFields],
        // The runtime ships an AWS SDK v3, but bundling pins our exact, aligned version, and one
        // bundled file loads faster than the runtime's many (see BENCHMARKS.md, "Bundles").
        bundleAwsSDK: true,
        // The JDBC drivers stay out of index.mjs; they ship beside it as node_modules/<driver>,
        // loaded by the JDBC connector's import() on first use.
        externalModules: [...EXTERNAL_MODULES],
        banner: FUNCTION_BUNDLE.banner,
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => driverBundleCommands(outputDir),
        },
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
