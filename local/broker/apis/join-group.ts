import { ApiKey } from '../protocol';
import { defineApi } from './types';

/** From JoinGroup v4 a new member first gets its member id with MEMBER_ID_REQUIRED (KIP-394). */
const FIRST_VERSION_REQUIRING_MEMBER_ID = 4;

/** JoinGroup: waits, inside the group coordinator, until the rebalance completes. */
export const joinGroup = defineApi({
  apiKey: ApiKey.JoinGroup,
  minVersion: 0,
  maxVersion: 9,
  async handle(request, { broker, apiVersion, clientId, clientHost }) {
    const result = await broker.groups.joinGroup({
      groupId: request.groupId,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId,
      sessionTimeoutMs: request.sessionTimeoutMs,
      // v0 has no rebalance timeout: the session timeout serves as one (JoinGroupRequest.json).
      rebalanceTimeoutMs: apiVersion === 0 ? request.sessionTimeoutMs : request.rebalanceTimeoutMs,
      protocolType: request.protocolType,
      protocols: request.protocols,
      clientId: clientId ?? '',
      clientHost,
      requireKnownMemberId: apiVersion >= FIRST_VERSION_REQUIRING_MEMBER_ID,
    });
    return {
      errorCode: result.errorCode,
      generationId: result.generationId,
      protocolType: result.protocolType,
      protocolName: result.protocolName,
      leader: result.leader,
      memberId: result.memberId,
      members: result.members.map((m) => ({ ...m })),
    };
  },
});
