import { ApiKey } from '../protocol';
import { defineApi } from './types';

/** DeleteGroups: groups without members, with their committed offsets. */
export const deleteGroups = defineApi({
  apiKey: ApiKey.DeleteGroups,
  minVersion: 0,
  maxVersion: 2,
  handle: (request, { broker }) => ({
    results: request.groupsNames.map((groupId) => ({ groupId, errorCode: broker.groups.deleteGroup(groupId) })),
  }),
});
