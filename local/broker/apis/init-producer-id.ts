import { ApiKey } from '../protocol';
import { forVersion } from './errors';
import { defineApi } from './types';

/** InitProducerId: a producer id and epoch, for idempotence or for a transactional id. */
export const initProducerId = defineApi({
  apiKey: ApiKey.InitProducerId,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker, apiVersion }) {
    const result = broker.transactions.initProducerId(
      request.transactionalId,
      request.transactionTimeoutMs,
      Number(request.producerId),
      request.producerEpoch,
    );
    return { ...result, errorCode: forVersion(result.errorCode, apiVersion, 4) };
  },
});
