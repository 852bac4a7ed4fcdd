/**
 * The stores' DynamoDB tables: key names, key layout and stream settings. A LEAF module (it imports
 * nothing) so cdk/lib/tables.ts can import it to create the very tables that createTables() creates
 * in dynalite. docs/architecture.md ("State in DynamoDB") explains the layout.
 *
 * Every table has a string partition key `pk` and a string sort key `sk` and is billed per request.
 */

export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';

export interface TableSchema {
  /** Construct id / name stem, e.g. `configs`. */
  readonly logicalName: string;
  readonly partitionKey: { readonly name: typeof PARTITION_KEY; readonly type: 'S' };
  readonly sortKey: { readonly name: typeof SORT_KEY; readonly type: 'S' };
  /** DynamoDB stream view type, when the table has a stream. */
  readonly stream?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
}

const KEYS = { partitionKey: { name: PARTITION_KEY, type: 'S' }, sortKey: { name: SORT_KEY, type: 'S' } } as const;

export const TABLES = {
  /**
   * Desired state (Kafka's config topic). Its stream fires the herder. KEYS_ONLY because the herder
   * is level-triggered (it re-reads the connector) and task-config chunk items can be ~350 KB each,
   * which would bloat stream batches for nothing.
   */
  configs: { logicalName: 'configs', ...KEYS, stream: 'KEYS_ONLY' },
  /** Source offsets (Kafka's offsets topic). */
  offsets: { logicalName: 'offsets', ...KEYS },
  /** Connector and task statuses and active topics (Kafka's status topic). */
  statuses: { logicalName: 'statuses', ...KEYS },
  /** Task coordination written by task invocations: source task leases and sink retry bookkeeping. */
  leases: { logicalName: 'leases', ...KEYS },
} as const satisfies Record<string, TableSchema>;

export type TableId = keyof typeof TABLES;
/** Physical table names, e.g. from the CONNECT_*_TABLE environment variables. */
export type TableNames = Readonly<Record<TableId, string>>;

/** Key layout of the configs table. */
export const CONFIGS = {
  /** pk of the connector records (one partition, like Kafka's one-partition config topic); sk = connector name. */
  connectorsPartition: 'connectors',
  /** pk of pending restart requests; sk = connector name. */
  restartsPartition: 'restarts',
  /** pk prefix of task-config chunks: `tasks#<connector>`; sk = `<writeId>#<chunk index, 6 digits>`. */
  taskChunksPrefix: 'tasks#',
} as const;

/**
 * Partition keys of the configs items the herder must react to: a stream event source mapping can
 * filter on them (`{"dynamodb": {"Keys": {"pk": {"S": [...]}}}}`) and skip task-config chunk writes.
 */
export const HERDER_TRIGGER_PARTITIONS = [CONFIGS.connectorsPartition, CONFIGS.restartsPartition] as const;

/**
 * Key layout of the offsets table: pk = connector name; sk = canonical JSON of the source partition
 * (keys sorted), or `sha256:<hex of it>` when longer than a sort key may be (1024 bytes).
 */
export const OFFSETS = { maxSortKeyBytes: 1024, hashedPrefix: 'sha256:' } as const;

/** Key layout of the statuses table: pk = connector name. */
export const STATUSES = {
  /** sk of the connector's status. */
  connector: 'connector',
  /** sk prefix of task statuses: `task#<id, 10 digits>` (sorts by id). */
  taskPrefix: 'task#',
  /** sk prefix of active topics: `topic#<topic>`. */
  topicPrefix: 'topic#',
} as const;

/** Key layout of the leases table: pk = connector name. */
export const LEASES = {
  /** sk prefix of source task leases: `lease#<task id, 10 digits>`. */
  leasePrefix: 'lease#',
  /** sk prefix of sink retry bookkeeping: `retry#<topic>#<partition>` (topic names cannot contain '#'). */
  retryPrefix: 'retry#',
} as const;
