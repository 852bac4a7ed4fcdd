import { describe, expect, it } from 'vitest';
import { ManualClock, silentLogger } from '../../../../local/broker';
import { GroupCoordinator } from '../../../../local/broker/groups';
import { IsolationLevel, LogManager } from '../../../../local/broker/log';
import { buildRecordBatch, ErrorCode, validateProducedBatch } from '../../../../local/broker/protocol';
import { TransactionCoordinator } from '../../../../local/broker/transactions';
import { tempDir } from '../log/support';

function broker(dataDir = tempDir(), clock = new ManualClock()) {
  const logs = LogManager.open({ dataDir, clock, logger: silentLogger });
  const groups = new GroupCoordinator({ dataDir, clock, logger: silentLogger });
  const transactions = new TransactionCoordinator({
    dataDir,
    clock,
    logger: silentLogger,
    logs,
    groups,
    abortCheckIntervalMs: 1_000,
  });
  const close = () => {
    transactions.close();
    groups.close();
    logs.close();
  };
  return { logs, groups, transactions, clock, dataDir, close };
}

/** Writes a transactional batch as a producer would, after the coordinator's checks. */
function produce(
  parts: ReturnType<typeof broker>,
  producerId: number,
  producerEpoch: number,
  value: string,
  baseSequence = 0,
) {
  parts.transactions.verifyTransactionalWrite(producerId, producerEpoch, 't', 0);
  const batch = buildRecordBatch({
    producerId,
    producerEpoch,
    baseSequence,
    transactional: true,
    timestamp: 1,
    records: [{ value: Buffer.from(value) }],
  });
  return parts.logs.partition('t', 0)!.appendFromProducer(batch, validateProducedBatch(batch));
}

describe('the transaction coordinator', () => {
  it('commits: markers make the data stable and the staged offsets committed', () => {
    // Prepare
    const parts = broker();
    parts.logs.createTopic('t', 1);
    const { producerId, producerEpoch } = parts.transactions.initProducerId('tx', 60_000, -1, -1);
    parts.transactions.addPartitions('tx', producerId, producerEpoch, [{ topic: 't', partition: 0 }]);
    parts.transactions.addOffsets('tx', producerId, producerEpoch, 'g');
    parts.groups.stageTxnOffsets('g', producerId, [
      { topic: 't', partition: 0, committed: { offset: 3, leaderEpoch: -1, metadata: null, commitTimestamp: 0 } },
    ]);
    produce(parts, producerId, producerEpoch, 'v');
    const log = parts.logs.partition('t', 0)!;
    const lsoWhileOpen = log.lastStableOffset;

    // Act
    const ended = parts.transactions.endTxn('tx', producerId, producerEpoch, true);
    const retried = parts.transactions.endTxn('tx', producerId, producerEpoch, true);
    const wrongWay = parts.transactions.endTxn('tx', producerId, producerEpoch, false);

    // Assess
    expect(lsoWhileOpen).toBe(0);
    expect([ended, retried, wrongWay]).toEqual([ErrorCode.NONE, ErrorCode.NONE, ErrorCode.INVALID_TXN_STATE]);
    expect(log.lastStableOffset).toBe(2);
    expect(parts.groups.committedOffset('g', 't', 0)?.offset).toBe(3);
    parts.close();
  });

  it('aborts: the data is listed as aborted for read_committed and the offsets are dropped', () => {
    // Prepare
    const parts = broker();
    parts.logs.createTopic('t', 1);
    const { producerId, producerEpoch } = parts.transactions.initProducerId('tx', 60_000, -1, -1);
    parts.transactions.addPartitions('tx', producerId, producerEpoch, [{ topic: 't', partition: 0 }]);
    produce(parts, producerId, producerEpoch, 'v');

    // Act
    const ended = parts.transactions.endTxn('tx', producerId, producerEpoch, false);
    const read = parts.logs.partition('t', 0)!.read(0, 1 << 20, IsolationLevel.READ_COMMITTED, true);

    // Assess
    expect(ended).toBe(ErrorCode.NONE);
    expect(read.abortedTransactions).toEqual([{ producerId, firstOffset: 0, lastOffset: 1 }]);
    parts.close();
  });

  it('fences the previous producer of a transactional id, aborting what it left open', () => {
    // Prepare
    const parts = broker();
    parts.logs.createTopic('t', 1);
    const zombie = parts.transactions.initProducerId('tx', 60_000, -1, -1);
    parts.transactions.addPartitions('tx', zombie.producerId, zombie.producerEpoch, [{ topic: 't', partition: 0 }]);
    produce(parts, zombie.producerId, zombie.producerEpoch, 'zombie');

    // Act
    const successor = parts.transactions.initProducerId('tx', 60_000, -1, -1);
    const zombieEnd = parts.transactions.endTxn('tx', zombie.producerId, zombie.producerEpoch, true);
    const zombieWrite = () => produce(parts, zombie.producerId, zombie.producerEpoch, 'late', 1);

    // Assess
    expect(successor.producerId).toBe(zombie.producerId);
    expect(successor.producerEpoch).toBeGreaterThan(zombie.producerEpoch);
    expect(zombieEnd).toBe(ErrorCode.PRODUCER_FENCED);
    expect(zombieWrite).toThrow(/fenced/);
    expect(parts.logs.partition('t', 0)!.lastStableOffset).toBe(2);
    parts.close();
  });

  it('aborts a transaction that outlives its timeout and fences its producer', () => {
    // Prepare
    const parts = broker();
    parts.logs.createTopic('t', 1);
    const { producerId, producerEpoch } = parts.transactions.initProducerId('tx', 5_000, -1, -1);
    parts.transactions.addPartitions('tx', producerId, producerEpoch, [{ topic: 't', partition: 0 }]);
    produce(parts, producerId, producerEpoch, 'slow');

    // Act
    parts.clock.advance(6_000);
    const late = parts.transactions.endTxn('tx', producerId, producerEpoch, true);

    // Assess
    expect(late).toBe(ErrorCode.PRODUCER_FENCED);
    expect(parts.logs.partition('t', 0)!.lastStableOffset).toBe(2);
    parts.close();
  });

  it('aborts at start-up a transaction left open when the broker stopped', () => {
    // Prepare
    const first = broker();
    first.logs.createTopic('t', 1);
    const { producerId, producerEpoch } = first.transactions.initProducerId('tx', 60_000, -1, -1);
    first.transactions.addPartitions('tx', producerId, producerEpoch, [{ topic: 't', partition: 0 }]);
    produce(first, producerId, producerEpoch, 'open');
    first.close();

    // Act
    const second = broker(first.dataDir);
    const read = second.logs.partition('t', 0)!.read(0, 1 << 20, IsolationLevel.READ_COMMITTED, true);

    // Assess
    expect(read.lastStableOffset).toBe(2);
    expect(read.abortedTransactions.map((t) => t.producerId)).toEqual([producerId]);
    second.close();
  });

  it('refuses writes to partitions outside the open transaction, and unknown or stale producers', () => {
    // Prepare
    const parts = broker();
    parts.logs.createTopic('t', 1);
    const { producerId, producerEpoch } = parts.transactions.initProducerId('tx', 60_000, -1, -1);

    // Act
    const notAdded = () => parts.transactions.verifyTransactionalWrite(producerId, producerEpoch, 't', 0);
    const unknownId = parts.transactions.addOffsets('tx', producerId + 1, producerEpoch, 'g');
    const unknownPartition = parts.transactions.addPartitions('tx', producerId, producerEpoch, [
      { topic: 't', partition: 0 },
      { topic: 'missing', partition: 0 },
    ]);
    const badTimeout = parts.transactions.initProducerId('other', 10_000_000, -1, -1);

    // Assess
    expect(notAdded).toThrow(/not part of an open transaction/);
    expect(unknownId).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    expect([...unknownPartition.values()]).toEqual([
      ErrorCode.OPERATION_NOT_ATTEMPTED,
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    ]);
    expect(badTimeout.errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    parts.close();
  });

  it('never hands out the same producer id twice, across restarts too', () => {
    // Prepare
    const first = broker();
    const before = [1, 2, 3].map(() => first.transactions.initProducerId(null, 0, -1, -1).producerId);
    first.close();

    // Act
    const second = broker(first.dataDir);
    const after = second.transactions.initProducerId(null, 0, -1, -1).producerId;

    // Assess
    expect(new Set([...before, after]).size).toBe(4);
    second.close();
  });
});
