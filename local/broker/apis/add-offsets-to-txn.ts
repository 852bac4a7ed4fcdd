import { ApiKey } from '../protocol';
import { forVersion } from './errors';
import { defineApi } from './types';

/** AddOffsetsToTxn: the transaction will commit offsets of this group (TxnOffsetCommit follows). */
export const addOffsetsToTxn = defineApi({
  apiKey: ApiKey.AddOffsetsToTxn,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker, apiVersion }) {
    const errorCode = broker.transactions.addOffsets(
      request.transactionalId,
      Number(request.producerId),
      request.producerEpoch,
      request.groupId,
    );
    return { errorCode: forVersion(errorCode, apiVersion, 2) };
  },
});
