import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { decodeEsmEvent, type KafkaEsmEvent } from '../../shared/kafka';
import type { SinkPipeline } from '../../shared/runtime';

export interface SinkTaskDeps {
  pipeline: SinkPipeline;
  /** The connector an invocation is for, from the alias in its invoked function ARN. */
  connectorOf(invokedFunctionArn: string): Promise<string>;
  logger: Logger;
}

/** The alias of an invoked function ARN: arn:aws:lambda:region:account:function:name:alias. */
export function aliasOf(invokedFunctionArn: string): string {
  const parts = invokedFunctionArn.split(':');
  if (parts.length < 8) throw new Error(`The sink function was invoked without an alias: ${invokedFunctionArn}`);
  return parts.slice(7).join(':');
}

/**
 * The sink function: an MSK or self-managed Kafka ESM batch -> the connector named by the invoked
 * alias -> SinkPipeline. Returning commits the batch's offsets; throwing redelivers it.
 */
export function createHandler(deps: SinkTaskDeps) {
  return middy(async (event: KafkaEsmEvent, context: Context): Promise<void> => {
    const connector = await deps.connectorOf(context.invokedFunctionArn);
    const batches = decodeEsmEvent(event);
    deps.logger.debug('sink batch', {
      connector,
      partitions: batches.map((b) => `${b.topic}-${b.partition}@${b.records[0]?.offset}+${b.records.length}`),
    });
    await deps.pipeline.run(connector, batches, () => context.getRemainingTimeInMillis());
  });
}

export type SinkTaskHandler = ReturnType<typeof createHandler>;
