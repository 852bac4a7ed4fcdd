import {
  type AliasConfiguration,
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  type CreateEventSourceMappingCommandInput,
  DeleteAliasCommand,
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  GetAliasCommand,
  type LambdaClient,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  UpdateAliasCommand,
  UpdateEventSourceMappingCommand,
  type UpdateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import { RetriableError } from '../api';
import { type DesiredConnector, sinkConsumerGroup } from '../runtime';
import { type AwsCalls, errorName } from './aws-calls';
import { eventSourceInput, type KafkaEventSource } from './kafka-event-source';
import { isManagedName, sinkAliasName } from './names';

/** The one sink-task function and how its event source mappings consume. */
export interface SinkOptions {
  /** Unqualified ARN of the sink-task function. */
  readonly functionArn: string;
  /** The version every connector alias points at; `$LATEST` by default. */
  readonly functionVersion?: string;
  readonly eventSource: KafkaEventSource;
  /** Records per batch; Lambda's default (100) when unset. */
  readonly batchSize?: number;
  /** Seconds to gather a batch; Lambda's default when unset. */
  readonly maximumBatchingWindowInSeconds?: number;
}

/** A Lambda alias holds at most this many characters of description. */
const ALIAS_DESCRIPTION_MAX = 256;

/**
 * What an event source mapping in a given State will end up as: `true` (polling), `false`
 * (stopped), `null` when it cannot be told (Creating and Updating end Enabled or Disabled by what
 * was last asked, which the mapping does not report).
 */
function enabledIntent(state: string | undefined): boolean | null {
  if (state === 'Enabled' || state === 'Enabling') return true;
  if (state === 'Disabled' || state === 'Disabling') return false;
  return null;
}

const isDeleting = (mapping: EventSourceMappingConfiguration) => mapping.State === 'Deleting';
const topicOf = (mapping: EventSourceMappingConfiguration) => mapping.Topics?.[0] ?? '';

/** The alias Description: the connector name, which the sink function maps the alias back with. */
export function aliasDescription(connector: string): string {
  return Array.from(connector).slice(0, ALIAS_DESCRIPTION_MAX).join('');
}

/**
 * A sink connector's resources: one alias of the sink function, named after the connector, and one
 * Kafka event source mapping per topic invoking that alias (an ESM takes exactly one topic).
 */
export class SinkResources {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly calls: AwsCalls,
    private readonly prefix: string,
    private readonly options: SinkOptions,
  ) {}

  /** @returns whether the running tasks are consuming: every mapping that should poll reports State Enabled */
  async apply(desired: DesiredConnector): Promise<boolean> {
    const aliasName = sinkAliasName(this.prefix, desired.name);
    const aliasArn = this.aliasArn(aliasName);
    const alias = await this.getAlias(aliasName);
    // The herder passes no topics for a STOPPED connector: its mappings are kept (disabled), so
    // resuming takes seconds rather than minutes of ESM creation, and its consumer groups, holding
    // the offsets, stay empty for the offsets API.
    const stopped = desired.targetState === 'STOPPED';
    if (!alias && stopped) return true;
    await this.ensureAlias(desired.name, aliasName, alias);
    const mappings = alias ? await this.listMappings(aliasArn) : [];
    if (stopped) {
      for (const mapping of mappings) if (!isDeleting(mapping)) await this.converge(desired.name, mapping, false);
      return true;
    }

    // Records of partition p go to task p mod N (SinkPipeline), so a task's partitions are spread
    // over every topic. An ESM serves all partitions of its topic and cannot leave some out: a
    // failed task therefore turns its topics' ESMs off, which (partition counts unknown here) is
    // every ESM of the connector. No offset moves while they are off; restarting the task turns
    // them back on.
    const enabled = desired.targetState === 'STARTED' && desired.failedTasks.size === 0;
    const byTopic = Map.groupBy(mappings, topicOf);
    // The healthy tasks of a connector with a failed task are not consuming either: not ready
    // keeps them UNASSIGNED rather than RUNNING until the failed task is restarted.
    let ready = enabled || desired.targetState !== 'STARTED' || desired.topics.length === 0;
    for (const topic of desired.topics) {
      const existing = byTopic.get(topic) ?? [];
      const [mapping, ...duplicates] = existing.filter((m) => !isDeleting(m));
      if (!mapping) {
        // A mapping being deleted still holds the topic's consumer group, which must be unique
        // among the account's Kafka ESMs: the next reconcile creates the new one.
        if (existing.length === 0) await this.createMapping(desired, aliasArn, topic, enabled);
        if (enabled) ready = false;
        continue;
      }
      // Two herder invocations racing to create the same mapping: keep one consumer.
      for (const duplicate of duplicates) await this.deleteMapping(desired.name, duplicate);
      if (!(await this.converge(desired.name, mapping, enabled)) && enabled) ready = false;
    }
    const wanted = new Set(desired.topics);
    for (const mapping of mappings) {
      if (!wanted.has(topicOf(mapping)) && !isDeleting(mapping)) await this.deleteMapping(desired.name, mapping);
    }
    return ready;
  }

  /** Deletes the connector's mappings, then its alias. */
  async remove(connector: string): Promise<{ aliases: number; eventSourceMappings: number }> {
    const aliasName = sinkAliasName(this.prefix, connector);
    if (!(await this.getAlias(aliasName))) return { aliases: 0, eventSourceMappings: 0 };
    return this.removeAlias(connector, aliasName);
  }

  /** Deletes every alias of the sink function that this deployment's prefix names, with its mappings. */
  async removeAll(): Promise<{ aliases: number; eventSourceMappings: number }> {
    const removed = { aliases: 0, eventSourceMappings: 0 };
    for (const alias of await this.listAliases()) {
      if (!alias.Name || !isManagedName(this.prefix, alias.Name)) continue;
      const counts = await this.removeAlias(alias.Description ?? alias.Name, alias.Name);
      removed.aliases += counts.aliases;
      removed.eventSourceMappings += counts.eventSourceMappings;
    }
    return removed;
  }

  private aliasArn(aliasName: string): string {
    return `${this.options.functionArn}:${aliasName}`;
  }

  private async removeAlias(
    connector: string,
    aliasName: string,
  ): Promise<{ aliases: number; eventSourceMappings: number }> {
    let eventSourceMappings = 0;
    for (const mapping of await this.listMappings(this.aliasArn(aliasName))) {
      if (isDeleting(mapping)) continue;
      await this.deleteMapping(connector, mapping);
      eventSourceMappings++;
    }
    await this.calls.delete(`Deleting alias ${aliasName} of sink connector ${connector}`, () =>
      this.lambda.send(new DeleteAliasCommand({ FunctionName: this.options.functionArn, Name: aliasName })),
    );
    return { aliases: 1, eventSourceMappings };
  }

  private getAlias(aliasName: string): Promise<AliasConfiguration | null> {
    return this.calls.sendOrNull(`Reading alias ${aliasName}`, () =>
      this.lambda.send(new GetAliasCommand({ FunctionName: this.options.functionArn, Name: aliasName })),
    );
  }

  private async ensureAlias(connector: string, aliasName: string, current: AliasConfiguration | null): Promise<void> {
    const FunctionVersion = this.options.functionVersion ?? '$LATEST';
    const Description = aliasDescription(connector);
    const target = { FunctionName: this.options.functionArn, Name: aliasName, FunctionVersion, Description };
    if (!current) {
      const created = await this.calls.send(`Creating alias ${aliasName} for sink connector ${connector}`, async () => {
        try {
          await this.lambda.send(new CreateAliasCommand(target));
          return true;
        } catch (err) {
          if (errorName(err) === 'ResourceConflictException') return false; // created meanwhile by a racing reconcile
          throw err;
        }
      });
      if (created) return;
      current = await this.getAlias(aliasName);
      if (!current) throw new RetriableError(`Alias ${aliasName} for sink connector ${connector} is not there yet`);
    }
    if (current.FunctionVersion === FunctionVersion && current.Description === Description) return;
    await this.calls.send(`Updating alias ${aliasName} of sink connector ${connector}`, () =>
      this.lambda.send(new UpdateAliasCommand(target)),
    );
  }

  private async listAliases(): Promise<AliasConfiguration[]> {
    const aliases: AliasConfiguration[] = [];
    let Marker: string | undefined;
    do {
      const page = await this.calls.send(`Listing aliases of ${this.options.functionArn}`, () =>
        this.lambda.send(new ListAliasesCommand({ FunctionName: this.options.functionArn, Marker })),
      );
      aliases.push(...(page.Aliases ?? []));
      Marker = page.NextMarker;
    } while (Marker);
    return aliases;
  }

  private async listMappings(aliasArn: string): Promise<EventSourceMappingConfiguration[]> {
    const mappings: EventSourceMappingConfiguration[] = [];
    let Marker: string | undefined;
    do {
      const page = await this.calls.send(`Listing event source mappings of ${aliasArn}`, () =>
        this.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: aliasArn, Marker })),
      );
      mappings.push(...(page.EventSourceMappings ?? []));
      Marker = page.NextMarker;
    } while (Marker);
    return mappings;
  }

  private async createMapping(
    desired: DesiredConnector,
    aliasArn: string,
    topic: string,
    enabled: boolean,
  ): Promise<void> {
    // The group is fixed at creation: a mapping keeps the group it was created with even when
    // the topic count later changes what sinkConsumerGroup() returns, because a new group would
    // re-read the topic from the start.
    const group = sinkConsumerGroup(desired.name, desired.config, topic, desired.topics.length);
    const input: CreateEventSourceMappingCommandInput = {
      FunctionName: aliasArn,
      Topics: [topic],
      // Creation takes minutes before polling starts: from the earliest offset nothing produced
      // meanwhile is missed. A group that already has committed offsets resumes from them instead
      // (Lambda applies StartingPosition only to a group Kafka does not know).
      StartingPosition: 'TRIM_HORIZON',
      Enabled: enabled,
      ...this.batching(),
      ...eventSourceInput(this.options.eventSource, group),
    };
    await this.calls.send(
      `Creating the event source mapping of sink connector ${desired.name} for ${topic}`,
      async () => {
        try {
          await this.lambda.send(new CreateEventSourceMappingCommand(input));
        } catch (err) {
          // A racing reconcile may have created it: then there is nothing left to do.
          if (errorName(err) === 'ResourceConflictException') {
            const now = await this.listMappings(aliasArn);
            if (now.some((m) => topicOf(m) === topic && !isDeleting(m))) return;
          }
          throw err;
        }
      },
    );
  }

  /**
   * Brings one mapping to the wanted Enabled value and batching settings, writing only what differs.
   * @returns whether it is polling as wanted with nothing left to change (State Enabled, no update sent)
   */
  private async converge(connector: string, mapping: EventSourceMappingConfiguration, enabled: boolean) {
    const changes: Partial<UpdateEventSourceMappingCommandInput> = {};
    const intent = enabledIntent(mapping.State);
    if (intent === null) {
      // Creating or Updating: where it ends cannot be read. Turning it off cannot wait (a paused
      // or failed connector must stop consuming), so the update is sent and retried until the
      // mapping accepts it; turning it on can: not ready keeps the tasks UNASSIGNED, and the next
      // reconcile sees the settled state.
      if (!enabled) changes.Enabled = false;
    } else {
      if (intent !== enabled) changes.Enabled = enabled;
      const { batchSize, maximumBatchingWindowInSeconds } = this.options;
      if (batchSize !== undefined && mapping.BatchSize !== batchSize) changes.BatchSize = batchSize;
      if (
        maximumBatchingWindowInSeconds !== undefined &&
        mapping.MaximumBatchingWindowInSeconds !== maximumBatchingWindowInSeconds
      ) {
        changes.MaximumBatchingWindowInSeconds = maximumBatchingWindowInSeconds;
      }
    }
    if (Object.keys(changes).length === 0) return mapping.State === 'Enabled';
    await this.calls.send(`Updating event source mapping ${mapping.UUID} of sink connector ${connector}`, () =>
      this.lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID, ...changes })),
    );
    return false; // an updated mapping takes up to 90 s to poll again
  }

  private async deleteMapping(connector: string, mapping: EventSourceMappingConfiguration): Promise<void> {
    await this.calls.delete(
      `Deleting event source mapping ${mapping.UUID} (${topicOf(mapping)}) of sink connector ${connector}`,
      () => this.lambda.send(new DeleteEventSourceMappingCommand({ UUID: mapping.UUID })),
    );
  }

  private batching(): Partial<CreateEventSourceMappingCommandInput> {
    const { batchSize, maximumBatchingWindowInSeconds } = this.options;
    return {
      ...(batchSize !== undefined ? { BatchSize: batchSize } : {}),
      ...(maximumBatchingWindowInSeconds !== undefined
        ? { MaximumBatchingWindowInSeconds: maximumBatchingWindowInSeconds }
        : {}),
    };
  }
}
