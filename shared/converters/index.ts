/**
 * The converters (Kafka's connect/json, connect/runtime converters, and the storage converters of
 * connect/api): each is named by its Java class name (`className`), so existing Kafka Connect
 * configs resolve to them. Imports only the plugin contract.
 */
import type { Converter, HeaderConverter, PluginClass } from '../api';
import { BooleanConverter } from './boolean-converter';
import { ByteArrayConverter } from './byte-array-converter';
import { JsonConverter } from './json/json-converter';
import { DoubleConverter, FloatConverter, IntegerConverter, LongConverter, ShortConverter } from './number-converter';
import { SimpleHeaderConverter } from './simple-header-converter';
import { StringConverter } from './string-converter';

export { BooleanConverter } from './boolean-converter';
export { ByteArrayConverter } from './byte-array-converter';
export { type Charset, charsetForName } from './charsets';
export { ConverterConfig, newConverterConfigDef, TYPE_CONFIG } from './converter-config';
export { JsonConverter } from './json/json-converter';
export {
  DECIMAL_FORMAT_CONFIG,
  DecimalFormat,
  JsonConverterConfig,
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  SCHEMAS_CACHE_SIZE_CONFIG,
  SCHEMAS_ENABLE_CONFIG,
} from './json/json-converter-config';
export { JsonSchema } from './json/json-schema';
export { DoubleConverter, FloatConverter, IntegerConverter, LongConverter, ShortConverter } from './number-converter';
export { SimpleHeaderConverter } from './simple-header-converter';
export { ENCODING_CONFIG, StringConverter, StringConverterConfig } from './string-converter';
export { KAFKA_VERSION } from './version';

/** Every Converter, for the plugin registry. */
export const CONVERTER_CLASSES: readonly PluginClass<Converter>[] = [
  JsonConverter,
  StringConverter,
  ByteArrayConverter,
  IntegerConverter,
  LongConverter,
  ShortConverter,
  FloatConverter,
  DoubleConverter,
  BooleanConverter,
];

/** Every HeaderConverter, for the plugin registry (SimpleHeaderConverter is the worker's default). */
export const HEADER_CONVERTER_CLASSES: readonly PluginClass<HeaderConverter>[] = [
  SimpleHeaderConverter,
  JsonConverter,
  StringConverter,
  ByteArrayConverter,
  IntegerConverter,
  LongConverter,
  ShortConverter,
  FloatConverter,
  DoubleConverter,
  BooleanConverter,
];
