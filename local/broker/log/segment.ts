import { closeSync, fstatSync, ftruncateSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerLogger } from '../logger';
import { BATCH_HEADER_SIZE, controlTypeOf, crcMatches, isControl, LOG_OVERHEAD, readBatchHeader } from '../protocol';
import { BatchIndex, INDEX_ENTRY_SIZE, type IndexEntry } from './batch-index';

/** Kafka names segment files after their base offset, zero-padded to 20 digits. */
export function segmentFileName(baseOffset: number, suffix: '.log' | '.index'): string {
  return `${String(baseOffset).padStart(20, '0')}${suffix}`;
}

/**
 * One segment of a partition log: an append-only `.log` file of record batches exactly as served,
 * and its `.index` (./batch-index.ts). The log is written before the index, so after a crash the
 * index may lack the last batches, never point past the log: recovery re-indexes whatever complete,
 * CRC-valid batches follow the last indexed one and cuts off the rest (Kafka's LogSegment.recover).
 */
export class Segment {
  private constructor(
    readonly baseOffset: number,
    readonly index: BatchIndex,
    private readonly logPath: string,
    private readonly indexPath: string,
    private logFd: number,
    private indexFd: number,
    private logSize: number,
  ) {}

  static create(dir: string, baseOffset: number): Segment {
    const logPath = join(dir, segmentFileName(baseOffset, '.log'));
    const indexPath = join(dir, segmentFileName(baseOffset, '.index'));
    const logFd = openSync(logPath, 'a+');
    const indexFd = openSync(indexPath, 'a+');
    return new Segment(baseOffset, new BatchIndex(baseOffset), logPath, indexPath, logFd, indexFd, 0);
  }

  static open(dir: string, baseOffset: number, logger: BrokerLogger): Segment {
    const logPath = join(dir, segmentFileName(baseOffset, '.log'));
    const indexPath = join(dir, segmentFileName(baseOffset, '.index'));
    const logFd = openSync(logPath, 'a+');
    const indexFd = openSync(indexPath, 'a+');
    const logSize = fstatSync(logFd).size;
    const indexBytes = readAll(indexFd);
    const index = new BatchIndex(baseOffset, indexBytes);
    const segment = new Segment(baseOffset, index, logPath, indexPath, logFd, indexFd, logSize);
    segment.recover(indexBytes.length, logger);
    return segment;
  }

  get size(): number {
    return this.logSize;
  }

  get isEmpty(): boolean {
    return this.index.length === 0;
  }

  /** The offset the next batch appended to this segment gets. */
  get nextOffset(): number {
    return this.isEmpty ? this.baseOffset : this.index.lastOffsetAt(this.index.length - 1) + 1;
  }

  /** The newest record timestamp in the segment (Kafka's largestTimestamp), which time retention reads. */
  get largestTimestamp(): number {
    let largest = -1;
    for (let i = 0; i < this.index.length; i++) largest = Math.max(largest, this.index.maxTimestampAt(i));
    return largest;
  }

  /**
   * Appends a batch whose base offset is already set; returns its index entry. A failed write (a full
   * disk) is cut off again, so the next batch never lands behind half of this one.
   */
  append(batch: Buffer, entry: Omit<IndexEntry, 'position' | 'size'>): IndexEntry {
    const full: IndexEntry = { ...entry, position: this.logSize, size: batch.length };
    const indexSize = this.index.length * INDEX_ENTRY_SIZE;
    try {
      writeFully(this.logFd, batch);
      writeFully(this.indexFd, this.index.append(full));
    } catch (err) {
      this.index.truncate(indexSize / INDEX_ENTRY_SIZE);
      ftruncateSync(this.logFd, this.logSize);
      ftruncateSync(this.indexFd, indexSize);
      throw err;
    }
    this.logSize += batch.length;
    return full;
  }

  read(position: number, size: number): Buffer {
    const bytes = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const n = readSync(this.logFd, bytes, done, size - done, position + done);
      if (n === 0) throw new Error(`Segment ${this.logPath} ends before ${position + size}`);
      done += n;
    }
    return bytes;
  }

  close(): void {
    if (this.logFd < 0) return;
    closeSync(this.logFd);
    closeSync(this.indexFd);
    this.logFd = -1;
    this.indexFd = -1;
  }

  /** Closes and deletes the segment's files (retention, DeleteRecords, topic deletion). */
  remove(): void {
    this.close();
    rmSync(this.logPath, { force: true });
    rmSync(this.indexPath, { force: true });
  }

  private entryMatchesLog(i: number): boolean {
    const entry = this.index.entry(i);
    if (entry.size < BATCH_HEADER_SIZE || entry.position < 0) return false;
    return describesBatch(readBatchHeader(this.read(entry.position, BATCH_HEADER_SIZE)), entry);
  }

  private recover(indexBytes: number, logger: BrokerLogger): void {
    const loaded = this.index.length;
    let keep = loaded;
    while (keep > 0 && this.index.positionAt(keep - 1) + this.index.sizeAt(keep - 1) > this.logSize) keep--;
    if (keep > 0 && !this.entryMatchesLog(keep - 1)) {
      // An index that disagrees with its log is not trusted at all: the log is re-indexed from the start.
      logger.warn('rebuilding an index that does not match its log', { segment: this.logPath });
      keep = 0;
    }
    this.index.truncate(keep);
    let end = keep === 0 ? 0 : this.index.positionAt(keep - 1) + this.index.sizeAt(keep - 1);

    // Batches written to the log whose index entries were lost: index them again.
    let recovered = 0;
    while (end + BATCH_HEADER_SIZE <= this.logSize) {
      const header = readBatchHeader(this.read(end, BATCH_HEADER_SIZE));
      const size = LOG_OVERHEAD + header.batchLength;
      if (header.magic !== 2 || header.batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD || end + size > this.logSize)
        break;
      const batch = this.read(end, size);
      if (!crcMatches(batch)) break;
      this.index.append({
        baseOffset: header.baseOffset,
        lastOffset: header.baseOffset + header.lastOffsetDelta,
        position: end,
        size,
        maxTimestamp: header.maxTimestamp,
        producerId: header.producerId,
        producerEpoch: header.producerEpoch,
        attributes: header.attributes,
        baseSequence: header.baseSequence,
        controlType: isControl(header.attributes) ? (controlTypeOf(batch) ?? -1) : -1,
      });
      end += size;
      recovered++;
    }

    if (end < this.logSize) {
      logger.warn('truncating a torn log segment tail', { segment: this.logPath, from: this.logSize, to: end });
      ftruncateSync(this.logFd, end);
      this.logSize = end;
    }
    if (keep !== loaded || recovered > 0 || indexBytes !== loaded * INDEX_ENTRY_SIZE) {
      ftruncateSync(this.indexFd, 0);
      writeFully(this.indexFd, this.index.toBuffer());
      if (recovered > 0)
        logger.info('re-indexed batches after an unclean shutdown', { segment: this.logPath, recovered });
    }
  }
}

/** Whether an index entry points at a batch of its offset and size (Kafka's index sanity check). */
function describesBatch(
  header: { magic: number; baseOffset: number; batchLength: number },
  entry: { baseOffset: number; size: number },
) {
  return (
    header.magic === 2 && header.baseOffset === entry.baseOffset && LOG_OVERHEAD + header.batchLength === entry.size
  );
}

function writeFully(fd: number, bytes: Buffer): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

function readAll(fd: number): Buffer {
  const size = fstatSync(fd).size;
  const bytes = Buffer.alloc(size);
  let done = 0;
  while (done < size) {
    const n = readSync(fd, bytes, done, size - done, done);
    if (n === 0) break;
    done += n;
  }
  return bytes.subarray(0, done);
}
