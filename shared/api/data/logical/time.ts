import { DataError } from '../../errors';
import type { Schema } from '../schema';
import { SchemaBuilder } from '../schema-builder';
import { MILLIS_PER_DAY } from './date';

/** The Time logical type: INT32 milliseconds since midnight, held as a Date on the epoch day. */
export const ConnectTime = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Time',

  builder(): SchemaBuilder {
    return SchemaBuilder.int32().name(ConnectTime.LOGICAL_NAME).version(1);
  },

  schema(): Schema {
    return SCHEMA;
  },

  fromLogical(schema: Schema, value: Date): number {
    if (schema.name !== ConnectTime.LOGICAL_NAME) {
      throw new DataError('Requested conversion of Time object but the schema does not match.');
    }
    const millis = value.getTime();
    if (millis < 0 || millis > MILLIS_PER_DAY) {
      throw new DataError('Kafka Connect Time type should not have any date fields set to non-zero values.');
    }
    return millis;
  },

  toLogical(schema: Schema, millis: number): Date {
    if (schema.name !== ConnectTime.LOGICAL_NAME) {
      throw new DataError('Requested conversion of Date object but the schema does not match.');
    }
    if (millis < 0 || millis > MILLIS_PER_DAY) {
      throw new DataError('Time values must use number of milliseconds greater than 0 and less than 86400000');
    }
    return new Date(millis);
  },
} as const;

const SCHEMA = ConnectTime.builder().build();
