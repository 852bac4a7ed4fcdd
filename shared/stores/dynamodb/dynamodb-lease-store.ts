import { LeaseHeldError, LeaseLostError, StaleGenerationError } from '../errors';
import type { ConnectorTaskId, Lease, LeaseStore } from '../ports';
import { checkTtl, leaseHeldMessage, staleGenerationMessage, taskName } from '../ports/leases';
import { LEASES, PARTITION_KEY } from './schema';
import { attributeNames, type DynamoDbStoreOptions, DynamoDbTable, type Item, type Key } from './table';

/** An acquire that fails although the re-read shows a free lease (it was freed in between) is retried this often. */
const MAX_ACQUIRE_ATTEMPTS = 5;

const NAMES = {
  '#pk': PARTITION_KEY,
  '#owner': 'owner',
  '#epoch': 'epoch',
  '#gen': 'configGeneration',
  '#expires': 'expiresAt',
} as const;

/**
 * LeaseStore over the leases table: pk = connector, sk = `lease#<10-digit task id>`. Every
 * operation is one conditional UpdateItem; the epoch is incremented by DynamoDB itself
 * (`if_not_exists(epoch, 0) + 1`), so two acquirers can never get the same epoch. Lease items are
 * never deleted, so epochs only grow.
 */
export class DynamoDbLeaseStore implements LeaseStore {
  private readonly table: DynamoDbTable;

  constructor(options: DynamoDbStoreOptions) {
    this.table = new DynamoDbTable(options);
  }

  async acquire(
    id: ConnectorTaskId,
    owner: string,
    configGeneration: number,
    ttlMs: number,
    now: number,
  ): Promise<Lease> {
    checkTtl(ttlMs);
    const update =
      'SET #owner = :owner, #gen = :gen, #expires = :expires, #epoch = if_not_exists(#epoch, :zero) + :one';
    const condition =
      '(attribute_not_exists(#expires) OR #expires <= :now) AND (attribute_not_exists(#gen) OR #gen <= :gen)';
    for (let attempt = 1; ; attempt++) {
      const result = await this.table.tryUpdate(
        {
          Key: leaseKey(id),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: attributeNames(NAMES, update, condition),
          ExpressionAttributeValues: {
            ':owner': owner,
            ':gen': configGeneration,
            ':expires': now + ttlMs,
            ':now': now,
            ':zero': 0,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        },
        `Acquiring lease of task ${taskName(id)}`,
      );
      if (result.ok) return toLease(id, result.value!);
      const stored = await this.get(id);
      if (stored && stored.configGeneration > configGeneration) {
        throw new StaleGenerationError(staleGenerationMessage(id, configGeneration, stored.configGeneration), {
          cause: result.cause,
          configGeneration,
          storedGeneration: stored.configGeneration,
        });
      }
      if ((stored && stored.expiresAt > now) || attempt >= MAX_ACQUIRE_ATTEMPTS) {
        const held = stored ?? { owner: 'unknown', epoch: 0, expiresAt: now };
        throw new LeaseHeldError(leaseHeldMessage(id, held), {
          cause: result.cause,
          owner: held.owner,
          expiresAt: held.expiresAt,
        });
      }
    }
  }

  async renew(lease: Lease, ttlMs: number, now: number): Promise<Lease> {
    checkTtl(ttlMs);
    const update = 'SET #expires = :expires';
    const condition = '#owner = :owner AND #epoch = :epoch AND #expires > :released';
    const result = await this.table.tryUpdate(
      {
        Key: leaseKey(lease),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: attributeNames(NAMES, update, condition),
        ExpressionAttributeValues: {
          ':expires': now + ttlMs,
          ':owner': lease.owner,
          ':epoch': lease.epoch,
          ':released': 0,
        },
        ReturnValues: 'ALL_NEW',
      },
      `Renewing lease of task ${taskName(lease)}`,
    );
    if (!result.ok) {
      throw new LeaseLostError(`Lease of task ${taskName(lease)} (epoch ${lease.epoch}) was lost`, {
        cause: result.cause,
      });
    }
    return toLease(lease, result.value!);
  }

  async release(lease: Lease): Promise<void> {
    const update = 'SET #expires = :released';
    const condition = '#owner = :owner AND #epoch = :epoch';
    // A failed condition means someone else holds it now: nothing to release.
    await this.table.tryUpdate(
      {
        Key: leaseKey(lease),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: attributeNames(NAMES, update, condition),
        ExpressionAttributeValues: { ':released': 0, ':owner': lease.owner, ':epoch': lease.epoch },
      },
      `Releasing lease of task ${taskName(lease)}`,
    );
  }

  async get(id: ConnectorTaskId): Promise<Lease | null> {
    const item = await this.table.get(leaseKey(id), `Reading lease of task ${taskName(id)}`);
    return item ? toLease(id, item) : null;
  }
}

function leaseKey(id: ConnectorTaskId): Key {
  return DynamoDbTable.key(id.connector, `${LEASES.leasePrefix}${String(id.task).padStart(10, '0')}`);
}

function toLease(id: ConnectorTaskId, item: Item): Lease {
  return {
    connector: id.connector,
    task: id.task,
    owner: item.owner as string,
    epoch: item.epoch as number,
    configGeneration: item.configGeneration as number,
    expiresAt: item.expiresAt as number,
  };
}
