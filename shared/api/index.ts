/**
 * The plugin contract (Kafka's connect-api): the data model, connectors and tasks, converters,
 * transformations, ConfigDef and the error tree. It imports nothing else of the project.
 */
export { type Clock, systemClock } from './clock';
export { AbstractConfig } from './config/abstract-config';
export { type ClassLoader, isPluginClass } from './config/class-loader';
export {
  ConfigDef,
  ConfigKey,
  type ConfigKeyInit,
  ConfigType,
  convertToString,
  convertToStringMapWithPasswordValues,
  Importance,
  javaTrim,
  NO_DEFAULT_VALUE,
  parseType,
  type Recommender,
  Width,
} from './config/config-def';
export type { ConfigData, ConfigProvider } from './config/config-provider';
export { ConfigValue } from './config/config-value';
export { Password } from './config/password';
export {
  CaseInsensitiveValidString,
  CompositeValidator,
  LambdaValidator,
  ListSize,
  NonEmptyString,
  NonEmptyStringWithoutControlChars,
  NonNullValidator,
  Range,
  type Validator,
  ValidList,
  ValidString,
} from './config/validators';
export { ConnectRecord, type ConnectRecordInit } from './connector/connect-record';
export { Connector, type ConnectorContext } from './connector/connector';
export type { Configurable, PluginClass, Versioned } from './connector/plugin';
export type { Task } from './connector/task';
export type { TopicPartition, TopicPartitionOffset } from './connector/topic-partition';
export { type Converter, ConverterType, type HeaderConverter } from './converter/converter';
export { BigDecimal } from './data/big-decimal';
export { type Header, Headers } from './data/headers';
export { javaClassName, javaDateToString, javaDoubleToString, javaFloatToString, javaToString } from './data/java-text';
export { ConnectDate, MILLIS_PER_DAY } from './data/logical/date';
export { Decimal, fromTwosComplement, toTwosComplement } from './data/logical/decimal';
export { ConnectTime } from './data/logical/time';
export { ConnectTimestamp } from './data/logical/timestamp';
export {
  ConnectSchema,
  Field,
  isPrimitive,
  keySchemaOrNull,
  type Schema,
  Schemas,
  schemaEquals,
  Type,
  valueEquals,
  valueSchemaOrNull,
} from './data/schema';
export { SchemaAndValue } from './data/schema-and-value';
export { SchemaBuilder, type SchemaLike } from './data/schema-builder';
export { copySchemaBasics } from './data/schema-util';
export { Struct } from './data/struct';
export { validateValue } from './data/validation';
export { type DateFormat, Values } from './data/values';
export {
  AlreadyExistsError,
  BadRequestError,
  ConfigError,
  ConflictError,
  ConnectError,
  DataError,
  NotFoundError,
  RetriableError,
  SchemaError,
  UnsupportedOperationError,
} from './errors';
export { SinkConnector } from './sink/sink-connector';
export { SinkRecord, type SinkRecordInit, TimestampType } from './sink/sink-record';
export { type ErrantRecordReporter, SinkTask, type SinkTaskContext } from './sink/sink-task';
export {
  ConnectorTransactionBoundaries,
  ExactlyOnceSupport,
  SourceConnector,
} from './source/source-connector';
export { type SourceOffset, type SourcePartition, SourceRecord, type SourceRecordInit } from './source/source-record';
export {
  type OffsetStorageReader,
  type RecordMetadata,
  SourceTask,
  type SourceTaskContext,
  type TransactionContext,
} from './source/source-task';
export type { Predicate, Transformation } from './transforms/transformation';
