import {
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  AbstractConfig,
  type Clock,
  type ConfigData,
  ConfigError,
  type ConfigProvider,
  ConnectError,
  systemClock,
} from '../api';
import { awsProviderConfigDef, clientOptions, ENDPOINT_CONFIG, REGION_CONFIG, TTL_MS_CONFIG } from './aws-config';
import { putOwn } from './own-record';
import { minTtl, TtlCache } from './ttl-cache';

export interface SecretsManagerConfigProviderOptions {
  /** A client to use; when given, `region` and `endpoint` are ignored and close() leaves it open. */
  client?: SecretsManagerClient;
  clock?: Clock;
}

/**
 * Values from AWS Secrets Manager. Two forms:
 *
 * - `${secretsmanager:<secret-id>:<field>}`: the path is the secret's name, the key a top-level field
 *   of its SecretString parsed as a JSON object (RDS-style `{"username":…,"password":…}`). A field
 *   that is not a string is given as its JSON text. A missing field is left out, so the placeholder
 *   stays as it is (Kafka's rule for a missing key).
 * - `${secretsmanager:<secret-id>}`: no path; the key is the secret's name and the value its whole
 *   SecretString.
 *
 * The secret id must be a name, not an ARN: `:` separates the path from the key. Each secret is
 * fetched with one GetSecretValue call (AWSCURRENT) and cached for `ttl.ms`.
 * Params: `region`, `endpoint`, `ttl.ms` (see awsProviderConfigDef).
 *
 * Errors name the secret and field, never a value: a JSON parse error is not kept as the cause,
 * because its message quotes the secret's text.
 */
export class SecretsManagerConfigProvider implements ConfigProvider {
  static readonly className = 'serverless.kafka.connect.config.provider.SecretsManagerConfigProvider';
  static readonly CONFIG_DEF = awsProviderConfigDef();

  private readonly injectedClient: SecretsManagerClient | null;
  private readonly clock: Clock;
  private client: SecretsManagerClient | null = null;
  private cache: TtlCache<string> | null = null;

  constructor(options: SecretsManagerConfigProviderOptions = {}) {
    this.injectedClient = options.client ?? null;
    this.clock = options.clock ?? systemClock;
  }

  configure(configs: Readonly<Record<string, unknown>>): void {
    const config = new AbstractConfig(SecretsManagerConfigProvider.CONFIG_DEF, configs);
    this.client =
      this.injectedClient ??
      new SecretsManagerClient(clientOptions(config.getString(REGION_CONFIG), config.getString(ENDPOINT_CONFIG)));
    this.cache = new TtlCache(config.getLong(TTL_MS_CONFIG) ?? 0, this.clock);
  }

  /** @throws ConfigError when a secret does not exist, has no SecretString, or is not the JSON object a field needs. */
  async get(path: string, keys?: ReadonlySet<string>): Promise<ConfigData> {
    if (path) return this.fields(path, keys);
    const data: Record<string, string> = {};
    let ttl: number | null = null;
    for (const secretId of keys ?? []) {
      const secret = await this.secretString(secretId);
      putOwn(data, secretId, secret.value);
      ttl = minTtl(ttl, secret.ttl);
    }
    return { data, ttl };
  }

  close(): void {
    this.cache?.clear();
    if (!this.injectedClient) this.client?.destroy();
    this.client = null;
  }

  private async fields(secretId: string, keys: ReadonlySet<string> | undefined): Promise<ConfigData> {
    const secret = await this.secretString(secretId);
    const object = parseJsonObject(secret.value);
    if (object === null) {
      throw new ConfigError(
        `Secret ${secretId} in AWS Secrets Manager is not a JSON object, so it has no fields to read`,
      );
    }
    const data: Record<string, string> = {};
    for (const [field, value] of Object.entries(object)) {
      if (keys && !keys.has(field)) continue;
      putOwn(data, field, typeof value === 'string' ? value : JSON.stringify(value));
    }
    return { data, ttl: secret.ttl };
  }

  private secretString(secretId: string): Promise<{ value: string; ttl: number | null }> {
    const { client, cache } = this.configured();
    return cache.get(secretId, async () => {
      let output: GetSecretValueCommandOutput;
      try {
        output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      } catch (err) {
        if (err instanceof ResourceNotFoundException) {
          throw new ConfigError(`Secret ${secretId} was not found in AWS Secrets Manager`, { cause: err });
        }
        throw new ConfigError(`Could not read secret ${secretId} from AWS Secrets Manager`, { cause: err });
      }
      if (output.SecretString === undefined) {
        throw new ConfigError(
          `Secret ${secretId} in AWS Secrets Manager has no SecretString (binary secrets are not supported)`,
        );
      }
      return output.SecretString;
    });
  }

  private configured(): { client: SecretsManagerClient; cache: TtlCache<string> } {
    if (!this.client || !this.cache) throw new ConnectError('The provider has not been configured yet.');
    return { client: this.client, cache: this.cache };
  }
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
