import { DataError } from '../../errors';
import type { Schema } from '../schema';
import { SchemaBuilder } from '../schema-builder';

/** The Timestamp logical type: INT64 milliseconds since the epoch, held as a Date. */
export const ConnectTimestamp = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Timestamp',

  builder(): SchemaBuilder {
    return SchemaBuilder.int64().name(ConnectTimestamp.LOGICAL_NAME).version(1);
  },

  schema(): Schema {
    return SCHEMA;
  },

  fromLogical(schema: Schema, value: Date): number {
    if (schema.name !== ConnectTimestamp.LOGICAL_NAME) {
      throw new DataError('Requested conversion of Timestamp object but the schema does not match.');
    }
    return value.getTime();
  },

  toLogical(schema: Schema, millis: number | bigint): Date {
    if (schema.name !== ConnectTimestamp.LOGICAL_NAME) {
      throw new DataError('Requested conversion of Timestamp object but the schema does not match.');
    }
    return new Date(Number(millis));
  },
} as const;

const SCHEMA = ConnectTimestamp.builder().build();
