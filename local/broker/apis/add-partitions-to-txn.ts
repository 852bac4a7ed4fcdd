import { ApiKey } from '../protocol';
import { forVersion } from './errors';
import { defineApi } from './types';

/**
 * AddPartitionsToTxn, the client versions (v0-3); v4+ batches transactions for brokers verifying
 * writes (KIP-890), which a one-broker cluster never sends.
 */
export const addPartitionsToTxn = defineApi({
  apiKey: ApiKey.AddPartitionsToTxn,
  minVersion: 0,
  maxVersion: 3,
  handle(request, { broker, apiVersion }) {
    const partitions = request.v3AndBelowTopics.flatMap(({ name, partitions }) =>
      partitions.map((partition) => ({ topic: name, partition })),
    );
    const results = broker.transactions.addPartitions(
      request.v3AndBelowTransactionalId,
      Number(request.v3AndBelowProducerId),
      request.v3AndBelowProducerEpoch,
      partitions,
    );
    return {
      resultsByTopicV3AndBelow: request.v3AndBelowTopics.map(({ name }) => ({
        name,
        resultsByPartition: [...results]
          .filter(([tp]) => tp.topic === name)
          .map(([tp, errorCode]) => ({
            partitionIndex: tp.partition,
            partitionErrorCode: forVersion(errorCode, apiVersion, 2),
          })),
      })),
    };
  },
});
