/**
 * Records per second through a connector's chain of three transforms (InsertField$Value,
 * ReplaceField$Value, Cast$Value) on 100k schema'd records, next to the same records through an
 * empty chain, in 10,000-record batches as the sink pipeline hands them over.
 *
 *   npx tsx bench/transforms-chain.ts            (writes bench/results/transforms-chain.json too)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PluginClass, SchemaBuilder, Schemas, SinkRecord, Struct } from '../shared/api';
import { TransformationChain, transformationChainFrom } from '../shared/runtime';
import { PREDICATE_CLASSES, TRANSFORMATION_CLASSES } from '../shared/transforms';
import { report } from './lib/report';

const RECORDS = 100_000;
const BATCH = 10_000;
const ROUNDS = 7;

const VALUE_SCHEMA = SchemaBuilder.struct()
  .name('com.example.Order')
  .field('id', Schemas.INT64)
  .field('customer', Schemas.STRING)
  .field('amount', Schemas.FLOAT64)
  .field('quantity', Schemas.INT32)
  .field('currency', Schemas.STRING)
  .field('express', Schemas.BOOLEAN)
  .field('note', Schemas.OPTIONAL_STRING)
  .field('internal', Schemas.OPTIONAL_STRING)
  .build();

function makeRecords(): SinkRecord[] {
  const records: SinkRecord[] = new Array(RECORDS);
  for (let i = 0; i < RECORDS; i++) {
    const value = new Struct(VALUE_SCHEMA)
      .put('id', i)
      .put('customer', `customer-${i % 977}`)
      .put('amount', (i % 10_000) / 100)
      .put('quantity', i % 50)
      .put('currency', 'EUR')
      .put('express', i % 3 === 0)
      .put('note', i % 5 === 0 ? null : 'leave at the door')
      .put('internal', 'x');
    records[i] = new SinkRecord({
      topic: 'orders',
      kafkaPartition: i % 6,
      kafkaOffset: i,
      timestamp: 1_700_000_000_000 + i,
      keySchema: Schemas.STRING,
      key: `order-${i}`,
      valueSchema: VALUE_SCHEMA,
      value,
    });
  }
  return records;
}

function byName<T>(classes: readonly PluginClass<T>[], name: string): PluginClass<T> {
  const found = classes.find((c) => c.className === name);
  if (!found) throw new Error(`no plugin ${name}`);
  return found;
}

const chainOfThree = transformationChainFrom<SinkRecord>(
  {
    transforms: 'insert,replace,cast',
    'transforms.insert.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
    'transforms.insert.topic.field': 'topic',
    'transforms.insert.offset.field': 'offset',
    'transforms.insert.timestamp.field': 'ingested_at',
    'transforms.replace.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
    'transforms.replace.exclude': 'internal',
    'transforms.replace.renames': 'customer:customer_id,quantity:qty',
    'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
    'transforms.cast.spec': 'amount:string,qty:int64',
  },
  {
    transformation: (name) => byName(TRANSFORMATION_CLASSES, name),
    predicate: (name) => byName(PREDICATE_CLASSES, name),
  },
);
const emptyChain = new TransformationChain<SinkRecord>([]);

/** One pass over all records in batches; returns the elapsed milliseconds. */
function pass(chain: TransformationChain<SinkRecord>, records: SinkRecord[], sink: { kept: number }): number {
  const started = performance.now();
  for (let start = 0; start < records.length; start += BATCH) {
    const end = Math.min(start + BATCH, records.length);
    for (let i = start; i < end; i++) {
      if (chain.apply(records[i] as SinkRecord) !== null) sink.kept++;
    }
  }
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function measure(chain: TransformationChain<SinkRecord>, records: SinkRecord[]): number {
  const sink = { kept: 0 };
  pass(chain, records, sink); // warm-up: JIT and schema caches
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) times.push(pass(chain, records, sink));
  if (sink.kept !== records.length * (ROUNDS + 1)) throw new Error('the chain dropped records');
  return (records.length / median(times)) * 1000;
}

const records = makeRecords();
const sample = chainOfThree.apply(records[1] as SinkRecord);
const threePerSecond = measure(chainOfThree, records);
const emptyPerSecond = measure(emptyChain, records);

const format = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  `transforms chain, ${RECORDS.toLocaleString('en-US')} schema'd records, batches of ${BATCH}, median of ${ROUNDS}`,
);
console.log(`  3 transforms (InsertField$Value, ReplaceField$Value, Cast$Value): ${format(threePerSecond)} records/s`);
console.log(`  empty chain:                                                    ${format(emptyPerSecond)} records/s`);
console.log(`  ratio (empty / 3 transforms): ${(emptyPerSecond / threePerSecond).toFixed(1)}x`);
console.log(
  `  output schema fields: ${sample?.valueSchema
    ?.fields()
    .map((f) => `${f.name}:${f.schema.type}`)
    .join(', ')}`,
);

const result = {
  benchmark: 'transforms-chain',
  records: RECORDS,
  batch: BATCH,
  rounds: ROUNDS,
  node: process.version,
  threeTransformsRecordsPerSecond: Math.round(threePerSecond),
  emptyChainRecordsPerSecond: Math.round(emptyPerSecond),
  ratio: Number((emptyPerSecond / threePerSecond).toFixed(2)),
  at: new Date().toISOString(),
};
writeFileSync(join(import.meta.dirname, 'results', 'transforms-chain.json'), `${JSON.stringify(result, null, 2)}\n`);
report({
  script: 'transforms-chain',
  name: "transforms chain (InsertField, ReplaceField, Cast on schema'd structs)",
  figure: Math.round(threePerSecond),
  unit: 'records/s',
  notes: `100,000 records in batches of 10,000; an empty chain passes ${Math.round(emptyPerSecond).toLocaleString('en-US')} records/s`,
});
