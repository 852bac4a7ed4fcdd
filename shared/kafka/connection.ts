import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

/** How to reach Kafka: MSK with IAM, SASL/SCRAM, TLS or plaintext (a local broker). */
export interface KafkaConnectionSettings {
  readonly bootstrapServers: readonly string[];
  readonly clientId: string;
  readonly auth?:
    | { readonly mechanism: 'none' }
    | {
        readonly mechanism: 'scram-sha-256' | 'scram-sha-512' | 'plain';
        readonly username: string;
        readonly password: string;
      }
    | { readonly mechanism: 'aws-msk-iam'; readonly region: string };
  /** TLS on the connection; MSK's IAM and SCRAM listeners require it. */
  readonly tls?: boolean;
}

/** kafkajs client options for the settings. MSK IAM signs an OAUTHBEARER token per connection. */
export function kafkaJsConfig(settings: KafkaConnectionSettings): KafkaConfig {
  const auth = settings.auth ?? { mechanism: 'none' };
  const config: KafkaConfig = {
    clientId: settings.clientId,
    brokers: [...settings.bootstrapServers],
    ssl: settings.tls ?? auth.mechanism !== 'none',
  };
  if (auth.mechanism === 'aws-msk-iam') {
    const region = auth.region;
    config.sasl = {
      mechanism: 'oauthbearer',
      oauthBearerProvider: async () => ({ value: (await generateAuthToken({ region })).token }),
    };
  } else if (auth.mechanism !== 'none') {
    config.sasl = { mechanism: auth.mechanism, username: auth.username, password: auth.password } as SASLOptions;
  }
  return config;
}
