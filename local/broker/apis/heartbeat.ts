import { ApiKey } from '../protocol';
import { defineApi } from './types';

/** Heartbeat: keeps the member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin. */
export const heartbeat = defineApi({
  apiKey: ApiKey.Heartbeat,
  minVersion: 0,
  maxVersion: 4,
  handle: (request, { broker }) => ({ errorCode: broker.groups.heartbeat(request) }),
});
