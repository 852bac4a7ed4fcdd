import { describe, expect, it } from 'vitest';
import { ManualClock, silentLogger } from '../../../../local/broker';
import { GroupCoordinator, GroupState, type JoinRequest } from '../../../../local/broker/groups';
import { ErrorCode } from '../../../../local/broker/protocol';
import { tempDir } from '../log/support';

const RANGE = { name: 'range', metadata: Buffer.from('subscription') };

function coordinator(options: { clock?: ManualClock; dataDir?: string; initialRebalanceDelayMs?: number } = {}) {
  return new GroupCoordinator({
    dataDir: options.dataDir ?? tempDir(),
    clock: options.clock ?? new ManualClock(),
    logger: silentLogger,
    initialRebalanceDelayMs: options.initialRebalanceDelayMs ?? 0,
  });
}

function joinRequest(fields: Partial<JoinRequest> = {}): JoinRequest {
  return {
    groupId: 'g',
    memberId: '',
    groupInstanceId: null,
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    protocolType: 'consumer',
    protocols: [RANGE],
    clientId: 'client',
    clientHost: '/127.0.0.1',
    requireKnownMemberId: true,
    ...fields,
  };
}

/** The two JoinGroup calls of KIP-394: the first gets a member id, the second joins with it. */
async function joinNew(groups: GroupCoordinator, fields: Partial<JoinRequest> = {}) {
  const first = await groups.joinGroup(joinRequest(fields));
  expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  return groups.joinGroup(joinRequest({ ...fields, memberId: first.memberId }));
}

function sync(
  groups: GroupCoordinator,
  memberId: string,
  generationId: number,
  assignments: Array<{ memberId: string; assignment: Buffer }> = [],
) {
  return groups.syncGroup({
    groupId: 'g',
    memberId,
    generationId,
    protocolType: 'consumer',
    protocolName: 'range',
    assignments,
  });
}

/** Lets pending promise callbacks run (a second JoinGroup call reaching the coordinator), without waiting on time. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const identity = (memberId: string, generationId: number) => ({ groupId: 'g', memberId, generationId });

describe('the group coordinator', () => {
  it('forms a one-member group: member id, join, sync with its own assignment, heartbeats', async () => {
    // Prepare
    const groups = coordinator();

    // Act
    const joined = await joinNew(groups);
    const synced = await sync(groups, joined.memberId, joined.generationId, [
      { memberId: joined.memberId, assignment: Buffer.from('all') },
    ]);
    const beat = groups.heartbeat(identity(joined.memberId, joined.generationId));

    // Assess
    expect(joined).toMatchObject({
      errorCode: ErrorCode.NONE,
      generationId: 1,
      leader: joined.memberId,
      protocolName: 'range',
    });
    expect(joined.members).toEqual([{ memberId: joined.memberId, groupInstanceId: null, metadata: RANGE.metadata }]);
    expect(synced).toMatchObject({ errorCode: ErrorCode.NONE, assignment: Buffer.from('all') });
    expect(beat).toBe(ErrorCode.NONE);
    expect(groups.describeGroup('g').state).toBe(GroupState.STABLE);
  });

  it('rebalances when a second member joins: the first learns it by heartbeat and both get the new generation', async () => {
    // Prepare
    const groups = coordinator();
    const first = await joinNew(groups, { clientId: 'one' });
    await sync(groups, first.memberId, 1, [{ memberId: first.memberId, assignment: Buffer.from('0,1') }]);

    // Act
    const secondJoin = joinNew(groups, { clientId: 'two' });
    await settle();
    const heartbeat = groups.heartbeat(identity(first.memberId, 1));
    const firstRejoin = await groups.joinGroup(joinRequest({ memberId: first.memberId, clientId: 'one' }));
    const second = await secondJoin;
    const assignments = [
      { memberId: first.memberId, assignment: Buffer.from('0') },
      { memberId: second.memberId, assignment: Buffer.from('1') },
    ];
    const followerSync = sync(groups, second.memberId, 2);
    const leaderSync = await sync(groups, first.memberId, 2, assignments);

    // Assess
    expect(heartbeat).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect([firstRejoin.generationId, second.generationId]).toEqual([2, 2]);
    expect(firstRejoin.members.map((m) => m.memberId).sort()).toEqual([first.memberId, second.memberId].sort());
    expect(second.members).toEqual([]);
    expect(leaderSync.assignment).toEqual(Buffer.from('0'));
    expect((await followerSync).assignment).toEqual(Buffer.from('1'));
  });

  it('removes a member whose session expires and rebalances the others', async () => {
    // Prepare
    const clock = new ManualClock();
    const groups = coordinator({ clock });
    const first = await joinNew(groups, { sessionTimeoutMs: 10_000 });
    await sync(groups, first.memberId, 1);
    const secondJoin = joinNew(groups);
    await settle();
    await groups.joinGroup(joinRequest({ memberId: first.memberId }));
    const second = await secondJoin;
    await sync(groups, first.memberId, 2);

    // Act: the second member keeps heartbeating, the first goes silent
    for (let t = 0; t < 4; t++) {
      clock.advance(3_000);
      groups.heartbeat(identity(second.memberId, 2));
    }
    const description = groups.describeGroup('g');

    // Assess
    expect(description.state).toBe(GroupState.PREPARING_REBALANCE);
    expect(description.members.map((m) => m.memberId)).toEqual([second.memberId]);
    expect(groups.heartbeat(identity(first.memberId, 2))).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(groups.heartbeat(identity(second.memberId, 2))).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });

  it('completes a rebalance without the members that did not rejoin before the rebalance timeout', async () => {
    // Prepare
    const clock = new ManualClock();
    const groups = coordinator({ clock });
    const first = await joinNew(groups, { rebalanceTimeoutMs: 5_000, sessionTimeoutMs: 60_000 });
    await sync(groups, first.memberId, 1);

    // Act
    const secondJoin = joinNew(groups, { rebalanceTimeoutMs: 5_000, sessionTimeoutMs: 60_000 });
    await settle();
    clock.advance(5_000);
    const second = await secondJoin;

    // Assess
    expect(second).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, leader: second.memberId });
    expect(groups.describeGroup('g').members.map((m) => m.memberId)).toEqual([second.memberId]);
  });

  it('waits the initial rebalance delay so that members starting together share the first generation', async () => {
    // Prepare
    const clock = new ManualClock();
    const groups = coordinator({ clock, initialRebalanceDelayMs: 3_000 });

    // Act
    const joins = [joinNew(groups, { clientId: 'a' }), joinNew(groups, { clientId: 'b' })];
    await settle();
    clock.advance(3_000);
    const [a, b] = await Promise.all(joins);

    // Assess
    expect([a?.generationId, b?.generationId]).toEqual([1, 1]);
    expect(a?.leader).toBe(b?.leader);
  });

  it('refuses stale generations and unknown members on heartbeat, sync and offset commit', async () => {
    // Prepare
    const groups = coordinator();
    const member = await joinNew(groups);
    await sync(groups, member.memberId, 1);

    // Act
    const codes = [
      groups.heartbeat(identity(member.memberId, 0)),
      groups.heartbeat(identity('stranger', 1)),
      (await sync(groups, member.memberId, 7)).errorCode,
      groups.validateCommit(identity(member.memberId, 0)),
      groups.validateCommit(identity('stranger', 1)),
      groups.validateCommit(identity('', -1)),
      groups.validateCommit(identity(member.memberId, 1)),
    ];

    // Assess
    expect(codes).toEqual([
      ErrorCode.ILLEGAL_GENERATION,
      ErrorCode.UNKNOWN_MEMBER_ID,
      ErrorCode.ILLEGAL_GENERATION,
      ErrorCode.ILLEGAL_GENERATION,
      ErrorCode.UNKNOWN_MEMBER_ID,
      ErrorCode.UNKNOWN_MEMBER_ID,
      ErrorCode.NONE,
    ]);
  });

  it('refuses members whose protocols share nothing with the group, and session timeouts out of bounds', async () => {
    // Prepare
    const groups = coordinator();
    await joinNew(groups);

    // Act
    const otherType = await groups.joinGroup(joinRequest({ protocolType: 'connect' }));
    const otherAssignor = await groups.joinGroup(
      joinRequest({ protocols: [{ name: 'sticky', metadata: Buffer.alloc(0) }] }),
    );
    const tooShort = await groups.joinGroup(joinRequest({ sessionTimeoutMs: 10 }));

    // Assess
    expect([otherType.errorCode, otherAssignor.errorCode, tooShort.errorCode]).toEqual([
      ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
      ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
      ErrorCode.INVALID_SESSION_TIMEOUT,
    ]);
  });

  it('lets the last member leave, then deletes the empty group with its offsets', async () => {
    // Prepare
    const groups = coordinator();
    const member = await joinNew(groups);
    await sync(groups, member.memberId, 1);
    groups.commitOffsets('g', [
      { topic: 't', partition: 0, committed: { offset: 5, leaderEpoch: -1, metadata: null, commitTimestamp: 0 } },
    ]);

    // Act
    const whileMember = groups.deleteGroup('g');
    const left = groups.leaveGroup('g', member.memberId, null);
    const state = groups.describeGroup('g').state;
    const deleted = groups.deleteGroup('g');

    // Assess
    expect([whileMember, left, deleted]).toEqual([ErrorCode.NON_EMPTY_GROUP, ErrorCode.NONE, ErrorCode.NONE]);
    expect(state).toBe(GroupState.EMPTY);
    expect(groups.committedOffset('g', 't', 0)).toBeUndefined();
    expect(groups.deleteGroup('g')).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });

  it('keeps committed offsets across a restart, and the group they belong to', () => {
    // Prepare
    const dataDir = tempDir();
    const groups = coordinator({ dataDir });
    const committed = { offset: 42, leaderEpoch: 0, metadata: 'm', commitTimestamp: 7 };
    groups.commitOffsets('g', [{ topic: 't', partition: 3, committed }]);
    groups.close();

    // Act
    const reopened = coordinator({ dataDir });

    // Assess
    expect(reopened.committedOffset('g', 't', 3)).toEqual(committed);
    expect(reopened.listGroups()).toEqual([{ groupId: 'g', protocolType: '', state: GroupState.EMPTY }]);
  });

  it('holds transactional offsets until the transaction commits, and drops them on abort', () => {
    // Prepare
    const groups = coordinator();
    const offset = (value: number) => [
      { topic: 't', partition: 0, committed: { offset: value, leaderEpoch: -1, metadata: null, commitTimestamp: 0 } },
    ];

    // Act
    groups.stageTxnOffsets('g', 1, offset(10));
    const pending = groups.hasPendingTxnOffset('g', 't', 0);
    const beforeCommit = groups.committedOffset('g', 't', 0);
    groups.completeTxnOffsets('g', 1, true);
    groups.stageTxnOffsets('g', 1, offset(20));
    groups.completeTxnOffsets('g', 1, false);

    // Assess
    expect(pending).toBe(true);
    expect(beforeCommit).toBeUndefined();
    expect(groups.committedOffset('g', 't', 0)?.offset).toBe(10);
    expect(groups.hasPendingTxnOffset('g', 't', 0)).toBe(false);
  });

  it('forgets the offsets of a deleted topic', () => {
    // Prepare
    const groups = coordinator();
    groups.commitOffsets('g', [
      { topic: 'gone', partition: 0, committed: { offset: 1, leaderEpoch: -1, metadata: null, commitTimestamp: 0 } },
    ]);

    // Act
    groups.onTopicDeleted('gone');

    // Assess
    expect(groups.committedOffsets('g')).toEqual([]);
  });
});
