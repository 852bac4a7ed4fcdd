import {
  BadRequestError,
  type ConfigDef,
  type ConfigKey,
  ConfigValue,
  type Connector,
  ConnectorTransactionBoundaries,
  type ConverterType,
  ExactlyOnceSupport,
  Password,
  parseType,
  SourceConnector,
} from '../../api';
import {
  CONNECTOR_CLASS_CONFIG,
  CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX,
  CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX,
  CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX,
  EXACTLY_ONCE_SUPPORT_CONFIG,
  ExactlyOnceSupportLevel,
  enrich,
  exactlyOnceSupportLevelOf,
  HEADER_CONVERTER_CLASS_CONFIG,
  hasDlqTopicConfig,
  KEY_CONVERTER_CLASS_CONFIG,
  NAME_CONFIG,
  OFFSETS_TOPIC_CONFIG,
  sinkConnectorConfigDef,
  sourceConnectorConfigDef,
  TRANSACTION_BOUNDARY_CONFIG,
  TransactionBoundary,
  transactionBoundaryOf,
  usesTopicCreation,
  VALUE_CONVERTER_CLASS_CONFIG,
  validateSinkConnectorConfig,
} from '../../config';
import type { PluginRegistry } from '../../plugins';
import { type ConfigInfos, generateResult, mergeConfigInfos, prefixedConfigInfos } from './config-infos';
import {
  AllConnectorClientConfigOverridePolicy,
  ClientType,
  type ConnectorClientConfigOverridePolicy,
} from './override-policy';

/** The Kafka client settings that are PASSWORD-typed (SslConfigs, SaslConfigs), hidden when no client ConfigDef is given. */
const CLIENT_PASSWORD_KEYS = new Set([
  'sasl.jaas.config',
  'ssl.key.password',
  'ssl.keystore.certificate.chain',
  'ssl.keystore.key',
  'ssl.keystore.password',
  'ssl.truststore.certificates',
  'ssl.truststore.password',
]);

/** What the platform tells validation, in place of Kafka's worker config. */
export interface ValidationOptions {
  /**
   * Whether the platform runs source connectors with exactly-once support (Kafka's worker
   * exactly.once.source.support=enabled). False: `exactly.once.support=required` is an error.
   */
  exactlyOnceSourceEnabled?: boolean;
  /** Which client overrides connectors may set (worker connector.client.config.override.policy); All by default. */
  clientConfigOverridePolicy?: ConnectorClientConfigOverridePolicy;
  /**
   * The group id of the Connect workers, for Kafka's distributed-mode check that a sink's consumer
   * group does not collide with it. Left out, the check is skipped (serverless has no worker group).
   */
  workerGroupId?: string;
  /**
   * The Kafka clients' ConfigDefs (ProducerConfig, ConsumerConfig, AdminClientConfig) to type and
   * document `*.override.*` keys. Without them override values stay strings and have no
   * definition; the known password keys still read "[hidden]".
   */
  clientConfigDefs?: { producer?: ConfigDef; consumer?: ConfigDef; admin?: ConfigDef };
}

/**
 * Validates a connector config as PUT /connector-plugins/{type}/config/validate and connector
 * creation do (Kafka's AbstractHerder.validateConnectorConfig, with DistributedHerder's sink and
 * source checks): the connector class by name or alias; the framework keys plus the keys of each
 * transform and predicate; the sink topic and DLQ rules or the source exactly-once rules; the
 * connector's own validate(); the converters the config sets; and the client overrides against
 * the override policy. Keys nothing declares are ignored. Config provider placeholders must be
 * resolved before (Kafka resolves them first).
 *
 * Never throws for an invalid value: errors are in the result and `error_count`.
 * @throws BadRequestError when connector.class is missing ("Connector config {...} contains no
 *   connector type") or the connector's config()/validate() return nothing
 * @throws ConnectError when no connector matches connector.class (Kafka's texts)
 */
export function validateConnectorConfig(
  config: Readonly<Record<string, string | null>>,
  registry: PluginRegistry,
  options: ValidationOptions = {},
): ConfigInfos {
  const connType = config[CONNECTOR_CLASS_CONFIG];
  if (connType === undefined || connType === null) {
    throw new BadRequestError(`Connector config ${javaMapString(config)} contains no connector type`);
  }
  const connector = registry.newConnector(connType);
  const className = (connector.constructor as { className?: string }).className ?? connType;
  // Null values are kept as Kafka keeps them: present, parsing to null, and reported below.
  const props = config as Readonly<Record<string, string>>;
  const isSource = connector instanceof SourceConnector;

  const enrichedDef = enrich(registry, isSource ? sourceConnectorConfigDef() : sinkConnectorConfigDef(), props, false);
  const validated = enrichedDef.validateAll(props, registry);
  if (isSource) {
    validateExactlyOnceSupport(props, validated, connector, options.exactlyOnceSourceEnabled ?? false);
    validateTransactionBoundary(props, validated, connector);
  } else {
    validateSinkConnectorConfig(props, validated);
    if (options.workerGroupId !== undefined) validateSinkGroupId(props, validated, options.workerGroupId);
  }
  for (const [name, value] of Object.entries(config)) {
    if (value !== null) continue;
    let configValue = validated.get(name);
    if (!configValue) {
      configValue = new ConfigValue(name);
      validated.set(name, configValue);
    }
    configValue.addErrorMessage('Null value can not be supplied as the configuration value.');
  }

  const configValues = [...validated.values()];
  const configKeys = new Map<string, ConfigKey>(enrichedDef.configKeys());
  const groups = new Set(enrichedDef.groups());
  const connectorDef = connector.config() as ConfigDef | null;
  if (!connectorDef) throw new BadRequestError(`${className}.config() must return a ConfigDef that is not null.`);
  const connectorValues = connector.validate(props) as ConfigValue[] | null;
  if (!connectorValues) throw new BadRequestError(`${className}.validate() must return a Config that is not null.`);
  // The connector's definition of a key replaces the framework's, keeping its place (LinkedHashMap#putAll).
  for (const key of connectorDef.configKeys().values()) configKeys.set(key.name, key);
  for (const group of connectorDef.groups()) groups.add(group);
  configValues.push(...connectorValues);

  const headerConverterInfos = validateConverterConfig(
    registry,
    props,
    validated.get(HEADER_CONVERTER_CLASS_CONFIG),
    'header',
    HEADER_CONVERTER_CLASS_CONFIG,
  );
  const keyConverterInfos = validateConverterConfig(
    registry,
    props,
    validated.get(KEY_CONVERTER_CLASS_CONFIG),
    'key',
    KEY_CONVERTER_CLASS_CONFIG,
  );
  const valueConverterInfos = validateConverterConfig(
    registry,
    props,
    validated.get(VALUE_CONVERTER_CLASS_CONFIG),
    'value',
    VALUE_CONVERTER_CLASS_CONFIG,
  );

  const configInfos = generateResult(connType, configKeys, configValues, [...groups]);

  const policy = options.clientConfigOverridePolicy ?? new AllConnectorClientConfigOverridePolicy();
  const connectorType = isSource ? 'source' : 'sink';
  const eos = options.exactlyOnceSourceEnabled ?? false;
  // DistributedHerder: a source with its own offsets topic (or with exactly-once) uses a consumer and an admin too.
  const separateOffsetsClients = isSource && (eos || (props[OFFSETS_TOPIC_CONFIG] ?? '').trim() !== '');
  const overrides = (prefix: string, clientType: ClientType, clientDef: ConfigDef | undefined) =>
    validateClientOverrides(props, prefix, clientDef, {
      connectorName: props[NAME_CONFIG] ?? null,
      connectorType,
      connectorClass: className,
      clientType,
      policy,
    });
  const defs = options.clientConfigDefs ?? {};
  const producerInfos =
    isSource || hasDlqTopicConfig(props)
      ? overrides(CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX, ClientType.PRODUCER, defs.producer)
      : null;
  const adminInfos =
    (isSource ? usesTopicCreation(props) : hasDlqTopicConfig(props)) || separateOffsetsClients
      ? overrides(CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX, ClientType.ADMIN, defs.admin)
      : null;
  const consumerInfos =
    !isSource || separateOffsetsClients
      ? overrides(CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX, ClientType.CONSUMER, defs.consumer)
      : null;

  return mergeConfigInfos(
    connType,
    configInfos,
    producerInfos,
    consumerInfos,
    adminInfos,
    headerConverterInfos,
    keyConverterInfos,
    valueConverterInfos,
  );
}

/** The entries under `prefix` (and longer than it), prefix stripped (Kafka's Utils.entriesWithPrefix). */
function entriesWithPrefix(props: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith(prefix) && key.length > prefix.length) result[key.slice(prefix.length)] = value;
  }
  return result;
}

/**
 * Validates a converter the connector config sets, with its `<property>.*` keys plus
 * `converter.type` (Kafka's AbstractHerder.validateConverterConfig). Null when the config does not
 * set it or its class already has errors. Failures become errors on the converter key.
 */
function validateConverterConfig(
  registry: PluginRegistry,
  props: Readonly<Record<string, string>>,
  classValue: ConfigValue | undefined,
  converterType: ConverterType,
  property: string,
): ConfigInfos | null {
  const pluginClass = props[property];
  if (pluginClass === undefined || pluginClass === null || !classValue || classValue.errorMessages.length > 0) {
    return null;
  }
  const pluginName = `${converterType} converter`;
  const withMessage = (text: string, err: unknown) => {
    const message = err instanceof Error ? err.message : null;
    return message ? `${text}: ${message}` : text;
  };
  let instance: { config(): ConfigDef | null; close?(): void };
  try {
    const cls = registry.loadClass(pluginClass.trim());
    if (!cls) throw new Error(pluginClass);
    try {
      instance = new cls() as typeof instance;
    } catch (cause) {
      throw new Error(`Could not instantiate class ${cls.className}`, { cause });
    }
  } catch (err) {
    classValue.addErrorMessage(withMessage(`Failed to load class ${pluginClass}`, err));
    return null;
  }
  try {
    let configDef: ConfigDef | null;
    try {
      configDef = instance.config();
    } catch (err) {
      classValue.addErrorMessage(withMessage(`Failed to load ConfigDef from ${pluginName}`, err));
      return null;
    }
    // Converters that return no ConfigDef are accepted unvalidated, as in Kafka.
    if (!configDef) return null;
    const prefix = `${property}.`;
    const pluginConfig = entriesWithPrefix(props, prefix);
    if (!Object.hasOwn(pluginConfig, 'converter.type')) pluginConfig['converter.type'] = converterType;
    let values: ConfigValue[];
    try {
      values = configDef.validate(pluginConfig, registry);
    } catch (err) {
      classValue.addErrorMessage(withMessage(`Failed to perform config validation for ${pluginName}`, err));
      return null;
    }
    return prefixedConfigInfos(configDef.configKeys(), values, prefix);
  } finally {
    try {
      instance.close?.();
    } catch {
      // Kafka's Utils.maybeCloseQuietly.
    }
  }
}

function validateClientOverrides(
  props: Readonly<Record<string, string>>,
  prefix: string,
  clientDef: ConfigDef | undefined,
  request: {
    connectorName: string | null;
    connectorType: 'source' | 'sink';
    connectorClass: string;
    clientType: ClientType;
    policy: ConnectorClientConfigOverridePolicy;
  },
): ConfigInfos {
  const clientProps = new Map<string, unknown>();
  for (const [name, raw] of Object.entries(entriesWithPrefix(props, prefix))) {
    const key = clientDef?.configKeys().get(name);
    // Like Kafka, a value that does not parse to the client key's type fails the whole validation.
    if (key) clientProps.set(name, parseType(name, raw, key.type));
    else if (!clientDef && CLIENT_PASSWORD_KEYS.has(name) && raw !== null) clientProps.set(name, new Password(raw));
    else clientProps.set(name, raw);
  }
  const values = request.policy.validate({
    connectorName: request.connectorName,
    connectorType: request.connectorType,
    connectorClass: request.connectorClass,
    clientProps,
    clientType: request.clientType,
  });
  return prefixedConfigInfos(clientDef?.configKeys() ?? new Map(), values, prefix);
}

function validateSinkGroupId(
  props: Readonly<Record<string, string>>,
  validated: Map<string, ConfigValue>,
  workerGroupId: string,
): void {
  const overridden = `${CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX}group.id`;
  if (Object.hasOwn(props, overridden)) {
    const groupId = props[overridden] ?? null;
    let value = validated.get(overridden);
    if (!value) {
      value = new ConfigValue(overridden, groupId);
      validated.set(overridden, value);
    }
    if (groupId === workerGroupId)
      value.addErrorMessage(`Consumer group ${groupId} conflicts with Connect worker group ${workerGroupId}`);
  } else {
    const nameValue = validated.get(NAME_CONFIG);
    const name = (nameValue?.value ?? null) as string | null;
    if (nameValue && `connect-${name}` === workerGroupId) {
      nameValue.addErrorMessage(
        `Consumer group for sink connector named ${name} conflicts with Connect worker group ${workerGroupId}`,
      );
    }
  }
}

function unexpectedError(err: unknown): string {
  const message = err instanceof Error ? err.message.trim() : '';
  return message
    ? `An unexpected error occurred during validation: ${message}`
    : 'An unexpected error occurred during validation; please see the worker logs for more details.';
}

function validateExactlyOnceSupport(
  props: Readonly<Record<string, string>>,
  validated: Map<string, ConfigValue>,
  connector: Connector,
  exactlyOnceSourceEnabled: boolean,
): void {
  const value = validated.get(EXACTLY_ONCE_SUPPORT_CONFIG);
  if (!value || value.errorMessages.length > 0) return;
  if (exactlyOnceSupportLevelOf(String(value.value)) !== ExactlyOnceSupportLevel.REQUIRED) return;
  if (!exactlyOnceSourceEnabled)
    value.addErrorMessage('This worker does not have exactly-once source support enabled.');
  try {
    const support = (connector as SourceConnector).exactlyOnceSupport(props);
    if (support === null || support === undefined) {
      value.addErrorMessage(
        'The connector does not implement the API required for preflight validation of exactly-once source support. ' +
          'Please consult the documentation for the connector to determine whether it supports exactly-once semantics, ' +
          'and then consider reconfiguring the connector to use the value "requested" for this property ' +
          '(which will disable this preflight check and allow the connector to be created).',
      );
    } else if (support === ExactlyOnceSupport.UNSUPPORTED) {
      value.addErrorMessage('The connector does not support exactly-once semantics with the provided configuration.');
    } else if (support !== ExactlyOnceSupport.SUPPORTED) {
      value.addErrorMessage(
        unexpectedError(new Error(`Unexpected value returned from SourceConnector::exactlyOnceSupport: ${support}`)),
      );
    }
  } catch (err) {
    value.addErrorMessage(unexpectedError(err));
  }
}

function validateTransactionBoundary(
  props: Readonly<Record<string, string>>,
  validated: Map<string, ConfigValue>,
  connector: Connector,
): void {
  const value = validated.get(TRANSACTION_BOUNDARY_CONFIG);
  if (!value || value.errorMessages.length > 0) return;
  if (transactionBoundaryOf(String(value.value)) !== TransactionBoundary.CONNECTOR) return;
  try {
    const support = (connector as SourceConnector).canDefineTransactionBoundaries(props);
    if (support === null || support === undefined) {
      value.addErrorMessage(
        'This connector has returned a null value from its canDefineTransactionBoundaries method, which is not permitted. ' +
          "The connector will be treated as if it cannot define its own transaction boundaries, and cannot be configured with 'transaction.boundary' set to 'connector'.",
      );
    } else if (support !== ConnectorTransactionBoundaries.SUPPORTED) {
      value.addErrorMessage(
        'The connector does not support connector-defined transaction boundaries with the given configuration. ' +
          'Please reconfigure it to use a different transaction boundary definition.',
      );
    }
  } catch (err) {
    value.addErrorMessage(unexpectedError(err));
  }
}

/** Java's AbstractMap#toString: "{k1=v1, k2=v2}" (in the config's order, where Java's HashMap has its own). */
function javaMapString(config: Readonly<Record<string, string | null>>): string {
  return `{${Object.entries(config)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}}`;
}
