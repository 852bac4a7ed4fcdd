/**
 * Monthly cost of moving N records/s of S bytes through a sink connector, three ways:
 *
 *   this product   Lambda (requests + GB-s from the CPU time per record that bench/sink-pipeline.ts
 *                  measures) + DynamoDB (reads per invocation, status writes) + EventBridge
 *                  Scheduler (the herder's repair schedule)
 *   MSK Connect    MCU-hours of a connector that runs all month
 *   Confluent      task-hours of a fully managed connector + GB moved
 *
 *   npx tsx bench/cost-model.ts [CPU µs per record]     (default: the last run's figure in
 *                                                         bench/results/latest.json, else 7 µs)
 *
 * Prices are us-east-1 list prices without free tiers, each with the page it comes from and the
 * date it was read. Figures marked ASSUMPTION are not prices: they are this model's choices
 * (batch sizes, per-worker throughput of the JVM services, overheads), written down so they can be
 * argued with. bench/run.ts writes the table into BENCHMARKS.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Unit prices, us-east-1, USD. */
export const PRICES = {
  /**
   * AWS Lambda, Arm (Graviton2), first 7.5 billion GB-s a month: $0.0000133334 per GB-s.
   * Source: https://aws.amazon.com/lambda/pricing/ (tier table as quoted by
   * https://cloudchipr.com/blog/aws-lambda-pricing), read 2026-11-21.
   */
  lambdaArmGbSecond: 0.0000133334,
  /** AWS Lambda requests: $0.20 per million. Source: https://aws.amazon.com/lambda/pricing/, read 2026-11-21. */
  lambdaRequest: 0.2 / 1e6,
  /**
   * DynamoDB on-demand write request units: $0.625 per million (the November 2024 price).
   * Source: https://aws.amazon.com/dynamodb/pricing/on-demand/ (US East, as quoted by
   * https://airbyte.com/data-engineering-resources/dynamodb-pricing; AWS News Blog post on
   * on-demand pricing updated 2025-01-31), read 2026-11-21.
   */
  dynamoWriteRequestUnit: 0.625 / 1e6,
  /** DynamoDB on-demand read request units: $0.125 per million. Same sources as the writes, read 2026-11-21. */
  dynamoReadRequestUnit: 0.125 / 1e6,
  /**
   * EventBridge Scheduler: $1.00 per million invocations after 14 million free a month (the free
   * part is left out here). Source: https://aws.amazon.com/eventbridge/pricing/ (as quoted by
   * https://cloudburn.io/blog/amazon-eventbridge-pricing, March 2026), read 2026-11-21.
   */
  schedulerInvocation: 1 / 1e6,
  /**
   * Amazon MSK Connect: $0.11 per MCU-hour (1 MCU = 1 vCPU + 4 GiB).
   * Source: https://aws.amazon.com/msk/pricing/ (MSK Connect; the rate as listed in the MSK
   * comparison at https://gist.github.com/EverettBerry/d24aa940ad43c313803248cea6366682, 2022);
   * MCU definition: https://docs.aws.amazon.com/msk/latest/developerguide/msk-connect-capacity.html,
   * read 2026-11-21.
   */
  mskConnectMcuHour: 0.11,
  /**
   * Confluent Cloud fully managed connector, per task-hour. ASSUMPTION for the value: Confluent
   * bills "Connect task: cost per task per hour" and "Connect data transfer: cost per GB written
   * or read" (https://docs.confluent.io/cloud/current/billing/billing-dimensions.html), but the
   * rates are per connector and region on https://www.confluent.io/pricing/connectors/, which no
   * stored copy here shows; a 2022 comparison lists connectors at "$0.03 - $0.30 per hour"
   * (https://gist.github.com/EverettBerry/c80b34ffa085abed3451cd8f4a1489b2). $0.10 is taken from
   * that range, read 2026-11-21.
   */
  confluentTaskHour: 0.1,
  /** Confluent Cloud connector data transfer, per GiB (Confluent's GB is 2^30 bytes). ASSUMPTION: $0.025; see above. */
  confluentGb: 0.025,
} as const;

export interface CostAssumptions {
  /** CPU time per record through the sink pipeline on this machine (bench/sink-pipeline.ts). */
  readonly cpuMicrosPerRecord: number;
  /** Whether cpuMicrosPerRecord was measured in this run (else it is the default). */
  readonly cpuMeasured: boolean;
  /** Bytes of key + value of the records that measurement used (bench/sink-pipeline.ts: ~715 B). */
  readonly measuredRecordBytes: number;
  /** Sink function memory, MB (the stack's default, cdk/lib/context.ts). */
  readonly sinkMemoryMb: number;
  /** ASSUMPTION: Lambda gives a full vCPU at 1,769 MB and a proportional share below it (Lambda docs). */
  readonly fullVcpuMemoryMb: number;
  /** ASSUMPTION: a Graviton2 vCPU does this machine's per-record work in the same time. */
  readonly lambdaCpuSlowdown: number;
  /** ASSUMPTION: the ESM batch size the stack is deployed with (context esmBatchSize; max 10,000). */
  readonly esmBatchSize: number;
  /** ASSUMPTION: the ESM batching window, s (context esmBatchingWindowSeconds). */
  readonly esmBatchingWindowSeconds: number;
  /** Lambda's 6 MB invocation payload; records are base64 in the event (4/3) plus ~200 B of metadata each. */
  readonly eventLimitBytes: number;
  /** ASSUMPTION: ms per invocation outside the records (3 DynamoDB reads, the handler), on AWS. */
  readonly invocationOverheadMs: number;
  /** Strongly consistent reads per invocation: configs.get, getTaskConfigs (item + chunk query), each <= 4 KB. */
  readonly readUnitsPerInvocation: number;
  /** ASSUMPTION: sink tasks (= concurrent invocations, at most one per partition) at each rate. */
  readonly tasksPerThousandRecordsPerSecond: number;
  /** RUNNING status heartbeat: one write per task per minute (SinkPipeline statusIntervalMs). */
  readonly statusWritesPerTaskMinute: number;
  /** The herder's repair schedule fires every 5 minutes (cdk/lib/connect-stack.ts). */
  readonly repairSchedulePerMonth: number;
  /** ASSUMPTION: ms of a herder repair invocation at 512 MB. */
  readonly repairInvocationMs: number;
  /** ASSUMPTION: records/s of 1 KB JSON with schemas + 3 SMTs one MCU (JVM, 1 vCPU) sustains. */
  readonly mskConnectRecordsPerMcu: number;
  /** ASSUMPTION: bytes/s one Confluent managed connector task sustains. */
  readonly confluentBytesPerTask: number;
}

export const DEFAULT_ASSUMPTIONS: CostAssumptions = {
  cpuMicrosPerRecord: 7,
  cpuMeasured: false,
  measuredRecordBytes: 715,
  sinkMemoryMb: 1024,
  fullVcpuMemoryMb: 1769,
  lambdaCpuSlowdown: 1,
  esmBatchSize: 10_000,
  esmBatchingWindowSeconds: 1,
  eventLimitBytes: 6 * 1024 * 1024,
  invocationOverheadMs: 20,
  readUnitsPerInvocation: 3,
  tasksPerThousandRecordsPerSecond: 0.2,
  statusWritesPerTaskMinute: 1,
  repairSchedulePerMonth: (730 * 60) / 5,
  repairInvocationMs: 300,
  mskConnectRecordsPerMcu: 10_000,
  confluentBytesPerTask: 5 * 1024 * 1024,
};

const SECONDS_PER_MONTH = 730 * 3600;
const HOURS_PER_MONTH = 730;
/** The rates of the table: records/s of 1 KB. */
export const RATES = [10, 1_000, 50_000] as const;
export const RECORD_BYTES = 1024;

export interface CostRow {
  readonly recordsPerSecond: number;
  readonly recordBytes: number;
  readonly recordsPerInvocation: number;
  readonly invocationsPerMonth: number;
  readonly lambdaRequests: number;
  readonly lambdaGbSeconds: number;
  readonly dynamo: number;
  readonly scheduler: number;
  readonly ours: number;
  readonly mskConnectMcus: number;
  readonly mskConnect: number;
  readonly confluentTasks: number;
  readonly confluent: number;
}

export interface CostModelResult {
  readonly assumptions: CostAssumptions;
  readonly cpuMicrosPerRecordOnLambda: number;
  readonly rows: CostRow[];
}

/** The monthly cost of each option at one rate. */
export function costAt(recordsPerSecond: number, recordBytes: number, a: CostAssumptions): CostRow {
  const perMonth = recordsPerSecond * SECONDS_PER_MONTH;
  // Records per invocation: the batch size, what arrives in one batching window, or the 6 MB event.
  const eventBytesPerRecord = Math.ceil((recordBytes * 4) / 3) + 200;
  const recordsPerInvocation = Math.max(
    1,
    Math.min(
      a.esmBatchSize,
      Math.floor(a.eventLimitBytes / eventBytesPerRecord),
      Math.ceil(recordsPerSecond * a.esmBatchingWindowSeconds),
    ),
  );
  const invocationsPerMonth = perMonth / recordsPerInvocation;
  const cpuShare = Math.min(1, a.sinkMemoryMb / a.fullVcpuMemoryMb);
  const microsPerRecord =
    (a.cpuMicrosPerRecord * (recordBytes / a.measuredRecordBytes) * a.lambdaCpuSlowdown) / cpuShare;
  const secondsPerInvocation = a.invocationOverheadMs / 1000 + (recordsPerInvocation * microsPerRecord) / 1e6;
  const gbSeconds = invocationsPerMonth * secondsPerInvocation * (a.sinkMemoryMb / 1024);
  const lambdaRequests = invocationsPerMonth * PRICES.lambdaRequest;
  const lambdaGbSeconds = gbSeconds * PRICES.lambdaArmGbSecond;
  const tasks = Math.max(1, Math.ceil((recordsPerSecond / 1000) * a.tasksPerThousandRecordsPerSecond));
  const writes = tasks * a.statusWritesPerTaskMinute * HOURS_PER_MONTH * 60;
  const reads = invocationsPerMonth * a.readUnitsPerInvocation;
  const dynamo = writes * PRICES.dynamoWriteRequestUnit + reads * PRICES.dynamoReadRequestUnit;
  // The repair schedule: Scheduler invocations plus the herder's requests and GB-s at 512 MB.
  const scheduler =
    a.repairSchedulePerMonth * PRICES.schedulerInvocation +
    a.repairSchedulePerMonth * PRICES.lambdaRequest +
    a.repairSchedulePerMonth * (a.repairInvocationMs / 1000) * 0.5 * PRICES.lambdaArmGbSecond;
  const mskConnectMcus = Math.max(1, Math.ceil((recordsPerSecond * (recordBytes / 1024)) / a.mskConnectRecordsPerMcu));
  const mskConnect = mskConnectMcus * HOURS_PER_MONTH * PRICES.mskConnectMcuHour;
  const confluentTasks = Math.max(1, Math.ceil((recordsPerSecond * recordBytes) / a.confluentBytesPerTask));
  const gib = (perMonth * recordBytes) / 2 ** 30;
  const confluent = confluentTasks * HOURS_PER_MONTH * PRICES.confluentTaskHour + gib * PRICES.confluentGb;
  return {
    recordsPerSecond,
    recordBytes,
    recordsPerInvocation,
    invocationsPerMonth,
    lambdaRequests,
    lambdaGbSeconds,
    dynamo,
    scheduler,
    ours: lambdaRequests + lambdaGbSeconds + dynamo + scheduler,
    mskConnectMcus,
    mskConnect,
    confluentTasks,
    confluent,
  };
}

export function costModel(assumptions: CostAssumptions = DEFAULT_ASSUMPTIONS): CostModelResult {
  const cpuShare = Math.min(1, assumptions.sinkMemoryMb / assumptions.fullVcpuMemoryMb);
  return {
    assumptions,
    cpuMicrosPerRecordOnLambda:
      (assumptions.cpuMicrosPerRecord *
        (RECORD_BYTES / assumptions.measuredRecordBytes) *
        assumptions.lambdaCpuSlowdown) /
      cpuShare,
    rows: RATES.map((rate) => costAt(rate, RECORD_BYTES, assumptions)),
  };
}

const usd = (n: number) => (n >= 100 ? `$${Math.round(n).toLocaleString('en-US')}` : `$${n.toFixed(2)}`);

/** The cost section of BENCHMARKS.md. */
export function costModelMarkdown(result: CostModelResult): string {
  const a = result.assumptions;
  const lines = [
    `Monthly cost of a sink connector moving N records/s of 1 KiB, us-east-1 list prices, no free tiers (bench/cost-model.ts, which names each price's source).`,
    `CPU time per record: ${a.cpuMicrosPerRecord.toFixed(2)} µs ${a.cpuMeasured ? 'measured by bench/sink-pipeline.ts in this run' : '(default; no measurement in this run)'} on ~${a.measuredRecordBytes} B records, scaled to 1 KiB and to a ${a.sinkMemoryMb} MB function's CPU share: ${result.cpuMicrosPerRecordOnLambda.toFixed(1)} µs per record on Lambda.`,
    '',
    '| records/s (1 KiB) | records per invocation | this product: Lambda requests | Lambda GB-s | DynamoDB | Scheduler + herder | **this product** | MSK Connect (MCUs) | **MSK Connect** | Confluent (tasks) | **Confluent Cloud** |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...result.rows.map(
      (r) =>
        `| ${r.recordsPerSecond.toLocaleString('en-US')} | ${r.recordsPerInvocation.toLocaleString('en-US')} | ${usd(r.lambdaRequests)} | ${usd(r.lambdaGbSeconds)} | ${usd(r.dynamo)} | ${usd(r.scheduler)} | **${usd(r.ours)}** | ${r.mskConnectMcus} | **${usd(r.mskConnect)}** | ${r.confluentTasks} | **${usd(r.confluent)}** |`,
    ),
    '',
    'Assumptions (not prices): ESM batch size ' +
      `${a.esmBatchSize.toLocaleString('en-US')} and batching window ${a.esmBatchingWindowSeconds} s (records per invocation also capped by the 6 MB event), ` +
      `${a.invocationOverheadMs} ms per invocation outside the records, a Graviton2 vCPU as fast as this machine's per record, ` +
      `one sink task per ${Math.round(1000 / a.tasksPerThousandRecordsPerSecond).toLocaleString('en-US')} records/s. ` +
      'DynamoDB per batch (from SinkPipeline and the stores): no write in steady state (the topic record is cached per container, RUNNING is re-asserted once a minute per task: 1 write per task-minute) and ' +
      `${a.readUnitsPerInvocation} strongly consistent reads per invocation (connector, task-config pointer, task-config chunks). Also assumed: ` +
      `MSK Connect ${a.mskConnectRecordsPerMcu.toLocaleString('en-US')} records/s per MCU (at least 1 MCU all month), ` +
      `Confluent ${(a.confluentBytesPerTask / 2 ** 20).toFixed(0)} MiB/s per task (at least 1 task all month) and its task-hour and per-GB rates (no stored copy of its price list). ` +
      'Left out for all three: the Kafka cluster, data transfer, the destination, and time a sink spends waiting on its destination (Lambda bills wall time; the measured figure is a discarding sink). ' +
      'ESM in on-demand mode adds no charge; provisioned mode bills event poller units.',
  ];
  return lines.join('\n');
}

/** The last measured CPU time per record, from bench/results/latest.json. */
function lastMeasured(): number | null {
  const file = join(import.meta.dirname, 'results', 'latest.json');
  if (!existsSync(file)) return null;
  const latest = JSON.parse(readFileSync(file, 'utf8')) as {
    results?: { script: string; unit: string; figure: number }[];
  };
  return latest.results?.find((r) => r.script === 'sink-pipeline' && r.unit === 'µs')?.figure ?? null;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const given = process.argv[2] ? Number(process.argv[2]) : lastMeasured();
  const result = costModel({
    ...DEFAULT_ASSUMPTIONS,
    ...(given !== null && Number.isFinite(given) ? { cpuMicrosPerRecord: given, cpuMeasured: true } : {}),
  });
  console.table(
    result.rows.map((r) => ({
      'records/s': r.recordsPerSecond,
      'per invocation': r.recordsPerInvocation,
      'this product $': Number(r.ours.toFixed(2)),
      'MSK Connect $': Number(r.mskConnect.toFixed(2)),
      'Confluent $': Number(r.confluent.toFixed(2)),
    })),
  );
  console.log(`\n${costModelMarkdown(result)}`);
}
