import {
  type AliasConfiguration,
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  DeleteAliasCommand,
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  GetAliasCommand,
  InvokeCommand,
  type InvokeCommandInput,
  LambdaClient,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ResourceConflictException,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import {
  ConflictException,
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  type GetScheduleOutput,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  SchedulerClient,
  ResourceNotFoundException as SchedulerResourceNotFoundException,
  type Tag,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const PAGE_SIZE = 2;

/** The control-plane commands that change something: none may be sent when nothing changed. */
export const LAMBDA_WRITES = [
  CreateAliasCommand,
  UpdateAliasCommand,
  DeleteAliasCommand,
  CreateEventSourceMappingCommand,
  UpdateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  InvokeCommand,
] as const;
export const SCHEDULER_WRITES = [
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  CreateScheduleCommand,
  UpdateScheduleCommand,
  DeleteScheduleCommand,
] as const;

interface Mapping extends EventSourceMappingConfiguration {
  /** What was last asked; the State shows where it is on the way there. */
  enabled: boolean;
}

interface Group {
  Arn: string;
  Name: string;
  State: 'ACTIVE' | 'DELETING';
  Tags: Tag[];
}

const lambdaNotFound = (message: string) => new ResourceNotFoundException({ message, $metadata: {} });
const schedulerNotFound = (message: string) =>
  new SchedulerResourceNotFoundException({ message, Message: message, $metadata: {} });

function page<T>(items: T[], marker: string | undefined): { items: T[]; next?: string } {
  const start = marker ? Number(marker) : 0;
  const next = start + PAGE_SIZE < items.length ? String(start + PAGE_SIZE) : undefined;
  return { items: items.slice(start, start + PAGE_SIZE), ...(next ? { next } : {}) };
}

/**
 * Lambda and Scheduler control planes as aws-sdk-client-mock fakes with state: what one call
 * creates, the next one reads. Event source mappings move through Lambda's states (Creating,
 * Enabling, Disabling, Updating, Deleting) until settle(); schedule groups through DELETING.
 * Lists page two items at a time, so paging is exercised.
 */
export class FakeAws {
  readonly lambda = new LambdaClient({ region: REGION });
  readonly scheduler = new SchedulerClient({ region: REGION });
  readonly lambdaMock = mockClient(this.lambda);
  readonly schedulerMock = mockClient(this.scheduler);
  readonly aliases = new Map<string, AliasConfiguration & { FunctionArn: string }>();
  readonly mappings = new Map<string, Mapping>();
  readonly groups = new Map<string, Group>();
  readonly schedules = new Map<string, GetScheduleOutput>();
  readonly invocations: InvokeCommandInput[] = [];
  private readonly failures = new Map<string, Error[]>();
  private nextUuid = 1;

  constructor() {
    this.fakeLambda();
    this.fakeScheduler();
  }

  /** The next calls of `command` throw these errors, one per call, before it works again. */
  failNext(command: { name: string }, ...errors: Error[]): void {
    this.failures.set(command.name, [...(this.failures.get(command.name) ?? []), ...errors]);
  }

  /** Lets every transition finish: mappings reach Enabled/Disabled or vanish, DELETING groups go. */
  settle(): void {
    for (const [uuid, mapping] of this.mappings) {
      if (mapping.State === 'Deleting') this.mappings.delete(uuid);
      else mapping.State = mapping.enabled ? 'Enabled' : 'Disabled';
    }
    for (const [name, group] of this.groups) {
      if (group.State !== 'DELETING') continue;
      this.groups.delete(name);
      for (const key of this.schedules.keys()) if (key.startsWith(`${name}/`)) this.schedules.delete(key);
    }
  }

  /** Forgets the calls made so far (not the state). */
  resetHistory(): void {
    this.lambdaMock.resetHistory();
    this.schedulerMock.resetHistory();
  }

  /** Names of the write commands sent since the last resetHistory(), in order per client. */
  writes(): string[] {
    const names = new Set<string>([...LAMBDA_WRITES, ...SCHEDULER_WRITES].map((command) => command.name));
    return [...this.lambdaMock.calls(), ...this.schedulerMock.calls()]
      .map((call) => (call.args[0] as object).constructor.name)
      .filter((name) => names.has(name));
  }

  mappingsOf(aliasArn: string): Mapping[] {
    return [...this.mappings.values()].filter((m) => m.FunctionArn === aliasArn);
  }

  /** Adds a mapping as if created earlier (by us or by a racing reconcile). */
  addMapping(aliasArn: string, topic: string, state: string, enabled: boolean, extra: Partial<Mapping> = {}): Mapping {
    const mapping: Mapping = {
      UUID: `esm-${this.nextUuid++}`,
      FunctionArn: aliasArn,
      Topics: [topic],
      State: state,
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      enabled,
      ...extra,
    };
    this.mappings.set(mapping.UUID as string, mapping);
    return mapping;
  }

  private async run<T>(command: { name: string }, body: () => T): Promise<T> {
    const failure = this.failures.get(command.name)?.shift();
    if (failure) throw failure;
    return body();
  }

  private fakeLambda(): void {
    const aliasKey = (fn: string | undefined, name: string | undefined) => `${fn}:${name}`;
    this.lambdaMock
      .on(GetAliasCommand)
      .callsFake((input) =>
        this.run(GetAliasCommand, () => {
          const alias = this.aliases.get(aliasKey(input.FunctionName, input.Name));
          if (!alias) throw lambdaNotFound(`Alias not found: ${input.Name}`);
          const { FunctionArn: _, ...config } = alias;
          return config;
        }),
      )
      .on(CreateAliasCommand)
      .callsFake((input) =>
        this.run(CreateAliasCommand, () => {
          const key = aliasKey(input.FunctionName, input.Name);
          if (this.aliases.has(key))
            throw new ResourceConflictException({ message: 'Alias already exists', $metadata: {} });
          const alias = {
            AliasArn: key,
            Name: input.Name,
            FunctionVersion: input.FunctionVersion,
            Description: input.Description ?? '',
            FunctionArn: input.FunctionName as string,
            RevisionId: 'r1',
          };
          this.aliases.set(key, alias);
          return alias;
        }),
      )
      .on(UpdateAliasCommand)
      .callsFake((input) =>
        this.run(UpdateAliasCommand, () => {
          const alias = this.aliases.get(aliasKey(input.FunctionName, input.Name));
          if (!alias) throw lambdaNotFound(`Alias not found: ${input.Name}`);
          if (input.FunctionVersion !== undefined) alias.FunctionVersion = input.FunctionVersion;
          if (input.Description !== undefined) alias.Description = input.Description;
          return alias;
        }),
      )
      .on(DeleteAliasCommand)
      .callsFake((input) =>
        this.run(DeleteAliasCommand, () => {
          if (!this.aliases.delete(aliasKey(input.FunctionName, input.Name))) throw lambdaNotFound('Alias not found');
          return {};
        }),
      )
      .on(ListAliasesCommand)
      .callsFake((input) =>
        this.run(ListAliasesCommand, () => {
          const all = [...this.aliases.values()].filter((a) => a.FunctionArn === input.FunctionName);
          const { items, next } = page(all, input.Marker);
          return { Aliases: items.map(({ FunctionArn: _, ...config }) => config), NextMarker: next };
        }),
      )
      .on(ListEventSourceMappingsCommand)
      .callsFake((input) =>
        this.run(ListEventSourceMappingsCommand, () => {
          const { items, next } = page(this.mappingsOf(input.FunctionName as string), input.Marker);
          return { EventSourceMappings: items.map(({ enabled: _, ...config }) => ({ ...config })), NextMarker: next };
        }),
      )
      .on(CreateEventSourceMappingCommand)
      .callsFake((input) =>
        this.run(CreateEventSourceMappingCommand, () => {
          const { Enabled, ...rest } = input;
          const mapping = this.addMapping(
            input.FunctionName as string,
            input.Topics?.[0] ?? '',
            'Creating',
            Enabled ?? true,
            {
              ...rest,
              BatchSize: input.BatchSize ?? 100,
              MaximumBatchingWindowInSeconds: input.MaximumBatchingWindowInSeconds ?? 0,
            },
          );
          const { enabled: _, ...config } = mapping;
          return { ...config, FunctionArn: input.FunctionName };
        }),
      )
      .on(UpdateEventSourceMappingCommand)
      .callsFake((input) =>
        this.run(UpdateEventSourceMappingCommand, () => {
          const mapping = this.mappings.get(input.UUID as string);
          if (!mapping || mapping.State === 'Deleting') throw lambdaNotFound(`No mapping ${input.UUID}`);
          if (mapping.State === 'Creating' || mapping.State === 'Updating') {
            throw new ResourceInUseException({ message: `Mapping ${input.UUID} is ${mapping.State}`, $metadata: {} });
          }
          if (input.BatchSize !== undefined) mapping.BatchSize = input.BatchSize;
          if (input.MaximumBatchingWindowInSeconds !== undefined) {
            mapping.MaximumBatchingWindowInSeconds = input.MaximumBatchingWindowInSeconds;
          }
          if (input.Enabled !== undefined && input.Enabled !== mapping.enabled) {
            mapping.enabled = input.Enabled;
            mapping.State = input.Enabled ? 'Enabling' : 'Disabling';
          } else {
            mapping.State = 'Updating';
          }
          const { enabled: _, ...config } = mapping;
          return config;
        }),
      )
      .on(DeleteEventSourceMappingCommand)
      .callsFake((input) =>
        this.run(DeleteEventSourceMappingCommand, () => {
          const mapping = this.mappings.get(input.UUID as string);
          if (!mapping) throw lambdaNotFound(`No mapping ${input.UUID}`);
          mapping.State = 'Deleting';
          const { enabled: _, ...config } = mapping;
          return config;
        }),
      )
      .on(InvokeCommand)
      .callsFake((input) =>
        this.run(InvokeCommand, () => {
          this.invocations.push(input);
          return { StatusCode: 202 };
        }),
      );
  }

  private fakeScheduler(): void {
    const groupArn = (name: string) => `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/${name}`;
    const scheduleKey = (group: string | undefined, name: string | undefined) => `${group ?? 'default'}/${name}`;
    const activeGroup = (name: string | undefined) => {
      const group = this.groups.get(name ?? 'default');
      if (!group) throw schedulerNotFound(`Schedule group ${name} does not exist.`);
      return group;
    };
    this.schedulerMock
      .on(GetScheduleGroupCommand)
      .callsFake((input) =>
        this.run(GetScheduleGroupCommand, () => {
          const group = activeGroup(input.Name);
          return { Arn: group.Arn, Name: group.Name, State: group.State };
        }),
      )
      .on(CreateScheduleGroupCommand)
      .callsFake((input) =>
        this.run(CreateScheduleGroupCommand, () => {
          const name = input.Name as string;
          if (this.groups.has(name)) {
            throw new ConflictException({ message: 'already exists', Message: 'already exists', $metadata: {} });
          }
          this.groups.set(name, { Arn: groupArn(name), Name: name, State: 'ACTIVE', Tags: input.Tags ?? [] });
          return { ScheduleGroupArn: groupArn(name) };
        }),
      )
      .on(DeleteScheduleGroupCommand)
      .callsFake((input) =>
        this.run(DeleteScheduleGroupCommand, () => {
          activeGroup(input.Name).State = 'DELETING';
          return {};
        }),
      )
      .on(ListScheduleGroupsCommand)
      .callsFake((input) =>
        this.run(ListScheduleGroupsCommand, () => {
          const all = [...this.groups.values()].filter((g) => g.Name.startsWith(input.NamePrefix ?? ''));
          const { items, next } = page(all, input.NextToken);
          return { ScheduleGroups: items.map(({ Arn, Name, State }) => ({ Arn, Name, State })), NextToken: next };
        }),
      )
      .on(ListTagsForResourceCommand)
      .callsFake((input) =>
        this.run(ListTagsForResourceCommand, () => {
          const group = [...this.groups.values()].find((g) => g.Arn === input.ResourceArn);
          if (!group) throw schedulerNotFound(`No resource ${input.ResourceArn}`);
          return { Tags: group.Tags };
        }),
      )
      .on(ListSchedulesCommand)
      .callsFake((input) =>
        this.run(ListSchedulesCommand, () => {
          activeGroup(input.GroupName);
          const all = [...this.schedules.values()].filter((s) => s.GroupName === input.GroupName);
          const { items, next } = page(all, input.NextToken);
          return {
            Schedules: items.map((s) => ({
              Arn: s.Arn,
              Name: s.Name,
              GroupName: s.GroupName,
              State: s.State,
              Target: { Arn: s.Target?.Arn },
            })),
            NextToken: next,
          };
        }),
      )
      .on(GetScheduleCommand)
      .callsFake((input) =>
        this.run(GetScheduleCommand, () => {
          const schedule = this.schedules.get(scheduleKey(input.GroupName, input.Name));
          if (!schedule) throw schedulerNotFound(`Schedule ${input.Name} does not exist.`);
          return structuredClone(schedule);
        }),
      )
      .on(CreateScheduleCommand)
      .callsFake((input) =>
        this.run(CreateScheduleCommand, () => {
          activeGroup(input.GroupName);
          const key = scheduleKey(input.GroupName, input.Name);
          if (this.schedules.has(key)) {
            throw new ConflictException({ message: 'already exists', Message: 'already exists', $metadata: {} });
          }
          const Arn = `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/${key}`;
          const { ClientToken: _, ...fields } = input;
          this.schedules.set(key, structuredClone({ ...fields, Arn, State: input.State ?? 'ENABLED' }));
          return { ScheduleArn: Arn };
        }),
      )
      .on(UpdateScheduleCommand)
      .callsFake((input) =>
        this.run(UpdateScheduleCommand, () => {
          const key = scheduleKey(input.GroupName, input.Name);
          const current = this.schedules.get(key);
          if (!current) throw schedulerNotFound(`Schedule ${input.Name} does not exist.`);
          // A full replace: whatever the input leaves out is gone.
          const { ClientToken: _, ...fields } = input;
          this.schedules.set(key, structuredClone({ ...fields, Arn: current.Arn, State: input.State ?? 'ENABLED' }));
          return { ScheduleArn: current.Arn };
        }),
      )
      .on(DeleteScheduleCommand)
      .callsFake((input) =>
        this.run(DeleteScheduleCommand, () => {
          if (!this.schedules.delete(scheduleKey(input.GroupName, input.Name))) {
            throw schedulerNotFound(`Schedule ${input.Name} does not exist.`);
          }
          return {};
        }),
      );
  }
}
