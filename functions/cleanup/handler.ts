import type { Logger } from '@aws-lambda-powertools/logger';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse, Context } from 'aws-lambda';
import type { ManagedResourceCounts } from '../../shared/platform';

/** What the cleanup needs of AwsPlatform (shared/platform), so tests can pass their own. */
export interface ManagedResources {
  removeAllManaged(): Promise<ManagedResourceCounts>;
}

export interface CleanupDeps {
  readonly platform: ManagedResources;
  /** Sends CloudFormation the outcome: a PUT of the JSON body to the event's pre-signed ResponseURL. */
  respond(url: string, body: CloudFormationCustomResourceResponse): Promise<void>;
  readonly logger: Logger;
  /** Answer FAILED this long before the invocation times out, rather than leave CloudFormation waiting an hour. */
  readonly marginMs?: number;
}

/** The custom resource's id: one per stack, never replaced. */
export const PHYSICAL_RESOURCE_ID = 'kafka-connect-managed-resources';

const DEFAULT_MARGIN_MS = 15_000;

/**
 * The stack's cleanup custom resource (cdk/lib/cleanup.ts). Create and Update do nothing; Delete
 * removes every alias, event source mapping and schedule group the herder created for this
 * deployment. It always answers CloudFormation, also when the work fails or runs out of time:
 * FAILED with the reason, so a stack deletion stops and can be retried instead of hanging.
 * The event is never logged: its ResponseURL is a credential.
 */
export function createHandler(deps: CleanupDeps) {
  return async (event: CloudFormationCustomResourceEvent, context: Context): Promise<void> => {
    let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
    let reason: string | undefined;
    let data: Record<string, number> | undefined;
    if (event.RequestType === 'Delete') {
      const budget = Math.max(0, context.getRemainingTimeInMillis() - (deps.marginMs ?? DEFAULT_MARGIN_MS));
      try {
        const counts = await withinTime(deps.platform.removeAllManaged(), budget);
        data = { ...counts };
        deps.logger.info('removed the resources the herder created', { ...counts });
      } catch (error) {
        status = 'FAILED';
        reason = `Removing the herder's aliases, event source mappings and schedule groups failed: ${messageOf(error)}`;
        deps.logger.error('cleanup failed', error instanceof Error ? error : String(error));
      }
    }
    const body: CloudFormationCustomResourceResponse = {
      Status: status,
      Reason: reason ?? `See CloudWatch log stream ${context.logStreamName}`,
      PhysicalResourceId: event.RequestType === 'Create' ? PHYSICAL_RESOURCE_ID : event.PhysicalResourceId,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      ...(data ? { Data: data } : {}),
    } as CloudFormationCustomResourceResponse;
    await deps.respond(event.ResponseURL, body);
  };
}

export type CleanupHandler = ReturnType<typeof createHandler>;

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`not done within ${Math.round(ms / 1000)} s; delete the stack again`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
