import { ApiKey } from '../protocol';
import { forVersion } from './errors';
import { defineApi } from './types';

/**
 * EndTxn: commit or abort. v5 (KIP-890 part 2, epoch bumped at every transaction end) is not served:
 * Kafka marks it unstable.
 */
export const endTxn = defineApi({
  apiKey: ApiKey.EndTxn,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker, apiVersion }) {
    const errorCode = broker.transactions.endTxn(
      request.transactionalId,
      Number(request.producerId),
      request.producerEpoch,
      request.committed,
    );
    return { errorCode: forVersion(errorCode, apiVersion, 2) };
  },
});
