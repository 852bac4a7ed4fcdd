import { KafkaApiError } from '../errors';
import {
  ApiKey,
  Compression,
  compressionOf,
  ErrorCode,
  isTransactional,
  type ProduceResponse,
  validateProducedBatch,
} from '../protocol';
import { errorCodeOf, errorMessageOf } from './errors';
import { defineApi } from './types';

type PartitionResponse = ProduceResponse['responses'][number]['partitionResponses'][number];

/** Where every message format keeps its magic byte (after offset, length and epoch or CRC). */
const MAGIC_OFFSET = 16;

/** Produce v7 is the first that may carry zstd batches (KIP-110); older requests with one are refused. */
const FIRST_VERSION_WITH_ZSTD = 7;

/**
 * Produce: each partition's one record batch is validated (CRC-32C, layout, idempotent sequence,
 * transaction membership) and appended as sent, its base offset rewritten. With acks=0 the client
 * expects no response at all.
 *
 * Versions 0-2 are advertised although they carry message formats 0 and 1, which the broker does not
 * store (it answers UNSUPPORTED_FOR_MESSAGE_FORMAT): librdkafka (2.0.2, the one in Debian) compresses
 * with gzip, snappy or lz4 only when the broker lists Produce v0 (its msgset writer checks the range
 * 0-0), and otherwise silently sends uncompressed batches. Every client that supports v3 sends v3 or
 * later, so nothing else sees these versions.
 */
export const produce = defineApi({
  apiKey: ApiKey.Produce,
  minVersion: 0,
  maxVersion: 11,
  handle(request, { broker, apiVersion }) {
    const acksValid = request.acks === -1 || request.acks === 0 || request.acks === 1;
    const responses = request.topicData.map(({ name, partitionData }) => ({
      name,
      partitionResponses: partitionData.map(({ index, records }): PartitionResponse => {
        try {
          if (!acksValid) throw new KafkaApiError(ErrorCode.INVALID_REQUIRED_ACKS, `Invalid acks ${request.acks}`);
          const log = broker.logs.partition(name, index);
          if (!log) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Unknown partition ${name}-${index}`);
          if (records && records.length > MAGIC_OFFSET && records.readInt8(MAGIC_OFFSET) < 2) {
            throw new KafkaApiError(
              ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT,
              'Message formats 0 and 1 are not supported',
            );
          }
          const header = validateProducedBatch(records);
          if (compressionOf(header.attributes) === Compression.ZSTD && apiVersion < FIRST_VERSION_WITH_ZSTD) {
            throw new KafkaApiError(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, 'zstd needs produce v7 or later');
          }
          if (isTransactional(header.attributes)) {
            broker.transactions.verifyTransactionalWrite(header.producerId, header.producerEpoch, name, index);
          }
          const result = log.appendFromProducer(records!, header);
          return {
            index,
            errorCode: ErrorCode.NONE,
            baseOffset: result.baseOffset,
            logAppendTimeMs: result.logAppendTime,
            logStartOffset: result.logStartOffset,
            recordErrors: [],
            errorMessage: null,
          };
        } catch (err) {
          const errorCode = errorCodeOf(err, broker.logger, { api: 'Produce', topic: name, partition: index });
          if (errorCode !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
            broker.logger.debug('refused a produced batch', {
              topic: name,
              partition: index,
              error: errorMessageOf(err),
            });
          }
          return {
            index,
            errorCode,
            baseOffset: -1,
            logAppendTimeMs: -1,
            logStartOffset: -1,
            recordErrors: [],
            errorMessage: errorMessageOf(err),
          };
        }
      }),
    }));
    return request.acks === 0 ? undefined : { responses };
  },
});
