import {
  AbstractConfig,
  ConfigDef,
  ConfigType,
  ConverterType,
  Importance,
  NO_DEFAULT_VALUE,
  ValidString,
} from '../api';

/** The key every converter config carries (Kafka's ConverterConfig.TYPE_CONFIG); the worker sets it. */
export const TYPE_CONFIG = 'converter.type';
const TYPE_DOC = 'How this converter will be used.';

/**
 * A new ConfigDef holding `converter.type` (Kafka's ConverterConfig.newConfigDef): required, one
 * of key, value, header. Each converter's config adds its own keys to it.
 */
export function newConverterConfigDef(): ConfigDef {
  return new ConfigDef().define(
    TYPE_CONFIG,
    ConfigType.STRING,
    NO_DEFAULT_VALUE,
    ValidString.in(ConverterType.KEY, ConverterType.VALUE, ConverterType.HEADER),
    Importance.LOW,
    TYPE_DOC,
  );
}

/** A parsed converter config (Kafka's ConverterConfig). @throws ConfigError as AbstractConfig does */
export class ConverterConfig extends AbstractConfig {
  /** How the converter is used: key, value or header. */
  type(): ConverterType {
    return this.getString(TYPE_CONFIG) as ConverterType;
  }
}

/**
 * The configs with `converter.type` set from `isKey` (what Kafka's Converter#configure(Map, boolean)
 * does before configure(Map)); unchanged when `isKey` is undefined (a header converter's configure).
 */
export function withConverterType(
  configs: Readonly<Record<string, unknown>>,
  isKey: boolean | undefined,
): Readonly<Record<string, unknown>> {
  if (isKey === undefined) return configs;
  return { ...configs, [TYPE_CONFIG]: isKey ? ConverterType.KEY : ConverterType.VALUE };
}
