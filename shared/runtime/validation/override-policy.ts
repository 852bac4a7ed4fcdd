import { ConfigError, ConfigValue } from '../../api';

/** Which Kafka client a connector's overrides are for (Kafka's ConnectorClientConfigRequest.ClientType). */
export const ClientType = { PRODUCER: 'PRODUCER', CONSUMER: 'CONSUMER', ADMIN: 'ADMIN' } as const;
export type ClientType = (typeof ClientType)[keyof typeof ClientType];

/** The client overrides a connector config asks for (Kafka's ConnectorClientConfigRequest). */
export interface ConnectorClientConfigRequest {
  readonly connectorName: string | null;
  readonly connectorType: 'source' | 'sink';
  readonly connectorClass: string;
  /** The `<client>.override.*` keys with the prefix removed, values parsed when the client's ConfigDef is known. */
  readonly clientProps: ReadonlyMap<string, unknown>;
  readonly clientType: ClientType;
}

/**
 * Decides which client settings a connector may override (Kafka's
 * ConnectorClientConfigOverridePolicy, worker key connector.client.config.override.policy).
 */
export interface ConnectorClientConfigOverridePolicy {
  /** One ConfigValue per requested key, with an error for each key the policy refuses. */
  validate(request: ConnectorClientConfigRequest): ConfigValue[];
}

/** A policy that allows or refuses each key by name (Kafka's AbstractConnectorClientConfigOverridePolicy). */
export abstract class AbstractConnectorClientConfigOverridePolicy implements ConnectorClientConfigOverridePolicy {
  protected abstract policyName(): string;
  protected abstract isAllowed(value: ConfigValue): boolean;

  validate(request: ConnectorClientConfigRequest): ConfigValue[] {
    return [...request.clientProps].map(([name, value]) => {
      const configValue = new ConfigValue(name, value);
      if (!this.isAllowed(configValue)) {
        configValue.addErrorMessage(
          `The '${this.policyName()}' policy does not allow '${name}' to be overridden in the connector configuration.`,
        );
      }
      return configValue;
    });
  }
}

/** Every client key may be overridden (Kafka's default, AllConnectorClientConfigOverridePolicy). */
export class AllConnectorClientConfigOverridePolicy extends AbstractConnectorClientConfigOverridePolicy {
  static readonly className = 'org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy';
  protected policyName(): string {
    return 'All';
  }
  protected isAllowed(): boolean {
    return true;
  }
}

/** No client key may be overridden (Kafka's NoneConnectorClientConfigOverridePolicy). */
export class NoneConnectorClientConfigOverridePolicy extends AbstractConnectorClientConfigOverridePolicy {
  static readonly className = 'org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy';
  protected policyName(): string {
    return 'None';
  }
  protected isAllowed(): boolean {
    return false;
  }
}

const PRINCIPAL_KEYS = new Set(['sasl.jaas.config', 'sasl.mechanism', 'security.protocol']);

/** Only the client's identity may be overridden (Kafka's PrincipalConnectorClientConfigOverridePolicy). */
export class PrincipalConnectorClientConfigOverridePolicy extends AbstractConnectorClientConfigOverridePolicy {
  static readonly className = 'org.apache.kafka.connect.connector.policy.PrincipalConnectorClientConfigOverridePolicy';
  protected policyName(): string {
    return 'Principal';
  }
  protected isAllowed(value: ConfigValue): boolean {
    return PRINCIPAL_KEYS.has(value.name);
  }
}

const POLICIES = [
  AllConnectorClientConfigOverridePolicy,
  NoneConnectorClientConfigOverridePolicy,
  PrincipalConnectorClientConfigOverridePolicy,
];

/**
 * The policy a worker setting names: "All", "None", "Principal", their class names, or their
 * simple names. Throws ConfigError for another name.
 */
export function overridePolicyFor(nameOrAlias: string): ConnectorClientConfigOverridePolicy {
  const suffix = 'ConnectorClientConfigOverridePolicy';
  for (const Policy of POLICIES) {
    const simple = Policy.className.slice(Policy.className.lastIndexOf('.') + 1);
    if ([Policy.className, simple, simple.slice(0, -suffix.length)].includes(nameOrAlias)) return new Policy();
  }
  throw ConfigError.invalidValue(
    'connector.client.config.override.policy',
    nameOrAlias,
    `Class ${nameOrAlias} could not be found.`,
  );
}
