import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { type Clock, ConnectError, RetriableError, systemClock } from '../api';
import type { DesiredConnector, Platform } from '../runtime';
import { AwsCalls, type RetryOptions } from './aws-calls';
import { checkResourcePrefix } from './names';
import { type SinkOptions, SinkResources } from './sink-resources';
import { type PlatformLogger, type SourceOptions, SourceSchedules } from './source-schedules';

/** The cluster's topic list; shared/kafka's KafkaAdmin provides it. */
export interface TopicLister {
  listTopics(): Promise<string[]>;
}

export interface AwsPlatformOptions {
  readonly lambda: LambdaClient;
  readonly scheduler: SchedulerClient;
  /** Resolves sinks' topics.regex against the cluster. */
  readonly topics: TopicLister;
  /**
   * Starts every alias and schedule group name ([a-zA-Z][a-zA-Z0-9_-]{0,19}). Schedule group names
   * are account-wide: give each deployment in an account its own prefix.
   */
  readonly resourcePrefix: string;
  readonly sink: SinkOptions;
  readonly source: SourceOptions;
  /** Backoff sleeps; the system clock by default. */
  readonly clock?: Clock;
  readonly retry?: RetryOptions;
  readonly logger?: PlatformLogger;
}

/** What removeAllManaged() deleted. */
export interface ManagedResourceCounts {
  readonly aliases: number;
  readonly eventSourceMappings: number;
  readonly scheduleGroups: number;
}

/**
 * The Platform on AWS. A sink connector runs as an alias of the one sink function with one Kafka
 * event source mapping per topic; a source connector as a Scheduler schedule group with one
 * schedule per task. Every call reads first and writes only what differs, so the herder may call
 * it as often as it likes; throttling and conflicts are retried with bounded backoff, and any SDK
 * error that still escapes is a RetriableError or ConnectError with the SDK error as `cause`.
 */
export class AwsPlatform implements Platform {
  private readonly sink: SinkResources;
  private readonly source: SourceSchedules;

  constructor(private readonly options: AwsPlatformOptions) {
    const prefix = checkResourcePrefix(options.resourcePrefix);
    const calls = new AwsCalls(options.clock ?? systemClock, options.retry);
    this.sink = new SinkResources(options.lambda, calls, prefix, options.sink);
    this.source = new SourceSchedules(options.scheduler, options.lambda, calls, prefix, options.source, options.logger);
  }

  async apply(desired: DesiredConnector): Promise<{ ready: boolean }> {
    // A connector whose class changed between sink and source leaves the other kind's resources
    // behind; clearing them costs one read when there are none.
    if (desired.type === 'sink') {
      await this.source.remove(desired.name);
      return { ready: await this.sink.apply(desired) };
    }
    await this.sink.remove(desired.name);
    return { ready: await this.source.apply(desired) };
  }

  async remove(name: string): Promise<void> {
    await this.sink.remove(name);
    await this.source.remove(name);
  }

  async listTopics(): Promise<string[]> {
    try {
      return await this.options.topics.listTopics();
    } catch (err) {
      if (err instanceof ConnectError) throw err;
      const detail = err instanceof Error ? err.message : String(err);
      throw new RetriableError(`Listing the Kafka cluster's topics failed: ${detail}`, { cause: err });
    }
  }

  /**
   * Deletes every alias (with its event source mappings) and schedule group (with its schedules)
   * this deployment created, found by the resource prefix (and, for account-wide schedule groups,
   * the managed-by tag). The stack's custom resource calls it on stack deletion.
   */
  async removeAllManaged(): Promise<ManagedResourceCounts> {
    const sinks = await this.sink.removeAll();
    const scheduleGroups = await this.source.removeAll();
    return { ...sinks, scheduleGroups };
  }
}
