import {
  ConfigDef,
  type PluginClass,
  type RecordMetadata,
  Schemas,
  SourceConnector,
  SourceRecord,
  SourceTask,
  type Task,
} from '../../../../shared/api';
import type { KafkaProducer, ProducerRecord, RecordAck } from '../../../../shared/kafka';
import { LoggerRegistry } from '../../../../shared/observability';
import { builtInPlugins, PluginRegistry } from '../../../../shared/plugins';
import {
  Herder,
  PluginTaskFactory,
  pluginCatalog,
  SourceLoop,
  type SourceLoopDeps,
  type SourceTaskPayload,
} from '../../../../shared/runtime';
import { createMemoryStores, type Stores } from '../../../../shared/stores';
import { type FakeClock, fakeClock } from '../../../helpers/fake-clock';

/** One step of a scripted poll(): records, nothing, or an error to throw. */
export type PollStep = SourceRecord[] | null | Error | (() => Promise<SourceRecord[] | null>);

/** What a ScriptedSourceTask does and saw, per connector name. */
export interface SourceScript {
  polls: PollStep[];
  /** Every runtime call, in order: 'start', 'poll', 'commitRecord <value> <offset|null>', 'commit', 'stop'. */
  calls: string[];
  commitRecordError?: Error;
  instances: number;
}

export const scripts = new Map<string, SourceScript>();

export function scriptOf(name: string): SourceScript {
  let script = scripts.get(name);
  if (!script) {
    script = { polls: [], calls: [], instances: 0 };
    scripts.set(name, script);
  }
  return script;
}

/** A source task that plays its connector's script. */
export class ScriptedSourceTask extends SourceTask {
  static readonly className = 'test.ScriptedSourceTask';
  private script: SourceScript = { polls: [], calls: [], instances: 0 };

  version(): string {
    return '1.0';
  }

  start(props: Readonly<Record<string, string>>): void {
    this.script = scriptOf(props.name ?? '');
    this.script.instances++;
    this.script.calls.push('start');
  }

  async poll(): Promise<SourceRecord[] | null> {
    this.script.calls.push('poll');
    const step = this.script.polls.shift();
    if (step === undefined || step === null) return null;
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step();
    return step;
  }

  override commitRecord(record: SourceRecord, metadata: RecordMetadata | null): void {
    this.script.calls.push(`commitRecord ${String(record.value)} ${metadata ? metadata.offset : 'null'}`);
    if (this.script.commitRecordError) throw this.script.commitRecordError;
  }

  override commit(): void {
    this.script.calls.push('commit');
  }

  stop(): void {
    this.script.calls.push('stop');
  }
}

export class ScriptedSourceConnector extends SourceConnector {
  static readonly className = 'test.ScriptedSourceConnector';
  private props: Readonly<Record<string, string>> = {};

  version(): string {
    return '1.0';
  }

  start(props: Readonly<Record<string, string>>): void {
    this.props = props;
  }

  taskClass(): PluginClass<Task> {
    return ScriptedSourceTask;
  }

  taskConfigs(): Record<string, string>[] {
    return [{ ...this.props }];
  }

  stop(): void {}

  config(): ConfigDef {
    return new ConfigDef();
  }
}

/** A source record of `value` at source offset `{pos}` of partition `{file: 'f'}`. */
export function line(value: string, pos: number, topic = 'lines'): SourceRecord {
  return new SourceRecord({
    sourcePartition: { file: 'f' },
    sourceOffset: { pos },
    topic,
    kafkaPartition: null,
    keySchema: null,
    key: null,
    valueSchema: Schemas.STRING,
    value,
  });
}

/** A producer that acknowledges at consecutive offsets, or fails with the next queued error. */
export class RecordingProducer implements KafkaProducer {
  readonly sent: ProducerRecord[] = [];
  readonly failures: Error[] = [];
  /** Called after a batch is acknowledged, before send() returns. */
  onAck: (() => void | Promise<void>) | null = null;

  async send(records: readonly ProducerRecord[]): Promise<RecordAck[]> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const base = this.sent.length;
    this.sent.push(...records);
    await this.onAck?.();
    return records.map((r, i) => ({ topic: r.topic, partition: r.partition ?? 0, offset: base + i }));
  }

  async close(): Promise<void> {}
}

export interface SourceWorld {
  stores: Stores;
  clock: FakeClock;
  producer: RecordingProducer;
  loop: SourceLoop;
  herder: Herder;
  signals: string[];
  logger: ReturnType<LoggerRegistry['get']>;
  create(name: string, config?: Record<string, string>): Promise<SourceTaskPayload>;
  newContainer(overrides?: Partial<SourceLoopDeps>): SourceLoop;
}

export function sourceWorld(overrides: Partial<SourceLoopDeps> = {}): SourceWorld {
  const clock = fakeClock();
  const stores = createMemoryStores({ clock });
  const builtIn = builtInPlugins();
  const registry = new PluginRegistry({
    ...builtIn,
    connectors: [...(builtIn.connectors ?? []), ScriptedSourceConnector],
  });
  const logger = new LoggerRegistry('test', 'OFF').get('test');
  const resolveConfig = async (config: Readonly<Record<string, string>>) => ({ ...config });
  const herder = new Herder({
    stores,
    plugins: pluginCatalog(registry),
    platform: { apply: async () => ({ ready: true }), remove: async () => {}, listTopics: async () => [] },
    resolveConfig,
    workerId: 'herder',
    logger,
  });
  const signals: string[] = [];
  const producer = new RecordingProducer();
  let containers = 0;
  const newContainer = (more: Partial<SourceLoopDeps> = {}) =>
    new SourceLoop({
      stores,
      plugins: new PluginTaskFactory(registry),
      producer: () => producer,
      resolveConfig,
      herder: {
        connectorChanged: async (name) => {
          signals.push(name);
        },
      },
      clock,
      logger,
      workerId: `source-fn:${++containers}`,
      stopMarginMs: 1_000,
      ...overrides,
      ...more,
    });
  return {
    stores,
    clock,
    producer,
    loop: newContainer(),
    herder,
    signals,
    logger,
    async create(name, config = {}) {
      scripts.delete(name);
      const record = await stores.configs.create(name, {
        name,
        'connector.class': ScriptedSourceConnector.className,
        'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
        ...config,
      });
      await herder.reconcile(name);
      return { connector: name, task: 0, generation: record.generation };
    },
    newContainer,
  };
}

/** An invocation budget that runs until the script is played out: plenty while polls remain, then none. */
export function untilScriptDone(name: string): () => number {
  return () => (scriptOf(name).polls.length > 0 ? 60_000 : 0);
}
