import { appendFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaApiError, ManualClock, silentLogger } from '../../../../local/broker';
import { IsolationLevel, type LogConfig, PartitionLog } from '../../../../local/broker/log';
import {
  buildRecordBatch,
  ControlType,
  ErrorCode,
  isControl,
  LOG_OVERHEAD,
  readBatchHeader,
  readRecords,
  validateProducedBatch,
} from '../../../../local/broker/protocol';
import { tempDir } from './support';

const DEFAULTS: LogConfig = {
  retentionMs: -1,
  retentionBytes: -1,
  segmentBytes: 1 << 30,
  segmentMs: Number.MAX_SAFE_INTEGER,
  maxMessageBytes: 1 << 20,
  logAppendTime: false,
};

function openLog(dir: string, config: Partial<LogConfig> = {}, clock = new ManualClock()) {
  return PartitionLog.open('t', 0, dir, () => ({ ...DEFAULTS, ...config }), clock, silentLogger);
}

function batch(
  values: string[],
  fields: Parameters<typeof buildRecordBatch>[0] extends infer B ? Partial<B> : never = {},
  timestamp = 1_000,
): Buffer {
  return buildRecordBatch({ timestamp, ...fields, records: values.map((v) => ({ value: Buffer.from(v) })) });
}

function append(log: PartitionLog, bytes: Buffer) {
  return log.appendFromProducer(bytes, validateProducedBatch(bytes));
}

/** The values of every data record in the batches read (transaction markers left out). */
function values(records: Buffer[]): string[] {
  const all = Buffer.concat(records);
  const out: string[] = [];
  for (let at = 0; at < all.length; at += LOG_OVERHEAD + readBatchHeader(all, at).batchLength) {
    const one = all.subarray(at, at + LOG_OVERHEAD + readBatchHeader(all, at).batchLength);
    if (isControl(readBatchHeader(one).attributes)) continue;
    for (const record of readRecords(one)) out.push(String(record.value));
  }
  return out;
}

function errorCodeOf(action: () => unknown): number | undefined {
  try {
    action();
    return undefined;
  } catch (err) {
    return err instanceof KafkaApiError ? err.errorCode : -999;
  }
}

describe('a partition log', () => {
  it('assigns consecutive offsets and serves whole batches from an offset inside one', () => {
    // Prepare
    const log = openLog(tempDir());

    // Act
    const first = append(log, batch(['a', 'b', 'c']));
    const second = append(log, batch(['d']));
    const read = log.read(1, 1 << 20, IsolationLevel.READ_UNCOMMITTED, true);

    // Assess
    expect([first.baseOffset, second.baseOffset, log.logEndOffset]).toEqual([0, 3, 4]);
    expect(values(read.records)).toEqual(['a', 'b', 'c', 'd']);
    expect(read.highWatermark).toBe(4);
  });

  it('returns the first batch even when larger than the byte limit, and only that one', () => {
    // Prepare
    const log = openLog(tempDir());
    append(log, batch(['x'.repeat(500)]));
    append(log, batch(['y']));

    // Act
    const firstOnly = log.read(0, 10, IsolationLevel.READ_UNCOMMITTED, true);
    const none = log.read(0, 10, IsolationLevel.READ_UNCOMMITTED, false);

    // Assess
    expect(values(firstOnly.records)).toEqual(['x'.repeat(500)]);
    expect(none.records).toEqual([]);
  });

  it('refuses reads outside the log with OFFSET_OUT_OF_RANGE and answers the log end with nothing', () => {
    // Prepare
    const log = openLog(tempDir());
    append(log, batch(['a']));

    // Act
    const atEnd = log.read(1, 100, IsolationLevel.READ_UNCOMMITTED, true);
    const beyond = errorCodeOf(() => log.read(2, 100, IsolationLevel.READ_UNCOMMITTED, true));

    // Assess
    expect(atEnd.records).toEqual([]);
    expect(beyond).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
  });

  it('rolls segments at segment.bytes and deletes the oldest past retention.bytes, never the active one', () => {
    // Prepare
    const dir = tempDir();
    const log = openLog(dir, { segmentBytes: 200, retentionBytes: 1 });
    for (let i = 0; i < 6; i++) append(log, batch([`${i}`.repeat(60)]));
    const segmentsBefore = readdirSync(dir).filter((f) => f.endsWith('.log')).length;

    // Act
    const deleted = log.enforceRetention();

    // Assess
    expect(segmentsBefore).toBe(6);
    expect(deleted).toBe(5);
    expect(log.logStartOffset).toBe(5);
    expect(values(log.read(5, 1000, IsolationLevel.READ_UNCOMMITTED, true).records)).toEqual(['5'.repeat(60)]);
    expect(errorCodeOf(() => log.read(0, 1000, IsolationLevel.READ_UNCOMMITTED, true))).toBe(
      ErrorCode.OFFSET_OUT_OF_RANGE,
    );
  });

  it('rolls a segment once records are segment.ms newer than its first, by record time', () => {
    // Prepare
    const dir = tempDir();
    const log = openLog(dir, { segmentMs: 1_000 }, new ManualClock(9_999_999));
    const segments = () => readdirSync(dir).filter((f) => f.endsWith('.log')).length;

    // Act
    append(log, batch(['a'], {}, 100));
    append(log, batch(['b'], {}, 900));
    const beforeRoll = segments();
    append(log, batch(['c'], {}, 1_100));

    // Assess
    expect(beforeRoll).toBe(1);
    expect(segments()).toBe(2);
  });

  it('deletes segments whose newest record is older than retention.ms', () => {
    // Prepare
    const clock = new ManualClock(10_000);
    const log = openLog(tempDir(), { retentionMs: 5_000, segmentBytes: 200 }, clock);
    append(log, batch(['old'.repeat(30)], {}, 1_000));
    append(log, batch(['new'.repeat(30)], {}, 9_000));

    // Act
    const deleted = log.enforceRetention();

    // Assess
    expect(deleted).toBe(1);
    expect(log.logStartOffset).toBe(1);
  });

  it('moves the log start offset for DeleteRecords and keeps it across a restart', () => {
    // Prepare
    const dir = tempDir();
    const log = openLog(dir);
    append(log, batch(['a', 'b', 'c']));

    // Act
    const low = log.deleteRecordsBefore(2);
    log.close();
    const reopened = openLog(dir);

    // Assess
    expect(low).toBe(2);
    expect(reopened.logStartOffset).toBe(2);
    expect(reopened.logEndOffset).toBe(3);
    expect(errorCodeOf(() => reopened.deleteRecordsBefore(9))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
  });

  it('limits read_committed to the last stable offset and lists the aborted transactions read', () => {
    // Prepare
    const log = openLog(tempDir());
    const txn = (producerId: number, value: string) =>
      batch([value], { producerId, producerEpoch: 0, baseSequence: 0, transactional: true });
    append(log, txn(1, 'aborted'));
    append(log, txn(2, 'open'));
    log.appendMarker(1, 0, ControlType.ABORT);

    // Act
    const whileOpen = log.read(0, 1 << 20, IsolationLevel.READ_COMMITTED, true);
    log.appendMarker(2, 0, ControlType.COMMIT);
    const afterCommit = log.read(0, 1 << 20, IsolationLevel.READ_COMMITTED, true);

    // Assess
    expect(whileOpen.lastStableOffset).toBe(1);
    expect(values(whileOpen.records)).toEqual(['aborted']);
    expect(whileOpen.abortedTransactions).toEqual([{ producerId: 1, firstOffset: 0, lastOffset: 2 }]);
    expect(afterCommit.lastStableOffset).toBe(4);
    expect(values(afterCommit.records)).toEqual(['aborted', 'open']);
  });

  it('finds the first offset whose timestamp is at least the one asked for', () => {
    // Prepare
    const log = openLog(tempDir());
    append(
      log,
      buildRecordBatch({
        timestamp: 100,
        records: [{ value: Buffer.from('a') }, { value: Buffer.from('b'), timestamp: 200 }],
      }),
    );
    append(log, batch(['c'], {}, 300));

    // Act
    const found = [150, 200, 250, 301].map((t) => log.offsetForTimestamp(t));

    // Assess
    expect(found).toEqual([
      { offset: 1, timestamp: 200 },
      { offset: 1, timestamp: 200 },
      { offset: 2, timestamp: 300 },
      undefined,
    ]);
  });

  it('stamps batches of a LogAppendTime topic with the broker clock', () => {
    // Prepare
    const clock = new ManualClock(5_000_000);
    const log = openLog(tempDir(), { logAppendTime: true }, clock);

    // Act
    const result = append(log, batch(['a'], {}, 1));
    const stored = log.read(0, 1000, IsolationLevel.READ_UNCOMMITTED, true).records[0]!;

    // Assess
    expect(result.logAppendTime).toBe(5_000_000);
    expect(readBatchHeader(stored).maxTimestamp).toBe(5_000_000);
  });

  it('refuses a batch larger than max.message.bytes with MESSAGE_TOO_LARGE', () => {
    // Prepare
    const log = openLog(tempDir(), { maxMessageBytes: 100 });

    // Act
    const code = errorCodeOf(() => append(log, batch(['z'.repeat(200)])));

    // Assess
    expect(code).toBe(ErrorCode.MESSAGE_TOO_LARGE);
    expect(log.logEndOffset).toBe(0);
  });

  it('re-indexes batches the index lost and cuts a torn tail after a crash', () => {
    // Prepare
    const dir = tempDir();
    const log = openLog(dir);
    append(log, batch(['a']));
    append(log, batch(['b']));
    log.close();
    truncateSync(join(dir, '00000000000000000000.index'), 44); // the second entry never reached the index
    appendFileSync(join(dir, '00000000000000000000.log'), Buffer.from([0, 0, 0, 0, 0, 0, 0, 2, 0, 0])); // half a batch

    // Act
    const recovered = openLog(dir);
    append(recovered, batch(['c']));
    const read = recovered.read(0, 1 << 20, IsolationLevel.READ_UNCOMMITTED, true);

    // Assess
    expect(values(read.records)).toEqual(['a', 'b', 'c']);
    expect(recovered.logEndOffset).toBe(3);
  });

  it('rebuilds an index that does not describe its log', () => {
    // Prepare
    const dir = tempDir();
    const log = openLog(dir);
    append(log, batch(['a']));
    append(log, batch(['b', 'c']));
    log.close();
    writeFileSync(join(dir, '00000000000000000000.index'), Buffer.alloc(44, 0)); // one entry, all zeros

    // Act
    const reopened = openLog(dir);
    const read = reopened.read(0, 1 << 20, IsolationLevel.READ_UNCOMMITTED, true);

    // Assess
    expect(reopened.logEndOffset).toBe(3);
    expect(values(read.records)).toEqual(['a', 'b', 'c']);
  });

  it('still recognises an idempotent retry after a restart, from the producer state in the index', () => {
    // Prepare
    const dir = tempDir();
    const log = openLog(dir);
    const idempotent = (baseSequence: number) => batch(['v'], { producerId: 9, producerEpoch: 0, baseSequence });
    append(log, idempotent(0));
    log.close();

    // Act
    const reopened = openLog(dir);
    const retry = append(reopened, idempotent(0));
    const gap = errorCodeOf(() => append(reopened, idempotent(3)));
    const next = append(reopened, idempotent(1));

    // Assess
    expect(retry.baseOffset).toBe(0);
    expect(gap).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    expect(next.baseOffset).toBe(1);
  });

  it('fences an older producer epoch and restarts sequences at a new one', () => {
    // Prepare
    const log = openLog(tempDir());
    const idempotent = (producerEpoch: number, baseSequence: number) =>
      batch(['v'], { producerId: 4, producerEpoch, baseSequence });
    append(log, idempotent(1, 0));

    // Act
    const older = errorCodeOf(() => append(log, idempotent(0, 1)));
    const newerNotAtZero = errorCodeOf(() => append(log, idempotent(2, 5)));
    const newerAtZero = errorCodeOf(() => append(log, idempotent(2, 0)));

    // Assess
    expect([older, newerNotAtZero, newerAtZero]).toEqual([
      ErrorCode.INVALID_PRODUCER_EPOCH,
      ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
      undefined,
    ]);
  });
});
