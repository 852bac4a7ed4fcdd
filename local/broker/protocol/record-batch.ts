import { KafkaApiError } from '../errors';
import { crc32c } from './crc32c';
import { ErrorCode } from './error-codes';
import { Reader, Writer } from './primitives';

/**
 * Kafka's record batch, message format v2 (the "Record Batch" section of the Kafka documentation).
 * The broker keeps batches as the producer sent them: it reads the header, checks the CRC, rewrites
 * the base offset (and, for LogAppendTime topics, the timestamp) and never touches the records, so any
 * compression codec passes through. Records are only parsed in uncompressed batches, for validation
 * and timestamp lookups.
 *
 *   0 baseOffset int64 | 8 batchLength int32 | 12 partitionLeaderEpoch int32 | 16 magic int8 |
 *   17 crc uint32 (CRC-32C of bytes 21..end) | 21 attributes int16 | 23 lastOffsetDelta int32 |
 *   27 baseTimestamp int64 | 35 maxTimestamp int64 | 43 producerId int64 | 51 producerEpoch int16 |
 *   53 baseSequence int32 | 57 recordCount int32 | 61 records
 */
export const BATCH_HEADER_SIZE = 61;
/** baseOffset and batchLength precede what batchLength counts. */
export const LOG_OVERHEAD = 12;
const CRC_START = 21;

const AT = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
} as const;

export const Compression = { NONE: 0, GZIP: 1, SNAPPY: 2, LZ4: 3, ZSTD: 4 } as const;
export type Compression = (typeof Compression)[keyof typeof Compression];

const COMPRESSION_MASK = 0x07;
const TIMESTAMP_TYPE_LOG_APPEND_TIME = 0x08;
const TRANSACTIONAL = 0x10;
const CONTROL = 0x20;

/** The key of a control record says which transaction marker it is. */
export const ControlType = { ABORT: 0, COMMIT: 1 } as const;
export type ControlType = (typeof ControlType)[keyof typeof ControlType];

export const NO_PRODUCER_ID = -1;
export const NO_SEQUENCE = -1;

export interface BatchHeader {
  readonly baseOffset: number;
  /** Bytes after the batchLength field; the batch takes LOG_OVERHEAD + batchLength bytes. */
  readonly batchLength: number;
  readonly magic: number;
  readonly crc: number;
  readonly attributes: number;
  readonly lastOffsetDelta: number;
  readonly baseTimestamp: number;
  readonly maxTimestamp: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordCount: number;
}

export function readBatchHeader(bytes: Buffer, at = 0): BatchHeader {
  return {
    baseOffset: Number(bytes.readBigInt64BE(at + AT.baseOffset)),
    batchLength: bytes.readInt32BE(at + AT.batchLength),
    magic: bytes.readInt8(at + AT.magic),
    crc: bytes.readUInt32BE(at + AT.crc),
    attributes: bytes.readInt16BE(at + AT.attributes),
    lastOffsetDelta: bytes.readInt32BE(at + AT.lastOffsetDelta),
    baseTimestamp: Number(bytes.readBigInt64BE(at + AT.baseTimestamp)),
    maxTimestamp: Number(bytes.readBigInt64BE(at + AT.maxTimestamp)),
    producerId: Number(bytes.readBigInt64BE(at + AT.producerId)),
    producerEpoch: bytes.readInt16BE(at + AT.producerEpoch),
    baseSequence: bytes.readInt32BE(at + AT.baseSequence),
    recordCount: bytes.readInt32BE(at + AT.recordCount),
  };
}

export const compressionOf = (attributes: number) => attributes & COMPRESSION_MASK;
export const isTransactional = (attributes: number) => (attributes & TRANSACTIONAL) !== 0;
export const isControl = (attributes: number) => (attributes & CONTROL) !== 0;
export const isLogAppendTime = (attributes: number) => (attributes & TIMESTAMP_TYPE_LOG_APPEND_TIME) !== 0;

/** The sequence number of a batch's last record; sequences wrap at 2^31 - 1 (DefaultRecordBatch). */
export function lastSequence(header: Pick<BatchHeader, 'baseSequence' | 'lastOffsetDelta'>): number {
  if (header.baseSequence === NO_SEQUENCE) return NO_SEQUENCE;
  const last = header.baseSequence + header.lastOffsetDelta;
  return last > 0x7fffffff ? last - 0x80000000 : last;
}

export function crcMatches(batch: Buffer): boolean {
  return crc32c(batch, CRC_START) === batch.readUInt32BE(AT.crc);
}

/**
 * Checks the one batch of a produce request's partition as Kafka does for produce v3+
 * (ProduceRequest.validateRecords, LogValidator): exactly one magic-2 batch, a length that matches,
 * a valid CRC, no control batch from a client, and in an uncompressed batch records whose offset
 * deltas count up from 0. Throws KafkaApiError with the code Kafka answers.
 */
export function validateProducedBatch(records: Buffer | null): BatchHeader {
  if (!records || records.length < BATCH_HEADER_SIZE) {
    throw new KafkaApiError(ErrorCode.INVALID_RECORD, 'Produce requests must contain exactly one record batch');
  }
  const magic = records.readInt8(AT.magic);
  if (magic !== 2) {
    throw new KafkaApiError(ErrorCode.INVALID_RECORD, `Record batches must have magic 2, found ${magic}`);
  }
  const header = readBatchHeader(records);
  const size = LOG_OVERHEAD + header.batchLength;
  if (header.batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD || size > records.length) {
    throw new KafkaApiError(ErrorCode.CORRUPT_MESSAGE, `Record batch length ${header.batchLength} is invalid`);
  }
  if (size < records.length) {
    throw new KafkaApiError(ErrorCode.INVALID_RECORD, 'Produce requests must contain exactly one record batch');
  }
  if (!crcMatches(records)) {
    const computed = crc32c(records, CRC_START);
    throw new KafkaApiError(
      ErrorCode.CORRUPT_MESSAGE,
      `Record is corrupt (stored crc = ${header.crc}, computed crc = ${computed})`,
    );
  }
  if (isControl(header.attributes)) {
    throw new KafkaApiError(ErrorCode.INVALID_RECORD, 'Clients are not allowed to write control records');
  }
  if (compressionOf(header.attributes) > Compression.ZSTD) {
    throw new KafkaApiError(ErrorCode.CORRUPT_MESSAGE, `Unknown compression codec ${compressionOf(header.attributes)}`);
  }
  if (header.recordCount <= 0 || header.lastOffsetDelta < 0) {
    throw new KafkaApiError(ErrorCode.INVALID_RECORD, 'Record batches must hold at least one record');
  }
  if (compressionOf(header.attributes) === Compression.NONE) checkRecords(records, header);
  return header;
}

function checkRecords(batch: Buffer, header: BatchHeader): void {
  let expected = 0;
  try {
    for (const record of readRecords(batch)) {
      if (record.offsetDelta !== expected) {
        throw new KafkaApiError(
          ErrorCode.INVALID_RECORD,
          `Record offset delta ${record.offsetDelta} is not ${expected}`,
        );
      }
      expected++;
    }
  } catch (err) {
    if (err instanceof KafkaApiError) throw err;
    throw new KafkaApiError(ErrorCode.CORRUPT_MESSAGE, 'Record batch has a malformed record', { cause: err });
  }
  if (expected !== header.recordCount || header.lastOffsetDelta !== expected - 1) {
    throw new KafkaApiError(ErrorCode.INVALID_RECORD, 'Record count does not match the batch header');
  }
}

/** Rewrites the base offset; it is outside the CRC, so the checksum stays valid. */
export function setBaseOffset(batch: Buffer, baseOffset: number): void {
  batch.writeBigInt64BE(BigInt(baseOffset), AT.baseOffset);
}

export function setPartitionLeaderEpoch(batch: Buffer, epoch: number): void {
  batch.writeInt32BE(epoch, AT.partitionLeaderEpoch);
}

/**
 * Stamps a batch with the broker's time for a topic with message.timestamp.type=LogAppendTime: the
 * timestamp type bit and maxTimestamp are inside the CRC, so it is computed again (LogValidator does the same).
 */
export function setLogAppendTime(batch: Buffer, now: number): void {
  batch.writeInt16BE(batch.readInt16BE(AT.attributes) | TIMESTAMP_TYPE_LOG_APPEND_TIME, AT.attributes);
  batch.writeBigInt64BE(BigInt(now), AT.maxTimestamp);
  batch.writeUInt32BE(crc32c(batch, CRC_START), AT.crc);
}

export interface RecordHeader {
  readonly key: string;
  readonly value: Buffer | null;
}

export interface BatchRecord {
  readonly offsetDelta: number;
  readonly timestampDelta: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly RecordHeader[];
}

/** The records of an uncompressed batch. Throws ProtocolError on malformed bytes. */
export function* readRecords(batch: Buffer): Generator<BatchRecord> {
  const header = readBatchHeader(batch);
  const reader = new Reader(batch, BATCH_HEADER_SIZE, Math.min(batch.length, LOG_OVERHEAD + header.batchLength));
  for (let i = 0; i < header.recordCount; i++) {
    const length = reader.varint();
    const record = reader.sub(length);
    record.int8(); // attributes, unused
    const timestampDelta = record.varlong();
    const offsetDelta = record.varint();
    const key = nullableBytes(record);
    const value = nullableBytes(record);
    const headerCount = record.varint();
    const headers: RecordHeader[] = [];
    for (let h = 0; h < headerCount; h++) {
      const headerKey = record.string(record.varint());
      headers.push({ key: headerKey, value: nullableBytes(record) });
    }
    yield { offsetDelta, timestampDelta, key, value, headers };
  }
}

function nullableBytes(reader: Reader): Buffer | null {
  const length = reader.varint();
  return length < 0 ? null : reader.bytes(length);
}

export interface NewRecord {
  readonly key?: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: readonly RecordHeader[];
  readonly timestamp?: number;
}

export interface NewBatch {
  readonly baseOffset?: number;
  readonly producerId?: number;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
  readonly transactional?: boolean;
  readonly control?: boolean;
  readonly timestamp: number;
  readonly records: readonly NewRecord[];
}

/** Builds an uncompressed batch: the broker's own control batches, and test data. */
export function buildRecordBatch(batch: NewBatch): Buffer {
  const body = new Writer(256);
  batch.records.forEach((record, index) => {
    const one = new Writer(64);
    one
      .int8(0)
      .varlong((record.timestamp ?? batch.timestamp) - batch.timestamp)
      .varint(index);
    writeNullableBytes(one, record.key ?? null);
    writeNullableBytes(one, record.value);
    one.varint(record.headers?.length ?? 0);
    for (const header of record.headers ?? []) {
      const key = Buffer.from(header.key, 'utf8');
      one.varint(key.length).bytes(key);
      writeNullableBytes(one, header.value);
    }
    const bytes = one.toBuffer();
    body.varint(bytes.length).bytes(bytes);
  });
  const records = body.toBuffer();
  const maxTimestamp = Math.max(batch.timestamp, ...batch.records.map((r) => r.timestamp ?? batch.timestamp));
  const attributes = (batch.transactional ? TRANSACTIONAL : 0) | (batch.control ? CONTROL : 0);
  const out = Buffer.alloc(BATCH_HEADER_SIZE + records.length);
  out.writeBigInt64BE(BigInt(batch.baseOffset ?? 0), AT.baseOffset);
  out.writeInt32BE(out.length - LOG_OVERHEAD, AT.batchLength);
  out.writeInt32BE(0, AT.partitionLeaderEpoch);
  out.writeInt8(2, AT.magic);
  out.writeInt16BE(attributes, AT.attributes);
  out.writeInt32BE(batch.records.length - 1, AT.lastOffsetDelta);
  out.writeBigInt64BE(BigInt(batch.timestamp), AT.baseTimestamp);
  out.writeBigInt64BE(BigInt(maxTimestamp), AT.maxTimestamp);
  out.writeBigInt64BE(BigInt(batch.producerId ?? NO_PRODUCER_ID), AT.producerId);
  out.writeInt16BE(batch.producerEpoch ?? -1, AT.producerEpoch);
  out.writeInt32BE(batch.baseSequence ?? NO_SEQUENCE, AT.baseSequence);
  out.writeInt32BE(batch.records.length, AT.recordCount);
  records.copy(out, BATCH_HEADER_SIZE);
  out.writeUInt32BE(crc32c(out, CRC_START), AT.crc);
  return out;
}

function writeNullableBytes(writer: Writer, bytes: Buffer | null): void {
  if (bytes === null) writer.varint(-1);
  else writer.varint(bytes.length).bytes(bytes);
}

/**
 * A transaction marker: a control batch of one record whose key is (version 0, type) and whose value
 * is (version 0, coordinator epoch), written by the broker when a transaction ends (EndTransactionMarker).
 */
export function buildControlBatch(marker: {
  producerId: number;
  producerEpoch: number;
  type: ControlType;
  coordinatorEpoch: number;
  timestamp: number;
}): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(marker.type, 2);
  const value = Buffer.alloc(6);
  value.writeInt16BE(0, 0);
  value.writeInt32BE(marker.coordinatorEpoch, 2);
  return buildRecordBatch({
    producerId: marker.producerId,
    producerEpoch: marker.producerEpoch,
    transactional: true,
    control: true,
    timestamp: marker.timestamp,
    records: [{ key, value }],
  });
}

/** The marker type of a control batch (the key of its one record), or undefined if it has none. */
export function controlTypeOf(batch: Buffer): ControlType | undefined {
  for (const record of readRecords(batch)) {
    if (record.key && record.key.length >= 4) return record.key.readInt16BE(2) as ControlType;
  }
  return undefined;
}
