import { ApiKey, ErrorCode } from '../protocol';
import { defineApi } from './types';

/** FindCoordinator key types: 0 a consumer group, 1 a transactional id. */
const KEY_TYPES = new Set([0, 1]);

/**
 * FindCoordinator: this broker coordinates every group and transactional id. v0-3 ask for one key,
 * v4+ for several (KIP-699).
 */
export const findCoordinator = defineApi({
  apiKey: ApiKey.FindCoordinator,
  minVersion: 0,
  maxVersion: 6,
  handle(request, { broker, listener, apiVersion }) {
    const node = { nodeId: broker.config.nodeId, host: listener.host, port: listener.port };
    const errorCode = KEY_TYPES.has(request.keyType) ? ErrorCode.NONE : ErrorCode.INVALID_REQUEST;
    const errorMessage = errorCode === ErrorCode.NONE ? null : `Unsupported coordinator key type ${request.keyType}`;
    if (apiVersion < 4) {
      return errorCode === ErrorCode.NONE
        ? { errorCode, errorMessage, ...node }
        : { errorCode, errorMessage, nodeId: -1, host: '', port: -1 };
    }
    return {
      errorCode: ErrorCode.NONE,
      nodeId: -1,
      host: '',
      port: -1,
      coordinators: request.coordinatorKeys.map((key) =>
        errorCode === ErrorCode.NONE
          ? { key, ...node, errorCode, errorMessage }
          : { key, nodeId: -1, host: '', port: -1, errorCode, errorMessage },
      ),
    };
  },
});
