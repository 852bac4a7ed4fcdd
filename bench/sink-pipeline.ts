/**
 * Records per second through the sink function's path on one 10,000-record MSK event: decode the
 * event, JsonConverter (schemas enabled) for key and value, a chain of three transforms
 * (InsertField$Value, ReplaceField$Value, Cast$Value), put() into a sink task that discards,
 * preCommit. Next to it, in the same run, the floor: base64-decoding and JSON.parse of the same
 * values alone, which any JSON sink has to pay. No network: memory stores, no DLQ.
 *
 *   npx tsx bench/sink-pipeline.ts
 *   node --cpu-prof --import tsx bench/sink-pipeline.ts      (to profile)
 */
import { systemClock } from '../shared/api';
import { decodeEsmEvent, encodeEsmEvent, type KafkaEsmEvent } from '../shared/kafka';
import { LoggerRegistry } from '../shared/observability';
import { builtInPlugins, PluginRegistry } from '../shared/plugins';
import { PluginTaskFactory, SinkPipeline } from '../shared/runtime';
import { createMemoryStores } from '../shared/stores';
import { CONNECTOR_CONFIG, DiscardSinkConnector, DiscardSinkTask, orderRecord } from './lib/discard-sink';
import { report } from './lib/report';

const RECORDS = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

function makeEvent(): KafkaEsmEvent {
  const records = Array.from({ length: RECORDS }, (_, i) => orderRecord(i));
  // Through JSON, as Lambda hands the event over: base64 strings and header byte arrays.
  return JSON.parse(JSON.stringify(encodeEsmEvent(records))) as KafkaEsmEvent;
}

async function pipeline(): Promise<SinkPipeline> {
  const builtIn = builtInPlugins();
  const registry = new PluginRegistry({
    ...builtIn,
    connectors: [...(builtIn.connectors ?? []), DiscardSinkConnector],
  });
  const stores = createMemoryStores();
  const record = await stores.configs.create('bench-sink', CONNECTOR_CONFIG);
  await stores.configs.putTaskConfigs('bench-sink', record.generation, [
    { ...CONNECTOR_CONFIG, 'task.class': DiscardSinkTask.className },
  ]);
  return new SinkPipeline({
    stores,
    plugins: new PluginTaskFactory(registry),
    producer: () => {
      throw new Error('no DLQ in this benchmark');
    },
    resolveConfig: async (config) => ({ ...config }),
    herder: { connectorChanged: async () => {} },
    clock: systemClock,
    logger: new LoggerRegistry('bench', 'OFF').get('bench'),
    workerId: 'bench',
  });
}

/** What every JSON sink pays at least: base64 decode and parse each value. */
function floor(event: KafkaEsmEvent): number {
  let fields = 0;
  for (const records of Object.values(event.records)) {
    for (const record of records) {
      const parsed = JSON.parse(Buffer.from(record.value ?? '', 'base64').toString('utf8')) as { payload: object };
      fields += Object.keys(parsed.payload).length;
    }
  }
  return fields;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function time(op: () => unknown): Promise<number> {
  const started = performance.now();
  await op();
  return performance.now() - started;
}

const event = makeEvent();
const sink = await pipeline();
const remaining = () => 14 * 60_000;
const runPipeline = () => sink.run('bench-sink', decodeEsmEvent(event), remaining);

await runPipeline(); // warm-up: JIT, task start, schema caches
floor(event);
const pipelineTimes: number[] = [];
const floorTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  pipelineTimes.push(await time(runPipeline));
  floorTimes.push(await time(() => floor(event)));
}
if (DiscardSinkTask.seen !== RECORDS * (ROUNDS + 1)) throw new Error(`the sink saw ${DiscardSinkTask.seen} records`);
await sink.close();

const perSecond = (ms: number) => (RECORDS / ms) * 1000;
const pipelineRate = perSecond(median(pipelineTimes));
const floorRate = perSecond(median(floorTimes));
const format = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`sink pipeline, one MSK event of ${format(RECORDS)} records, median of ${ROUNDS} (${process.version})`);
console.log(`  pipeline (decode, JsonConverter key+value, 3 SMTs, put, preCommit): ${format(pipelineRate)} records/s`);
console.log(`  floor (base64 + JSON.parse of the values):                         ${format(floorRate)} records/s`);
console.log(`  ratio (floor / pipeline): ${(floorRate / pipelineRate).toFixed(2)}x`);

report({
  script: 'sink-pipeline',
  name: 'sink pipeline throughput, 10,000-record MSK event (JsonConverter + 3 SMTs + discarding sink)',
  figure: Math.round(pipelineRate),
  unit: 'records/s',
  floor: Math.round(floorRate),
  floorWhat: 'base64 decode + JSON.parse of the same values',
  target: { of: 'ratio', op: '>=', value: 0.5 },
});
// The cost model's input: one thread's time per record through the pipeline (it does no I/O).
report({
  script: 'sink-pipeline',
  name: 'sink pipeline CPU time per record (cost model input)',
  figure: Number((1e6 / pipelineRate).toFixed(2)),
  unit: 'µs',
  floor: Number((1e6 / floorRate).toFixed(2)),
  floorWhat: 'base64 decode + JSON.parse of the same values',
});
