import { readFileSync } from 'node:fs';
import {
  AbstractConfig,
  ConfigDef,
  ConfigError,
  ConfigType,
  Importance,
  LambdaValidator,
  NO_DEFAULT_VALUE,
  type Validator,
} from '../../api';
import { AvroRandomGenerator } from './avro-random-generator';
import { type AvroRecord, type AvroSchema, parseAvroSchema, parseAvroSchemaText } from './avro-schema';
import { AvroSchemaError } from './errors';
import { QUICKSTARTS, quickstartNamed } from './quickstarts';

/** The kafka-connect-datagen release whose keys and behaviour these reproduce. */
export const VERSION = '0.7.1';

// Confluent's DatagenConnectorConfig keys, with their docs.
export const KAFKA_TOPIC_CONF = 'kafka.topic';
const KAFKA_TOPIC_DOC = 'Topic to write to';
export const MAXINTERVAL_CONF = 'max.interval';
const MAXINTERVAL_DOC = 'Max interval between messages (ms)';
export const ITERATIONS_CONF = 'iterations';
const ITERATIONS_DOC = 'Number of messages to send from each task, or less than 1 for unlimited';
export const SCHEMA_STRING_CONF = 'schema.string';
const SCHEMA_STRING_DOC = 'The literal JSON-encoded Avro schema to use';
export const SCHEMA_FILENAME_CONF = 'schema.filename';
const SCHEMA_FILENAME_DOC = 'Filename of schema to use';
export const SCHEMA_KEYFIELD_CONF = 'schema.keyfield';
const SCHEMA_KEYFIELD_DOC = 'Name of field to use as the message key';
export const QUICKSTART_CONF = 'quickstart';
const QUICKSTART_DOC = 'Name of quickstart to use';
export const RANDOM_SEED_CONF = 'random.seed';
const RANDOM_SEED_DOC =
  'Numeric seed for generating random data. Two connectors started with the same seed will deterministically ' +
  'produce the same data. Each task will generate different data than the other tasks in the same connector.';

/** The keys that name where the schema comes from; exactly one must be set (DatagenConnectorConfig.schemaSourceKeys). */
export const SCHEMA_SOURCE_KEYS = [SCHEMA_STRING_CONF, SCHEMA_FILENAME_CONF, QUICKSTART_CONF] as const;

/** The key a task config gives its task id by (DatagenTask.TASK_ID). */
export const TASK_ID = 'task.id';

/** Confluent's texts. */
export const SCHEMA_SOURCE_ERROR = `Must set exactly one of ${SCHEMA_SOURCE_KEYS.join(', ')}`;
export const UNPARSABLE_SCHEMA = 'Unable to parse the provided schema';
export const MISSING_KEYFIELD = `The schema does not contain the field provided in '${SCHEMA_KEYFIELD_CONF}'`;

/**
 * A schema with its generator, checked: parsed, a record, and every generator argument valid.
 * @throws AvroSchemaError when it is not
 */
export function compileSchema(schema: AvroSchema): { avro: AvroRecord; generator: AvroRandomGenerator } {
  if (schema.type !== 'record') {
    throw new AvroSchemaError(`The schema must be a record for Datagen to produce Structs, found ${schema.type}`);
  }
  return { avro: schema, generator: new AvroRandomGenerator(schema) };
}

/** Kafka's datagen checks a schema.string by parsing it; here the generator arguments are checked too. */
function schemaFromString(text: string): AvroRecord {
  return checked(() => compileSchema(parseAvroSchemaText(text)).avro);
}

/**
 * A schema.filename: a file, or, when no such file exists, the name of a schema Confluent bundles
 * (e.g. "product.avro"), which Kafka's datagen finds on its class path.
 */
function schemaFromFile(filename: string): AvroRecord {
  let text: string;
  try {
    text = readFileSync(filename, 'utf8');
  } catch (err) {
    const bundled = QUICKSTARTS.find((quickstart) => quickstart.schemaFilename === filename);
    if (bundled) return checked(() => compileSchema(parseAvroSchema(bundled.schema)).avro);
    throw new ConfigError(`${UNPARSABLE_SCHEMA}: unable to find the schema file ${filename}`, {
      key: SCHEMA_FILENAME_CONF,
      cause: err,
    });
  }
  return schemaFromString(text);
}

/** Confluent's one message for any schema that cannot be used, followed here by the reason. */
function checked<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof AvroSchemaError) throw new ConfigError(`${UNPARSABLE_SCHEMA}: ${err.message}`, { cause: err });
    throw err;
  }
}

/** A validator that skips the empty default, as Confluent's do. */
function whenSet(check: (name: string, value: string) => void, description: string): Validator {
  return LambdaValidator.with(
    (name, value) => {
      if (typeof value === 'string' && value !== '') check(name, value);
    },
    () => description,
  );
}

const QUICKSTART_VALIDATOR = whenSet(
  (name, value) => {
    if (!quickstartNamed(value)) {
      throw new ConfigError(`${name} must be one out of ${QUICKSTARTS.map((q) => q.name).join(',')}`, {
        key: name,
        value,
      });
    }
  },
  `[${QUICKSTARTS.map((q) => q.name).join(', ')}]`,
);

/**
 * Confluent's DatagenConnectorConfig.conf(): the same keys, types, defaults and docs. `kafka.topic`
 * is required; the schema comes from exactly one of quickstart, schema.string or schema.filename.
 */
export const CONFIG_DEF = new ConfigDef()
  .define(KAFKA_TOPIC_CONF, ConfigType.STRING, NO_DEFAULT_VALUE, Importance.HIGH, KAFKA_TOPIC_DOC)
  .define(MAXINTERVAL_CONF, ConfigType.LONG, 500, Importance.HIGH, MAXINTERVAL_DOC)
  .define(ITERATIONS_CONF, ConfigType.INT, -1, Importance.HIGH, ITERATIONS_DOC)
  .define(
    SCHEMA_STRING_CONF,
    ConfigType.STRING,
    '',
    whenSet((_, value) => schemaFromString(value), 'a JSON Avro record schema'),
    Importance.HIGH,
    SCHEMA_STRING_DOC,
  )
  .define(
    SCHEMA_FILENAME_CONF,
    ConfigType.STRING,
    '',
    whenSet((_, value) => schemaFromFile(value), 'a file holding a JSON Avro record schema'),
    Importance.HIGH,
    SCHEMA_FILENAME_DOC,
  )
  .define(SCHEMA_KEYFIELD_CONF, ConfigType.STRING, '', Importance.HIGH, SCHEMA_KEYFIELD_DOC)
  .define(QUICKSTART_CONF, ConfigType.STRING, '', QUICKSTART_VALIDATOR, Importance.HIGH, QUICKSTART_DOC)
  .define(RANDOM_SEED_CONF, ConfigType.LONG, null, Importance.LOW, RANDOM_SEED_DOC);

/** Whether a schema source key is set to something (DatagenConnectorConfig.isExplicitlySetSchemaSource). */
export function isExplicitlySetSchemaSource(key: string, value: unknown): boolean {
  return (
    (SCHEMA_SOURCE_KEYS as readonly string[]).includes(key) && value !== '' && value !== null && value !== undefined
  );
}

/** A parsed datagen config, read through typed getters (Confluent's DatagenConnectorConfig). */
export class DatagenConfig extends AbstractConfig {
  /** @throws ConfigError for an invalid config */
  constructor(props: Readonly<Record<string, string>>) {
    super(CONFIG_DEF, props);
  }

  kafkaTopic(): string {
    return this.getString(KAFKA_TOPIC_CONF) as string;
  }

  maxInterval(): number {
    return this.getLong(MAXINTERVAL_CONF) as number;
  }

  iterations(): number {
    return this.getInt(ITERATIONS_CONF) as number;
  }

  quickstart(): string {
    return this.getString(QUICKSTART_CONF) ?? '';
  }

  /** The key field: schema.keyfield, else the quickstart's key field, else '' (no key). */
  schemaKeyfield(): string {
    const keyfield = this.getString(SCHEMA_KEYFIELD_CONF) ?? '';
    if (keyfield === '' && this.quickstart() !== '') return quickstartNamed(this.quickstart())?.keyField ?? '';
    return keyfield;
  }

  randomSeed(): number | null {
    return this.getLong(RANDOM_SEED_CONF);
  }

  /**
   * The schema, from the first source set of quickstart, schema.string and schema.filename (as
   * Confluent's getSchema()), or null when none is.
   * @throws ConfigError when it cannot be read
   */
  schema(): AvroRecord | null {
    const quickstart = quickstartNamed(this.quickstart());
    if (quickstart) return checked(() => compileSchema(parseAvroSchema(quickstart.schema)).avro);
    const text = this.getString(SCHEMA_STRING_CONF) ?? '';
    if (text !== '') return schemaFromString(text);
    const filename = this.getString(SCHEMA_FILENAME_CONF) ?? '';
    if (filename !== '') return schemaFromFile(filename);
    return null;
  }
}
