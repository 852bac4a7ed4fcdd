import type { Logger } from '@aws-lambda-powertools/logger';
import type { Kafka } from 'kafkajs';
import type { Clock } from '../shared/api';
import type { KafkaAdmin } from '../shared/kafka';
import { type DesiredConnector, type Platform, sinkConsumerGroup, TargetState } from '../shared/runtime';
import { EsmPoller, type SinkInvoker } from './esm-poller';
import { type SourceInvoker, SourceTimer } from './scheduler';

export interface LocalPlatformOptions {
  kafka: Kafka;
  admin: KafkaAdmin;
  invokeSink: SinkInvoker;
  invokeSource: SourceInvoker;
  logger: Logger;
  clock: Clock;
  /** Called when a connector's resources change readiness (a poller joined or crashed), to re-converge. */
  onReadinessChange?: (connector: string) => void;
  batchSize?: number;
  batchingWindowMs?: number;
}

/** The local alias of a sink connector: it carries the name, as AWS's alias maps to it. */
export function localAlias(connector: string): string {
  return encodeURIComponent(connector);
}

export function connectorOfLocalAlias(alias: string): string {
  return decodeURIComponent(alias);
}

/**
 * The Platform on one machine: an ESM poller per sink connector and topic, and a back-to-back
 * timer per source task, in this process. Same rules as AwsPlatform: a failed task turns its
 * resources off until restarted; PAUSED and STOPPED run nothing.
 */
export class LocalPlatform implements Platform {
  private readonly pollers = new Map<string, Map<string, EsmPoller>>();
  private readonly timers = new Map<string, Map<number, SourceTimer>>();
  private closed = false;

  constructor(private readonly options: LocalPlatformOptions) {}

  async apply(desired: DesiredConnector): Promise<{ ready: boolean }> {
    // A reconcile that was already running when the runtime began to stop starts nothing new.
    if (this.closed) return { ready: false };
    const running = desired.targetState === TargetState.STARTED;
    return desired.type === 'sink' ? this.applySink(desired, running) : this.applySource(desired, running);
  }

  async remove(name: string): Promise<void> {
    const pollers = [...(this.pollers.get(name)?.values() ?? [])];
    const timers = [...(this.timers.get(name)?.values() ?? [])];
    this.pollers.delete(name);
    this.timers.delete(name);
    // In parallel: a timer's stop waits for its invocation to return (up to a poll's idle wait).
    await Promise.all([...pollers.map((p) => p.stop()), ...timers.map((t) => t.stop())]);
  }

  listTopics(): Promise<string[]> {
    return this.options.admin.listTopics();
  }

  /** The connectors that have pollers or timers here, for the repair to find leftovers of deleted ones. */
  connectors(): string[] {
    return [...new Set([...this.pollers.keys(), ...this.timers.keys()])];
  }

  /** Stops everything (the local runtime is shutting down); apply() then starts nothing. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.connectors().map((name) => this.remove(name)));
  }

  private async applySink(desired: DesiredConnector, running: boolean): Promise<{ ready: boolean }> {
    const pollers = this.pollers.get(desired.name) ?? new Map<string, EsmPoller>();
    this.pollers.set(desired.name, pollers);
    // One poller serves every partition of its topic, so any failed task stops the topic (as an ESM).
    const wanted = running && desired.failedTasks.size === 0 && desired.tasks > 0 ? desired.topics : [];
    for (const [topic, poller] of pollers) {
      const group = sinkConsumerGroup(desired.name, desired.config, topic, desired.topics.length);
      if (!wanted.includes(topic) || poller.groupId !== group) {
        await poller.stop();
        pollers.delete(topic);
      }
    }
    for (const topic of wanted) {
      const existing = pollers.get(topic);
      if (existing?.isAlive()) continue;
      if (existing) {
        pollers.delete(topic);
        await existing.stop().catch(() => {});
      }
      const poller = new EsmPoller({
        kafka: this.options.kafka,
        topic,
        groupId: sinkConsumerGroup(desired.name, desired.config, topic, desired.topics.length),
        alias: localAlias(desired.name),
        invoke: this.options.invokeSink,
        logger: this.options.logger,
        clock: this.options.clock,
        batchSize: this.options.batchSize,
        batchingWindowMs: this.options.batchingWindowMs,
        onReadinessChange: () => this.options.onReadinessChange?.(desired.name),
      });
      pollers.set(topic, poller);
      try {
        await poller.start();
      } catch (err) {
        // Not kept: the next reconcile (the periodic repair at the latest) tries again.
        pollers.delete(topic);
        throw err;
      }
    }
    return { ready: [...pollers.values()].every((p) => p.isReady()) };
  }

  private async applySource(desired: DesiredConnector, running: boolean): Promise<{ ready: boolean }> {
    const timers = this.timers.get(desired.name) ?? new Map<number, SourceTimer>();
    this.timers.set(desired.name, timers);
    for (const [task, timer] of timers) {
      if (!running || task >= desired.tasks || desired.failedTasks.has(task)) {
        await timer.stop();
        timers.delete(task);
      }
    }
    if (running) {
      for (let task = 0; task < desired.tasks; task++) {
        if (desired.failedTasks.has(task)) continue;
        const payload = { connector: desired.name, task, generation: desired.generation };
        const timer = timers.get(task);
        if (timer) {
          timer.update(payload);
          continue;
        }
        const created = new SourceTimer({
          payload,
          invoke: this.options.invokeSource,
          logger: this.options.logger,
          clock: this.options.clock,
        });
        timers.set(task, created);
        created.start();
      }
    }
    return { ready: true };
  }
}
