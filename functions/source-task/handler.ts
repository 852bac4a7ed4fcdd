import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { BadRequestError } from '../../shared/api';
import type { SourceLoop, SourceRunOutcome, SourceTaskPayload } from '../../shared/runtime';

export interface SourceTaskDeps {
  loop: SourceLoop;
  logger: Logger;
}

/** The Scheduler payload, checked: a malformed one is a deployment bug, named clearly. */
export function sourcePayload(event: unknown): SourceTaskPayload {
  const e = event as Partial<SourceTaskPayload> | null;
  if (!e || typeof e.connector !== 'string' || !Number.isInteger(e.task) || !Number.isInteger(e.generation)) {
    throw new BadRequestError('A source task invocation needs {"connector": string, "task": int, "generation": int}');
  }
  return { connector: e.connector, task: e.task as number, generation: e.generation as number };
}

/**
 * The source function: a Scheduler payload {connector, task, generation} -> one SourceLoop run,
 * polling until the invocation's time is nearly spent.
 */
export function createHandler(deps: SourceTaskDeps) {
  return middy(async (event: unknown, context: Context): Promise<SourceRunOutcome> => {
    const payload = sourcePayload(event);
    const outcome = await deps.loop.runOnce(payload, () => context.getRemainingTimeInMillis());
    deps.logger.debug('source invocation ended', { connector: payload.connector, task: payload.task, outcome });
    return outcome;
  });
}

export type SourceTaskHandler = ReturnType<typeof createHandler>;
