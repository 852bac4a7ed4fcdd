import { Logger } from '@aws-lambda-powertools/logger';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { CloudFormationCustomResourceResponse } from 'aws-lambda';
import { ConnectError } from '../../shared/api';
import { ENV, requiredEnv } from '../../shared/env';
import { AwsPlatform } from '../../shared/platform';
import { sinkOptionsFromEnv, sourceOptionsFromEnv } from '../deps';
import { type CleanupDeps, createHandler } from './handler';

/**
 * The cleanup function's dependencies from the environment: the same AwsPlatform settings as the
 * herder's (prefix, sink and source functions, scheduler role). removeAllManaged() never lists
 * topics, so no Kafka connection is made.
 */
export function cleanupDepsFromEnv(): CleanupDeps {
  const logger = new Logger({ serviceName: 'connect-cleanup' });
  const platform = new AwsPlatform({
    lambda: new LambdaClient({}),
    scheduler: new SchedulerClient({}),
    topics: {
      listTopics: () => Promise.reject(new ConnectError('The cleanup function does not connect to Kafka')),
    },
    resourcePrefix: requiredEnv(ENV.resourcePrefix),
    sink: sinkOptionsFromEnv(),
    source: sourceOptionsFromEnv(),
    logger,
  });
  return { platform, respond: putResponse, logger };
}

/** CloudFormation's pre-signed S3 URL takes the response as a PUT with no content type (as cfn-response sends it). */
async function putResponse(url: string, body: CloudFormationCustomResourceResponse): Promise<void> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': '' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new ConnectError(`CloudFormation's response URL answered ${response.status}`);
}

/** The Lambda entry (the file the stack bundles). */
export const handler = createHandler(cleanupDepsFromEnv());
