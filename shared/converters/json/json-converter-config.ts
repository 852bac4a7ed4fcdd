import { CaseInsensitiveValidString, type ConfigDef, ConfigType, Importance, Width } from '../../api';
import { ConverterConfig, newConverterConfigDef } from '../converter-config';

/** How JsonConverter writes Decimal values (Kafka's DecimalFormat). */
export const DecimalFormat = {
  /** A base64 string of the two's-complement unscaled value: 10.2345 at scale 4 is "AY/J". */
  BASE64: 'BASE64',
  /** A JSON number: 10.2345. */
  NUMERIC: 'NUMERIC',
} as const;
export type DecimalFormat = (typeof DecimalFormat)[keyof typeof DecimalFormat];

export const SCHEMAS_ENABLE_CONFIG = 'schemas.enable';
export const SCHEMAS_ENABLE_DEFAULT = true;
export const SCHEMAS_CACHE_SIZE_CONFIG = 'schemas.cache.size';
export const SCHEMAS_CACHE_SIZE_DEFAULT = 1000;
export const DECIMAL_FORMAT_CONFIG = 'decimal.format';
export const DECIMAL_FORMAT_DEFAULT = DecimalFormat.BASE64;
export const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';
export const REPLACE_NULL_WITH_DEFAULT_DEFAULT = true;

/** Kafka's JsonConverterConfig keys, with its defaults, groups and docs. */
const CONFIG_DEF: ConfigDef = newConverterConfigDef()
  .define({
    name: SCHEMAS_ENABLE_CONFIG,
    type: ConfigType.BOOLEAN,
    defaultValue: SCHEMAS_ENABLE_DEFAULT,
    importance: Importance.HIGH,
    documentation: 'Include schemas within each of the serialized values and keys.',
    group: 'Schemas',
    orderInGroup: 0,
    width: Width.MEDIUM,
    displayName: 'Enable Schemas',
  })
  .define({
    name: SCHEMAS_CACHE_SIZE_CONFIG,
    type: ConfigType.INT,
    defaultValue: SCHEMAS_CACHE_SIZE_DEFAULT,
    importance: Importance.HIGH,
    documentation: 'The maximum number of schemas that can be cached in this converter instance.',
    group: 'Schemas',
    orderInGroup: 1,
    width: Width.MEDIUM,
    displayName: 'Schema Cache Size',
  })
  .define({
    name: DECIMAL_FORMAT_CONFIG,
    type: ConfigType.STRING,
    defaultValue: DECIMAL_FORMAT_DEFAULT,
    validator: CaseInsensitiveValidString.in(DecimalFormat.BASE64, DecimalFormat.NUMERIC),
    importance: Importance.LOW,
    documentation:
      "Controls which format this converter will serialize decimals in. This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'",
    group: 'Serialization',
    orderInGroup: 0,
    width: Width.MEDIUM,
    displayName: 'Decimal Format',
  })
  .define({
    name: REPLACE_NULL_WITH_DEFAULT_CONFIG,
    type: ConfigType.BOOLEAN,
    defaultValue: REPLACE_NULL_WITH_DEFAULT_DEFAULT,
    importance: Importance.LOW,
    documentation:
      'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
    group: 'Serialization',
    orderInGroup: 1,
    width: Width.MEDIUM,
    displayName: 'Replace null with default',
  });

/** A parsed JsonConverter config (Kafka's JsonConverterConfig). @throws ConfigError for invalid values */
export class JsonConverterConfig extends ConverterConfig {
  readonly schemasEnabled: boolean;
  readonly schemaCacheSize: number;
  readonly decimalFormat: DecimalFormat;
  readonly replaceNullWithDefault: boolean;

  constructor(props: Readonly<Record<string, unknown>>) {
    super(CONFIG_DEF, props);
    this.schemasEnabled = this.getBoolean(SCHEMAS_ENABLE_CONFIG) ?? SCHEMAS_ENABLE_DEFAULT;
    this.schemaCacheSize = this.getInt(SCHEMAS_CACHE_SIZE_CONFIG) ?? SCHEMAS_CACHE_SIZE_DEFAULT;
    this.decimalFormat = (
      this.getString(DECIMAL_FORMAT_CONFIG) ?? DECIMAL_FORMAT_DEFAULT
    ).toUpperCase() as DecimalFormat;
    this.replaceNullWithDefault =
      this.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? REPLACE_NULL_WITH_DEFAULT_DEFAULT;
  }

  static configDef(): ConfigDef {
    return CONFIG_DEF;
  }
}
