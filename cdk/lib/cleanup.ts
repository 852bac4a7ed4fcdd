import { ArnFormat, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import { Construct, type IConstruct } from 'constructs';
import { ENV } from '../../shared/env';
import { ConnectFunction, type FunctionNames, type FunctionObservability } from './connect-function';
import type { KafkaWiring } from './kafka';
import { WildcardJustifications } from './nag';
import type { Workers } from './workers';

export interface ConnectCleanupProps {
  readonly resourcePrefix: string;
  readonly names: FunctionNames;
  readonly workers: Workers;
  readonly kafka: KafkaWiring;
  readonly observability: FunctionObservability;
  /**
   * What may still create resources at run time: deleted before the cleanup runs (CloudFormation
   * deletes dependents first), so nothing re-creates what it removes.
   */
  readonly triggers: IConstruct[];
}

/**
 * Stack deletion removes what the herder created at run time and CloudFormation does not know:
 * the sink connectors' aliases with their event source mappings, and the source connectors'
 * schedule groups with their schedules (AwsPlatform.removeAllManaged() in functions/cleanup).
 * A custom resource whose Delete runs after everything that could re-create them (the herder,
 * its triggers and the REST API) is gone, and before the functions and roles they use are.
 */
export class ConnectCleanup extends Construct {
  readonly handler: ConnectFunction;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: ConnectCleanupProps) {
    super(scope, id);
    const { names, workers, resourcePrefix } = props;
    const stack = Stack.of(this);
    const sinkArn = names.arn(this, 'sink-task');
    this.handler = new ConnectFunction(this, 'Cleanup', {
      name: 'cleanup',
      functionName: names.name('cleanup'),
      description:
        'Kafka Connect stack deletion: removes the aliases, event source mappings and schedule groups the herder created',
      memorySize: 256,
      timeout: Duration.minutes(14),
      environment: {
        // What AwsPlatform needs to find this deployment's resources (the same as the herder's).
        ...props.kafka.environment(),
        [ENV.resourcePrefix]: resourcePrefix,
        [ENV.sinkFunctionArn]: sinkArn,
        [ENV.sourceFunctionArn]: names.arn(this, 'source-task'),
        [ENV.schedulerRoleArn]: workers.schedulerRole.roleArn,
      },
      observability: props.observability,
      // No network: outside any VPC it reaches the Lambda and Scheduler APIs and CloudFormation's
      // response URL (S3) without a NAT gateway or endpoints.
    });

    const justify = WildcardJustifications.of(this);
    const role = this.handler.role;
    const aliasArns = workers.sinkAliasArns();
    role.addToPolicy(
      justify.statement(
        'DeleteSinkAliases',
        "Sink connectors' aliases are named after the connectors at run time; the grant covers the sink function's aliases under this deployment's prefix.",
        { actions: ['lambda:ListAliases', 'lambda:GetAlias', 'lambda:DeleteAlias'], resources: aliasArns },
      ),
    );
    role.addToPolicy(
      justify.statement(
        'DeleteSinkEventSourceMappings',
        'Event source mappings get UUIDs at creation; the lambda:FunctionArn condition limits deletion to mappings of the sink function and its aliases.',
        {
          actions: ['lambda:DeleteEventSourceMapping'],
          resources: [
            stack.formatArn({
              service: 'lambda',
              resource: 'event-source-mapping',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ],
          conditions: { ArnLike: { 'lambda:FunctionArn': aliasArns } },
        },
      ),
    );
    role.addToPolicy(
      justify.statement(
        'ListEventSourceMappings',
        'lambda:ListEventSourceMappings supports no resource-level permissions.',
        { actions: ['lambda:ListEventSourceMappings'], resources: ['*'] },
      ),
    );
    role.addToPolicy(
      justify.statement(
        'DeleteSourceScheduleGroups',
        "Source connectors' schedule groups are named after the connectors at run time; the grant covers groups under this deployment's prefix (deleting a group deletes its schedules).",
        {
          actions: ['scheduler:ListTagsForResource', 'scheduler:DeleteScheduleGroup', 'scheduler:DeleteSchedule'],
          resources: [workers.scheduleGroupArn(), workers.scheduleArn(`${resourcePrefix}-*/*`)],
        },
      ),
    );
    role.addToPolicy(
      justify.statement('ListScheduleGroups', 'scheduler:ListScheduleGroups supports no resource-level permissions.', {
        actions: ['scheduler:ListScheduleGroups'],
        resources: ['*'],
      }),
    );

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.handler.function.functionArn,
      resourceType: 'Custom::KafkaConnectCleanup',
      properties: { ResourcePrefix: resourcePrefix },
    });
    // Runs before these are deleted...
    this.resource.node.addDependency(workers.sink, workers.source, workers.schedulerRole, role);
    // ...and after these are.
    for (const trigger of props.triggers) trigger.node.addDependency(this.resource);
  }
}
