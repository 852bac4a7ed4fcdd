import { KafkaApiError } from '../errors';
import type { BrokerLogger } from '../logger';
import { ErrorCode } from '../protocol';

/** File-system failures Kafka reports as KAFKA_STORAGE_ERROR (its IOExceptions) rather than as bugs. */
const STORAGE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EMFILE', 'ENFILE']);

/**
 * The error code a response reports for a failure: a KafkaApiError's own code; a disk failure is
 * KAFKA_STORAGE_ERROR; anything else is a bug, logged and reported as UNKNOWN_SERVER_ERROR, as Kafka
 * does for unexpected exceptions.
 */
export function errorCodeOf(err: unknown, logger: BrokerLogger, context: Record<string, unknown> = {}): number {
  if (err instanceof KafkaApiError) return err.errorCode;
  logger.error('unexpected error while serving a request', { ...context, error: err });
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && STORAGE_FAILURES.has(code)
    ? ErrorCode.KAFKA_STORAGE_ERROR
    : ErrorCode.UNKNOWN_SERVER_ERROR;
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
