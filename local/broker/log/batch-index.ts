/**
 * The index of one segment: an entry per record batch, the same 44 bytes in memory and in the
 * `.index` file, so loading a segment is one file read and no log scan. Besides the position Kafka's
 * offset index holds, an entry keeps what the broker needs without touching the log again: the max
 * timestamp (Kafka's time index), and the producer fields from which idempotence and transaction
 * state are rebuilt at start-up (Kafka's producer snapshots).
 *
 *   0 base offset - segment base int32 | 4 last offset delta int32 | 8 position int32 | 12 size int32 |
 *   16 max timestamp int64 | 24 producer id int64 | 32 producer epoch int16 | 34 attributes int16 |
 *   36 base sequence int32 | 40 control type int8 (-1: a data batch) | 41 padding (3 bytes)
 */
export const INDEX_ENTRY_SIZE = 44;

export interface IndexEntry {
  readonly baseOffset: number;
  readonly lastOffset: number;
  /** Where the batch starts in the segment's log file, and its size in bytes. */
  readonly position: number;
  readonly size: number;
  readonly maxTimestamp: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly attributes: number;
  readonly baseSequence: number;
  /** The marker type of a control batch, -1 for a data batch. */
  readonly controlType: number;
}

export class BatchIndex {
  private bytes: Buffer;
  private count: number;

  constructor(
    readonly segmentBase: number,
    initial: Buffer = Buffer.alloc(0),
  ) {
    this.count = Math.floor(initial.length / INDEX_ENTRY_SIZE);
    this.bytes = Buffer.alloc(Math.max(64, this.count * 2) * INDEX_ENTRY_SIZE);
    initial.copy(this.bytes, 0, 0, this.count * INDEX_ENTRY_SIZE);
  }

  get length(): number {
    return this.count;
  }

  /** Appends an entry and returns its bytes, for the caller to append to the index file. */
  append(entry: IndexEntry): Buffer {
    if ((this.count + 1) * INDEX_ENTRY_SIZE > this.bytes.length) {
      const grown = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(grown);
      this.bytes = grown;
    }
    const at = this.count * INDEX_ENTRY_SIZE;
    const b = this.bytes;
    b.writeInt32BE(entry.baseOffset - this.segmentBase, at);
    b.writeInt32BE(entry.lastOffset - entry.baseOffset, at + 4);
    b.writeInt32BE(entry.position, at + 8);
    b.writeInt32BE(entry.size, at + 12);
    b.writeBigInt64BE(BigInt(entry.maxTimestamp), at + 16);
    b.writeBigInt64BE(BigInt(entry.producerId), at + 24);
    b.writeInt16BE(entry.producerEpoch, at + 32);
    b.writeInt16BE(entry.attributes, at + 34);
    b.writeInt32BE(entry.baseSequence, at + 36);
    b.writeInt8(entry.controlType, at + 40);
    b.fill(0, at + 41, at + INDEX_ENTRY_SIZE);
    this.count++;
    return b.subarray(at, at + INDEX_ENTRY_SIZE);
  }

  entry(i: number): IndexEntry {
    const at = i * INDEX_ENTRY_SIZE;
    const b = this.bytes;
    const baseOffset = this.segmentBase + b.readInt32BE(at);
    return {
      baseOffset,
      lastOffset: baseOffset + b.readInt32BE(at + 4),
      position: b.readInt32BE(at + 8),
      size: b.readInt32BE(at + 12),
      maxTimestamp: Number(b.readBigInt64BE(at + 16)),
      producerId: Number(b.readBigInt64BE(at + 24)),
      producerEpoch: b.readInt16BE(at + 32),
      attributes: b.readInt16BE(at + 34),
      baseSequence: b.readInt32BE(at + 36),
      controlType: b.readInt8(at + 40),
    };
  }

  baseOffsetAt(i: number): number {
    return this.segmentBase + this.bytes.readInt32BE(i * INDEX_ENTRY_SIZE);
  }

  lastOffsetAt(i: number): number {
    const at = i * INDEX_ENTRY_SIZE;
    return this.segmentBase + this.bytes.readInt32BE(at) + this.bytes.readInt32BE(at + 4);
  }

  positionAt(i: number): number {
    return this.bytes.readInt32BE(i * INDEX_ENTRY_SIZE + 8);
  }

  sizeAt(i: number): number {
    return this.bytes.readInt32BE(i * INDEX_ENTRY_SIZE + 12);
  }

  maxTimestampAt(i: number): number {
    return Number(this.bytes.readBigInt64BE(i * INDEX_ENTRY_SIZE + 16));
  }

  /** The first entry whose batch ends at or after `offset` (binary search); `length` if none. */
  findByOffset(offset: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.lastOffsetAt(mid) < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Drops the entries from `count` on (a torn tail found at recovery). */
  truncate(count: number): void {
    this.count = Math.min(this.count, count);
  }

  toBuffer(): Buffer {
    return this.bytes.subarray(0, this.count * INDEX_ENTRY_SIZE);
  }
}
