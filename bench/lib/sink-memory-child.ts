/**
 * One cold "invocation" for bench/sink-memory.ts, in a process of its own (bundled with esbuild
 * and run on plain node, as Lambda runs a bundle): reads the event's JSON text from a file (the
 * runtime receives it as text), parses it and hands it to the sink function's handler
 * (functions/sink-task/handler.ts: middy, decodeEsmEvent, SinkPipeline) with memory stores and a
 * discarding sink, then prints its peak RSS. `floor` instead parses the event and base64-decodes
 * and JSON.parses every value, keeping nothing; `idle` only loads the code.
 *
 *   node child.mjs <event.json> handler|floor|idle
 */
import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { createHandler } from '../../functions/sink-task/handler';
import { systemClock } from '../../shared/api';
import type { KafkaEsmEvent } from '../../shared/kafka';
import { LoggerRegistry } from '../../shared/observability';
import { builtInPlugins, PluginRegistry } from '../../shared/plugins';
import { PluginTaskFactory, SinkPipeline } from '../../shared/runtime';
import { createMemoryStores } from '../../shared/stores';
import { CONNECTOR_CONFIG, DiscardSinkConnector, DiscardSinkTask } from './discard-sink';

const [file, mode] = process.argv.slice(2);
if (!file || !mode) throw new Error('usage: child.mjs <event.json> handler|floor|idle');

const logger = new LoggerRegistry('bench', 'OFF').get('bench');
const builtIn = builtInPlugins();
const registry = new PluginRegistry({ ...builtIn, connectors: [...(builtIn.connectors ?? []), DiscardSinkConnector] });
const stores = createMemoryStores();
const created = await stores.configs.create('bench-sink', CONNECTOR_CONFIG);
await stores.configs.putTaskConfigs('bench-sink', created.generation, [
  { ...CONNECTOR_CONFIG, 'task.class': DiscardSinkTask.className },
]);
const pipeline = new SinkPipeline({
  stores,
  plugins: new PluginTaskFactory(registry),
  producer: () => {
    throw new Error('no DLQ in this benchmark');
  },
  resolveConfig: async (config) => ({ ...config }),
  herder: { connectorChanged: async () => {} },
  clock: systemClock,
  logger,
  workerId: 'bench',
});
const handler = createHandler({ pipeline, connectorOf: async () => 'bench-sink', logger });
const loadedRss = process.memoryUsage().rss;

let records = 0;
if (mode !== 'idle') {
  const event = JSON.parse(readFileSync(file, 'utf8')) as KafkaEsmEvent;
  if (mode === 'handler') {
    const context = {
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:sink:bench',
      getRemainingTimeInMillis: () => 600_000,
    };
    await handler(event, context as unknown as Context);
    records = DiscardSinkTask.seen;
  } else {
    for (const batch of Object.values(event.records)) {
      for (const record of batch) {
        JSON.parse(Buffer.from(record.value ?? '', 'base64').toString('utf8'));
        records++;
      }
    }
  }
}
// maxRSS is the kernel's high-water mark of this process (KiB): what Lambda reports as Max Memory Used.
console.log(
  JSON.stringify({
    mode,
    records,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    loadedRssMb: loadedRss / 2 ** 20,
    heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
  }),
);
