import { KafkaApiError } from '../errors';
import { ErrorCode, NO_SEQUENCE } from '../protocol';

/** What an idempotent producer's batch says about itself. */
export interface ProducerBatch {
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly firstSequence: number;
  readonly lastSequence: number;
}

interface BatchMetadata {
  readonly firstSequence: number;
  readonly lastSequence: number;
  readonly baseOffset: number;
  readonly lastOffset: number;
}

interface ProducerEntry {
  epoch: number;
  /** The last batches appended, newest last: a retry of any of them is answered, not appended again. */
  batches: BatchMetadata[];
}

/**
 * A producer may have this many requests in flight (max.in.flight.requests.per.connection with
 * idempotence), so a retry may repeat any of its last five batches (ProducerStateEntry.NumBatchesToRetain).
 */
const RETAINED_BATCHES = 5;
const MAX_SEQUENCE = 0x7fffffff;

/**
 * Per partition, the epoch and recent sequence numbers of each idempotent producer, checked the way
 * Kafka's ProducerAppendInfo checks them: an older epoch is fenced, a new epoch starts at sequence 0,
 * and within an epoch each batch must start right after the previous one. A producer the partition
 * has no state for (new, or its batches all deleted) may start anywhere.
 */
export class ProducerStateTable {
  private readonly producers = new Map<number, ProducerEntry>();

  /**
   * Checks a batch before it is appended. Returns the offsets of the original if the batch is a retry
   * of one already appended; throws KafkaApiError if the broker must refuse it.
   */
  check(batch: ProducerBatch): { baseOffset: number; lastOffset: number } | undefined {
    const entry = this.producers.get(batch.producerId);
    if (!entry) return undefined;
    if (batch.producerEpoch < entry.epoch) {
      throw new KafkaApiError(
        ErrorCode.INVALID_PRODUCER_EPOCH,
        `Epoch ${batch.producerEpoch} of producer ${batch.producerId} is older than the current ${entry.epoch}`,
      );
    }
    if (batch.producerEpoch > entry.epoch) {
      if (batch.firstSequence !== 0) {
        throw new KafkaApiError(
          ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
          `Invalid sequence number for new epoch of producer ${batch.producerId}: ${batch.firstSequence} (expected 0)`,
        );
      }
      return undefined;
    }
    const duplicate = entry.batches.find(
      (b) => b.firstSequence === batch.firstSequence && b.lastSequence === batch.lastSequence,
    );
    if (duplicate) return { baseOffset: duplicate.baseOffset, lastOffset: duplicate.lastOffset };
    const last = entry.batches.at(-1)?.lastSequence ?? NO_SEQUENCE;
    const expected = last === MAX_SEQUENCE ? 0 : last + 1;
    if (batch.firstSequence !== expected) {
      throw new KafkaApiError(
        ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        `Out of order sequence number for producer ${batch.producerId}: ${batch.firstSequence} (expected ${expected})`,
      );
    }
    return undefined;
  }

  /** Records a batch that was appended (or found in the log at start-up). */
  record(batch: ProducerBatch, baseOffset: number, lastOffset: number): void {
    let entry = this.producers.get(batch.producerId);
    if (!entry || entry.epoch !== batch.producerEpoch) {
      entry = { epoch: batch.producerEpoch, batches: [] };
      this.producers.set(batch.producerId, entry);
    }
    entry.batches.push({
      firstSequence: batch.firstSequence,
      lastSequence: batch.lastSequence,
      baseOffset,
      lastOffset,
    });
    if (entry.batches.length > RETAINED_BATCHES) entry.batches.shift();
  }

  /**
   * A transaction marker carries the coordinator's epoch for the producer; a newer epoch than the
   * partition knows (an abort that fenced the producer) restarts its sequence at 0.
   */
  recordMarker(producerId: number, producerEpoch: number): void {
    const entry = this.producers.get(producerId);
    if (!entry || entry.epoch !== producerEpoch) this.producers.set(producerId, { epoch: producerEpoch, batches: [] });
  }

  /** Checks a marker's epoch as Kafka does: a marker from an older epoch than the producer's is fenced. */
  checkMarker(producerId: number, producerEpoch: number): void {
    const entry = this.producers.get(producerId);
    if (entry && producerEpoch < entry.epoch) {
      throw new KafkaApiError(
        ErrorCode.INVALID_PRODUCER_EPOCH,
        `Marker epoch ${producerEpoch} is older than ${entry.epoch}`,
      );
    }
  }
}
