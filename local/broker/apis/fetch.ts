import type { BrokerState } from '../broker-state';
import { KafkaApiError } from '../errors';
import { IsolationLevel, LEADER_EPOCH, type PartitionLog } from '../log';
import { ApiKey, ErrorCode, type FetchRequest, type FetchResponse } from '../protocol';
import { errorCodeOf } from './errors';
import { defineApi } from './types';

type TopicResponse = FetchResponse['responses'][number];
type PartitionResponse = TopicResponse['partitions'][number];

const ZERO_UUID = Buffer.alloc(16).toString('base64url');

/** Fetch v13 replaced topic names by topic ids (KIP-516). */
const FIRST_VERSION_WITH_TOPIC_IDS = 13;

/**
 * Fetch: whole batches as stored, from each partition's fetch offset, within the partition and
 * response byte limits (KIP-74: the first batch found is returned even when larger), up to the high
 * watermark, or the last stable offset for read_committed with the aborted transactions overlapping
 * what is returned. When fewer than MinBytes are available the request waits, up to MaxWaitMs, for
 * appends to any of its partitions (Kafka's DelayedFetch).
 *
 * Fetch sessions (KIP-227) are declined: answering session id 0 tells a client that asked for one to
 * keep sending full fetch requests, which every client supports.
 */
export const fetch = defineApi({
  apiKey: ApiKey.Fetch,
  minVersion: 4,
  maxVersion: 17,
  async handle(request, { broker, apiVersion, signal }) {
    if (request.sessionId !== 0) {
      return { errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND, sessionId: 0, responses: [] };
    }
    if (request.sessionEpoch > 0) {
      return { errorCode: ErrorCode.INVALID_FETCH_SESSION_EPOCH, sessionId: 0, responses: [] };
    }
    const byId = apiVersion >= FIRST_VERSION_WITH_TOPIC_IDS;
    const deadline = broker.clock.now() + Math.max(0, request.maxWaitMs);
    for (;;) {
      const { responses, bytes, failed, logs } = readAll(request, broker, byId);
      const waitMs = deadline - broker.clock.now();
      if (bytes >= request.minBytes || failed || waitMs <= 0 || signal.aborted || logs.length === 0) {
        return { errorCode: ErrorCode.NONE, sessionId: 0, responses };
      }
      await nextChange(logs, waitMs, broker, signal);
    }
  },
});

function readAll(request: FetchRequest, broker: BrokerState, byId: boolean) {
  let remaining = request.maxBytes;
  let bytes = 0;
  let failed = false;
  const logs: PartitionLog[] = [];
  const isolation =
    request.isolationLevel === IsolationLevel.READ_COMMITTED
      ? IsolationLevel.READ_COMMITTED
      : IsolationLevel.READ_UNCOMMITTED;
  const responses = request.topics.map(({ topic: name, topicId, partitions }): TopicResponse => {
    const topic = byId ? broker.logs.topicById(topicId) : broker.logs.topic(name);
    const missing = byId ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    return {
      topic: name,
      topicId: topic?.topicId ?? topicId ?? ZERO_UUID,
      partitions: partitions.map(({ partition, fetchOffset, partitionMaxBytes, currentLeaderEpoch }) => {
        const log = topic?.partitions[partition];
        try {
          if (!log) throw new KafkaApiError(missing, `Unknown partition ${name}-${partition}`);
          checkLeaderEpoch(currentLeaderEpoch);
          logs.push(log);
          const read = log.read(Number(fetchOffset), Math.min(partitionMaxBytes, remaining), isolation, bytes === 0);
          bytes += read.bytes;
          remaining = Math.max(0, remaining - read.bytes);
          return {
            partitionIndex: partition,
            errorCode: ErrorCode.NONE,
            highWatermark: read.highWatermark,
            lastStableOffset: read.lastStableOffset,
            logStartOffset: read.logStartOffset,
            abortedTransactions:
              isolation === IsolationLevel.READ_COMMITTED
                ? read.abortedTransactions.map(({ producerId, firstOffset }) => ({ producerId, firstOffset }))
                : null,
            preferredReadReplica: -1,
            records: read.records,
          };
        } catch (err) {
          failed = true;
          return failedPartition(partition, errorCodeOf(err, broker.logger, { api: 'Fetch', topic: name, partition }));
        }
      }),
    };
  });
  return { responses, bytes, failed, logs };
}

/** The dev broker's leader epoch never changes; a client that believes otherwise is told which way (KIP-320). */
function checkLeaderEpoch(current: number): void {
  if (current < 0 || current === LEADER_EPOCH) return;
  throw new KafkaApiError(current < LEADER_EPOCH ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH);
}

function failedPartition(partitionIndex: number, errorCode: number): PartitionResponse {
  return {
    partitionIndex,
    errorCode,
    highWatermark: -1,
    lastStableOffset: -1,
    logStartOffset: -1,
    abortedTransactions: null,
    preferredReadReplica: -1,
    records: null,
  };
}

/** Resolves on the next change of any of the logs, after `ms`, or when the request is abandoned. */
function nextChange(logs: PartitionLog[], ms: number, broker: BrokerState, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribers = logs.map((log) => log.onChange(done));
    const cancelTimer = broker.clock.schedule(ms, done);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      cancelTimer();
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
