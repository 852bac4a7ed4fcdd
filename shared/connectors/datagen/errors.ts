import { DataError } from '../../api';

/**
 * An Avro schema that cannot be parsed, or whose generator arguments ("arg.properties") are
 * invalid (Avro's SchemaParseException and the errors of Confluent's avro-random-generator).
 * The config validators turn it into a ConfigError on the key that named the schema.
 */
export class AvroSchemaError extends DataError {
  override name = 'AvroSchemaError';
}
