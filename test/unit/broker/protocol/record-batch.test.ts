import { describe, expect, it } from 'vitest';
import { KafkaApiError } from '../../../../local/broker';
import {
  buildControlBatch,
  buildRecordBatch,
  ControlType,
  controlTypeOf,
  crcMatches,
  ErrorCode,
  isControl,
  isLogAppendTime,
  lastSequence,
  readBatchHeader,
  readRecords,
  setBaseOffset,
  setLogAppendTime,
  validateProducedBatch,
} from '../../../../local/broker/protocol';

const NOW = 1_700_000_000_000;

function refusal(records: Buffer | null): number | undefined {
  try {
    validateProducedBatch(records);
    return undefined;
  } catch (err) {
    return err instanceof KafkaApiError ? err.errorCode : -999;
  }
}

describe('record batches', () => {
  it('reads back the keys, values, headers and timestamps it wrote', () => {
    // Prepare
    const batch = buildRecordBatch({
      timestamp: NOW,
      records: [
        { key: Buffer.from('k'), value: Buffer.from('v'), headers: [{ key: 'h', value: Buffer.from('x') }] },
        { value: null, timestamp: NOW + 5 },
      ],
    });

    // Act
    const records = [...readRecords(batch)];
    const header = readBatchHeader(batch);

    // Assess
    expect(records).toEqual([
      {
        offsetDelta: 0,
        timestampDelta: 0,
        key: Buffer.from('k'),
        value: Buffer.from('v'),
        headers: [{ key: 'h', value: Buffer.from('x') }],
      },
      { offsetDelta: 1, timestampDelta: 5, key: null, value: null, headers: [] },
    ]);
    expect(header).toMatchObject({ magic: 2, recordCount: 2, lastOffsetDelta: 1, maxTimestamp: NOW + 5 });
    expect(crcMatches(batch)).toBe(true);
  });

  it('keeps the CRC valid when the base offset is rewritten, since it lies outside the checksum', () => {
    // Prepare
    const batch = buildRecordBatch({ timestamp: NOW, records: [{ value: Buffer.from('a') }] });

    // Act
    setBaseOffset(batch, 12345);

    // Assess
    expect(readBatchHeader(batch).baseOffset).toBe(12345);
    expect(crcMatches(batch)).toBe(true);
  });

  it('recomputes the CRC when stamping log append time', () => {
    // Prepare
    const batch = buildRecordBatch({ timestamp: NOW, records: [{ value: Buffer.from('a') }] });

    // Act
    setLogAppendTime(batch, NOW + 1000);

    // Assess
    const header = readBatchHeader(batch);
    expect(isLogAppendTime(header.attributes)).toBe(true);
    expect(header.maxTimestamp).toBe(NOW + 1000);
    expect(crcMatches(batch)).toBe(true);
  });

  it('accepts a well-formed batch and answers each malformation with the code Kafka sends', () => {
    // Prepare
    const good = buildRecordBatch({
      timestamp: NOW,
      records: [{ value: Buffer.from('a') }, { value: Buffer.from('b') }],
    });
    const badCrc = Buffer.from(good);
    badCrc.writeUInt8(badCrc.readUInt8(badCrc.length - 1) ^ 1, badCrc.length - 1);
    const oldMagic = Buffer.from(good);
    oldMagic.writeInt8(1, 16);
    const twoBatches = Buffer.concat([good, good]);
    const truncated = good.subarray(0, good.length - 1);
    const control = buildControlBatch({
      producerId: 1,
      producerEpoch: 0,
      type: ControlType.COMMIT,
      coordinatorEpoch: 0,
      timestamp: NOW,
    });

    // Act
    const codes = [good, badCrc, oldMagic, twoBatches, truncated, control, null].map(refusal);

    // Assess
    expect(codes).toEqual([
      undefined,
      ErrorCode.CORRUPT_MESSAGE,
      ErrorCode.INVALID_RECORD,
      ErrorCode.INVALID_RECORD,
      ErrorCode.CORRUPT_MESSAGE,
      ErrorCode.INVALID_RECORD,
      ErrorCode.INVALID_RECORD,
    ]);
  });

  it('builds transaction markers that say which end they mark', () => {
    // Act
    const commit = buildControlBatch({
      producerId: 7,
      producerEpoch: 2,
      type: ControlType.COMMIT,
      coordinatorEpoch: 0,
      timestamp: NOW,
    });
    const abort = buildControlBatch({
      producerId: 7,
      producerEpoch: 2,
      type: ControlType.ABORT,
      coordinatorEpoch: 0,
      timestamp: NOW,
    });

    // Assess
    expect(isControl(readBatchHeader(commit).attributes)).toBe(true);
    expect([controlTypeOf(commit), controlTypeOf(abort)]).toEqual([ControlType.COMMIT, ControlType.ABORT]);
    expect(readBatchHeader(commit)).toMatchObject({ producerId: 7, producerEpoch: 2, baseSequence: -1 });
  });

  it('wraps the last sequence number at 2^31 - 1', () => {
    // Act
    const wrapped = lastSequence({ baseSequence: 2147483646, lastOffsetDelta: 3 });

    // Assess
    expect(wrapped).toBe(1);
  });
});
