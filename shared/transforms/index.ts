/**
 * Kafka Connect's built-in single message transforms and predicates (connect/transforms), each
 * under its Java class name (`static className`, with `$Key` / `$Value` for the variants), as the
 * plugin registry lists them for GET /connector-plugins?connectorsOnly=false.
 */
import type { ConnectRecord, PluginClass, Predicate, Transformation } from '../api';
import { Cast, CastKey, CastValue } from './cast';
import { DropHeaders } from './drop-headers';
import { ExtractField, ExtractFieldKey, ExtractFieldValue } from './extract-field';
import { Filter } from './filter';
import { Flatten, FlattenKey, FlattenValue } from './flatten';
import { HeaderFrom, HeaderFromKey, HeaderFromValue } from './header-from';
import { HoistField, HoistFieldKey, HoistFieldValue } from './hoist-field';
import { InsertField, InsertFieldKey, InsertFieldValue } from './insert-field';
import { InsertHeader } from './insert-header';
import { MaskField, MaskFieldKey, MaskFieldValue } from './mask-field';
import { HasHeaderKey } from './predicates/has-header-key';
import { RecordIsTombstone } from './predicates/record-is-tombstone';
import { TopicNameMatches } from './predicates/topic-name-matches';
import { RegexRouter } from './regex-router';
import { ReplaceField, ReplaceFieldKey, ReplaceFieldValue } from './replace-field';
import { SetSchemaMetadata, SetSchemaMetadataKey, SetSchemaMetadataValue } from './set-schema-metadata';
import { TimestampConverter, TimestampConverterKey, TimestampConverterValue } from './timestamp-converter';
import { TimestampRouter } from './timestamp-router';
import { ValueToKey } from './value-to-key';

export { IllegalArgumentError } from './errors';
export {
  Cast,
  CastKey,
  CastValue,
  DropHeaders,
  ExtractField,
  ExtractFieldKey,
  ExtractFieldValue,
  Filter,
  Flatten,
  FlattenKey,
  FlattenValue,
  HasHeaderKey,
  HeaderFrom,
  HeaderFromKey,
  HeaderFromValue,
  HoistField,
  HoistFieldKey,
  HoistFieldValue,
  InsertField,
  InsertFieldKey,
  InsertFieldValue,
  InsertHeader,
  MaskField,
  MaskFieldKey,
  MaskFieldValue,
  RecordIsTombstone,
  RegexRouter,
  ReplaceField,
  ReplaceFieldKey,
  ReplaceFieldValue,
  SetSchemaMetadata,
  SetSchemaMetadataKey,
  SetSchemaMetadataValue,
  TimestampConverter,
  TimestampConverterKey,
  TimestampConverterValue,
  TimestampRouter,
  TopicNameMatches,
  ValueToKey,
};

// biome-ignore lint/suspicious/noExplicitAny: a plugin class serves records of any kind
type AnyRecord = ConnectRecord<any>;

/**
 * Every transformation class Kafka ships (META-INF/services/...Transformation), in Kafka's
 * alphabetical order.
 */
export const TRANSFORMATION_CLASSES: readonly PluginClass<Transformation<AnyRecord>>[] = [
  CastKey,
  CastValue,
  DropHeaders,
  ExtractFieldKey,
  ExtractFieldValue,
  Filter,
  FlattenKey,
  FlattenValue,
  HeaderFromKey,
  HeaderFromValue,
  HoistFieldKey,
  HoistFieldValue,
  InsertFieldKey,
  InsertFieldValue,
  InsertHeader,
  MaskFieldKey,
  MaskFieldValue,
  RegexRouter,
  ReplaceFieldKey,
  ReplaceFieldValue,
  SetSchemaMetadataKey,
  SetSchemaMetadataValue,
  TimestampConverterKey,
  TimestampConverterValue,
  TimestampRouter,
  ValueToKey,
];

/** Every predicate class Kafka ships (META-INF/services/...Predicate). */
export const PREDICATE_CLASSES: readonly PluginClass<Predicate<AnyRecord>>[] = [
  HasHeaderKey,
  RecordIsTombstone,
  TopicNameMatches,
];
