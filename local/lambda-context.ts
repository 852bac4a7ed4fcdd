import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** A Lambda context for a local invocation: the invoked ARN (with alias) and a remaining-time clock. */
export function localLambdaContext(functionName: string, alias: string | null, remaining: () => number): Context {
  const arn = `arn:aws:lambda:local:000000000000:function:${functionName}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: alias === null ? arn : `${arn}:${alias}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: remaining,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
