/**
 * The sink of bench/sink-pipeline.ts and bench/sink-memory.ts: a connector whose task keeps
 * nothing, so what is measured is the runtime's work, and their records (an Order struct with a
 * JSON schema, ~715 B of key + value).
 */
import { ConfigDef, type PluginClass, SinkConnector, type SinkRecord, SinkTask, type Task } from '../../shared/api';
import type { ConsumedRecord } from '../../shared/kafka';

export class DiscardSinkTask extends SinkTask {
  static readonly className = 'bench.DiscardSinkTask';
  static seen = 0;
  version(): string {
    return '1';
  }
  start(): void {}
  put(records: readonly SinkRecord[]): void {
    DiscardSinkTask.seen += records.length;
  }
  stop(): void {}
}

export class DiscardSinkConnector extends SinkConnector {
  static readonly className = 'bench.DiscardSinkConnector';
  private props: Readonly<Record<string, string>> = {};
  version(): string {
    return '1';
  }
  start(props: Readonly<Record<string, string>>): void {
    this.props = props;
  }
  taskClass(): PluginClass<Task> {
    return DiscardSinkTask;
  }
  taskConfigs(): Record<string, string>[] {
    return [{ ...this.props }];
  }
  stop(): void {}
  config(): ConfigDef {
    return new ConfigDef();
  }
}

/** JsonConverter with schemas for key and value, InsertField$Value, ReplaceField$Value, Cast$Value. */
export const CONNECTOR_CONFIG = {
  name: 'bench-sink',
  'connector.class': DiscardSinkConnector.className,
  'tasks.max': '1',
  topics: 'orders',
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  transforms: 'insert,replace,cast',
  'transforms.insert.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
  'transforms.insert.topic.field': 'topic',
  'transforms.insert.offset.field': 'offset',
  'transforms.replace.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
  'transforms.replace.exclude': 'internal',
  'transforms.replace.renames': 'customer:customer_id,quantity:qty',
  'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
  'transforms.cast.spec': 'amount:string,qty:int64',
} as const;

const VALUE_SCHEMA = {
  type: 'struct',
  name: 'com.example.Order',
  optional: false,
  fields: [
    { field: 'id', type: 'int64', optional: false },
    { field: 'customer', type: 'string', optional: false },
    { field: 'amount', type: 'double', optional: false },
    { field: 'quantity', type: 'int32', optional: false },
    { field: 'currency', type: 'string', optional: false },
    { field: 'express', type: 'boolean', optional: false },
    { field: 'note', type: 'string', optional: true },
    { field: 'internal', type: 'string', optional: true },
  ],
};
const KEY_SCHEMA = { type: 'string', optional: false };

/** The i-th record of the benchmark's topic partition 0. */
export function orderRecord(i: number): ConsumedRecord {
  const value = {
    schema: VALUE_SCHEMA,
    payload: {
      id: i,
      customer: `customer-${i % 977}`,
      amount: (i % 10_000) / 100,
      quantity: i % 50,
      currency: 'EUR',
      express: i % 3 === 0,
      note: i % 5 === 0 ? null : 'leave at the door',
      internal: 'x',
    },
  };
  return {
    topic: 'orders',
    partition: 0,
    offset: 1_000_000 + i,
    timestamp: 1_700_000_000_000 + i,
    timestampType: 'CreateTime',
    key: Buffer.from(JSON.stringify({ schema: KEY_SCHEMA, payload: `order-${i}` })),
    value: Buffer.from(JSON.stringify(value)),
    headers: [{ key: 'trace-id', value: Buffer.from(`t-${i}`) }],
  };
}
