import { ApiKey, ErrorCode } from '../protocol';
import { AUTHORIZED_OPERATIONS_OMITTED } from './metadata';
import { defineApi } from './types';

/** With no authorizer every group operation is allowed: READ (3), DELETE (6), DESCRIBE (8). */
const ALL_GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

/**
 * DescribeGroups: state, protocol and members; member metadata and assignments only once the group is
 * Stable. An unknown group is described as Dead with no error, as Kafka does up to v5.
 */
export const describeGroups = defineApi({
  apiKey: ApiKey.DescribeGroups,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker }) {
    return {
      groups: request.groups.map((groupId) => {
        const group = broker.groups.describeGroup(groupId);
        return {
          errorCode: ErrorCode.NONE,
          groupId,
          groupState: group.state,
          protocolType: group.protocolType,
          protocolData: group.protocolName,
          members: group.members.map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            clientId: m.clientId,
            clientHost: m.clientHost,
            memberMetadata: m.metadata,
            memberAssignment: m.assignment,
          })),
          authorizedOperations: request.includeAuthorizedOperations
            ? ALL_GROUP_OPERATIONS
            : AUTHORIZED_OPERATIONS_OMITTED,
        };
      }),
    };
  },
});
