import { randomInt } from 'node:crypto';
import {
  type Clock,
  ConfigError,
  ConnectError,
  Headers,
  type Schema,
  Schemas,
  type SourcePartition,
  SourceRecord,
  SourceTask,
  type Struct,
  systemClock,
} from '../../api';
import { AvroRandomGenerator } from './avro-random-generator';
import {
  DatagenConfig,
  MISSING_KEYFIELD,
  SCHEMA_KEYFIELD_CONF,
  SCHEMA_SOURCE_ERROR,
  TASK_ID,
  VERSION,
} from './datagen-config';
import { normalizeSeed, SeededRandom, taskSeed } from './seeded-random';

// The source offset fields and record headers of Confluent's DatagenTask.
export const TASK_GENERATION = 'task.generation';
export const CURRENT_ITERATION = 'current.iteration';
export const RANDOM_SEED = 'random.seed';

/** The most records one poll() returns. */
export const MAX_BATCH_SIZE = 1000;
/** The most one poll() waits in all for records to fall due (max.interval), so it never blocks an invocation for long. */
export const MAX_POLL_WAIT_MS = 1000;
/** How long poll() waits before returning null once `iterations` records were generated. */
export const IDLE_WAIT_MS = 1000;

/** Streams of draws per record (see SeededRandom.forStream): the record's value, and the pause before it. */
const VALUE_STREAM = 0;
const PAUSE_STREAM = 1;

export interface DatagenTaskOptions {
  /** Where poll() waits and reads the time; tests pass a fake clock so they never sleep. */
  clock?: Clock;
  /** The seed of a task with no random.seed and no stored offset; random by default. */
  seedSource?: () => number;
}

/**
 * Generates records from the connector's Avro schema (Confluent's DatagenTask): each value a
 * Struct of the schema, the key the schema.keyfield field (or the quickstart's key field) with that
 * field's schema, else a null key with an optional string schema. Headers task.generation, task.id
 * and current.iteration (INT64) say where the record came from.
 *
 * Offsets, as Confluent's: the partition {task.id}, the offset {task.generation, current.iteration,
 * random.seed} of the state after the record, so that a restarted task resumes with the next
 * iteration, in the next generation, with the same random stream. Record n is drawn from a stream
 * keyed by the seed and n, so a resumed task produces exactly what an uninterrupted one would have.
 *
 * poll() suits a time-boxed invocation: it returns up to MAX_BATCH_SIZE records, pausing a random
 * time in [0, max.interval) before each (Kafka's datagen sleeps so before each record) through the
 * injected clock, and returns what it has once it has waited MAX_POLL_WAIT_MS; a pause not yet over
 * carries over to the next poll. After `iterations` records (when > 0) it returns null from then
 * on; Kafka's datagen throws instead, failing the task ("Stopping connector: generated the
 * configured N number of messages"), which here would leave a FAILED task behind a finished one.
 */
export class DatagenTask extends SourceTask {
  static readonly className = 'io.confluent.kafka.connect.datagen.DatagenTask';

  private readonly clock: Clock;
  private readonly seedSource: () => number;
  private topic = '';
  private maxInterval = 0;
  private maxRecords = 0;
  private keyField = '';
  private keySchema: Schema = Schemas.OPTIONAL_STRING;
  private taskId = 0;
  private sourcePartition: SourcePartition = {};
  private taskGeneration = 0;
  /** The iteration of the next record: how many this task has generated, over all its lifetimes. */
  private count = 0;
  private seed = 0;
  private generator: AvroRandomGenerator | null = null;
  /** When the next record is due (clock time), once its pause was drawn. */
  private nextDueAt: number | null = null;
  private stopped = false;

  constructor(options: DatagenTaskOptions = {}) {
    super();
    this.clock = options.clock ?? systemClock;
    this.seedSource = options.seedSource ?? randomSeed;
  }

  version(): string {
    return VERSION;
  }

  /**
   * Reads the config and the stored offset of this task's partition, and builds the generator.
   * @throws ConfigError for an invalid config, no schema or a key field the schema lacks
   * @throws ConnectError for a stored offset that is not Datagen's
   */
  async start(props: Readonly<Record<string, string>>): Promise<void> {
    const config = new DatagenConfig(props);
    this.topic = config.kafkaTopic();
    this.maxInterval = config.maxInterval();
    this.maxRecords = config.iterations();
    this.keyField = config.schemaKeyfield();
    this.taskId = parseTaskId(props[TASK_ID]);
    this.sourcePartition = { [TASK_ID]: this.taskId };
    this.taskGeneration = 0;
    this.count = 0;
    this.nextDueAt = null;
    this.stopped = false;
    const configuredSeed = config.randomSeed();
    this.seed = configuredSeed === null ? normalizeSeed(this.seedSource()) : taskSeed(configuredSeed, this.taskId);

    const avro = config.schema();
    if (!avro) throw new ConfigError(SCHEMA_SOURCE_ERROR);
    if (this.keyField !== '' && !avro.fields.some((field) => field.name === this.keyField)) {
      throw new ConfigError(MISSING_KEYFIELD, { key: SCHEMA_KEYFIELD_CONF, value: this.keyField });
    }

    if (!this.context) throw new ConnectError('DatagenTask was not initialized with a SourceTaskContext');
    const offset = await this.context.offsetStorageReader().offset(this.sourcePartition);
    if (offset) {
      // The stored offset holds the next state, so it is restored as it is.
      this.taskGeneration = offsetLong(offset, TASK_GENERATION);
      this.count = offsetLong(offset, CURRENT_ITERATION);
      this.seed = normalizeSeed(offsetLong(offset, RANDOM_SEED, true));
    }

    this.generator = new AvroRandomGenerator(avro, this.count);
    const valueSchema = this.generator.schema;
    this.keySchema =
      this.keyField === '' ? Schemas.OPTIONAL_STRING : (valueSchema.field(this.keyField)?.schema as Schema);
  }

  /** Up to MAX_BATCH_SIZE records as they fall due, or null when none is due yet or all were generated. */
  async poll(): Promise<SourceRecord[] | null> {
    if (this.exhausted()) {
      if (!this.stopped) await this.clock.sleep(IDLE_WAIT_MS);
      return null;
    }
    const records: SourceRecord[] = [];
    let waited = 0;
    while (records.length < MAX_BATCH_SIZE && !this.stopped && !this.exhausted()) {
      if (this.maxInterval > 0) {
        this.nextDueAt ??= this.clock.now() + this.pause();
        const wait = this.nextDueAt - this.clock.now();
        if (wait > 0) {
          const sleep = Math.min(wait, MAX_POLL_WAIT_MS - waited);
          if (sleep <= 0) break;
          await this.clock.sleep(sleep);
          waited += sleep;
          if (this.clock.now() < this.nextDueAt) break;
        }
      }
      records.push(this.nextRecord());
      this.nextDueAt = null;
    }
    return records.length > 0 ? records : null;
  }

  stop(): void {
    this.stopped = true;
  }

  private exhausted(): boolean {
    return this.maxRecords > 0 && this.count >= this.maxRecords;
  }

  /** The pause before the next record: uniform in [0, max.interval), as Kafka's datagen sleeps. */
  private pause(): number {
    return Math.floor(this.maxInterval * SeededRandom.forStream(this.seed, this.count, PAUSE_STREAM).nextDouble());
  }

  private nextRecord(): SourceRecord {
    const generator = this.generator;
    if (!generator) throw new ConnectError('DatagenTask was not started');
    const value = generator.generate(SeededRandom.forStream(this.seed, this.count, VALUE_STREAM)) as Struct;
    const headers = new Headers()
      .add(TASK_GENERATION, this.taskGeneration, Schemas.INT64)
      .add(TASK_ID, this.taskId, Schemas.INT64)
      .add(CURRENT_ITERATION, this.count, Schemas.INT64);
    const record = new SourceRecord({
      sourcePartition: this.sourcePartition,
      // The state the next lifetime restores: the next generation, after this record, with this seed.
      sourceOffset: {
        [TASK_GENERATION]: this.taskGeneration + 1,
        [CURRENT_ITERATION]: this.count + 1,
        [RANDOM_SEED]: this.seed,
      },
      topic: this.topic,
      kafkaPartition: null,
      keySchema: this.keySchema,
      key: this.keyField === '' ? null : value.get(this.keyField),
      valueSchema: generator.schema,
      value,
      timestamp: null,
      headers,
    });
    this.count++;
    return record;
  }
}

function parseTaskId(value: string | undefined): number {
  if (value === undefined) return 0;
  const id = Number(value);
  if (!Number.isInteger(id) || id < 0 || value.trim() === '') {
    throw new ConfigError(`Invalid value ${value} for configuration ${TASK_ID}: Not a task id`, {
      key: TASK_ID,
      value,
    });
  }
  return id;
}

/** An integral offset field (a Java Long); a stored seed may be any integer, a count must be non-negative. */
function offsetLong(offset: Readonly<Record<string, unknown>>, field: string, signed = false): number {
  const value = offset[field];
  const asNumber = typeof value === 'bigint' ? Number(value) : value;
  if (typeof asNumber !== 'number' || !Number.isInteger(asNumber) || (!signed && asNumber < 0)) {
    throw new ConnectError(`The stored offset's '${field}' is not a valid long: ${String(value)}`);
  }
  return asNumber;
}

function randomSeed(): number {
  return randomInt(2 ** 21) * 2 ** 32 + randomInt(2 ** 32);
}
