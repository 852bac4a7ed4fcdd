import type { TargetState } from '../../stores';

/** What the platform should run for one connector, as the herder computed it. */
export interface DesiredConnector {
  readonly name: string;
  readonly type: 'source' | 'sink';
  /** The connector config as stored (placeholders unresolved), for platform settings such as consumer.override.group.id. */
  readonly config: Readonly<Record<string, string>>;
  /** The connector config generation; source schedules carry it so stale invocations exit. */
  readonly generation: number;
  readonly targetState: TargetState;
  /** How many tasks exist (0 when stopped). */
  readonly tasks: number;
  /** Sinks: the topics to consume (topics, or topics.regex resolved against the cluster). */
  readonly topics: readonly string[];
  /** Tasks that failed and must stay off until restarted (errors.tolerance=none). */
  readonly failedTasks: ReadonlySet<number>;
}

/**
 * Where tasks run. AwsPlatform keeps per-connector Lambda aliases, Kafka event source mappings
 * and Scheduler schedules; LocalPlatform keeps in-process pollers and timers. Every call is
 * idempotent: the herder calls it whenever it converges, not only on change.
 */
export interface Platform {
  /**
   * Makes the running resources match `desired` (creates, updates, enables or disables them).
   * @returns whether the resources of the running tasks are active now: an ESM takes minutes to
   *   start polling, and its tasks stay UNASSIGNED until then (the periodic repair looks again)
   */
  apply(desired: DesiredConnector): Promise<{ ready: boolean }>;
  /** Removes everything run for the connector; harmless when nothing exists. */
  remove(name: string): Promise<void>;
  /** The cluster's topics, for resolving a sink's topics.regex. */
  listTopics(): Promise<string[]>;
}
