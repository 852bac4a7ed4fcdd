import type { ConfigDef } from '../config/config-def';
import type { ConnectRecord } from '../connector/connect-record';

/**
 * A single message transform (Kafka's Transformation). Configured once, then applied to each record.
 */
export interface Transformation<R extends ConnectRecord<R>> {
  configure(configs: Readonly<Record<string, unknown>>): void;
  /**
   * Transforms one record. Must not mutate `record`, its headers or its value.
   * @returns the new record, `record` itself, or `null` to drop it (a filter).
   * @throws DataError when the record does not have the shape the transform needs
   */
  apply(record: R): R | null;
  config(): ConfigDef;
  close(): void;
}

/** A condition on a record that decides whether a transform applies (Kafka's Predicate). */
export interface Predicate<R extends ConnectRecord<R>> {
  configure(configs: Readonly<Record<string, unknown>>): void;
  test(record: R): boolean;
  config(): ConfigDef;
  close(): void;
}
