import { type ConfigKey, type ConfigType, ConfigValue, convertToString, ConfigType as Types } from '../../api';

/**
 * The validation entities of the REST API with Kafka's JSON field names (ConfigInfos,
 * ConfigInfo, ConfigKeyInfo, ConfigValueInfo in connect/runtime/.../rest/entities), built the way
 * AbstractHerder builds them. Fields are created in Jackson's serialization order.
 */

/**
 * A key's definition. Kafka reads `order_in_group` but writes `order` (its getter's name), so
 * `order` is what clients see.
 */
export interface ConfigKeyInfo {
  name: string;
  type: ConfigType;
  required: boolean;
  default_value: string | null;
  importance: string;
  documentation: string | null;
  group: string | null;
  width: string;
  display_name: string;
  dependents: string[];
  order: number;
}

/** A key's validated value; PASSWORD values read "[hidden]". */
export interface ConfigValueInfo {
  name: string;
  value: string | null;
  recommended_values: string[];
  errors: string[];
  visible: boolean;
}

export interface ConfigInfo {
  definition: ConfigKeyInfo | null;
  value: ConfigValueInfo | null;
}

export interface ConfigInfos {
  name: string;
  error_count: number;
  groups: string[];
  configs: ConfigInfo[];
}

/** A key as the REST API shows it, its name under `prefix` (Kafka's AbstractHerder.convertConfigKey). */
export function convertConfigKey(key: ConfigKey, prefix = ''): ConfigKeyInfo {
  const required = !key.hasDefault();
  return {
    name: prefix + key.name,
    type: key.type,
    required,
    default_value: required ? null : convertToString(key.defaultValue, key.type),
    importance: key.importance,
    documentation: key.documentation,
    group: key.group,
    width: key.width,
    display_name: key.displayName,
    dependents: [...key.dependents],
    order: key.orderInGroup,
  };
}

/** A validated value as the REST API shows it (Kafka's AbstractHerder.convertConfigValue). */
export function convertConfigValue(value: ConfigValue, type: ConfigType | null): ConfigValueInfo {
  // Kafka prints the recommendations of a LIST key as strings, each element on its own.
  const recommendedType = type === Types.LIST ? Types.STRING : type;
  return {
    name: value.name,
    value: convertToString(value.value, type),
    recommended_values: value.recommendedValues.map((v) => convertToString(v, recommendedType) as string),
    errors: [...value.errorMessages],
    visible: value.visible,
  };
}

/**
 * The ConfigInfos of a connector config (Kafka's AbstractHerder.generateResult): first the values
 * of keys no definition declares, then every declared key in order with its value, if any. The
 * error count adds every error message of the listed values.
 */
export function generateResult(
  connType: string,
  configKeys: ReadonlyMap<string, ConfigKey>,
  configValues: readonly ConfigValue[],
  groups: readonly string[],
): ConfigInfos {
  let errorCount = 0;
  const configs: ConfigInfo[] = [];
  const valuesByName = new Map<string, ConfigValue>();
  for (const value of configValues) {
    valuesByName.set(value.name, value);
    if (!configKeys.has(value.name)) {
      configs.push({ definition: null, value: convertConfigValue(value, null) });
      errorCount += value.errorMessages.length;
    }
  }
  for (const [name, key] of configKeys) {
    const value = valuesByName.get(name);
    if (value) errorCount += value.errorMessages.length;
    configs.push({ definition: convertConfigKey(key), value: value ? convertConfigValue(value, key.type) : null });
  }
  return { name: connType, error_count: errorCount, groups: [...groups], configs };
}

/**
 * The ConfigInfos of a plugin configured under a prefix, e.g. `key.converter.` or
 * `producer.override.` (Kafka's AbstractHerder.prefixedConfigInfos). Each value with errors
 * counts once, however many messages it has.
 */
export function prefixedConfigInfos(
  configKeys: ReadonlyMap<string, ConfigKey>,
  configValues: readonly ConfigValue[],
  prefix: string,
): ConfigInfos {
  let errorCount = 0;
  const groups = new Set<string>();
  const configs: ConfigInfo[] = [];
  for (const validated of configValues) {
    const key = configKeys.get(validated.name);
    if (key?.group !== null && key?.group !== undefined) groups.add(key.group);
    // A fresh value, as in Kafka: visibility is not carried over.
    const value = new ConfigValue(
      prefix + validated.name,
      validated.value,
      validated.recommendedValues,
      validated.errorMessages,
    );
    if (value.errorMessages.length > 0) errorCount++;
    configs.push({
      definition: key ? convertConfigKey(key, prefix) : null,
      value: convertConfigValue(value, key ? key.type : null),
    });
  }
  return { name: '', error_count: errorCount, groups: [...groups], configs };
}

/** Several results as one, named `connType` (Kafka's AbstractHerder.mergeConfigInfos). */
export function mergeConfigInfos(connType: string, ...results: readonly (ConfigInfos | null)[]): ConfigInfos {
  let errorCount = 0;
  const groups = new Set<string>();
  const configs: ConfigInfo[] = [];
  for (const result of results) {
    if (!result) continue;
    errorCount += result.error_count;
    configs.push(...result.configs);
    for (const group of result.groups) groups.add(group);
  }
  return { name: connType, error_count: errorCount, groups: [...groups], configs };
}

/**
 * The 400 message for creating or updating a connector with an invalid config (Kafka's
 * AbstractHerder.maybeAddConfigErrors): the count, every error message in order, and the hint.
 */
export function configErrorsMessage(configInfos: {
  readonly error_count: number;
  readonly configs: ReadonlyArray<{ readonly value?: { readonly errors?: readonly string[] } | null }>;
}): string {
  const lines = [`Connector configuration is invalid and contains the following ${configInfos.error_count} error(s):`];
  for (const config of configInfos.configs) lines.push(...(config.value?.errors ?? []));
  lines.push(
    'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
  );
  return lines.join('\n');
}
