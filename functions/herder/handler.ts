import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ConnectError, RetriableError } from '../../shared/api';
import type { ReconcileOptions } from '../../shared/runtime';
import { HERDER_TRIGGER_PARTITIONS, PARTITION_KEY, SORT_KEY } from '../../shared/stores/dynamodb/schema';

/** What the handler needs of the Herder (shared/runtime), so tests and local/ can pass their own. */
export interface Reconciler {
  reconcile(name: string, options?: ReconcileOptions): Promise<void>;
  reconcileAll(options?: ReconcileOptions): Promise<void>;
}

export interface HerderFunctionDeps {
  herder: Reconciler;
  logger: Logger;
}

/** The periodic repair: the stack's schedule sends `{"repair": true}`. */
export interface RepairEvent {
  readonly repair: true;
}

/** An asynchronous invocation by LambdaHerderSignal: converge one connector now. */
export interface ConnectorEvent {
  readonly connector: string;
}

/** An EventBridge rule's schedule event, accepted as a repair too. */
interface ScheduledRuleEvent {
  readonly source: 'aws.events';
  readonly 'detail-type': 'Scheduled Event';
}

export type HerderEvent = DynamoDBStreamEvent | RepairEvent | ConnectorEvent;

/** What an invocation did, for tests and the local runtime (Lambda ignores it). */
export interface HerderOutcome {
  readonly trigger: 'stream' | 'connector' | 'repair';
  /** Connectors reconciled; empty for a repair, which reconciles them all. */
  readonly connectors: readonly string[];
}

const TRIGGER_PARTITIONS: ReadonlySet<string> = new Set(HERDER_TRIGGER_PARTITIONS);

/**
 * The herder function: converges connectors on three triggers.
 *
 * - The configs table stream (KEYS_ONLY): every connector named by a `connectors` or `restarts`
 *   record is reconciled once per batch, however many records name it; task-config chunk records
 *   are skipped (the stream's filter should drop them already). A failure fails the batch after
 *   the others were tried, so the stream retries it; reconciling again is harmless.
 * - `{"connector": name}` from LambdaHerderSignal: that connector.
 * - The periodic repair (`{"repair": true}`, or an EventBridge scheduled event): every connector,
 *   re-running taskConfigs() so connectors watching their source pick up changes.
 *
 * Events are never logged: a stream record or a payload may one day carry more than keys.
 */
export function createHandler(deps: HerderFunctionDeps) {
  return middy(async (event: HerderEvent): Promise<HerderOutcome> => {
    if (isStreamEvent(event)) {
      const connectors = connectorsOfStreamEvent(event);
      deps.logger.info('reconciling connectors changed in the configs table', { connectors });
      await reconcileEach(deps, connectors);
      return { trigger: 'stream', connectors };
    }
    if (isConnectorEvent(event)) {
      deps.logger.info('reconciling a signalled connector', { connector: event.connector });
      await deps.herder.reconcile(event.connector);
      return { trigger: 'connector', connectors: [event.connector] };
    }
    if (isRepairEvent(event)) {
      deps.logger.info('repairing every connector');
      await deps.herder.reconcileAll({ refreshTasks: true });
      return { trigger: 'repair', connectors: [] };
    }
    const keys = event !== null && typeof event === 'object' ? Object.keys(event).join(', ') : typeof event;
    throw new ConnectError(`The herder cannot handle an event with keys [${keys}]`);
  }).use(injectLambdaContext(deps.logger, { logEvent: false }));
}

export type HerderHandler = ReturnType<typeof createHandler>;

/** The connectors a configs-table stream batch names, each once, in order of first appearance. */
export function connectorsOfStreamEvent(event: DynamoDBStreamEvent): string[] {
  const names = new Set<string>();
  for (const record of event.Records) {
    const keys = record.dynamodb?.Keys;
    const partition = keys?.[PARTITION_KEY]?.S;
    const name = keys?.[SORT_KEY]?.S;
    if (partition !== undefined && name !== undefined && TRIGGER_PARTITIONS.has(partition)) names.add(name);
  }
  return [...names];
}

async function reconcileEach(deps: HerderFunctionDeps, connectors: readonly string[]): Promise<void> {
  const failures: Array<{ connector: string; error: unknown }> = [];
  for (const connector of connectors) {
    try {
      await deps.herder.reconcile(connector);
    } catch (error) {
      deps.logger.error('reconcile failed', { connector, error: error as Error });
      failures.push({ connector, error });
    }
  }
  if (failures.length === 0) return;
  const names = failures.map((f) => f.connector).join(', ');
  throw new RetriableError(`Reconciling ${failures.length} of ${connectors.length} connectors failed: ${names}`, {
    cause: failures.length === 1 ? failures[0]?.error : new AggregateError(failures.map((f) => f.error)),
  });
}

function isStreamEvent(event: unknown): event is DynamoDBStreamEvent {
  return typeof event === 'object' && event !== null && Array.isArray((event as DynamoDBStreamEvent).Records);
}

function isConnectorEvent(event: unknown): event is ConnectorEvent {
  const connector = (event as Partial<ConnectorEvent> | null)?.connector;
  return typeof connector === 'string' && connector !== '';
}

function isRepairEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  if ((event as Partial<RepairEvent>).repair === true) return true;
  const rule = event as Partial<ScheduledRuleEvent>;
  return rule.source === 'aws.events' && rule['detail-type'] === 'Scheduled Event';
}
