import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Kafka, logLevel } from 'kafkajs';
import { ConfigError } from '../../shared/api';
import { ENV } from '../../shared/env';
import {
  type KafkaAdmin,
  KafkaJsAdmin,
  KafkaJsProducer,
  type KafkaProducer,
  kafkaJsConfig,
  type ProducerRecord,
  type RecordAck,
} from '../../shared/kafka';
import { kafkaSettingsFromEnv } from './settings';

/**
 * One Kafka client per container, built on first use from the environment (SCRAM credentials are
 * read from Secrets Manager then), and reused by every warm invocation.
 */
export class LazyKafka {
  private kafka: Promise<Kafka> | null = null;
  private admin: Promise<KafkaAdmin> | null = null;

  constructor(private readonly clientId: string) {}

  client(): Promise<Kafka> {
    this.kafka ??= this.connect().catch((err) => {
      this.kafka = null;
      throw err;
    });
    return this.kafka;
  }

  /** An admin client, connected on first use. */
  adminClient(): Promise<KafkaAdmin> {
    this.admin ??= this.client()
      .then(async (kafka) => {
        const admin = kafka.admin();
        await admin.connect();
        return new KafkaJsAdmin(admin);
      })
      .catch((err) => {
        this.admin = null;
        throw err;
      });
    return this.admin;
  }

  /** A KafkaAdmin whose calls connect on first use. */
  lazyAdmin(): KafkaAdmin {
    const admin = () => this.adminClient();
    return {
      clusterId: async () => (await admin()).clusterId(),
      listTopics: async () => (await admin()).listTopics(),
      groupOffsets: async (groupId) => (await admin()).groupOffsets(groupId),
      alterGroupOffsets: async (groupId, changes) => (await admin()).alterGroupOffsets(groupId, changes),
      deleteGroupOffsets: async (groupId) => (await admin()).deleteGroupOffsets(groupId),
      createTopic: async (topic, partitions, replicationFactor, configs) =>
        (await admin()).createTopic(topic, partitions, replicationFactor, configs),
    };
  }

  /** A producer that connects with the first send. */
  lazyProducer(): KafkaProducer {
    let producer: Promise<KafkaProducer> | null = null;
    const get = () => {
      producer ??= this.client().then((kafka) => new KafkaJsProducer(kafka));
      return producer;
    };
    return {
      send: async (records: readonly ProducerRecord[]): Promise<RecordAck[]> => (await get()).send(records),
      close: async () => {
        if (producer) await (await producer).close();
      },
    };
  }

  private async connect(): Promise<Kafka> {
    const secrets = new SecretsManagerClient({});
    try {
      const settings = await kafkaSettingsFromEnv(this.clientId, (arn) => readCredentials(secrets, arn));
      return new Kafka({ ...kafkaJsConfig(settings), logLevel: logLevel.ERROR });
    } finally {
      secrets.destroy();
    }
  }
}

/** SCRAM / PLAIN credentials from a secret in MSK's format: {"username": …, "password": …}. */
async function readCredentials(
  secrets: SecretsManagerClient,
  secretArn: string,
): Promise<{ username: string; password: string }> {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  let parsed: { username?: unknown; password?: unknown } = {};
  try {
    parsed = JSON.parse(SecretString ?? '{}');
  } catch {
    // The parse error quotes the secret's text: it is not kept.
  }
  if (typeof parsed.username !== 'string' || typeof parsed.password !== 'string') {
    throw new ConfigError(`Secret ${secretArn} (${ENV.kafkaSecretArn}) must be JSON with string username and password`);
  }
  return { username: parsed.username, password: parsed.password };
}
