import { ApiKey, ErrorCode } from '../protocol';
import { defineApi } from './types';

/**
 * ApiVersions: the versions of every API the broker serves. A client asking with a version the broker
 * does not know gets a v0 answer with UNSUPPORTED_VERSION and this same list (KIP-511); the server
 * writes that one before any parsing, see ../server.ts.
 */
export const apiVersions = defineApi({
  apiKey: ApiKey.ApiVersions,
  minVersion: 0,
  maxVersion: 3,
  handle: (_request, { apis }) => ({
    errorCode: ErrorCode.NONE,
    apiKeys: apis.map(({ apiKey, minVersion, maxVersion }) => ({ apiKey, minVersion, maxVersion })),
  }),
});
