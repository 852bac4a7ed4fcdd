import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/env';
import { ConnectFunction, type FunctionNames, type FunctionObservability } from './connect-function';
import type { KafkaWiring } from './kafka';
import { acknowledge, WildcardJustifications } from './nag';
import type { ConnectTables } from './tables';
import type { Workers } from './workers';

/** A private endpoint: reachable only through execute-api VPC endpoints. */
export interface PrivateEndpointProps {
  /** Existing execute-api interface endpoints; a new one in the Kafka VPC when empty. */
  readonly vpcEndpointIds: readonly string[];
}

export interface ConnectRestApiProps {
  readonly names: FunctionNames;
  readonly tables: ConnectTables;
  readonly kafka: KafkaWiring;
  readonly workers: Workers;
  readonly observability: FunctionObservability;
  readonly buildCommit: string;
  readonly reservedConcurrency?: number;
  /** The stage, and the first path segment of every URL. */
  readonly stageName: string;
  /** Requests per second (steady) and burst, per stage. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly privateEndpoint?: PrivateEndpointProps;
  /**
   * Set API Gateway's account-wide CloudWatch Logs role (AWS::ApiGateway::Account, kept on stack
   * deletion): API Gateway writes no access or execution log without it. Leave it off when the
   * account already has one.
   */
  readonly manageAccountLoggingRole: boolean;
}

/** The Kafka Connect REST paths (`/`, `/connectors…`, `/connector-plugins…`, `/admin/…`); all else answers 403. */
const TOP_LEVEL_PATHS = ['connectors', 'connector-plugins'] as const;

/**
 * The Kafka Connect REST API on API Gateway: every route SigV4 (IAM) authorized, proxied to the
 * rest function, throttled, with JSON access logs and execution logs (errors) kept for the
 * configured retention; regional by default, or private to VPC endpoints. Two managed policies
 * grant callers invoke rights: everything, or GET only.
 */
export class ConnectRestApi extends Construct {
  readonly api: apigw.RestApi;
  readonly handler: ConnectFunction;
  readonly accessLogs: logs.LogGroup;
  /** execute-api:Invoke on every route: attach to the roles and users that administer connectors. */
  readonly invokePolicy: iam.ManagedPolicy;
  /** execute-api:Invoke on GET routes only: for monitoring. */
  readonly readOnlyPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ConnectRestApiProps) {
    super(scope, id);
    const { names, tables, kafka, workers } = props;
    this.handler = new ConnectFunction(this, 'Rest', {
      name: 'rest',
      functionName: names.name('rest'),
      description: 'Kafka Connect REST API (/connectors, /connector-plugins, /admin/loggers)',
      // More memory is more CPU: the REST function is the one a person waits for.
      memorySize: 1024,
      // API Gateway waits at most 29 s for an integration.
      timeout: Duration.seconds(29),
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: {
        ...tables.environment(),
        ...kafka.environment(),
        [ENV.buildCommit]: props.buildCommit,
        [ENV.herderFunctionArn]: names.arn(this, 'herder'),
      },
      network: kafka.network,
      observability: props.observability,
    });
    const role = this.handler.role;
    tables.grantConfigReadWrite(role);
    tables.grantOffsetsReadWrite(role);
    tables.grantStatusesReadWrite(role);
    kafka.grantAdmin(role);
    workers.grantConfigSecrets(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'SignalHerder',
        actions: ['lambda:InvokeFunction'],
        resources: [names.arn(this, 'herder')],
      }),
    );

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.observability.logRetention,
      removalPolicy: props.observability.logRemovalPolicy,
    });
    const endpoint = props.privateEndpoint ? this.privateEndpoint(props.privateEndpoint, kafka) : undefined;
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-connect`,
      description: 'Kafka Connect REST API',
      ...(endpoint
        ? {
            endpointConfiguration: { types: [apigw.EndpointType.PRIVATE], vpcEndpoints: endpoint.endpoints },
            policy: endpoint.policy,
          }
        : { endpointTypes: [apigw.EndpointType.REGIONAL] }),
      // Callers sign requests with SigV4; a route without IAM authorization cannot be added by accident.
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
      defaultIntegration: new apigw.LambdaIntegration(this.handler.function, {
        proxy: true,
        // One permission for the whole API rather than one per method (and test invocation).
        scopePermissionToMethod: false,
      }),
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.stageName,
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields({
          caller: true,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
        // Errors only: request and response bodies carry connector configs, which may hold secrets.
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: false,
        tracingEnabled: props.observability.tracing,
      },
    });
    this.api.root.addMethod('ANY');
    for (const path of TOP_LEVEL_PATHS) {
      const resource = this.api.root.addResource(path);
      resource.addMethod('ANY');
      resource.addProxy({ anyMethod: true });
    }
    this.api.root.addResource('admin').addProxy({ anyMethod: true });
    this.loggingPrerequisites(props);

    acknowledge(
      this.api,
      'AwsSolutions-APIG2',
      "The rest function validates every request and answers with Kafka Connect's error bodies (error_code, message); an API Gateway validator would answer in its own format.",
    );
    acknowledge(
      this.api,
      'AwsSolutions-APIG3',
      'Every route needs a SigV4 signature of a principal with execute-api:Invoke, and the stage is throttled; attach a WAF web ACL to the stage if your account requires one.',
    );
    acknowledge(
      this.api,
      'AwsSolutions-COG4',
      "Kafka Connect's clients are AWS principals: routes use IAM (SigV4) authorization rather than Cognito user pools.",
    );

    const justify = WildcardJustifications.of(this);
    const routes = (method: string) =>
      Stack.of(this).formatArn({
        service: 'execute-api',
        resource: this.api.restApiId,
        resourceName: `${props.stageName}/${method}/*`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    this.invokePolicy = new iam.ManagedPolicy(this, 'InvokePolicy', {
      description: 'Call every route of the Kafka Connect REST API',
      statements: [
        justify.statement(
          'InvokeConnectApi',
          "Covers every method and path of this API's stage: the Kafka Connect routes take connector names in their paths.",
          { actions: ['execute-api:Invoke'], resources: [routes('*')] },
        ),
      ],
    });
    this.readOnlyPolicy = new iam.ManagedPolicy(this, 'ReadOnlyPolicy', {
      description: 'Call the GET routes of the Kafka Connect REST API',
      statements: [
        justify.statement(
          'InvokeConnectApiGet',
          "Covers the GET routes of this API's stage: the Kafka Connect routes take connector names in their paths.",
          { actions: ['execute-api:Invoke'], resources: [routes('GET')] },
        ),
      ],
    });
  }

  /** The stage's URL, e.g. https://<id>.execute-api.<region>.amazonaws.com/connect/ */
  get url(): string {
    return this.api.url;
  }

  /**
   * API Gateway writes logs with an account-wide role (optionally managed here), and puts
   * execution logs in a group of its own naming: created here so it has the stack's retention.
   */
  private loggingPrerequisites(props: ConnectRestApiProps): void {
    const stage = this.api.deploymentStage;
    const executionLogs = new logs.LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${props.stageName}`,
      retention: props.observability.logRetention,
      removalPolicy: props.observability.logRemovalPolicy,
    });
    stage.node.addDependency(executionLogs);
    if (!props.manageAccountLoggingRole) return;
    const justify = WildcardJustifications.of(this);
    const loggingRole = new iam.Role(this, 'AccountLoggingRole', {
      description: "API Gateway's account-wide role for writing access and execution logs to CloudWatch Logs",
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    });
    loggingRole.addToPolicy(
      justify.statement(
        'ApiGatewayLogs',
        "The role is account-wide: API Gateway uses it for every REST API's logs in this account and region, whose groups it names itself (AmazonAPIGatewayPushToCloudWatchLogs grants the same).",
        {
          actions: [
            'logs:CreateLogGroup',
            'logs:CreateLogStream',
            'logs:DescribeLogGroups',
            'logs:DescribeLogStreams',
            'logs:PutLogEvents',
            'logs:GetLogEvents',
            'logs:FilterLogEvents',
          ],
          resources: ['*'],
        },
      ),
    );
    // Kept on deletion: other APIs of the account log through the same setting.
    loggingRole.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const account = new apigw.CfnAccount(this, 'AccountLogging', { cloudWatchRoleArn: loggingRole.roleArn });
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    stage.node.addDependency(account);
  }

  private privateEndpoint(
    options: PrivateEndpointProps,
    kafka: KafkaWiring,
  ): { endpoints: ec2.IVpcEndpoint[]; policy: iam.PolicyDocument } {
    let endpoints: ec2.IVpcEndpoint[];
    if (options.vpcEndpointIds.length > 0) {
      endpoints = options.vpcEndpointIds.map((id, i) =>
        ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(this, `ExecuteApiEndpoint${i}`, {
          vpcEndpointId: id,
          port: 443,
        }),
      );
    } else {
      if (!kafka.network || !kafka.vpcCidr) {
        throw new Error(
          'A private API needs execute-api VPC endpoint ids, or the Kafka VPC (with its CIDR) to create one in',
        );
      }
      const endpoint = new ec2.InterfaceVpcEndpoint(this, 'ExecuteApiEndpoint', {
        vpc: kafka.network.vpc,
        service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY,
        subnets: kafka.network.subnets,
        privateDnsEnabled: true,
        open: false,
      });
      endpoint.connections.allowFrom(ec2.Peer.ipv4(kafka.vpcCidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
      endpoints = [endpoint];
    }
    const ids = endpoints.map((e) => e.vpcEndpointId);
    // Private APIs need a resource policy: this account's principals, only through these endpoints.
    const policy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          actions: ['execute-api:Invoke'],
          principals: [new iam.AccountRootPrincipal()],
          resources: ['execute-api:/*'],
        }),
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          actions: ['execute-api:Invoke'],
          principals: [new iam.AnyPrincipal()],
          resources: ['execute-api:/*'],
          conditions: { StringNotEquals: { 'aws:SourceVpce': ids } },
        }),
      ],
    });
    return { endpoints, policy };
  }
}
