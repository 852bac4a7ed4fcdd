import { DataError } from '../../errors';
import type { Schema } from '../schema';
import { SchemaBuilder } from '../schema-builder';

export const MILLIS_PER_DAY = 24 * 60 * 60 * 1000;

/** The Date logical type: INT32 days since the epoch; the Date must be at midnight UTC. */
export const ConnectDate = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Date',

  builder(): SchemaBuilder {
    return SchemaBuilder.int32().name(ConnectDate.LOGICAL_NAME).version(1);
  },

  schema(): Schema {
    return SCHEMA;
  },

  fromLogical(schema: Schema, value: Date): number {
    if (schema.name !== ConnectDate.LOGICAL_NAME) {
      throw new DataError('Requested conversion of Date object but the schema does not match.');
    }
    const millis = value.getTime();
    if (millis % MILLIS_PER_DAY !== 0) {
      throw new DataError('Kafka Connect Date type should not have any time fields set to non-zero values.');
    }
    return millis / MILLIS_PER_DAY;
  },

  toLogical(schema: Schema, days: number): Date {
    if (schema.name !== ConnectDate.LOGICAL_NAME) {
      throw new DataError('Requested conversion of Date object but the schema does not match.');
    }
    return new Date(days * MILLIS_PER_DAY);
  },
} as const;

const SCHEMA = ConnectDate.builder().build();
