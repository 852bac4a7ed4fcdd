export { Group, GroupState, type JoinResult, type Member, type Protocol, type SyncResult } from './group';
export {
  GroupCoordinator,
  type GroupCoordinatorOptions,
  type GroupDescription,
  type JoinRequest,
  type MemberIdentity,
  type SyncRequest,
} from './group-coordinator';
export { type CommittedOffset, OffsetStore, type TopicPartitionOffset } from './offset-store';
