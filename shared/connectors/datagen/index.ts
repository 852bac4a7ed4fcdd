/**
 * Confluent's kafka-connect-datagen: a source of mock data generated from Avro schemas with
 * avro-random-generator arguments, from bundled quickstarts or a schema of one's own. Our own
 * implementation of the generator, the regex generator and the schemas; imports only the plugin
 * contract and Node built-ins.
 */
import { DatagenConnector } from './datagen-connector';

export {
  ARG_PROPERTIES,
  AVRO_TYPE_ENUM,
  AVRO_TYPE_UNION,
  AvroRandomGenerator,
  DEFAULT_LENGTH,
} from './avro-random-generator';
export { type AvroSchema, parseAvroSchema, parseAvroSchemaText } from './avro-schema';
export {
  CONFIG_DEF,
  DatagenConfig,
  ITERATIONS_CONF,
  KAFKA_TOPIC_CONF,
  MAXINTERVAL_CONF,
  MISSING_KEYFIELD,
  QUICKSTART_CONF,
  RANDOM_SEED_CONF,
  SCHEMA_FILENAME_CONF,
  SCHEMA_KEYFIELD_CONF,
  SCHEMA_SOURCE_ERROR,
  SCHEMA_SOURCE_KEYS,
  SCHEMA_STRING_CONF,
  TASK_ID,
  UNPARSABLE_SCHEMA,
  VERSION,
} from './datagen-config';
export { DatagenConnector } from './datagen-connector';
export {
  CURRENT_ITERATION,
  DatagenTask,
  type DatagenTaskOptions,
  IDLE_WAIT_MS,
  MAX_BATCH_SIZE,
  MAX_POLL_WAIT_MS,
  RANDOM_SEED,
  TASK_GENERATION,
} from './datagen-task';
export { AvroSchemaError } from './errors';
export { QUICKSTARTS, type Quickstart, quickstartNamed } from './quickstarts';
export { RegexGenerator } from './regex-generator';
export { SeededRandom, taskSeed } from './seeded-random';

/** The connectors of this folder, for the plugin registry. */
export const DATAGEN_CONNECTOR_CLASSES = [DatagenConnector];
