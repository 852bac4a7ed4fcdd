import type { Schema } from './schema';

/** A value with its schema, as converters return it (Kafka's SchemaAndValue). */
export class SchemaAndValue {
  static readonly NULL = new SchemaAndValue(null, null);

  constructor(
    readonly schema: Schema | null,
    readonly value: unknown,
  ) {}
}
