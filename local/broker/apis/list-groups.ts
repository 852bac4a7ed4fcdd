import { ApiKey, ErrorCode } from '../protocol';
import { defineApi } from './types';

/** Groups of the classic protocol report the type `classic` (ListGroups v5, KIP-848). */
const CLASSIC = 'classic';

/** ListGroups: every group, optionally filtered by state (v4+) and type (v5+). */
export const listGroups = defineApi({
  apiKey: ApiKey.ListGroups,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker }) {
    const states = request.statesFilter.map((s) => s.toLowerCase());
    const types = request.typesFilter.map((t) => t.toLowerCase());
    return {
      errorCode: ErrorCode.NONE,
      groups: broker.groups
        .listGroups()
        .filter((g) => states.length === 0 || states.includes(g.state.toLowerCase()))
        .filter(() => types.length === 0 || types.includes(CLASSIC))
        .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state, groupType: CLASSIC })),
    };
  },
});
