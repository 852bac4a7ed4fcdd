/**
 * Records per second through the source function's path: an in-memory SourceTask's poll() ->
 * JsonConverter (schemas enabled) -> produce to the dev broker with per-record acks -> offsets
 * committed (memory store) -> commitRecord/commit, in one SourceLoop invocation. Next to it, in the
 * same run and against the same broker, the broker's own produce throughput: one kafkajs producer
 * (idempotent, acks=all, as the runtime's) sending the very same converted records in the same
 * batches to an explicit partition (no partitioner). Everything on 127.0.0.1; the broker's data
 * lives in a temporary directory.
 *
 *   npx tsx bench/source-pipeline.ts [records] [batch size]
 *   node --cpu-prof --import tsx bench/source-pipeline.ts      (to profile)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { silentLogger, startBroker } from '../local/broker';
import {
  ConfigDef,
  type PluginClass,
  SchemaBuilder,
  Schemas,
  SourceConnector,
  SourceRecord,
  SourceTask,
  Struct,
  systemClock,
  type Task,
} from '../shared/api';
import { JsonConverter } from '../shared/converters';
import { KafkaJsProducer, kafkaJsConfig } from '../shared/kafka';
import { LoggerRegistry } from '../shared/observability';
import { builtInPlugins, PluginRegistry } from '../shared/plugins';
import { PluginTaskFactory, SourceLoop } from '../shared/runtime';
import { createMemoryStores } from '../shared/stores';
import { report } from './lib/report';

const RECORDS = Number(process.argv[2] ?? 50_000);
const BATCH = Number(process.argv[3] ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const VALUE_SCHEMA = SchemaBuilder.struct()
  .name('com.example.Reading')
  .field('sensor', Schemas.STRING)
  .field('seq', Schemas.INT64)
  .field('celsius', Schemas.FLOAT64)
  .field('ok', Schemas.BOOLEAN)
  .field('site', Schemas.OPTIONAL_STRING)
  .build();

function makeRecords(topic: string): SourceRecord[] {
  return Array.from(
    { length: RECORDS },
    (_, i) =>
      new SourceRecord({
        sourcePartition: { sensor: `s-${i % 8}` },
        sourceOffset: { seq: i },
        topic,
        kafkaPartition: null,
        keySchema: Schemas.STRING,
        key: `s-${i % 8}`,
        valueSchema: VALUE_SCHEMA,
        value: new Struct(VALUE_SCHEMA)
          .put('sensor', `s-${i % 8}`)
          .put('seq', i)
          .put('celsius', 20 + (i % 100) / 10)
          .put('ok', i % 7 !== 0)
          .put('site', i % 3 === 0 ? null : 'plant-1'),
      }),
  );
}

/** Hands out the prepared records, BATCH per poll; what is measured is the runtime's work. */
class MemorySourceTask extends SourceTask {
  static readonly className = 'bench.MemorySourceTask';
  static records: SourceRecord[] = [];
  static next = 0;
  static committed = 0;
  version(): string {
    return '1';
  }
  start(): void {}
  async poll(): Promise<SourceRecord[] | null> {
    const from = MemorySourceTask.next;
    if (from >= MemorySourceTask.records.length) return null;
    MemorySourceTask.next = Math.min(from + BATCH, MemorySourceTask.records.length);
    return MemorySourceTask.records.slice(from, MemorySourceTask.next);
  }
  override commitRecord(): void {
    MemorySourceTask.committed++;
  }
  stop(): void {}
}

class MemorySourceConnector extends SourceConnector {
  static readonly className = 'bench.MemorySourceConnector';
  private props: Readonly<Record<string, string>> = {};
  version(): string {
    return '1';
  }
  start(props: Readonly<Record<string, string>>): void {
    this.props = props;
  }
  taskClass(): PluginClass<Task> {
    return MemorySourceTask;
  }
  taskConfigs(): Record<string, string>[] {
    return [{ ...this.props }];
  }
  stop(): void {}
  config(): ConfigDef {
    return new ConfigDef();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-source-'));
const broker = await startBroker({ port: 0, host: '127.0.0.1', dataDir, logger: silentLogger });
const kafka = new Kafka({
  ...kafkaJsConfig({ bootstrapServers: [broker.bootstrap], clientId: 'bench-source' }),
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
await admin.connect();

try {
  const builtIn = builtInPlugins();
  const registry = new PluginRegistry({
    ...builtIn,
    connectors: [...(builtIn.connectors ?? []), MemorySourceConnector],
  });
  const producer = new KafkaJsProducer(kafka);
  const logger = new LoggerRegistry('bench', 'OFF').get('bench');

  /** One SourceLoop invocation that ends when every record is committed. */
  async function runtimeRound(round: number): Promise<number> {
    const topic = `bench-runtime-${round}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    MemorySourceTask.records = makeRecords(topic);
    MemorySourceTask.next = 0;
    MemorySourceTask.committed = 0;
    const stores = createMemoryStores();
    const config = {
      name: 'bench-source',
      'connector.class': MemorySourceConnector.className,
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    };
    const record = await stores.configs.create('bench-source', config);
    await stores.configs.putTaskConfigs('bench-source', record.generation, [
      { ...config, 'task.class': MemorySourceTask.className },
    ]);
    const loop = new SourceLoop({
      stores,
      plugins: new PluginTaskFactory(registry),
      producer: () => producer,
      resolveConfig: async (c) => ({ ...c }),
      herder: { connectorChanged: async () => {} },
      clock: systemClock,
      logger,
      workerId: 'bench',
      stopMarginMs: 0,
      idleMs: 0,
    });
    const started = performance.now();
    const outcome = await loop.runOnce({ connector: 'bench-source', task: 0, generation: record.generation }, () =>
      MemorySourceTask.committed >= RECORDS ? 0 : 60_000,
    );
    const elapsed = performance.now() - started;
    await loop.close();
    if (outcome !== 'completed' || MemorySourceTask.committed !== RECORDS) {
      throw new Error(`the source loop ended ${outcome} after ${MemorySourceTask.committed} records`);
    }
    return elapsed;
  }

  /** The same converted records, in the same batches, from one plain kafkajs producer. */
  const key = new JsonConverter();
  key.configure({}, true);
  const value = new JsonConverter();
  value.configure({}, false);
  // Partition 0 given, so this producer pays for no partitioner at all: the broker's own pace.
  const converted: Message[] = makeRecords('unused').map((r) => ({
    partition: 0,
    key: Buffer.from(key.fromConnectData('t', r.keySchema, r.key) ?? []),
    value: Buffer.from(value.fromConnectData('t', r.valueSchema, r.value) ?? []),
  }));
  const plain = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await plain.connect();
  async function brokerRound(round: number): Promise<number> {
    const topic = `bench-plain-${round}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    const started = performance.now();
    for (let i = 0; i < converted.length; i += BATCH) {
      await plain.send({ topic, acks: -1, messages: converted.slice(i, i + BATCH) });
    }
    return performance.now() - started;
  }

  await runtimeRound(-1); // warm-up: JIT, connections, metadata
  await brokerRound(-1);
  const runtimeTimes: number[] = [];
  const brokerTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    runtimeTimes.push(await runtimeRound(round));
    brokerTimes.push(await brokerRound(round));
  }
  await plain.disconnect();
  await producer.close();

  const perSecond = (ms: number) => (RECORDS / ms) * 1000;
  const runtimeRate = perSecond(median(runtimeTimes));
  const brokerRate = perSecond(median(brokerTimes));
  const format = (n: number) => Math.round(n).toLocaleString('en-US');
  const bytes = converted.reduce((sum, m) => sum + (m.value as Buffer).length, 0) / converted.length;
  console.log(
    `source pipeline, ${format(RECORDS)} records (~${Math.round(bytes)} B values) in polls of ${format(BATCH)}, median of ${ROUNDS} (${process.version})`,
  );
  console.log(
    `  SourceLoop (poll, JsonConverter key+value, produce, offsets, commitRecord): ${format(runtimeRate)} records/s`,
  );
  console.log(
    `  one kafkajs producer, same converted records and batches:              ${format(brokerRate)} records/s`,
  );
  console.log(`  ratio (producer alone / SourceLoop): ${(brokerRate / runtimeRate).toFixed(2)}x`);
  report({
    script: 'source-pipeline',
    name: `source pipeline to the dev broker (${format(RECORDS)} records, polls of ${format(BATCH)})`,
    figure: Math.round(runtimeRate),
    unit: 'records/s',
    floor: Math.round(brokerRate),
    floorWhat: 'one kafkajs producer, same converted records and batches',
    target: { of: 'ratio', op: '>=', value: 0.5 },
  });
} finally {
  await admin.disconnect();
  await broker.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
