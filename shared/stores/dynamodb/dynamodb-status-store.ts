import type {
  ConnectorStatus,
  ConnectorStatuses,
  InstanceState,
  StatusStore,
  StatusUpdate,
  TaskStatus,
  TopicStatus,
} from '../ports';
import { statusFields } from '../ports/validation';
import { PARTITION_KEY, SORT_KEY, STATUSES } from './schema';
import { attributeNames, type DynamoDbStoreOptions, DynamoDbTable, type Item, type Key } from './table';

/** How long a store instance trusts that a topic it recorded is still recorded (another instance may reset it). */
const DEFAULT_TOPIC_CACHE_MS = 60_000;

const NAMES = { '#pk': PARTITION_KEY, '#sk': SORT_KEY, '#gen': 'generation' } as const;

/**
 * StatusStore over the statuses table: pk = connector; sk = `connector`, `task#<10-digit id>` or
 * `topic#<topic>`. A status write is a PutItem conditioned on the stored generation not being
 * newer (Kafka's KafkaStatusBackingStore rule), so it is atomic and needs no read.
 */
export class DynamoDbStatusStore implements StatusStore {
  private readonly table: DynamoDbTable;
  private readonly topicCacheMs: number;
  /** "<connector>\0<topic>" -> when this instance last knew it recorded. */
  private readonly recordedTopics = new Map<string, number>();

  constructor(options: DynamoDbStoreOptions & { topicCacheMs?: number }) {
    this.table = new DynamoDbTable(options);
    this.topicCacheMs = options.topicCacheMs ?? DEFAULT_TOPIC_CACHE_MS;
  }

  async putConnector(connector: string, status: StatusUpdate): Promise<boolean> {
    return this.put(
      DynamoDbTable.key(connector, STATUSES.connector),
      status,
      {},
      `Writing status of connector ${connector}`,
    );
  }

  async putTask(connector: string, task: number, status: StatusUpdate): Promise<boolean> {
    return this.put(taskKey(connector, task), status, { task }, `Writing status of task ${connector}-${task}`);
  }

  async getConnector(connector: string): Promise<ConnectorStatus | null> {
    const item = await this.table.get(
      DynamoDbTable.key(connector, STATUSES.connector),
      `Reading status of connector ${connector}`,
    );
    return item ? toStatus(item) : null;
  }

  async getTask(connector: string, task: number): Promise<TaskStatus | null> {
    const item = await this.table.get(taskKey(connector, task), `Reading status of task ${connector}-${task}`);
    return item ? toTaskStatus(item) : null;
  }

  async list(connector: string): Promise<ConnectorStatuses> {
    // 'connector' < 'task#…' < 'topic#…': one range read gets the connector and its tasks, not its topics.
    const items = await this.table.query(
      {
        KeyConditionExpression: '#pk = :pk AND #sk < :topics',
        ExpressionAttributeNames: attributeNames(NAMES, '#pk #sk'),
        ExpressionAttributeValues: { ':pk': connector, ':topics': STATUSES.topicPrefix },
      },
      `Reading statuses of ${connector}`,
    );
    const connectorItem = items.find((item) => item[SORT_KEY] === STATUSES.connector);
    const tasks = items
      .filter((item) => (item[SORT_KEY] as string).startsWith(STATUSES.taskPrefix))
      .map(toTaskStatus)
      .sort((a, b) => a.task - b.task);
    return { connector: connectorItem ? toStatus(connectorItem) : null, tasks };
  }

  async deleteTask(connector: string, task: number): Promise<void> {
    await this.table.delete({ Key: taskKey(connector, task) }, `Deleting status of task ${connector}-${task}`);
  }

  async deleteAll(connector: string): Promise<void> {
    const keys = await this.table.keys(connector, undefined, `Listing statuses of ${connector}`);
    await this.table.batchDelete(keys, `Deleting statuses of ${connector}`);
    this.forgetTopics(connector);
  }

  async recordTopic(connector: string, topic: string, now: number): Promise<void> {
    const cacheKey = `${connector}\u0000${topic}`;
    const known = this.recordedTopics.get(cacheKey);
    if (known !== undefined && now - known < this.topicCacheMs && now >= known) return;
    // Only the first discovery is kept: a failed condition means it was recorded already.
    await this.table.tryPut(
      {
        Item: { ...DynamoDbTable.key(connector, `${STATUSES.topicPrefix}${topic}`), topic, discoverTimestamp: now },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: attributeNames(NAMES, '#pk'),
      },
      `Recording topic ${topic} of ${connector}`,
    );
    this.recordedTopics.set(cacheKey, now);
  }

  async listTopics(connector: string): Promise<TopicStatus[]> {
    const items = await this.table.query(
      {
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: attributeNames(NAMES, '#pk #sk'),
        ExpressionAttributeValues: { ':pk': connector, ':prefix': STATUSES.topicPrefix },
      },
      `Listing topics of ${connector}`,
    );
    return items
      .map((item) => ({
        connector,
        topic: item.topic as string,
        discoverTimestamp: item.discoverTimestamp as number,
      }))
      .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  }

  async resetTopics(connector: string): Promise<void> {
    const keys = await this.table.keys(connector, STATUSES.topicPrefix, `Listing topics of ${connector}`);
    await this.table.batchDelete(keys, `Resetting topics of ${connector}`);
    this.forgetTopics(connector);
  }

  private async put(key: Key, status: StatusUpdate, extra: Record<string, unknown>, what: string): Promise<boolean> {
    const condition = 'attribute_not_exists(#gen) OR #gen <= :gen';
    const result = await this.table.tryPut(
      {
        Item: { ...key, ...extra, ...statusFields(status), updatedAt: this.table.clock.now() },
        ConditionExpression: condition,
        ExpressionAttributeNames: attributeNames(NAMES, condition),
        ExpressionAttributeValues: { ':gen': status.generation },
      },
      what,
    );
    return result.ok;
  }

  private forgetTopics(connector: string): void {
    const prefix = `${connector}\u0000`;
    for (const key of this.recordedTopics.keys()) if (key.startsWith(prefix)) this.recordedTopics.delete(key);
  }
}

function taskKey(connector: string, task: number): Key {
  return DynamoDbTable.key(connector, `${STATUSES.taskPrefix}${String(task).padStart(10, '0')}`);
}

function toStatus(item: Item): ConnectorStatus {
  const status: ConnectorStatus = {
    connector: item[PARTITION_KEY] as string,
    state: item.state as InstanceState,
    workerId: item.workerId as string,
    generation: item.generation as number,
    updatedAt: item.updatedAt as number,
  };
  return item.trace ? { ...status, trace: item.trace as string } : status;
}

function toTaskStatus(item: Item): TaskStatus {
  return { ...toStatus(item), task: item.task as number };
}
