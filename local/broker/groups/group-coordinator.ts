import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { BrokerLogger } from '../logger';
import { ErrorCode } from '../protocol';
import {
  Group,
  GroupState,
  type JoinResult,
  type Member,
  type Protocol,
  type SyncResult,
  sameProtocols,
} from './group';
import { type CommittedOffset, OffsetStore, type TopicPartitionOffset } from './offset-store';

export interface GroupCoordinatorOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logger: BrokerLogger;
  /** group.min.session.timeout.ms (Kafka: 6000). */
  readonly minSessionTimeoutMs?: number;
  /** group.max.session.timeout.ms (Kafka: 1800000). */
  readonly maxSessionTimeoutMs?: number;
  /** group.initial.rebalance.delay.ms: how long the first rebalance of an empty group waits for more members (Kafka: 3000). */
  readonly initialRebalanceDelayMs?: number;
}

export interface JoinRequest {
  readonly groupId: string;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly protocolType: string;
  readonly protocols: readonly Protocol[];
  readonly clientId: string;
  readonly clientHost: string;
  /** JoinGroup v4+: a new member first gets its id with MEMBER_ID_REQUIRED, then joins with it (KIP-394). */
  readonly requireKnownMemberId: boolean;
}

export interface SyncRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly assignments: ReadonlyArray<{ memberId: string; assignment: Buffer }>;
}

export interface MemberIdentity {
  readonly groupId: string;
  readonly memberId: string;
  readonly generationId: number;
  readonly groupInstanceId?: string | null;
}

export interface GroupDescription {
  readonly groupId: string;
  readonly state: GroupState;
  readonly protocolType: string;
  readonly protocolName: string;
  readonly members: ReadonlyArray<{
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    metadata: Buffer;
    assignment: Buffer;
  }>;
}

const EMPTY = Buffer.alloc(0);
/** A new member awaiting its first join is given this long before it is dropped (GroupCoordinator.NewMemberJoinTimeoutMs). */
const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;
/** offset.metadata.max.bytes */
const MAX_METADATA_BYTES = 4096;

/**
 * The group coordinator of the classic rebalance protocol, after Kafka's GroupCoordinator: members
 * join (JoinGroup waits until every known member has rejoined or the rebalance timeout drops the
 * late ones), the leader's assignment is handed out at SyncGroup, heartbeats keep sessions alive and
 * tell members of a rebalance, and every call is checked against the member id and generation.
 * Committed offsets persist (./offset-store.ts); membership does not survive a restart, so members
 * rejoin after one (their next heartbeat gets UNKNOWN_MEMBER_ID), as after a coordinator move.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly offsets: OffsetStore;
  /** Transactional offset commits not yet committed or aborted: group -> producer id -> offsets. */
  private readonly pendingTxnOffsets = new Map<string, Map<number, TopicPartitionOffset[]>>();
  private readonly clock: Clock;
  private readonly logger: BrokerLogger;
  private readonly minSessionTimeoutMs: number;
  private readonly maxSessionTimeoutMs: number;
  private readonly initialRebalanceDelayMs: number;

  constructor(options: GroupCoordinatorOptions) {
    this.clock = options.clock;
    this.logger = options.logger;
    this.minSessionTimeoutMs = options.minSessionTimeoutMs ?? 6000;
    this.maxSessionTimeoutMs = options.maxSessionTimeoutMs ?? 1_800_000;
    this.initialRebalanceDelayMs = options.initialRebalanceDelayMs ?? 3000;
    this.offsets = OffsetStore.open(join(options.dataDir, 'groups', 'offsets.log'), options.logger);
    for (const groupId of this.offsets.groupIds()) this.groups.set(groupId, new Group(groupId));
  }

  // --- membership -------------------------------------------------------------------------------

  joinGroup(request: JoinRequest): Promise<JoinResult> {
    if (request.groupId === '') return Promise.resolve(joinError(ErrorCode.INVALID_GROUP_ID, request.memberId));
    if (request.sessionTimeoutMs < this.minSessionTimeoutMs || request.sessionTimeoutMs > this.maxSessionTimeoutMs) {
      return Promise.resolve(joinError(ErrorCode.INVALID_SESSION_TIMEOUT, request.memberId));
    }
    let group = this.groups.get(request.groupId);
    if (!group) {
      if (request.memberId !== '') return Promise.resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, request.memberId));
      group = new Group(request.groupId);
      this.groups.set(group.groupId, group);
    }
    if (!group.supportsProtocols(request.protocolType, request.protocols)) {
      return Promise.resolve(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, request.memberId));
    }
    return request.memberId === '' ? this.joinNewMember(group, request) : this.joinKnownMember(group, request);
  }

  private joinNewMember(group: Group, request: JoinRequest): Promise<JoinResult> {
    const memberId = `${request.clientId}-${randomUUID()}`;
    if (request.groupInstanceId !== null) {
      // A static member coming back under a new member id replaces its old self (KIP-345).
      const previous = group.staticMembers.get(request.groupInstanceId);
      const old = previous === undefined ? undefined : group.members.get(previous);
      if (old) this.removeMember(group, old, 'static member rejoined with a new member id', false);
      return this.addMemberAndRebalance(group, memberId, request);
    }
    if (request.requireKnownMemberId) {
      const cancel = this.clock.schedule(request.sessionTimeoutMs, () => {
        group.pendingMembers.delete(memberId);
        this.maybeCompleteJoin(group);
      });
      group.pendingMembers.set(memberId, cancel);
      return Promise.resolve(joinError(ErrorCode.MEMBER_ID_REQUIRED, memberId));
    }
    return this.addMemberAndRebalance(group, memberId, request);
  }

  private joinKnownMember(group: Group, request: JoinRequest): Promise<JoinResult> {
    const pending = group.pendingMembers.get(request.memberId);
    if (pending) {
      pending();
      group.pendingMembers.delete(request.memberId);
      return this.addMemberAndRebalance(group, request.memberId, request);
    }
    const member = group.members.get(request.memberId);
    if (!member || group.is(GroupState.EMPTY, GroupState.DEAD)) {
      return Promise.resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, request.memberId));
    }
    if (request.groupInstanceId !== null && member.groupInstanceId !== request.groupInstanceId) {
      return Promise.resolve(joinError(ErrorCode.FENCED_INSTANCE_ID, request.memberId));
    }
    const unchanged = sameProtocols(member.protocols, request.protocols);
    // A member rejoining with nothing new while the group is settled only missed its join response.
    if (group.is(GroupState.COMPLETING_REBALANCE) && unchanged) return Promise.resolve(this.joinResult(group, member));
    if (group.is(GroupState.STABLE) && unchanged && member.memberId !== group.leaderId) {
      return Promise.resolve(this.joinResult(group, member));
    }
    return this.awaitJoin(group, member, request);
  }

  private addMemberAndRebalance(group: Group, memberId: string, request: JoinRequest): Promise<JoinResult> {
    const member: Member = {
      memberId,
      groupInstanceId: request.groupInstanceId,
      clientId: request.clientId,
      clientHost: request.clientHost,
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: request.rebalanceTimeoutMs,
      protocolType: request.protocolType,
      protocols: [...request.protocols],
      assignment: EMPTY,
    };
    if (group.members.size === 0) group.protocolType = request.protocolType;
    group.members.set(memberId, member);
    if (request.groupInstanceId !== null) group.staticMembers.set(request.groupInstanceId, memberId);
    this.logger.debug('member joined group', { groupId: group.groupId, memberId });
    return this.awaitJoin(group, member, request);
  }

  private awaitJoin(group: Group, member: Member, request: JoinRequest): Promise<JoinResult> {
    member.protocols = [...request.protocols];
    member.sessionTimeoutMs = request.sessionTimeoutMs;
    member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
    // A member waiting in JoinGroup is alive by definition: its session clock stops until the join
    // completes. A brand-new member is still bounded, in case its rebalance never completes.
    member.cancelSession?.();
    member.cancelSession = this.clock.schedule(
      Math.max(NEW_MEMBER_JOIN_TIMEOUT_MS, request.rebalanceTimeoutMs * 2),
      () => this.removeMember(group, member, 'join timed out'),
    );
    // A JoinGroup still waiting for this member belongs to a connection the client gave up on.
    member.awaitingJoin?.(joinError(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId));
    const result = new Promise<JoinResult>((resolve) => {
      member.awaitingJoin = resolve;
    });
    if (group.is(GroupState.PREPARING_REBALANCE)) this.maybeCompleteJoin(group);
    else this.prepareRebalance(group, `member ${member.memberId} joined`);
    return result;
  }

  private prepareRebalance(group: Group, reason: string): void {
    if (group.is(GroupState.COMPLETING_REBALANCE)) this.abortSync(group);
    const initial = group.is(GroupState.EMPTY);
    group.state = GroupState.PREPARING_REBALANCE;
    group.cancelJoinTimer?.();
    const delay = initial ? Math.min(this.initialRebalanceDelayMs, group.rebalanceTimeoutMs) : group.rebalanceTimeoutMs;
    group.initialDelay = initial && delay > 0;
    group.cancelJoinTimer = this.clock.schedule(delay, () => {
      group.initialDelay = false;
      this.completeJoin(group);
    });
    this.logger.info('preparing to rebalance group', {
      groupId: group.groupId,
      generationId: group.generationId,
      reason,
    });
    this.maybeCompleteJoin(group);
  }

  private maybeCompleteJoin(group: Group): void {
    if (group.is(GroupState.PREPARING_REBALANCE) && !group.initialDelay && group.allMembersJoined)
      this.completeJoin(group);
  }

  /** Ends the join phase: members that did not rejoin are dropped and a new generation starts. */
  private completeJoin(group: Group): void {
    if (!group.is(GroupState.PREPARING_REBALANCE)) return;
    group.cancelJoinTimer?.();
    group.cancelJoinTimer = undefined;
    for (const member of [...group.members.values()]) {
      if (!member.awaitingJoin) this.removeMember(group, member, 'did not rejoin in time', false);
    }
    group.generationId++;
    if (group.members.size === 0) {
      group.state = GroupState.EMPTY;
      group.protocolName = null;
      group.leaderId = null;
      return;
    }
    group.protocolName = group.selectProtocol();
    if (group.leaderId === null || !group.members.has(group.leaderId))
      group.leaderId = group.members.keys().next().value!;
    group.state = GroupState.COMPLETING_REBALANCE;
    this.logger.info('stabilized group', {
      groupId: group.groupId,
      generationId: group.generationId,
      protocol: group.protocolName,
      members: group.members.size,
    });
    for (const member of group.members.values()) {
      const resolve = member.awaitingJoin!;
      member.awaitingJoin = undefined;
      member.assignment = EMPTY;
      this.resetSession(group, member);
      resolve(this.joinResult(group, member));
    }
  }

  private joinResult(group: Group, member: Member): JoinResult {
    const isLeader = member.memberId === group.leaderId;
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      memberId: member.memberId,
      members: isLeader
        ? [...group.members.values()].map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            metadata: m.protocols.find((p) => p.name === group.protocolName)?.metadata ?? EMPTY,
          }))
        : [],
    };
  }

  syncGroup(request: SyncRequest): Promise<SyncResult> {
    const group = this.groups.get(request.groupId);
    const member = group?.members.get(request.memberId);
    if (!group || !member) return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    if (request.generationId !== group.generationId) return Promise.resolve(syncError(ErrorCode.ILLEGAL_GENERATION));
    if (
      (request.protocolType !== null && request.protocolType !== group.protocolType) ||
      (request.protocolName !== null && request.protocolName !== group.protocolName)
    ) {
      return Promise.resolve(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    if (group.is(GroupState.PREPARING_REBALANCE)) return Promise.resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
    if (group.is(GroupState.EMPTY, GroupState.DEAD)) return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    this.resetSession(group, member);
    if (group.is(GroupState.STABLE)) return Promise.resolve(this.syncResult(group, member));

    member.awaitingSync?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
    const result = new Promise<SyncResult>((resolve) => {
      member.awaitingSync = resolve;
    });
    if (member.memberId === group.leaderId) {
      const assignments = new Map(request.assignments.map((a) => [a.memberId, a.assignment]));
      for (const m of group.members.values()) m.assignment = assignments.get(m.memberId) ?? EMPTY;
      group.state = GroupState.STABLE;
      for (const m of group.members.values()) {
        const resolve = m.awaitingSync;
        m.awaitingSync = undefined;
        resolve?.(this.syncResult(group, m));
      }
    }
    return result;
  }

  private syncResult(group: Group, member: Member): SyncResult {
    return {
      errorCode: ErrorCode.NONE,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      assignment: member.assignment,
    };
  }

  /** A rebalance started before the leader's SyncGroup: members waiting in SyncGroup must rejoin. */
  private abortSync(group: Group): void {
    for (const member of group.members.values()) {
      member.assignment = EMPTY;
      const resolve = member.awaitingSync;
      member.awaitingSync = undefined;
      resolve?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
    }
  }

  heartbeat(identity: MemberIdentity): number {
    const group = this.groups.get(identity.groupId);
    const member = group?.members.get(identity.memberId);
    if (!group || group.is(GroupState.EMPTY, GroupState.DEAD) || !member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (identity.groupInstanceId && member.groupInstanceId !== identity.groupInstanceId)
      return ErrorCode.FENCED_INSTANCE_ID;
    if (identity.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    this.resetSession(group, member);
    return group.is(GroupState.PREPARING_REBALANCE) ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
  }

  /** LeaveGroup for one member, by member id or (static members) group.instance.id. */
  leaveGroup(groupId: string, memberId: string, groupInstanceId: string | null): number {
    const group = this.groups.get(groupId);
    if (!group) return ErrorCode.UNKNOWN_MEMBER_ID;
    const id =
      memberId !== '' ? memberId : groupInstanceId !== null ? group.staticMembers.get(groupInstanceId) : undefined;
    if (id === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    const pending = group.pendingMembers.get(id);
    if (pending) {
      pending();
      group.pendingMembers.delete(id);
      this.maybeCompleteJoin(group);
      return ErrorCode.NONE;
    }
    const member = group.members.get(id);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (groupInstanceId !== null && member.groupInstanceId !== groupInstanceId) return ErrorCode.FENCED_INSTANCE_ID;
    this.removeMember(group, member, 'left the group');
    return ErrorCode.NONE;
  }

  private resetSession(group: Group, member: Member): void {
    member.cancelSession?.();
    member.cancelSession = this.clock.schedule(member.sessionTimeoutMs, () =>
      this.removeMember(group, member, `session timeout (${member.sessionTimeoutMs} ms) expired`),
    );
  }

  private removeMember(group: Group, member: Member, reason: string, rebalance = true): void {
    if (group.members.get(member.memberId) !== member) return;
    member.cancelSession?.();
    group.members.delete(member.memberId);
    if (member.groupInstanceId !== null && group.staticMembers.get(member.groupInstanceId) === member.memberId) {
      group.staticMembers.delete(member.groupInstanceId);
    }
    if (group.leaderId === member.memberId) group.leaderId = null;
    member.awaitingJoin?.(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId));
    member.awaitingSync?.(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    member.awaitingJoin = undefined;
    member.awaitingSync = undefined;
    this.logger.info('removed member from group', { groupId: group.groupId, memberId: member.memberId, reason });
    if (!rebalance) return;
    if (group.is(GroupState.STABLE, GroupState.COMPLETING_REBALANCE))
      this.prepareRebalance(group, `member ${member.memberId} ${reason}`);
    else if (group.is(GroupState.PREPARING_REBALANCE)) this.maybeCompleteJoin(group);
  }

  // --- offsets ----------------------------------------------------------------------------------

  /**
   * Checks an OffsetCommit (or TxnOffsetCommit v3+) the way Kafka's doCommitOffsets does: a commit
   * with generation -1 and no member id comes from a consumer outside group management and is only
   * allowed while the group has no members; a member's commit must match the current generation.
   */
  validateCommit(identity: MemberIdentity): number {
    if (identity.groupId === '') return ErrorCode.INVALID_GROUP_ID;
    const group = this.groups.get(identity.groupId);
    const simple = identity.generationId < 0 && identity.memberId === '' && !identity.groupInstanceId;
    if (!group) return identity.generationId < 0 ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
    if (group.is(GroupState.DEAD)) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (identity.generationId < 0 && group.is(GroupState.EMPTY)) return ErrorCode.NONE;
    if (simple) return ErrorCode.UNKNOWN_MEMBER_ID;
    const member = group.members.get(identity.memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (identity.groupInstanceId && member.groupInstanceId !== identity.groupInstanceId)
      return ErrorCode.FENCED_INSTANCE_ID;
    if (identity.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (group.is(GroupState.COMPLETING_REBALANCE)) return ErrorCode.REBALANCE_IN_PROGRESS;
    this.resetSession(group, member);
    return ErrorCode.NONE;
  }

  /** Per-partition check of a commit's metadata size (offset.metadata.max.bytes). */
  checkMetadata(metadata: string | null): number {
    return metadata !== null && Buffer.byteLength(metadata) > MAX_METADATA_BYTES
      ? ErrorCode.OFFSET_METADATA_TOO_LARGE
      : ErrorCode.NONE;
  }

  commitOffsets(groupId: string, offsets: readonly TopicPartitionOffset[]): void {
    if (!this.groups.has(groupId)) this.groups.set(groupId, new Group(groupId));
    this.offsets.commit(groupId, offsets);
  }

  committedOffset(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(groupId, topic, partition);
  }

  committedOffsets(groupId: string): TopicPartitionOffset[] {
    return this.offsets.offsets(groupId);
  }

  /** Whether a transaction holds an offset for this partition not yet committed (OffsetFetch requireStable). */
  hasPendingTxnOffset(groupId: string, topic: string, partition: number): boolean {
    for (const offsets of this.pendingTxnOffsets.get(groupId)?.values() ?? []) {
      if (offsets.some((o) => o.topic === topic && o.partition === partition)) return true;
    }
    return false;
  }

  /** TxnOffsetCommit: held until the transaction ends. */
  stageTxnOffsets(groupId: string, producerId: number, offsets: readonly TopicPartitionOffset[]): void {
    if (!this.groups.has(groupId)) this.groups.set(groupId, new Group(groupId));
    let byProducer = this.pendingTxnOffsets.get(groupId);
    if (!byProducer) {
      byProducer = new Map();
      this.pendingTxnOffsets.set(groupId, byProducer);
    }
    const staged = (byProducer.get(producerId) ?? []).filter(
      (old) => !offsets.some((o) => o.topic === old.topic && o.partition === old.partition),
    );
    byProducer.set(producerId, [...staged, ...offsets]);
  }

  /** The end of a transaction: its staged offsets become committed, or are dropped. */
  completeTxnOffsets(groupId: string, producerId: number, commit: boolean): void {
    const byProducer = this.pendingTxnOffsets.get(groupId);
    const staged = byProducer?.get(producerId);
    if (!byProducer || !staged) return;
    byProducer.delete(producerId);
    if (byProducer.size === 0) this.pendingTxnOffsets.delete(groupId);
    if (commit) this.offsets.commit(groupId, staged);
  }

  // --- administration ---------------------------------------------------------------------------

  describeGroup(groupId: string): GroupDescription {
    const group = this.groups.get(groupId);
    if (!group) return { groupId, state: GroupState.DEAD, protocolType: '', protocolName: '', members: [] };
    const stable = group.is(GroupState.STABLE);
    return {
      groupId,
      state: group.state,
      protocolType: group.protocolType ?? '',
      protocolName: stable ? (group.protocolName ?? '') : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? (m.protocols.find((p) => p.name === group.protocolName)?.metadata ?? EMPTY) : EMPTY,
        assignment: stable ? m.assignment : EMPTY,
      })),
    };
  }

  listGroups(): Array<{ groupId: string; protocolType: string; state: GroupState }> {
    return [...this.groups.values()].map((g) => ({
      groupId: g.groupId,
      protocolType: g.protocolType ?? '',
      state: g.state,
    }));
  }

  /** DeleteGroups: only a group without members can go; its offsets go with it. */
  deleteGroup(groupId: string): number {
    const group = this.groups.get(groupId);
    if (!group) return ErrorCode.GROUP_ID_NOT_FOUND;
    if (!group.is(GroupState.EMPTY)) return ErrorCode.NON_EMPTY_GROUP;
    group.state = GroupState.DEAD;
    this.groups.delete(groupId);
    this.offsets.deleteGroup(groupId);
    this.pendingTxnOffsets.delete(groupId);
    return ErrorCode.NONE;
  }

  /** The group's current member subscriptions' topics, for OffsetDelete's GROUP_SUBSCRIBED_TO_TOPIC check. */
  group(groupId: string): Group | undefined {
    return this.groups.get(groupId);
  }

  deleteOffset(groupId: string, topic: string, partition: number): void {
    this.offsets.deletePartition(groupId, topic, partition);
  }

  /** A deleted topic's committed offsets are deleted from every group (Kafka's onPartitionsDeleted). */
  onTopicDeleted(topic: string): void {
    this.offsets.deleteTopic(topic);
    for (const byProducer of this.pendingTxnOffsets.values()) {
      for (const [producerId, offsets] of byProducer)
        byProducer.set(
          producerId,
          offsets.filter((o) => o.topic !== topic),
        );
    }
  }

  close(): void {
    for (const group of this.groups.values()) {
      group.cancelJoinTimer?.();
      for (const cancel of group.pendingMembers.values()) cancel();
      for (const member of group.members.values()) member.cancelSession?.();
    }
    this.offsets.close();
  }
}

function joinError(errorCode: number, memberId: string): JoinResult {
  return { errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, members: [] };
}

function syncError(errorCode: number): SyncResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY };
}
