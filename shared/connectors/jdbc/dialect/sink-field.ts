import type { Schema } from '../../../api';

/** A column the sink writes: a record key or value field, with its Connect schema (Confluent's SinkRecordField). */
export interface SinkField {
  readonly name: string;
  readonly schema: Schema;
  readonly isPrimaryKey: boolean;
}
