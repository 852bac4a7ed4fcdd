import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { KafkaApiError } from '../errors';
import { readFileIfExists, writeFileAtomic } from '../files';
import type { BrokerLogger } from '../logger';
import {
  type BatchHeader,
  buildControlBatch,
  Compression,
  ControlType,
  compressionOf,
  ErrorCode,
  isLogAppendTime,
  isTransactional,
  lastSequence,
  readBatchHeader,
  readRecords,
  setBaseOffset,
  setLogAppendTime,
  setPartitionLeaderEpoch,
} from '../protocol';
import type { IndexEntry } from './batch-index';
import { ProducerStateTable } from './producer-state';
import { Segment } from './segment';
import type { LogConfig } from './topic-config';

/** The dev broker is the only replica and never changes leader, so every partition's leader epoch is 0. */
export const LEADER_EPOCH = 0;

export const IsolationLevel = { READ_UNCOMMITTED: 0, READ_COMMITTED: 1 } as const;
export type IsolationLevel = (typeof IsolationLevel)[keyof typeof IsolationLevel];

export interface AppendResult {
  readonly baseOffset: number;
  /** The broker's time stamped on the batch for a LogAppendTime topic, else -1. */
  readonly logAppendTime: number;
  readonly logStartOffset: number;
}

export interface AbortedTransaction {
  readonly producerId: number;
  readonly firstOffset: number;
  /** The offset of the abort marker. */
  readonly lastOffset: number;
}

export interface ReadResult {
  /** Whole batches, as stored; empty when nothing is available at the offset. */
  readonly records: Buffer[];
  readonly bytes: number;
  readonly highWatermark: number;
  readonly lastStableOffset: number;
  readonly logStartOffset: number;
  /** For read_committed: the aborted transactions overlapping the batches returned. */
  readonly abortedTransactions: AbortedTransaction[];
}

const LOG_START_OFFSET_FILE = 'log-start-offset';

/**
 * The log of one partition: its segments on disk, its offsets, and the state derived from its batches
 * (idempotent producers, open and aborted transactions). All file I/O is synchronous: appends are
 * small writes to the page cache, and running each append to completion keeps offsets and the
 * producer checks atomic without locks.
 *
 * Offsets: logStartOffset is the first offset kept (retention and DeleteRecords move it); the high
 * watermark is the log end (one replica, so every append is committed at once); the last stable
 * offset (LSO) is the first offset of the oldest open transaction, the limit of read_committed reads.
 */
export class PartitionLog {
  private readonly segments: Segment[] = [];
  private startOffset = 0;
  private readonly producers = new ProducerStateTable();
  /** Producer id -> first offset of its open transaction in this partition. */
  private readonly openTransactions = new Map<number, number>();
  private aborted: AbortedTransaction[] = [];
  private readonly listeners = new Set<() => void>();
  /** When the active segment was created or opened: segment.ms counts from it for batches without timestamps. */
  private activeSince: number;

  private constructor(
    readonly topic: string,
    readonly partition: number,
    readonly dir: string,
    private readonly config: () => LogConfig,
    private readonly clock: Clock,
    private readonly logger: BrokerLogger,
  ) {
    this.activeSince = clock.now();
  }

  /** Opens (or creates) the partition directory, recovering segments and rebuilding producer state. */
  static open(
    topic: string,
    partition: number,
    dir: string,
    config: () => LogConfig,
    clock: Clock,
    logger: BrokerLogger,
  ): PartitionLog {
    mkdirSync(dir, { recursive: true });
    const log = new PartitionLog(topic, partition, dir, config, clock, logger);
    const bases = readdirSync(dir)
      .filter((name) => /^\d{20}\.log$/.test(name))
      .map((name) => Number.parseInt(name, 10))
      .sort((a, b) => a - b);
    for (const base of bases) log.segments.push(Segment.open(dir, base, logger));
    if (log.segments.length === 0) log.segments.push(Segment.create(dir, 0));
    const saved = Number(readFileIfExists(join(dir, LOG_START_OFFSET_FILE)) ?? 0);
    log.startOffset = Math.min(Math.max(saved, log.segments[0]!.baseOffset), log.logEndOffset);
    log.rebuildState();
    return log;
  }

  get logStartOffset(): number {
    return this.startOffset;
  }

  /** The offset the next batch gets, which is also the high watermark. */
  get logEndOffset(): number {
    return this.active.nextOffset;
  }

  get lastStableOffset(): number {
    let lso = this.logEndOffset;
    for (const first of this.openTransactions.values()) lso = Math.min(lso, first);
    return lso;
  }

  /** Total bytes of the partition's segment files. */
  get size(): number {
    return this.segments.reduce((sum, s) => sum + s.size, 0);
  }

  private get active(): Segment {
    return this.segments[this.segments.length - 1]!;
  }

  /**
   * Appends a producer's batch, already validated (record-batch.ts). A retry of a batch already in the
   * log is answered with the original's offset and not appended again.
   */
  appendFromProducer(batch: Buffer, header: BatchHeader): AppendResult {
    const config = this.config();
    if (batch.length > config.maxMessageBytes) {
      throw new KafkaApiError(
        ErrorCode.MESSAGE_TOO_LARGE,
        `The record batch of ${batch.length} bytes is larger than max.message.bytes ${config.maxMessageBytes}`,
      );
    }
    if (batch.length > config.segmentBytes) {
      throw new KafkaApiError(ErrorCode.RECORD_LIST_TOO_LARGE, `The record batch is larger than segment.bytes`);
    }
    const producerBatch = {
      producerId: header.producerId,
      producerEpoch: header.producerEpoch,
      firstSequence: header.baseSequence,
      lastSequence: lastSequence(header),
    };
    if (header.producerId >= 0) {
      const duplicate = this.producers.check(producerBatch);
      if (duplicate) {
        this.logger.debug('answered a retried batch with its original offset', {
          topic: this.topic,
          partition: this.partition,
          producerId: header.producerId,
          baseOffset: duplicate.baseOffset,
        });
        return { baseOffset: duplicate.baseOffset, logAppendTime: -1, logStartOffset: this.startOffset };
      }
    }

    const now = this.clock.now();
    const baseOffset = this.logEndOffset;
    setBaseOffset(batch, baseOffset);
    setPartitionLeaderEpoch(batch, LEADER_EPOCH);
    if (config.logAppendTime) setLogAppendTime(batch, now);
    const entry = this.append(batch, {
      baseOffset,
      lastOffset: baseOffset + header.lastOffsetDelta,
      maxTimestamp: config.logAppendTime ? now : header.maxTimestamp,
      producerId: header.producerId,
      producerEpoch: header.producerEpoch,
      attributes: header.attributes,
      baseSequence: header.baseSequence,
      controlType: -1,
    });
    if (header.producerId >= 0) this.producers.record(producerBatch, entry.baseOffset, entry.lastOffset);
    if (isTransactional(header.attributes) && !this.openTransactions.has(header.producerId)) {
      this.openTransactions.set(header.producerId, baseOffset);
    }
    this.notify();
    return { baseOffset, logAppendTime: config.logAppendTime ? now : -1, logStartOffset: this.startOffset };
  }

  /** Writes a transaction marker (the coordinator's EndTxn, or an abort of a timed-out transaction). */
  appendMarker(producerId: number, producerEpoch: number, type: ControlType, coordinatorEpoch = 0): number {
    this.producers.checkMarker(producerId, producerEpoch);
    const now = this.clock.now();
    const batch = buildControlBatch({ producerId, producerEpoch, type, coordinatorEpoch, timestamp: now });
    const offset = this.logEndOffset;
    setBaseOffset(batch, offset);
    this.append(batch, {
      baseOffset: offset,
      lastOffset: offset,
      maxTimestamp: now,
      producerId,
      producerEpoch,
      attributes: readBatchHeader(batch).attributes,
      baseSequence: -1,
      controlType: type,
    });
    this.completeTransaction(producerId, producerEpoch, type, offset);
    this.notify();
    return offset;
  }

  private append(batch: Buffer, entry: Omit<IndexEntry, 'position' | 'size'>): IndexEntry {
    this.maybeRoll(batch.length, entry);
    return this.active.append(batch, entry);
  }

  /**
   * Starts a new segment when the batch would overfill the active one, when the batch is newer than
   * the segment's first one by segment.ms (record time, not the broker's: LogSegment.shouldRoll), or
   * when its offset no longer fits the index's 32-bit relative offsets.
   */
  private maybeRoll(incoming: number, entry: Pick<IndexEntry, 'lastOffset' | 'maxTimestamp'>): void {
    const active = this.active;
    if (active.isEmpty) return;
    const config = this.config();
    const full = active.size + incoming > config.segmentBytes;
    const first = active.index.maxTimestampAt(0);
    const aged = (first >= 0 ? entry.maxTimestamp - first : this.clock.now() - this.activeSince) >= config.segmentMs;
    const offsetsExhausted = entry.lastOffset - active.baseOffset > 0x7fffffff;
    if (full || aged || offsetsExhausted) this.roll();
  }

  private roll(): void {
    this.segments.push(Segment.create(this.dir, this.logEndOffset));
    this.activeSince = this.clock.now();
  }

  private completeTransaction(producerId: number, producerEpoch: number, type: number, markerOffset: number): void {
    this.producers.recordMarker(producerId, producerEpoch);
    const first = this.openTransactions.get(producerId);
    this.openTransactions.delete(producerId);
    if (type === ControlType.ABORT && first !== undefined) {
      this.aborted.push({ producerId, firstOffset: first, lastOffset: markerOffset });
    }
  }

  /** Rebuilds producer and transaction state from the index entries, oldest first. */
  private rebuildState(): void {
    for (const segment of this.segments) {
      for (let i = 0; i < segment.index.length; i++) {
        const entry = segment.index.entry(i);
        if (entry.producerId < 0) continue;
        if (entry.controlType >= 0) {
          this.completeTransaction(entry.producerId, entry.producerEpoch, entry.controlType, entry.baseOffset);
          continue;
        }
        const batch = {
          producerId: entry.producerId,
          producerEpoch: entry.producerEpoch,
          firstSequence: entry.baseSequence,
          lastSequence: lastSequence({
            baseSequence: entry.baseSequence,
            lastOffsetDelta: entry.lastOffset - entry.baseOffset,
          }),
        };
        this.producers.record(batch, entry.baseOffset, entry.lastOffset);
        if (isTransactional(entry.attributes) && !this.openTransactions.has(entry.producerId)) {
          this.openTransactions.set(entry.producerId, entry.baseOffset);
        }
      }
    }
    this.aborted = this.aborted.filter((t) => t.lastOffset >= this.startOffset);
  }

  /**
   * Reads whole batches from `offset`, up to `maxBytes` (the first batch is returned whole even when
   * larger, when `minOneBatch`: KIP-74) and up to the high watermark, or the LSO for read_committed.
   * Reads stop at a segment's end, as Kafka's do.
   */
  read(offset: number, maxBytes: number, isolation: IsolationLevel, minOneBatch: boolean): ReadResult {
    if (offset < this.startOffset || offset > this.logEndOffset) {
      throw new KafkaApiError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `Offset ${offset} is out of range [${this.startOffset}, ${this.logEndOffset}] for ${this.topic}-${this.partition}`,
      );
    }
    const lastStableOffset = this.lastStableOffset;
    const limit = isolation === IsolationLevel.READ_COMMITTED ? lastStableOffset : this.logEndOffset;
    const empty = {
      records: [],
      bytes: 0,
      highWatermark: this.logEndOffset,
      lastStableOffset,
      logStartOffset: this.startOffset,
      abortedTransactions: [],
    };
    if (offset >= limit) return empty;

    const segment = this.segments[this.segmentIndexFor(offset)]!;
    const index = segment.index;
    const first = index.findByOffset(offset);
    let last = first;
    let bytes = 0;
    while (last < index.length && index.baseOffsetAt(last) < limit) {
      const size = index.sizeAt(last);
      if (bytes + size > maxBytes && !(last === first && minOneBatch)) break;
      bytes += size;
      last++;
    }
    if (last === first) return empty;
    const records = [segment.read(index.positionAt(first), bytes)];
    const lastOffset = index.lastOffsetAt(last - 1);
    const abortedTransactions =
      isolation === IsolationLevel.READ_COMMITTED
        ? this.aborted.filter((t) => t.lastOffset >= offset && t.firstOffset <= lastOffset)
        : [];
    return { ...empty, records, bytes, abortedTransactions };
  }

  /** The last segment whose base offset is at most `offset`. */
  private segmentIndexFor(offset: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.segments[mid]!.baseOffset <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /**
   * The first offset whose record timestamp is at least `timestamp`, and that timestamp (ListOffsets).
   * Uncompressed batches are searched record by record; a compressed batch answers with its first
   * offset, since the broker never decompresses.
   */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } | undefined {
    for (const segment of this.segments) {
      const index = segment.index;
      for (let i = 0; i < index.length; i++) {
        if (index.maxTimestampAt(i) < timestamp || index.lastOffsetAt(i) < this.startOffset) continue;
        const entry = index.entry(i);
        if (entry.controlType >= 0) continue;
        if (compressionOf(entry.attributes) !== Compression.NONE || isLogAppendTime(entry.attributes)) {
          return { offset: Math.max(entry.baseOffset, this.startOffset), timestamp: entry.maxTimestamp };
        }
        const batch = segment.read(entry.position, entry.size);
        const { baseTimestamp } = readBatchHeader(batch);
        for (const record of readRecords(batch)) {
          const offset = entry.baseOffset + record.offsetDelta;
          if (offset >= this.startOffset && baseTimestamp + record.timestampDelta >= timestamp) {
            return { offset, timestamp: baseTimestamp + record.timestampDelta };
          }
        }
      }
    }
    return undefined;
  }

  /** The largest record timestamp and its offset (ListOffsets MAX_TIMESTAMP, KIP-734). */
  maxTimestamp(): { offset: number; timestamp: number } | undefined {
    let best: { offset: number; timestamp: number } | undefined;
    for (const segment of this.segments) {
      for (let i = 0; i < segment.index.length; i++) {
        const entry = segment.index.entry(i);
        if (entry.controlType >= 0 || entry.lastOffset < this.startOffset) continue;
        if (!best || entry.maxTimestamp > best.timestamp)
          best = { offset: entry.lastOffset, timestamp: entry.maxTimestamp };
      }
    }
    return best;
  }

  /** DeleteRecords: moves the log start offset forward and drops the segments wholly before it. */
  deleteRecordsBefore(offset: number): number {
    if (offset < 0 || offset > this.logEndOffset) {
      throw new KafkaApiError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `Cannot delete records before ${offset} in ${this.topic}-${this.partition}`,
      );
    }
    if (offset > this.startOffset) {
      this.setLogStartOffset(offset);
      this.dropSegmentsBefore(offset);
    }
    return this.startOffset;
  }

  /**
   * Deletes whole segments past retention.ms (by their newest timestamp) or beyond retention.bytes,
   * oldest first; the active segment is rolled first if it is itself expired (Kafka's deleteOldSegments).
   */
  enforceRetention(): number {
    const config = this.config();
    const now = this.clock.now();
    const expired = (s: Segment) =>
      config.retentionMs >= 0 && !s.isEmpty && now - s.largestTimestamp > config.retentionMs;
    if (expired(this.active)) this.roll();
    let deleted = 0;
    let size = this.size;
    while (this.segments.length > 1) {
      const oldest = this.segments[0]!;
      const tooBig = config.retentionBytes >= 0 && size - oldest.size >= config.retentionBytes;
      if (!expired(oldest) && !tooBig) break;
      size -= oldest.size;
      this.segments.shift();
      oldest.remove();
      deleted++;
    }
    if (deleted > 0) {
      this.setLogStartOffset(Math.max(this.startOffset, this.segments[0]!.baseOffset));
      this.logger.info('deleted segments past retention', { topic: this.topic, partition: this.partition, deleted });
    }
    return deleted;
  }

  private dropSegmentsBefore(offset: number): void {
    while (this.segments.length > 1 && this.segments[1]!.baseOffset <= offset) this.segments.shift()!.remove();
  }

  private setLogStartOffset(offset: number): void {
    this.startOffset = offset;
    this.aborted = this.aborted.filter((t) => t.lastOffset >= offset);
    writeFileAtomic(join(this.dir, LOG_START_OFFSET_FILE), String(offset));
    this.notify();
  }

  /** Calls `listener` after every change of the log (appends, markers, deletions); returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  close(): void {
    for (const segment of this.segments) segment.close();
  }

  /** Deletes the partition's files (topic deletion). */
  remove(): void {
    this.close();
    this.notify();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
