import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../files';
import type { BrokerLogger } from '../logger';

export interface CommittedOffset {
  readonly offset: number;
  readonly leaderEpoch: number;
  readonly metadata: string | null;
  readonly commitTimestamp: number;
}

export interface TopicPartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly committed: CommittedOffset;
}

/** One line of the offsets file: a commit, or a deletion of a partition's, a group's or a topic's offsets. */
type Line =
  | { g: string; t: string; p: number; o: number; e: number; m: string | null; ts: number }
  | { g: string; t: string; p: number; d: 1 }
  | { g: string; d: 1 }
  | { t: string; d: 1 };

/**
 * Committed group offsets, kept in memory and in an append-only file of JSON lines replayed at start-up
 * (our stand-in for the __consumer_offsets topic, compacted when it has grown well past what it holds).
 * A line cut short by a crash fails to parse and is skipped: the commit it held was never acknowledged.
 */
export class OffsetStore {
  /** group -> topic -> partition -> committed offset */
  private readonly groups = new Map<string, Map<string, Map<number, CommittedOffset>>>();
  private fd = -1;
  private lines = 0;

  private constructor(
    private readonly path: string,
    private readonly logger: BrokerLogger,
  ) {}

  static open(path: string, logger: BrokerLogger): OffsetStore {
    mkdirSync(dirname(path), { recursive: true });
    const store = new OffsetStore(path, logger);
    store.replay();
    if (store.lines > 1000 && store.lines > 2 * store.size()) store.compact();
    store.fd = openSync(path, 'a');
    return store;
  }

  private replay(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    let skipped = 0;
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        skipped++;
        continue;
      }
      this.apply(line);
      this.lines++;
    }
    if (skipped > 0) this.logger.warn('skipped unreadable lines of the offsets file', { path: this.path, skipped });
  }

  private apply(line: Line): void {
    if ('o' in line) {
      const { g, t, p, o, e, m, ts } = line;
      let topics = this.groups.get(g);
      if (!topics) {
        topics = new Map();
        this.groups.set(g, topics);
      }
      let partitions = topics.get(t);
      if (!partitions) {
        partitions = new Map();
        topics.set(t, partitions);
      }
      partitions.set(p, { offset: o, leaderEpoch: e, metadata: m, commitTimestamp: ts });
    } else if ('g' in line && 't' in line) this.groups.get(line.g)?.get(line.t)?.delete(line.p);
    else if ('g' in line) this.groups.delete(line.g);
    else for (const topics of this.groups.values()) topics.delete(line.t);
  }

  private write(line: Line): void {
    this.apply(line);
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    this.lines++;
  }

  private size(): number {
    let count = 0;
    for (const topics of this.groups.values()) for (const partitions of topics.values()) count += partitions.size;
    return count;
  }

  private compact(): void {
    const lines: string[] = [];
    for (const [g, topics] of this.groups) {
      for (const [t, partitions] of topics) {
        for (const [p, c] of partitions) {
          lines.push(JSON.stringify({ g, t, p, o: c.offset, e: c.leaderEpoch, m: c.metadata, ts: c.commitTimestamp }));
        }
      }
    }
    writeFileAtomic(this.path, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    this.logger.info('compacted the offsets file', { path: this.path, from: this.lines, to: lines.length });
    this.lines = lines.length;
  }

  get(group: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.groups.get(group)?.get(topic)?.get(partition);
  }

  /** Every committed offset of a group. */
  offsets(group: string): TopicPartitionOffset[] {
    const out: TopicPartitionOffset[] = [];
    for (const [topic, partitions] of this.groups.get(group) ?? []) {
      for (const [partition, committed] of partitions) out.push({ topic, partition, committed });
    }
    return out;
  }

  /** Groups that have committed offsets. */
  groupIds(): string[] {
    return [...this.groups.keys()].filter((g) => this.offsets(g).length > 0);
  }

  hasOffsets(group: string): boolean {
    return this.offsets(group).length > 0;
  }

  commit(group: string, offsets: readonly TopicPartitionOffset[]): void {
    for (const { topic, partition, committed } of offsets) {
      const { offset, leaderEpoch, metadata, commitTimestamp } = committed;
      this.write({ g: group, t: topic, p: partition, o: offset, e: leaderEpoch, m: metadata, ts: commitTimestamp });
    }
  }

  deletePartition(group: string, topic: string, partition: number): void {
    if (this.get(group, topic, partition)) this.write({ g: group, t: topic, p: partition, d: 1 });
  }

  deleteGroup(group: string): void {
    if (this.groups.has(group)) this.write({ g: group, d: 1 });
  }

  deleteTopic(topic: string): void {
    if ([...this.groups.values()].some((topics) => topics.has(topic))) this.write({ t: topic, d: 1 });
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
