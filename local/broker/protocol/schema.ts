/**
 * The shape of the field tables in ./messages.ts, which mirror Apache Kafka's message definition JSON:
 * a field's type is Kafka's (`int32`, `string`, `[]int32`, `[]FetchTopic` with its `fields`), and version
 * ranges keep Kafka's notation (`0+`, `3-12`, `none`).
 */
export interface FieldSpec {
  /** Kafka's field name in camelCase, the property name in decoded and encoded values. */
  readonly name: string;
  readonly type: string;
  readonly versions: string;
  readonly nullableVersions?: string;
  /** Versions in which the field is a tagged field (flexible versions only), with its tag. */
  readonly taggedVersions?: string;
  readonly tag?: number;
  /** Overrides the message's flexible versions for this field (the request header's ClientId: `none`). */
  readonly flexibleVersions?: string;
  readonly default?: number | bigint | boolean | string | null;
  /** The fields of a struct or of each element of a struct array. */
  readonly fields?: readonly FieldSpec[];
}

export interface MessageSpec {
  readonly name: string;
  readonly apiKey?: number;
  readonly validVersions: string;
  readonly flexibleVersions: string;
  readonly fields: readonly FieldSpec[];
}

/** An int64 as handlers write it: offsets and timestamps fit a number, so either is accepted. */
export type Int64 = bigint | number;

/**
 * Record data as handlers write it: one buffer, or several written back to back without copying
 * (a fetch response points at the bytes read from segment files).
 */
export type Records = Buffer | readonly Buffer[] | null;

export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

const NO_VERSIONS: VersionRange = { min: 1, max: 0 };
const MAX_VERSION = 0x7fff;

/** Parses Kafka's version notation: `3+`, `3-12`, `5`, `none`. */
export function parseVersions(range: string | undefined): VersionRange {
  if (range === undefined || range === 'none') return NO_VERSIONS;
  if (range.endsWith('+')) return { min: Number.parseInt(range, 10), max: MAX_VERSION };
  const [min, max = min] = range.split('-');
  return { min: Number.parseInt(min ?? '', 10), max: Number.parseInt(max ?? '', 10) };
}

export function inRange(range: VersionRange, version: number): boolean {
  return version >= range.min && version <= range.max;
}
