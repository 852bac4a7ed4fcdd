import type { CreateEventSourceMappingCommandInput, SourceAccessConfiguration } from '@aws-sdk/client-lambda';

/**
 * How the event source mappings reach Kafka and authenticate: a secret in Secrets Manager, never
 * credentials in the mapping. SASL_SCRAM_512_AUTH and CLIENT_CERTIFICATE_TLS_AUTH work with MSK and
 * self-managed Kafka; SASL_SCRAM_256_AUTH and BASIC_AUTH (SASL/PLAIN) with self-managed Kafka only.
 * MSK with IAM needs no entry (the function's execution role is used).
 */
export interface EventSourceAuth {
  readonly type: 'SASL_SCRAM_512_AUTH' | 'SASL_SCRAM_256_AUTH' | 'BASIC_AUTH' | 'CLIENT_CERTIFICATE_TLS_AUTH';
  readonly secretArn: string;
}

/** The Kafka cluster the sink connectors consume from. */
export type KafkaEventSource =
  | {
      readonly kind: 'msk';
      readonly clusterArn: string;
      readonly auth?: EventSourceAuth;
    }
  | {
      readonly kind: 'self-managed';
      readonly bootstrapServers: readonly string[];
      readonly auth?: EventSourceAuth;
      /** Subnets and security groups Lambda polls from, for brokers inside a VPC. */
      readonly vpc?: { readonly subnetIds: readonly string[]; readonly securityGroupIds: readonly string[] };
      /** Secret holding the brokers' root CA certificate, for TLS with a private CA. */
      readonly rootCaSecretArn?: string;
    };

/** The cluster-specific part of CreateEventSourceMapping for one consumer group. */
export function eventSourceInput(
  source: KafkaEventSource,
  consumerGroupId: string,
): Partial<CreateEventSourceMappingCommandInput> {
  const access: SourceAccessConfiguration[] = [];
  if (source.auth) access.push({ Type: source.auth.type, URI: source.auth.secretArn });
  if (source.kind === 'msk') {
    return {
      EventSourceArn: source.clusterArn,
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: consumerGroupId },
      ...(access.length > 0 ? { SourceAccessConfigurations: access } : {}),
    };
  }
  // URI formats of Lambda's self-managed Kafka guide: "subnet:<id>", "security_group:<id>".
  for (const subnet of source.vpc?.subnetIds ?? []) access.push({ Type: 'VPC_SUBNET', URI: `subnet:${subnet}` });
  for (const group of source.vpc?.securityGroupIds ?? []) {
    access.push({ Type: 'VPC_SECURITY_GROUP', URI: `security_group:${group}` });
  }
  if (source.rootCaSecretArn) access.push({ Type: 'SERVER_ROOT_CA_CERTIFICATE', URI: source.rootCaSecretArn });
  return {
    SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [...source.bootstrapServers] } },
    SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: consumerGroupId },
    ...(access.length > 0 ? { SourceAccessConfigurations: access } : {}),
  };
}
