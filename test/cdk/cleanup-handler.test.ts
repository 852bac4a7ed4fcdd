import { Logger } from '@aws-lambda-powertools/logger';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHandler, PHYSICAL_RESOURCE_ID } from '../../functions/cleanup/handler';
import type { ManagedResourceCounts } from '../../shared/platform';

const logger = new Logger({ serviceName: 'cleanup-test', logLevel: 'SILENT' });

function event(type: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent {
  const common = {
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:kc-x-1234-cleanup',
    ResponseURL: 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/signed',
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/KafkaConnect/guid',
    RequestId: 'request-1',
    LogicalResourceId: 'CleanupD4E4842E',
    ResourceType: 'Custom::KafkaConnectCleanup',
    ResourceProperties: { ServiceToken: 'arn', ResourcePrefix: 'kc-x-1234' },
  };
  if (type === 'Create') return { ...common, RequestType: 'Create' };
  if (type === 'Update') {
    return {
      ...common,
      RequestType: 'Update',
      PhysicalResourceId: PHYSICAL_RESOURCE_ID,
      OldResourceProperties: common.ResourceProperties,
    };
  }
  return { ...common, RequestType: 'Delete', PhysicalResourceId: PHYSICAL_RESOURCE_ID };
}

function context(remainingMs = 60_000): Context {
  return { getRemainingTimeInMillis: () => remainingMs, logStreamName: '2024/11/21/[$LATEST]abc' } as Context;
}

function harness(removeAllManaged: () => Promise<ManagedResourceCounts>, marginMs?: number) {
  const responses: { url: string; body: CloudFormationCustomResourceResponse }[] = [];
  let removals = 0;
  const handler = createHandler({
    platform: {
      removeAllManaged: () => {
        removals++;
        return removeAllManaged();
      },
    },
    respond: async (url, body) => {
      responses.push({ url, body });
    },
    logger,
    ...(marginMs !== undefined ? { marginMs } : {}),
  });
  return { handler, responses, removals: () => removals };
}

describe('cleanup custom resource handler', () => {
  it('does nothing on Create and Update but answer SUCCESS with its fixed id', async () => {
    // Prepare
    const { handler, responses, removals } = harness(async () => ({
      aliases: 0,
      eventSourceMappings: 0,
      scheduleGroups: 0,
    }));
    // Act
    await handler(event('Create'), context());
    await handler(event('Update'), context());
    // Assess
    expect(removals()).toBe(0);
    expect(responses.map((r) => [r.body.Status, r.body.PhysicalResourceId])).toEqual([
      ['SUCCESS', PHYSICAL_RESOURCE_ID],
      ['SUCCESS', PHYSICAL_RESOURCE_ID],
    ]);
  });

  it('removes what the herder created on Delete and reports the counts to the response URL', async () => {
    // Prepare
    const { handler, responses } = harness(async () => ({ aliases: 2, eventSourceMappings: 3, scheduleGroups: 1 }));
    // Act
    await handler(event('Delete'), context());
    // Assess
    expect(responses).toEqual([
      {
        url: 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/signed',
        body: expect.objectContaining({
          Status: 'SUCCESS',
          PhysicalResourceId: PHYSICAL_RESOURCE_ID,
          StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/KafkaConnect/guid',
          RequestId: 'request-1',
          LogicalResourceId: 'CleanupD4E4842E',
          Data: { aliases: 2, eventSourceMappings: 3, scheduleGroups: 1 },
        }),
      },
    ]);
  });

  it('answers FAILED with the reason when the removal fails, so the deletion stops rather than hangs', async () => {
    // Prepare
    const { handler, responses } = harness(async () => {
      throw new Error('Deleting alias kc-x-1234-orders-0a1b2c3d4e failed: AccessDeniedException');
    });
    // Act
    await handler(event('Delete'), context());
    // Assess
    expect(responses[0]?.body).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining('AccessDeniedException'),
      PhysicalResourceId: PHYSICAL_RESOURCE_ID,
    });
  });

  it('answers FAILED before the invocation times out when the removal takes too long', async () => {
    // Prepare
    const { handler, responses } = harness(() => new Promise<never>(() => {}), 0);
    // Act
    await handler(event('Delete'), context(0));
    // Assess
    expect(responses[0]?.body).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining('delete the stack again'),
    });
  });
});
