import { ConnectRecord, type ConnectRecordInit } from '../connector/connect-record';
import type { Header } from '../data/headers';
import type { Schema } from '../data/schema';

/**
 * Where a source record came from and how far the source had read, as string-keyed maps of
 * primitives (string, number, boolean, null), e.g. `{filename: 'a.txt'}` and `{position: 42}`.
 */
export type SourcePartition = Readonly<Record<string, unknown>>;
export type SourceOffset = Readonly<Record<string, unknown>>;

export interface SourceRecordInit extends ConnectRecordInit {
  sourcePartition?: SourcePartition | null;
  sourceOffset?: SourceOffset | null;
}

/** A record produced by a source task on its way to Kafka (Kafka's SourceRecord). */
export class SourceRecord extends ConnectRecord<SourceRecord> {
  readonly sourcePartition: SourcePartition | null;
  readonly sourceOffset: SourceOffset | null;

  constructor(init: SourceRecordInit) {
    super(init);
    this.sourcePartition = init.sourcePartition ?? null;
    this.sourceOffset = init.sourceOffset ?? null;
  }

  newRecord(
    topic: string,
    kafkaPartition: number | null,
    keySchema: Schema | null,
    key: unknown,
    valueSchema: Schema | null,
    value: unknown,
    timestamp: number | null,
    headers?: Iterable<Header>,
  ): SourceRecord {
    return new SourceRecord({
      sourcePartition: this.sourcePartition,
      sourceOffset: this.sourceOffset,
      topic,
      kafkaPartition,
      keySchema,
      key,
      valueSchema,
      value,
      timestamp,
      headers: headers ?? this.headers.duplicate(),
    });
  }
}
