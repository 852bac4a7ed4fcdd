import { KafkaApiError } from '../errors';
import type { BrokerLogger } from '../logger';
import { ErrorCode } from '../protocol';

/**
 * The error code a response reports for a failure: a KafkaApiError's own code; anything else is a bug
 * or a disk failure, logged and reported as UNKNOWN_SERVER_ERROR, as Kafka does for unexpected exceptions.
 */
export function errorCodeOf(err: unknown, logger: BrokerLogger, context: Record<string, unknown> = {}): number {
  if (err instanceof KafkaApiError) return err.errorCode;
  logger.error('unexpected error while serving a request', { ...context, error: err });
  return ErrorCode.UNKNOWN_SERVER_ERROR;
}

export function errorMessageOf(err: unknown): string | null {
  return err instanceof KafkaApiError ? err.message : null;
}

/**
 * The transaction APIs learnt PRODUCER_FENCED in some version (KIP-588); clients of older versions get
 * INVALID_PRODUCER_EPOCH instead, which they know (kafkajs, for one, knows no code above 88).
 */
export function forVersion(errorCode: number, version: number, firstVersionWithProducerFenced: number): number {
  return errorCode === ErrorCode.PRODUCER_FENCED && version < firstVersionWithProducerFenced
    ? ErrorCode.INVALID_PRODUCER_EPOCH
    : errorCode;
}
