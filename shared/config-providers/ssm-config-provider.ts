import {
  GetParametersByPathCommand,
  type GetParametersByPathCommandOutput,
  GetParametersCommand,
  type GetParametersCommandOutput,
  SSMClient,
} from '@aws-sdk/client-ssm';
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
import { type Cached, minTtl, TtlCache } from './ttl-cache';

export interface SsmConfigProviderOptions {
  /** A client to use; when given, `region` and `endpoint` are ignored and close() leaves it open. */
  client?: SSMClient;
  clock?: Clock;
}

/** GetParameters takes at most 10 names per call. */
const MAX_NAMES_PER_CALL = 10;

/**
 * Values from AWS Systems Manager Parameter Store, SecureStrings decrypted (WithDecryption). Two forms:
 *
 * - `${ssm:<path>:<name>}`: the path is a hierarchy prefix and the key a parameter name under it,
 *   so `${ssm:/prod/db:password}` is the parameter `/prod/db/password`. Asking for every key of a
 *   path (no key set) lists the path's direct children with GetParametersByPath.
 * - `${ssm:<parameter-name>}` (or `${ssm::<parameter-name>}`): no path; the key is the full name.
 *
 * Requested keys are fetched with GetParameters, 10 names a call; a parameter that does not exist
 * is left out, so its placeholder stays as it is (Kafka's rule for a missing key). StringList
 * values are given as stored ("a,b,c"). Parameters are cached for `ttl.ms`. Names must not contain
 * `:` (so ARNs cannot be used). Params: `region`, `endpoint`, `ttl.ms` (see awsProviderConfigDef).
 */
export class SsmConfigProvider implements ConfigProvider {
  static readonly className = 'serverless.kafka.connect.config.provider.SsmConfigProvider';
  static readonly CONFIG_DEF = awsProviderConfigDef();

  private readonly injectedClient: SSMClient | null;
  private readonly clock: Clock;
  private client: SSMClient | null = null;
  /** Parameter name -> value, null when the parameter does not exist. */
  private cache: TtlCache<string | null> | null = null;
  /** Path -> its children (relative name -> value). */
  private pathCache: TtlCache<Record<string, string>> | null = null;

  constructor(options: SsmConfigProviderOptions = {}) {
    this.injectedClient = options.client ?? null;
    this.clock = options.clock ?? systemClock;
  }

  configure(configs: Readonly<Record<string, unknown>>): void {
    const config = new AbstractConfig(SsmConfigProvider.CONFIG_DEF, configs);
    this.client =
      this.injectedClient ??
      new SSMClient(clientOptions(config.getString(REGION_CONFIG), config.getString(ENDPOINT_CONFIG)));
    const ttlMs = config.getLong(TTL_MS_CONFIG) ?? 0;
    this.cache = new TtlCache(ttlMs, this.clock);
    this.pathCache = new TtlCache(ttlMs, this.clock);
  }

  /** @throws ConfigError when Parameter Store cannot be read (permissions, throttling, KMS). */
  async get(path: string, keys?: ReadonlySet<string>): Promise<ConfigData> {
    if (!keys) return path ? this.children(path) : { data: {}, ttl: null };
    const names = new Map<string, string>();
    for (const key of keys) names.set(key, path ? parameterName(path, key) : key);
    const values = await this.parameters([...new Set(names.values())]);
    const data: Record<string, string> = {};
    let ttl: number | null = null;
    for (const [key, name] of names) {
      const found = values.get(name);
      if (!found) continue;
      ttl = minTtl(ttl, found.ttl);
      if (found.value !== null) putOwn(data, key, found.value);
    }
    return { data, ttl };
  }

  close(): void {
    this.cache?.clear();
    this.pathCache?.clear();
    if (!this.injectedClient) this.client?.destroy();
    this.client = null;
  }

  /** Looks up each name in the cache, fetching the missing ones together (null: no such parameter). */
  private parameters(names: string[]): Promise<Map<string, Cached<string | null>>> {
    const { client, cache } = this.configured();
    return cache.getMany(names, async (missing) => {
      const values = await fetchParameters(client, missing);
      return (name) => values.get(name) ?? null;
    });
  }

  private async children(path: string): Promise<ConfigData> {
    const { client, pathCache } = this.configured();
    const { value, ttl } = await pathCache.get(path, () => fetchChildren(client, path));
    return { data: { ...value }, ttl };
  }

  private configured(): {
    client: SSMClient;
    cache: TtlCache<string | null>;
    pathCache: TtlCache<Record<string, string>>;
  } {
    if (!this.client || !this.cache || !this.pathCache) {
      throw new ConnectError('The provider has not been configured yet.');
    }
    return { client: this.client, cache: this.cache, pathCache: this.pathCache };
  }
}

function parameterName(path: string, key: string): string {
  return `${path.replace(/\/+$/, '')}/${key}`;
}

async function fetchParameters(client: SSMClient, names: readonly string[]): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (let i = 0; i < names.length; i += MAX_NAMES_PER_CALL) {
    const chunk = names.slice(i, i + MAX_NAMES_PER_CALL);
    let output: GetParametersCommandOutput;
    try {
      output = await client.send(new GetParametersCommand({ Names: chunk, WithDecryption: true }));
    } catch (err) {
      throw new ConfigError(`Could not read parameters ${chunk.join(', ')} from AWS SSM Parameter Store`, {
        cause: err,
      });
    }
    for (const parameter of output.Parameters ?? []) {
      if (parameter.Name !== undefined && parameter.Value !== undefined) values.set(parameter.Name, parameter.Value);
    }
  }
  return values;
}

async function fetchChildren(client: SSMClient, path: string): Promise<Record<string, string>> {
  const prefix = `${path.replace(/\/+$/, '')}/`;
  const children: Record<string, string> = {};
  let nextToken: string | undefined;
  do {
    let output: GetParametersByPathCommandOutput;
    try {
      output = await client.send(
        new GetParametersByPathCommand({
          Path: path,
          Recursive: false,
          WithDecryption: true,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
    } catch (err) {
      throw new ConfigError(`Could not read parameters under path ${path} from AWS SSM Parameter Store`, {
        cause: err,
      });
    }
    for (const parameter of output.Parameters ?? []) {
      if (parameter.Name === undefined || parameter.Value === undefined) continue;
      const key = parameter.Name.startsWith(prefix) ? parameter.Name.slice(prefix.length) : parameter.Name;
      putOwn(children, key, parameter.Value);
    }
    nextToken = output.NextToken;
  } while (nextToken);
  return children;
}
