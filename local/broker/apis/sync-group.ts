import { ApiKey } from '../protocol';
import { defineApi } from './types';

/** SyncGroup: the leader hands in the assignment; every member waits for its part. */
export const syncGroup = defineApi({
  apiKey: ApiKey.SyncGroup,
  minVersion: 0,
  maxVersion: 5,
  async handle(request, { broker }) {
    const result = await broker.groups.syncGroup({
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      protocolType: request.protocolType,
      protocolName: request.protocolName,
      assignments: request.assignments,
    });
    return { ...result };
  },
});
