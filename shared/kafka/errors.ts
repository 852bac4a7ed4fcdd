import { ConnectError } from '../api';

/**
 * A newer producer initialized the same transactional id (Kafka's ProducerFencedException): this
 * one may never write or commit again. For a source task it means another invocation owns the
 * task now.
 */
export class ProducerFencedError extends ConnectError {
  override name = 'ProducerFencedError';
  readonly transactionalId: string;

  constructor(transactionalId: string, options?: ErrorOptions) {
    super(
      `The producer with transactional id ${transactionalId} was fenced: a newer producer initialized the same transactional id`,
      options,
    );
    this.transactionalId = transactionalId;
  }
}

/**
 * The broker errors that mean "a newer producer has this transactional id" (PRODUCER_FENCED, and
 * INVALID_PRODUCER_EPOCH, which brokers send to clients whose request versions predate it, as
 * kafkajs's do). kafkajs may wrap them (retries exceeded, aggregate errors), so the chain is searched.
 */
const FENCED_TYPES = new Set(['PRODUCER_FENCED', 'INVALID_PRODUCER_EPOCH']);

export function isProducerFenced(err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object' || depth > 8) return false;
  if (err instanceof ProducerFencedError) return true;
  const e = err as { type?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (typeof e.type === 'string' && FENCED_TYPES.has(e.type)) return true;
  if (isProducerFenced(e.cause, depth + 1) || isProducerFenced(e.originalError, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((inner) => isProducerFenced(inner, depth + 1));
}
