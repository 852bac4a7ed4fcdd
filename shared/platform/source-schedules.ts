import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
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
  type RetryPolicy,
  type ScheduleGroupSummary,
  type SchedulerClient,
  type ScheduleState,
  type ScheduleSummary,
  type Target,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { RetriableError } from '../api';
import type { DesiredConnector, SourceTaskPayload } from '../runtime';
import { type AwsCalls, errorName } from './aws-calls';
import { isManagedName, scheduleGroupName, taskOfScheduleName, taskScheduleName } from './names';

/** The source-task function and how Scheduler invokes it. */
export interface SourceOptions {
  /** ARN of the source-task function the schedules invoke. */
  readonly functionArn: string;
  /** Role Scheduler assumes to invoke it (lambda:InvokeFunction on the function). */
  readonly schedulerRoleArn: string;
  /** `rate(1 minute)` by default: Scheduler's shortest period; each invocation loops until its time budget is spent. */
  readonly scheduleExpression?: string;
}

/** Something that can report a problem the platform works around (a Powertools Logger fits). */
export interface PlatformLogger {
  warn(message: string, attributes: Record<string, unknown>): void;
}

/**
 * Tag on the schedule groups this platform creates, valued with the source function ARN: group
 * names are account-wide, so removeAllManaged() deletes a group only when it carries this tag.
 */
export const MANAGED_BY_TAG = 'kafka-connect:managed-by';

const DEFAULT_EXPRESSION = 'rate(1 minute)';

/**
 * A missed firing is not retried: the next one is a minute away, and a late retry would only be
 * turned away by the task's lease. (Scheduler's default retries for 24 hours.)
 */
const RETRY_POLICY: RetryPolicy = { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0 };

/**
 * A source connector's resources: one Scheduler schedule group per connector holding one schedule
 * per task (`task-<n>`), each invoking the source function with the task's SourceTaskPayload.
 */
export class SourceSchedules {
  constructor(
    private readonly scheduler: SchedulerClient,
    private readonly lambda: LambdaClient,
    private readonly calls: AwsCalls,
    private readonly prefix: string,
    private readonly options: SourceOptions,
    private readonly logger?: PlatformLogger,
  ) {}

  /** @returns whether every task that should run has an ENABLED schedule */
  async apply(desired: DesiredConnector): Promise<boolean> {
    const group = scheduleGroupName(this.prefix, desired.name);
    const count = desired.targetState === 'STOPPED' ? 0 : desired.tasks;
    let state = await this.groupState(group);
    // A deleted connector's group lingers in DELETING until its schedules are gone, and Scheduler
    // refuses the name until then: the next reconcile creates the schedules.
    if (state === 'DELETING') return count === 0;
    if (state === null) {
      if (count === 0) return true;
      state = await this.createGroup(desired.name, group);
      if (state === 'DELETING') return false;
    }
    const existing = await this.listSchedules(group);
    const names = new Set(existing.map((s) => s.Name));
    for (let task = 0; task < count; task++) {
      const enabled = desired.targetState === 'STARTED' && !desired.failedTasks.has(task);
      await this.applyTask(desired, group, task, enabled, names.has(taskScheduleName(task)));
    }
    for (const schedule of existing) {
      const task = schedule.Name === undefined ? null : taskOfScheduleName(schedule.Name);
      if (task === null || task < count) continue;
      await this.calls.delete(`Deleting schedule ${schedule.Name} of source connector ${desired.name}`, () =>
        this.scheduler.send(new DeleteScheduleCommand({ Name: schedule.Name, GroupName: group })),
      );
    }
    return true;
  }

  /** Deletes the connector's schedule group; Scheduler deletes its schedules with it. */
  async remove(connector: string): Promise<number> {
    const group = scheduleGroupName(this.prefix, connector);
    if ((await this.groupState(group)) !== 'ACTIVE') return 0;
    await this.deleteGroup(group);
    return 1;
  }

  /** Deletes every schedule group this deployment created (prefix and MANAGED_BY_TAG). */
  async removeAll(): Promise<number> {
    let removed = 0;
    for (const group of await this.listGroups()) {
      if (!group.Name || !group.Arn || group.State !== 'ACTIVE' || !isManagedName(this.prefix, group.Name)) continue;
      const { Tags } = await this.calls.send(`Reading the tags of schedule group ${group.Name}`, () =>
        this.scheduler.send(new ListTagsForResourceCommand({ ResourceArn: group.Arn })),
      );
      if (!Tags?.some((tag) => tag.Key === MANAGED_BY_TAG && tag.Value === this.options.functionArn)) continue;
      await this.deleteGroup(group.Name);
      removed++;
    }
    return removed;
  }

  private async applyTask(
    desired: DesiredConnector,
    group: string,
    task: number,
    enabled: boolean,
    exists: boolean,
  ): Promise<void> {
    const Name = taskScheduleName(task);
    const payload: SourceTaskPayload = { connector: desired.name, task, generation: desired.generation };
    const State: ScheduleState = enabled ? 'ENABLED' : 'DISABLED';
    const target: Target = {
      Arn: this.options.functionArn,
      RoleArn: this.options.schedulerRoleArn,
      Input: JSON.stringify(payload),
      RetryPolicy: RETRY_POLICY,
    };
    const ScheduleExpression = this.options.scheduleExpression ?? DEFAULT_EXPRESSION;
    const what = `schedule ${Name} of source connector ${desired.name}`;
    const read = () =>
      this.calls.sendOrNull(`Reading ${what}`, () =>
        this.scheduler.send(new GetScheduleCommand({ Name, GroupName: group })),
      );
    let current = exists ? await read() : null;
    if (!current) {
      const created = await this.calls.send(`Creating ${what}`, async () => {
        try {
          await this.scheduler.send(
            new CreateScheduleCommand({
              Name,
              GroupName: group,
              ScheduleExpression,
              FlexibleTimeWindow: { Mode: 'OFF' },
              State,
              Target: target,
            }),
          );
          return true;
        } catch (err) {
          if (errorName(err) === 'ConflictException') return false; // created meanwhile by a racing reconcile
          throw err;
        }
      });
      if (created) {
        if (enabled) await this.startNow(payload);
        return;
      }
      current = await read();
      if (!current) throw new RetriableError(`The ${what} can be neither created nor read yet`);
    }
    const schedule: GetScheduleOutput = current;
    // A racing reconcile of a newer config got here first: writing ours would make the task's
    // invocations exit as stale until the next reconcile.
    if (generationOf(schedule) > desired.generation) return;
    const same =
      schedule.State === State &&
      schedule.ScheduleExpression === ScheduleExpression &&
      schedule.FlexibleTimeWindow?.Mode === 'OFF' &&
      schedule.Target?.Arn === target.Arn &&
      schedule.Target?.RoleArn === target.RoleArn &&
      schedule.Target?.Input === target.Input &&
      schedule.Target?.RetryPolicy?.MaximumEventAgeInSeconds === RETRY_POLICY.MaximumEventAgeInSeconds &&
      schedule.Target?.RetryPolicy?.MaximumRetryAttempts === RETRY_POLICY.MaximumRetryAttempts;
    if (same) return;
    // UpdateSchedule replaces the whole schedule: what we do not manage is carried over as read.
    await this.calls.send(`Updating ${what}`, () =>
      this.scheduler.send(
        new UpdateScheduleCommand({
          Name,
          GroupName: group,
          ScheduleExpression,
          ScheduleExpressionTimezone: schedule.ScheduleExpressionTimezone,
          StartDate: schedule.StartDate,
          EndDate: schedule.EndDate,
          Description: schedule.Description,
          State,
          KmsKeyArn: schedule.KmsKeyArn,
          Target: { ...schedule.Target, ...target },
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: schedule.ActionAfterCompletion,
        }),
      ),
    );
    if (enabled && (schedule.State !== 'ENABLED' || schedule.Target?.Input !== target.Input)) {
      await this.startNow(payload);
    }
  }

  /**
   * Invokes the task once, asynchronously, when it is newly enabled or its generation changed:
   * Scheduler's next firing may be up to a minute away, and this gets data flowing at once. The
   * task's lease keeps the two invocations from overlapping. Failing here only costs that minute.
   */
  private async startNow(payload: SourceTaskPayload): Promise<void> {
    try {
      await this.calls.send(`Starting source task ${payload.connector}-${payload.task}`, () =>
        this.lambda.send(
          new InvokeCommand({
            FunctionName: this.options.functionArn,
            InvocationType: 'Event',
            Payload: JSON.stringify(payload),
          }),
        ),
      );
    } catch (err) {
      this.logger?.warn('could not start the source task at once; its schedule starts it', {
        connector: payload.connector,
        task: payload.task,
        error: err,
      });
    }
  }

  private async groupState(group: string): Promise<'ACTIVE' | 'DELETING' | null> {
    const found = await this.calls.sendOrNull(`Reading schedule group ${group}`, () =>
      this.scheduler.send(new GetScheduleGroupCommand({ Name: group })),
    );
    if (!found) return null;
    return found.State === 'DELETING' ? 'DELETING' : 'ACTIVE';
  }

  private async createGroup(connector: string, group: string): Promise<'ACTIVE' | 'DELETING' | null> {
    const created = await this.calls.send(
      `Creating schedule group ${group} of source connector ${connector}`,
      async () => {
        try {
          await this.scheduler.send(
            new CreateScheduleGroupCommand({
              Name: group,
              Tags: [{ Key: MANAGED_BY_TAG, Value: this.options.functionArn }],
            }),
          );
          return true;
        } catch (err) {
          // Created meanwhile by a racing reconcile, or an older one of the same name is DELETING.
          if (errorName(err) === 'ConflictException') return false;
          throw err;
        }
      },
    );
    return created ? 'ACTIVE' : this.groupState(group);
  }

  private async deleteGroup(group: string): Promise<void> {
    await this.calls.delete(`Deleting schedule group ${group}`, () =>
      this.scheduler.send(new DeleteScheduleGroupCommand({ Name: group })),
    );
  }

  private async listSchedules(group: string): Promise<ScheduleSummary[]> {
    const schedules: ScheduleSummary[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.calls.send(`Listing the schedules of group ${group}`, () =>
        this.scheduler.send(new ListSchedulesCommand({ GroupName: group, NextToken })),
      );
      schedules.push(...(page.Schedules ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return schedules;
  }

  private async listGroups(): Promise<ScheduleGroupSummary[]> {
    const groups: ScheduleGroupSummary[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.calls.send('Listing schedule groups', () =>
        this.scheduler.send(new ListScheduleGroupsCommand({ NamePrefix: `${this.prefix}-`, NextToken })),
      );
      groups.push(...(page.ScheduleGroups ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return groups;
  }
}

/** The generation a schedule was written for; -1 when its Input is not ours. */
function generationOf(schedule: GetScheduleOutput): number {
  try {
    const payload = JSON.parse(schedule.Target?.Input ?? '') as Partial<SourceTaskPayload>;
    return typeof payload.generation === 'number' ? payload.generation : -1;
  } catch {
    return -1;
  }
}
