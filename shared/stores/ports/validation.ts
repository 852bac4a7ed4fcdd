/**
 * Rules every adapter applies identically, so the memory and DynamoDB adapters accept and reject
 * the same inputs (the contract suite checks both).
 */
import { BadRequestError, DataError } from '../../api';
import type { PrimitiveMap } from './offset-store';
import type { StatusUpdate } from './status-store';

/**
 * The largest connector config we store, in UTF-8 bytes of its JSON. A DynamoDB item holds at most
 * 400 KB and the connector's item also carries its generation, timestamps and task-config pointer.
 */
export const MAX_CONFIG_BYTES = 350_000;
/** Status traces are cut to this many characters (a status item must stay well under 400 KB). */
export const MAX_TRACE_LENGTH = 64_000;
/** Retry bookkeeping keeps this many characters of the last error message. */
export const MAX_ERROR_LENGTH = 8_000;

/** UTF-8 length of a string, without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

/**
 * Checks a connector (or task) config is a flat map of strings that fits one item, and returns
 * its JSON (the stored form: it keeps the submitted key order exactly).
 * @throws BadRequestError otherwise.
 */
export function configJson(connector: string, config: Readonly<Record<string, string>>, what = 'Connector'): string {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new BadRequestError(`${what} configuration for ${connector} must be a map of strings`);
  }
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'string') {
      throw new BadRequestError(
        `${what} configuration for ${connector} must map strings to strings, but '${key}' is ${JSON.stringify(value) ?? String(value)} (${value === null ? 'null' : typeof value})`,
      );
    }
  }
  return JSON.stringify(config);
}

/** configJson plus the size limit of a connector config (task configs have none: they are chunked). */
export function connectorConfigJson(connector: string, config: Readonly<Record<string, string>>): string {
  const json = configJson(connector, config);
  const bytes = utf8Length(json);
  if (bytes > MAX_CONFIG_BYTES) {
    throw new BadRequestError(
      `Connector configuration for ${connector} is ${bytes} bytes of JSON; at most ${MAX_CONFIG_BYTES} bytes can be stored`,
    );
  }
  return json;
}

/**
 * The identity of a source partition: JSON with keys sorted by UTF-16 code units, so `{a, b}` and
 * `{b, a}` name the same partition. Built by hand because JavaScript objects put integer-like keys
 * first whatever the insertion order. Validates the map first.
 * @throws DataError when the map is not a map of primitives.
 */
export function canonicalPartition(partition: Readonly<Record<string, unknown>>): string {
  checkPrimitiveMap(partition, 'partition');
  return canonicalJson(partition as PrimitiveMap);
}

export function canonicalJson(map: PrimitiveMap): string {
  const keys = Object.keys(map).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(map[key])}`).join(',')}}`;
}

/**
 * Kafka's OffsetUtils.validateFormat: string keys, primitive values (strings, finite numbers,
 * booleans, null). Byte arrays, which Kafka also allows, are not supported: offsets are stored as JSON.
 * @throws DataError with Kafka's message.
 */
export function checkPrimitiveMap(map: unknown, what: 'partition' | 'offset'): asserts map is PrimitiveMap {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw new DataError(`Source ${what} must be a map, but got ${describe(map)}`);
  }
  for (const [key, value] of Object.entries(map)) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    throw new DataError(
      `Offsets may only contain primitive types as values, but field ${key} contains ${describe(value)}`,
    );
  }
}

/** Kafka-like type names for error texts (its Schema.Type names where one applies). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof Uint8Array) return 'BYTES';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const ctor = (value as object).constructor;
    return ctor === Object || ctor === undefined ? 'MAP' : `class ${ctor.name}`;
  }
  return typeof value;
}

/** The stored fields of a status: the trace only when non-empty (Kafka's `@JsonInclude(NON_EMPTY)`), and cut. */
export function statusFields(status: StatusUpdate): StatusUpdate {
  const fields: StatusUpdate = { state: status.state, workerId: status.workerId, generation: status.generation };
  return status.trace ? { ...fields, trace: truncate(status.trace, MAX_TRACE_LENGTH) } : fields;
}
