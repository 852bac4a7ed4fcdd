import {
  ConfigDef,
  ConnectError,
  type PluginClass,
  SinkConnector,
  type SinkRecord,
  SinkTask,
  type Task,
  type TopicPartitionOffset,
} from '../../../../shared/api';
import type { ConsumedRecord, KafkaProducer, ProducerRecord, RecordAck } from '../../../../shared/kafka';
import { LoggerRegistry } from '../../../../shared/observability';
import { builtInPlugins, PluginRegistry } from '../../../../shared/plugins';
import {
  Herder,
  PluginTaskFactory,
  pluginCatalog,
  SinkPipeline,
  type SinkPipelineDeps,
} from '../../../../shared/runtime';
import { createMemoryStores, type Stores } from '../../../../shared/stores';
import { type FakeClock, fakeClock } from '../../../helpers/fake-clock';

/** What a CollectingSinkTask does, per connector name (the task config's `name`). */
export interface SinkBehaviour {
  /** Every put() call's records, per task id. */
  puts: SinkRecord[][];
  /** Offsets preCommit() says are durable; all by default. */
  preCommit?: (offsets: readonly TopicPartitionOffset[]) => readonly TopicPartitionOffset[];
  /** Thrown by start(). */
  startError?: Error;
  starts: number;
  stops: number;
}

export const behaviours = new Map<string, SinkBehaviour>();

export function behaviourOf(name: string): SinkBehaviour {
  let behaviour = behaviours.get(name);
  if (!behaviour) {
    behaviour = { puts: [], starts: 0, stops: 0 };
    behaviours.set(name, behaviour);
  }
  return behaviour;
}

/** A sink task that keeps what it is given, for assertions. */
export class CollectingSinkTask extends SinkTask {
  static readonly className = 'test.CollectingSinkTask';
  private behaviour: SinkBehaviour = { puts: [], starts: 0, stops: 0 };

  version(): string {
    return '1.0';
  }

  start(props: Readonly<Record<string, string>>): void {
    this.behaviour = behaviourOf(props.name ?? '');
    this.behaviour.starts++;
    if (this.behaviour.startError) throw this.behaviour.startError;
  }

  put(records: readonly SinkRecord[]): void {
    this.behaviour.puts.push([...records]);
  }

  override async preCommit(offsets: readonly TopicPartitionOffset[]): Promise<readonly TopicPartitionOffset[]> {
    return this.behaviour.preCommit ? this.behaviour.preCommit(offsets) : offsets;
  }

  stop(): void {
    this.behaviour.stops++;
  }
}

export class CollectingSinkConnector extends SinkConnector {
  static readonly className = 'test.CollectingSinkConnector';
  private props: Readonly<Record<string, string>> = {};

  version(): string {
    return '1.0';
  }

  start(props: Readonly<Record<string, string>>): void {
    this.props = props;
  }

  taskClass(): PluginClass<Task> {
    return CollectingSinkTask;
  }

  taskConfigs(maxTasks: number): Record<string, string>[] {
    return Array.from({ length: maxTasks }, () => ({ ...this.props }));
  }

  stop(): void {}

  config(): ConfigDef {
    return new ConfigDef();
  }
}

/** A producer that keeps what it sends and acknowledges it at made-up offsets, or fails on demand. */
export class RecordingProducer implements KafkaProducer {
  readonly sent: ProducerRecord[] = [];
  failWith: Error | null = null;

  async send(records: readonly ProducerRecord[]): Promise<RecordAck[]> {
    if (this.failWith) throw this.failWith;
    const base = this.sent.length;
    this.sent.push(...records);
    return records.map((r, i) => ({ topic: r.topic, partition: r.partition ?? 0, offset: base + i }));
  }

  async close(): Promise<void> {}
}

export interface SinkWorld {
  stores: Stores;
  clock: FakeClock;
  producer: RecordingProducer;
  pipeline: SinkPipeline;
  herder: Herder;
  signals: string[];
  failedTasks: () => ReadonlySet<number> | undefined;
  /** Creates a connector and lets the herder write its task configs. */
  create(name: string, config: Record<string, string>): Promise<void>;
  /** A new pipeline on the same stores (another container). */
  newContainer(overrides?: Partial<SinkPipelineDeps>): SinkPipeline;
}

export function sinkWorld(overrides: Partial<SinkPipelineDeps> = {}): SinkWorld {
  const clock = fakeClock();
  const stores = createMemoryStores({ clock });
  const builtIn = builtInPlugins();
  const registry = new PluginRegistry({
    ...builtIn,
    connectors: [...(builtIn.connectors ?? []), CollectingSinkConnector],
  });
  const logger = new LoggerRegistry('test', 'OFF').get('test');
  const resolveConfig = async (config: Readonly<Record<string, string>>) => ({ ...config });
  let lastFailed: ReadonlySet<number> | undefined;
  const herder = new Herder({
    stores,
    plugins: pluginCatalog(registry),
    platform: {
      apply: async (desired) => {
        lastFailed = desired.failedTasks;
        return { ready: true };
      },
      remove: async () => {},
      listTopics: async () => [],
    },
    resolveConfig,
    workerId: 'herder',
    logger,
  });
  const signals: string[] = [];
  const producer = new RecordingProducer();
  const newContainer = (more: Partial<SinkPipelineDeps> = {}) =>
    new SinkPipeline({
      stores,
      plugins: new PluginTaskFactory(registry),
      producer: () => producer,
      resolveConfig,
      herder: {
        connectorChanged: async (name) => {
          signals.push(name);
          await herder.reconcile(name);
        },
      },
      clock,
      logger,
      workerId: 'sink-fn:1',
      ...overrides,
      ...more,
    });
  return {
    stores,
    clock,
    producer,
    pipeline: newContainer(),
    herder,
    signals,
    failedTasks: () => lastFailed,
    async create(name, config) {
      behaviours.delete(name);
      await stores.configs.create(name, { name, 'tasks.max': '1', ...config });
      await herder.reconcile(name);
    },
    newContainer,
  };
}

/** Consumed records of one partition at consecutive offsets from `first`. */
export function consumed(
  topic: string,
  partition: number,
  values: readonly (string | null)[],
  first = 0,
  headers: ConsumedRecord['headers'] = [],
): ConsumedRecord[] {
  return values.map((value, i) => ({
    topic,
    partition,
    offset: first + i,
    timestamp: 1_700_000_000_000 + i,
    timestampType: 'CreateTime',
    key: null,
    value: value === null ? null : Buffer.from(value),
    headers,
  }));
}

/** A JSON envelope with a string schema, as JsonConverter writes a string. */
export function jsonString(value: string): string {
  return JSON.stringify({ schema: { type: 'string', optional: false }, payload: value });
}

/** An invocation's time left: plenty. */
export const plenty = () => 14 * 60_000;

export function headerValue(record: ProducerRecord, key: string): string | undefined {
  const header = record.headers?.find((h) => h.key === key);
  return header?.value ? Buffer.from(header.value).toString('utf8') : undefined;
}

export class BoomError extends ConnectError {
  override name = 'BoomError';
}
