import { randomUUID } from 'node:crypto';
import { AlreadyExistsError, NotFoundError, RetriableError } from '../../api';
import { ConcurrentUpdateError } from '../errors';
import {
  type ConfigChange,
  type ConfigStore,
  type ConfigWriteOptions,
  type ConnectorRecord,
  type CreateOptions,
  type RestartRequest,
  TargetState,
  type TaskConfigs,
} from '../ports';
import { configJson, connectorConfigJson } from '../ports/validation';
import { splitUtf8 } from './chunks';
import { CONFIGS, PARTITION_KEY, SORT_KEY } from './schema';
import { attributeNames, type DynamoDbStoreOptions, DynamoDbTable, type Item, type Key } from './table';

/** Losing this many read-modify-write rounds in a row ends in ConcurrentUpdateError (each loss is someone else's win). */
const MAX_WRITE_ATTEMPTS = 64;
/** Task-config chunk size: with its keys, a chunk item stays under DynamoDB's 400 KB. */
export const TASK_CHUNK_BYTES = 350_000;
/** Reading task configs retries this often when a newer set replaces the one being read. */
const MAX_READ_ATTEMPTS = 10;

const NAMES = {
  '#pk': PARTITION_KEY,
  '#sk': SORT_KEY,
  '#config': 'config',
  '#state': 'targetState',
  '#gen': 'generation',
  '#created': 'createdAt',
  '#updated': 'updatedAt',
  '#deleted': 'deleted',
  '#deletedAt': 'deletedAt',
  '#tasks': 'tasks',
  '#requestedAt': 'requestedAt',
  '#includeTasks': 'includeTasks',
  '#onlyFailed': 'onlyFailed',
} as const;

/** The published task-config set, kept on the connector item so one conditional write publishes it. */
interface TaskPointer {
  writeId: string;
  generation: number;
  chunks: number;
  updatedAt: number;
}

/**
 * ConfigStore over the configs table (schema.ts CONFIGS). A connector is one item holding its config
 * (JSON, exactly as submitted), target state and generation, so every change is one conditional
 * write on that item; a delete leaves a tombstone so generations keep counting up. Task configs are
 * written as chunk items first and published by one conditional write of a pointer on the connector
 * item (Kafka's `commit-<name>`), so readers never see a partial set and any size fits.
 */
export class DynamoDbConfigStore implements ConfigStore {
  private readonly table: DynamoDbTable;
  private readonly newId: () => string;

  constructor(options: DynamoDbStoreOptions & { newId?: () => string }) {
    this.table = new DynamoDbTable(options);
    this.newId = options.newId ?? randomUUID;
  }

  async create(
    name: string,
    config: Readonly<Record<string, string>>,
    options?: CreateOptions,
  ): Promise<ConnectorRecord> {
    const json = connectorConfigJson(name, config);
    const now = this.table.clock.now();
    const update =
      'SET #config = :config, #state = :state, #gen = if_not_exists(#gen, :zero) + :one, #created = :now, #updated = :now ' +
      'REMOVE #deleted, #deletedAt, #tasks';
    const condition = 'attribute_not_exists(#pk) OR attribute_exists(#deleted)';
    const result = await this.table.tryUpdate(
      {
        Key: connectorKey(name),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: attributeNames(NAMES, update, condition),
        ExpressionAttributeValues: {
          ':config': json,
          ':state': options?.targetState ?? TargetState.STARTED,
          ':zero': 0,
          ':one': 1,
          ':now': now,
        },
        ReturnValues: 'ALL_NEW',
      },
      `Creating connector ${name}`,
    );
    if (!result.ok) throw new AlreadyExistsError(`Connector ${name} already exists`, { cause: result.cause });
    return toRecord(result.value!);
  }

  async update(name: string, change: ConfigChange, options?: ConfigWriteOptions): Promise<ConnectorRecord> {
    if (typeof change !== 'function') {
      const json = connectorConfigJson(name, change);
      const update = 'SET #config = :config, #gen = #gen + :one, #updated = :now';
      return toRecord(await this.writeRecord(name, options, update, { ':config': json }, `Updating connector ${name}`));
    }
    // Read, modify, write back only if nobody wrote in between; on a lost race, go again on the newer record.
    const expected = options?.expectedGeneration;
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(name);
      if (!current) throw new NotFoundError(`Connector ${name} not found`);
      if (expected !== undefined && current.generation !== expected) {
        throw new ConcurrentUpdateError(name, { expectedGeneration: expected, actualGeneration: current.generation });
      }
      const json = connectorConfigJson(name, change(current));
      const update = 'SET #config = :config, #gen = #gen + :one, #updated = :now';
      const condition = '#gen = :current AND attribute_not_exists(#deleted)';
      const result = await this.table.tryUpdate(
        {
          Key: connectorKey(name),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: attributeNames(NAMES, update, condition),
          ExpressionAttributeValues: {
            ':config': json,
            ':one': 1,
            ':now': this.table.clock.now(),
            ':current': current.generation,
          },
          ReturnValues: 'ALL_NEW',
        },
        `Updating connector ${name}`,
      );
      if (result.ok) return toRecord(result.value!);
      if (expected !== undefined) throw await this.conflict(name, expected, result.cause);
      if (attempt >= MAX_WRITE_ATTEMPTS) throw this.gaveUp(name, result.cause);
      await this.table.backoff(attempt);
    }
  }

  async setTargetState(name: string, state: TargetState, options?: ConfigWriteOptions): Promise<ConnectorRecord> {
    const update = 'SET #state = :state, #gen = #gen + :one, #updated = :now';
    return toRecord(
      await this.writeRecord(name, options, update, { ':state': state }, `Setting target state of ${name}`),
    );
  }

  async delete(name: string, options?: ConfigWriteOptions): Promise<void> {
    await this.writeRecord(
      name,
      options,
      'SET #deleted = :true, #deletedAt = :now, #gen = #gen + :one REMOVE #config, #state, #tasks, #created, #updated',
      { ':true': true },
      `Deleting connector ${name}`,
    );
    // The tombstone is written, so nothing below is reachable any more; clean up after it.
    await this.table.delete({ Key: restartKey(name) }, `Deleting restart request of ${name}`);
    const chunks = await this.table.keys(chunksPartition(name), undefined, `Listing task configs of ${name}`);
    await this.table.batchDelete(chunks, `Deleting task configs of ${name}`);
  }

  async get(name: string): Promise<ConnectorRecord | null> {
    const item = await this.table.get(connectorKey(name), `Reading connector ${name}`);
    return item && !item.deleted ? toRecord(item) : null;
  }

  async list(): Promise<string[]> {
    const filter = 'attribute_not_exists(#deleted)';
    const items = await this.table.query(
      {
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: filter,
        ProjectionExpression: '#sk',
        ExpressionAttributeNames: attributeNames(NAMES, '#pk #sk', filter),
        ExpressionAttributeValues: { ':pk': CONFIGS.connectorsPartition },
      },
      'Listing connectors',
    );
    return items.map((item) => item[SORT_KEY] as string).sort();
  }

  async putTaskConfigs(
    name: string,
    generation: number,
    configs: ReadonlyArray<Readonly<Record<string, string>>>,
  ): Promise<TaskConfigs> {
    const json = `[${configs.map((config, task) => configJson(`${name}-${task}`, config, 'Task')).join(',')}]`;
    const writeId = this.newId();
    const chunks = splitUtf8(json, TASK_CHUNK_BYTES);
    const chunkKeys = chunks.map((_, index) => chunkKey(name, writeId, index));
    // 1. The chunks, under a key no reader knows yet.
    await this.table.batchWrite(
      chunks.map((data, index) => ({ PutRequest: { Item: { ...chunkKeys[index], data } } })),
      `Writing task configs of ${name}`,
    );
    // 2. Publish them, only if the connector is still at the generation they were computed from.
    const updatedAt = this.table.clock.now();
    const pointer: TaskPointer = { writeId, generation, chunks: chunks.length, updatedAt };
    const update = 'SET #tasks = :tasks';
    const condition = '#gen = :gen AND attribute_not_exists(#deleted)';
    const result = await this.table.tryUpdate(
      {
        Key: connectorKey(name),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: attributeNames(NAMES, update, condition),
        ExpressionAttributeValues: { ':tasks': pointer, ':gen': generation },
        ReturnValues: 'UPDATED_OLD',
      },
      `Publishing task configs of ${name}`,
    );
    if (!result.ok) {
      await this.table.batchDelete(chunkKeys, `Removing unpublished task configs of ${name}`);
      throw await this.conflict(name, generation, result.cause);
    }
    // 3. The replaced set is unreachable now; readers still holding its pointer re-read (getTaskConfigs).
    const previous = result.value?.tasks as TaskPointer | undefined;
    if (previous) {
      const keys = Array.from({ length: previous.chunks }, (_, index) => chunkKey(name, previous.writeId, index));
      await this.table.batchDelete(keys, `Removing replaced task configs of ${name}`);
    }
    return { connector: name, generation, configs: JSON.parse(json), updatedAt };
  }

  async getTaskConfigs(name: string): Promise<TaskConfigs | null> {
    for (let attempt = 1; attempt <= MAX_READ_ATTEMPTS; attempt++) {
      const item = await this.table.get(connectorKey(name), `Reading connector ${name}`);
      const pointer = item && !item.deleted ? (item.tasks as TaskPointer | undefined) : undefined;
      if (!pointer) return null;
      const chunks = await this.table.query(
        {
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: attributeNames(NAMES, '#pk #sk'),
          ExpressionAttributeValues: { ':pk': chunksPartition(name), ':prefix': `${pointer.writeId}#` },
        },
        `Reading task configs of ${name}`,
      );
      // Fewer chunks than published: a newer set replaced this one while we read. Read the newer one.
      if (chunks.length === pointer.chunks) {
        const json = chunks.map((chunk) => chunk.data as string).join('');
        return {
          connector: name,
          generation: pointer.generation,
          configs: JSON.parse(json),
          updatedAt: pointer.updatedAt,
        };
      }
    }
    throw new RetriableError(`Task configs of connector ${name} kept changing while being read`);
  }

  async requestRestart(request: Omit<RestartRequest, 'requestedAt'>): Promise<RestartRequest> {
    const stored: RestartRequest = {
      connector: request.connector,
      includeTasks: request.includeTasks,
      onlyFailed: request.onlyFailed,
      requestedAt: this.table.clock.now(),
    };
    await this.table.put(
      {
        Item: {
          ...restartKey(stored.connector),
          includeTasks: stored.includeTasks,
          onlyFailed: stored.onlyFailed,
          requestedAt: stored.requestedAt,
        },
      },
      `Requesting restart of ${request.connector}`,
    );
    return stored;
  }

  async getRestartRequest(name: string): Promise<RestartRequest | null> {
    const item = await this.table.get(restartKey(name), `Reading restart request of ${name}`);
    return item ? toRestart(item) : null;
  }

  async listRestartRequests(): Promise<RestartRequest[]> {
    const items = await this.table.query(
      {
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: attributeNames(NAMES, '#pk'),
        ExpressionAttributeValues: { ':pk': CONFIGS.restartsPartition },
      },
      'Listing restart requests',
    );
    return items.map(toRestart).sort((a, b) => (a.connector < b.connector ? -1 : a.connector > b.connector ? 1 : 0));
  }

  async completeRestart(request: RestartRequest): Promise<boolean> {
    const condition = '#requestedAt = :requestedAt AND #includeTasks = :includeTasks AND #onlyFailed = :onlyFailed';
    const result = await this.table.tryDelete(
      {
        Key: restartKey(request.connector),
        ConditionExpression: condition,
        ExpressionAttributeNames: attributeNames(NAMES, condition),
        ExpressionAttributeValues: {
          ':requestedAt': request.requestedAt,
          ':includeTasks': request.includeTasks,
          ':onlyFailed': request.onlyFailed,
        },
      },
      `Completing restart of ${request.connector}`,
    );
    return result.ok;
  }

  /**
   * One atomic write of the connector item (`update` bumps its generation itself). Without an
   * expected generation it applies to whatever is current, so nothing is lost and no read is
   * needed; it only fails when the connector is absent.
   */
  private async writeRecord(
    name: string,
    options: ConfigWriteOptions | undefined,
    update: string,
    values: Record<string, unknown>,
    what: string,
  ): Promise<Item> {
    const expected = options?.expectedGeneration;
    const condition = `attribute_exists(#pk) AND attribute_not_exists(#deleted)${expected === undefined ? '' : ' AND #gen = :expected'}`;
    for (let attempt = 1; ; attempt++) {
      const result = await this.table.tryUpdate(
        {
          Key: connectorKey(name),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: attributeNames(NAMES, update, condition),
          ExpressionAttributeValues: {
            ...values,
            ':one': 1,
            ':now': this.table.clock.now(),
            ...(expected === undefined ? {} : { ':expected': expected }),
          },
          ReturnValues: 'ALL_NEW',
        },
        what,
      );
      if (result.ok) return result.value!;
      if (expected !== undefined) throw await this.conflict(name, expected, result.cause);
      // The connector was absent or deleted; unless it was re-created since, that is final.
      if (!(await this.get(name))) throw new NotFoundError(`Connector ${name} not found`, { cause: result.cause });
      if (attempt >= MAX_WRITE_ATTEMPTS) throw this.gaveUp(name, result.cause);
    }
  }

  /** The error for a failed conditional write that expected `expected`: absent, or moved on. */
  private async conflict(name: string, expected: number, cause: Error): Promise<Error> {
    const current = await this.get(name);
    if (!current) return new NotFoundError(`Connector ${name} not found`, { cause });
    return new ConcurrentUpdateError(
      name,
      { expectedGeneration: expected, actualGeneration: current.generation },
      { cause },
    );
  }

  private gaveUp(name: string, cause: Error): ConcurrentUpdateError {
    return new ConcurrentUpdateError(
      name,
      { reason: `connector ${name} kept changing during ${MAX_WRITE_ATTEMPTS} attempts to write it` },
      { cause },
    );
  }
}

function connectorKey(name: string): Key {
  return DynamoDbTable.key(CONFIGS.connectorsPartition, name);
}

function restartKey(name: string): Key {
  return DynamoDbTable.key(CONFIGS.restartsPartition, name);
}

function chunksPartition(name: string): string {
  return `${CONFIGS.taskChunksPrefix}${name}`;
}

function chunkKey(name: string, writeId: string, index: number): Key {
  return DynamoDbTable.key(chunksPartition(name), `${writeId}#${String(index).padStart(6, '0')}`);
}

function toRecord(item: Item): ConnectorRecord {
  return {
    name: item[SORT_KEY] as string,
    config: JSON.parse(item.config as string),
    targetState: item.targetState as TargetState,
    generation: item.generation as number,
    createdAt: item.createdAt as number,
    updatedAt: item.updatedAt as number,
  };
}

function toRestart(item: Item): RestartRequest {
  return {
    connector: item[SORT_KEY] as string,
    includeTasks: item.includeTasks as boolean,
    onlyFailed: item.onlyFailed as boolean,
    requestedAt: item.requestedAt as number,
  };
}
