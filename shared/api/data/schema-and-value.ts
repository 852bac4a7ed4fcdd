import { type Schema, schemaEquals, valueEquals } from './schema';

/** A value with its schema, as converters return it (Kafka's SchemaAndValue). */
export class SchemaAndValue {
  static readonly NULL = new SchemaAndValue(null, null);

  constructor(
    readonly schema: Schema | null,
    readonly value: unknown,
  ) {}

  /** Equal schemas and equal values (Kafka's SchemaAndValue#equals). */
  equals(other: unknown): boolean {
    return (
      other instanceof SchemaAndValue && schemaEquals(this.schema, other.schema) && valueEquals(this.value, other.value)
    );
  }

  toString(): string {
    return `SchemaAndValue{schema=${this.schema}, value=${String(this.value)}}`;
  }
}
