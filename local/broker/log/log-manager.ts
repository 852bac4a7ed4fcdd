import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { KafkaApiError, StorageError } from '../errors';
import { readFileIfExists, writeFileAtomic } from '../files';
import type { BrokerLogger } from '../logger';
import { ErrorCode } from '../protocol';
import { PartitionLog } from './partition-log';
import { type LogConfig, logConfig, validateTopicConfig } from './topic-config';

export interface Topic {
  readonly name: string;
  /** Kafka's topic id (KIP-516), in its printed form (URL-safe base64 of 16 bytes). */
  readonly topicId: string;
  readonly partitions: PartitionLog[];
  /** The topic's config overrides; defaults apply to the rest. */
  readonly configs: Readonly<Record<string, string>>;
}

interface TopicFile {
  name: string;
  topicId: string;
  partitions: number;
  configs: Record<string, string>;
}

export interface LogManagerOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logger: BrokerLogger;
  /** Topic config defaults set for the whole broker (Kafka's `log.retention.ms` and friends). */
  readonly topicDefaults?: Readonly<Record<string, string>>;
}

const TOPIC_FILE = 'topic.json';
const MAX_NAME_LENGTH = 249;

/**
 * Every topic and its partition logs, under `<dataDir>/topics/<topic>/`: a `topic.json` (id,
 * partition count, config overrides) and a directory per partition. A topic exists once its
 * `topic.json` is written, so a creation cut short by a crash leaves nothing that loads; a deleted
 * topic is first moved to `<dataDir>/trash/`, so a deletion cut short never loads half a topic.
 */
export class LogManager {
  private readonly byName = new Map<string, Topic & { logConfig: LogConfig }>();
  private readonly byId = new Map<string, Topic>();
  private readonly topicsDir: string;
  private readonly trashDir: string;
  readonly topicDefaults: Readonly<Record<string, string>>;

  private constructor(private readonly options: LogManagerOptions) {
    this.topicsDir = join(options.dataDir, 'topics');
    this.trashDir = join(options.dataDir, 'trash');
    this.topicDefaults = options.topicDefaults ?? {};
    for (const [name, value] of Object.entries(this.topicDefaults)) validateTopicConfig(name, value);
  }

  static open(options: LogManagerOptions): LogManager {
    const manager = new LogManager(options);
    rmSync(manager.trashDir, { recursive: true, force: true });
    mkdirSync(manager.topicsDir, { recursive: true });
    for (const name of readdirSync(manager.topicsDir)) manager.load(name);
    return manager;
  }

  private load(dirName: string): void {
    const dir = join(this.topicsDir, dirName);
    const text = readFileIfExists(join(dir, TOPIC_FILE));
    if (text === undefined) {
      this.options.logger.warn('removing a topic directory whose creation did not complete', { dir });
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    let file: TopicFile;
    try {
      file = JSON.parse(text) as TopicFile;
    } catch (err) {
      throw new StorageError(`Cannot read ${join(dir, TOPIC_FILE)}`, { cause: err });
    }
    this.register(file, dir);
  }

  private register(file: TopicFile, dir: string): Topic {
    const topic = {
      name: file.name,
      topicId: file.topicId,
      configs: file.configs,
      logConfig: logConfig(file.configs, this.topicDefaults),
      partitions: [] as PartitionLog[],
    };
    const config = () => topic.logConfig;
    for (let p = 0; p < file.partitions; p++) {
      topic.partitions.push(
        PartitionLog.open(file.name, p, join(dir, String(p)), config, this.options.clock, this.options.logger),
      );
    }
    this.byName.set(topic.name, topic);
    this.byId.set(topic.topicId, topic);
    return topic;
  }

  topic(name: string): Topic | undefined {
    return this.byName.get(name);
  }

  topicById(topicId: string): Topic | undefined {
    return this.byId.get(topicId);
  }

  /** All topics, by name. */
  topics(): Topic[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.byName.get(topic)?.partitions[partition];
  }

  /** Checks a topic could be created, without creating it (CreateTopics validateOnly). */
  validateNewTopic(name: string, partitions: number, configs: Readonly<Record<string, string | null>>): void {
    validateTopicName(name);
    if (this.byName.has(name))
      throw new KafkaApiError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`);
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new KafkaApiError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
    }
    for (const [key, value] of Object.entries(configs)) validateTopicConfig(key, value);
  }

  createTopic(name: string, partitions: number, configs: Readonly<Record<string, string | null>> = {}): Topic {
    this.validateNewTopic(name, partitions, configs);
    const overrides = Object.fromEntries(Object.entries(configs).filter((e): e is [string, string] => e[1] !== null));
    const file: TopicFile = { name, topicId: newTopicId(), partitions, configs: overrides };
    const dir = join(this.topicsDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const topic = this.register(file, dir);
    writeFileAtomic(join(dir, TOPIC_FILE), JSON.stringify(file, null, 2));
    this.options.logger.info('created topic', { topic: name, partitions, configs: overrides });
    return topic;
  }

  /** Raises a topic's partition count (CreatePartitions); partitions are never removed. */
  createPartitions(name: string, count: number, validateOnly = false): void {
    const topic = this.byName.get(name);
    if (!topic) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
    const current = topic.partitions.length;
    if (count <= current) {
      throw new KafkaApiError(
        ErrorCode.INVALID_PARTITIONS,
        `Topic currently has ${current} partitions, which is higher than the requested ${count}.`,
      );
    }
    if (validateOnly) return;
    const dir = join(this.topicsDir, name);
    const config = () => topic.logConfig;
    for (let p = current; p < count; p++) {
      topic.partitions.push(
        PartitionLog.open(name, p, join(dir, String(p)), config, this.options.clock, this.options.logger),
      );
    }
    this.persist(topic);
    this.options.logger.info('created partitions', { topic: name, from: current, to: count });
  }

  deleteTopic(name: string): void {
    const topic = this.byName.get(name);
    if (!topic) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
    this.byName.delete(name);
    this.byId.delete(topic.topicId);
    for (const partition of topic.partitions) partition.close();
    mkdirSync(this.trashDir, { recursive: true });
    const trashed = join(this.trashDir, `${name}-${topic.topicId}`);
    renameSync(join(this.topicsDir, name), trashed);
    for (const partition of topic.partitions) partition.remove();
    rmSync(trashed, { recursive: true, force: true });
    this.options.logger.info('deleted topic', { topic: name });
  }

  /** Applies retention to every partition; returns the number of segments deleted. */
  enforceRetention(): number {
    let deleted = 0;
    for (const topic of this.byName.values()) {
      for (const partition of topic.partitions) deleted += partition.enforceRetention();
    }
    return deleted;
  }

  private persist(topic: Topic): void {
    const file: TopicFile = {
      name: topic.name,
      topicId: topic.topicId,
      partitions: topic.partitions.length,
      configs: { ...topic.configs },
    };
    const path = join(this.topicsDir, topic.name, TOPIC_FILE);
    if (!existsSync(join(this.topicsDir, topic.name))) return;
    writeFileAtomic(path, JSON.stringify(file, null, 2));
  }

  close(): void {
    for (const topic of this.byName.values()) for (const partition of topic.partitions) partition.close();
  }
}

/** Kafka's rules for topic names (org.apache.kafka.common.internals.Topic.validate). */
export function validateTopicName(name: string): void {
  const invalid = (why: string) => new KafkaApiError(ErrorCode.INVALID_TOPIC_EXCEPTION, why);
  if (name.length === 0) throw invalid("Topic name is illegal, it can't be empty");
  if (name === '.' || name === '..') throw invalid('Topic name cannot be "." or ".."');
  if (name.length > MAX_NAME_LENGTH) {
    throw invalid(`Topic name is illegal, it can't be longer than ${MAX_NAME_LENGTH} characters, topic name: ${name}`);
  }
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) {
    throw invalid(
      `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
    );
  }
}

/** A random topic id; never the all-zero id, which Kafka reserves for "no id". */
function newTopicId(): string {
  for (;;) {
    const bytes = randomBytes(16);
    if (bytes.some((b) => b !== 0)) return bytes.toString('base64url');
  }
}
