import { ApiKey, ErrorCode } from '../protocol';
import { defineApi } from './types';

/** LeaveGroup: one member (v0-2) or several, by member id or group.instance.id (v3+, KIP-345). */
export const leaveGroup = defineApi({
  apiKey: ApiKey.LeaveGroup,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker, apiVersion }) {
    if (apiVersion < 3) return { errorCode: broker.groups.leaveGroup(request.groupId, request.memberId, null) };
    return {
      errorCode: ErrorCode.NONE,
      members: request.members.map(({ memberId, groupInstanceId }) => ({
        memberId,
        groupInstanceId,
        errorCode: broker.groups.leaveGroup(request.groupId, memberId, groupInstanceId),
      })),
    };
  },
});
