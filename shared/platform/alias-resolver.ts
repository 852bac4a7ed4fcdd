import { GetAliasCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { type Clock, NotFoundError, systemClock } from '../api';
import { AwsCalls, type RetryOptions } from './aws-calls';
import { isNameOf } from './names';

export interface SinkAliasResolverOptions {
  readonly lambda: LambdaClient;
  /** The sink function, needed only to resolve bare alias names (an alias ARN names its function). */
  readonly functionName?: string;
  /**
   * The connector names, asked only when an alias's Description cannot name its connector (names
   * longer than the 256 characters a Description holds): the alias whose hash matches wins.
   */
  readonly listConnectors?: () => Promise<readonly string[]>;
  /** Aliases remembered per container (default 1000). */
  readonly maxEntries?: number;
  readonly clock?: Clock;
  readonly retry?: RetryOptions;
}

/**
 * Maps the alias an event source mapping invoked (context.invokedFunctionArn) back to its sink
 * connector. AwsPlatform stores the connector name in the alias Description; the name is trusted
 * only when it hashes to the alias name's suffix, so an edited Description cannot redirect records.
 * An alias name is derived from its connector name and never changes meaning, so answers are
 * cached for the life of the container: one GetAlias per alias per cold start.
 */
export class SinkAliasResolver {
  private readonly cache = new Map<string, string>();
  private readonly calls: AwsCalls;
  private readonly maxEntries: number;

  constructor(private readonly options: SinkAliasResolverOptions) {
    this.calls = new AwsCalls(options.clock ?? systemClock, options.retry);
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /**
   * @param aliasArnOrName `arn:aws:lambda:<region>:<account>:function:<function>:<alias>`, or an alias name
   * @throws NotFoundError when the invocation did not come through a connector's alias
   */
  async connectorOfAlias(aliasArnOrName: string): Promise<string> {
    const { functionName, alias } = this.parse(aliasArnOrName);
    const key = `${functionName}:${alias}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.cache.delete(key); // keep recently used entries last, so the oldest is evicted first
      this.cache.set(key, cached);
      return cached;
    }
    const config = await this.calls.sendOrNull(`Reading alias ${alias} of ${functionName}`, () =>
      this.options.lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: alias })),
    );
    if (!config) throw new NotFoundError(`Function ${functionName} has no alias ${alias}`);
    let connector = config.Description;
    if (connector === undefined || !isNameOf(alias, connector)) {
      const names = (await this.options.listConnectors?.()) ?? [];
      connector = names.find((name) => isNameOf(alias, name));
    }
    if (connector === undefined) throw new NotFoundError(`Alias ${alias} of ${functionName} names no sink connector`);
    this.cache.set(key, connector);
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    return connector;
  }

  private parse(aliasArnOrName: string): { functionName: string; alias: string } {
    if (!aliasArnOrName.startsWith('arn:')) {
      if (!this.options.functionName) {
        throw new NotFoundError(`Alias ${aliasArnOrName} needs the sink function name to be resolved`);
      }
      return { functionName: this.options.functionName, alias: aliasArnOrName };
    }
    const parts = aliasArnOrName.split(':');
    const alias = parts[7];
    // No qualifier, $LATEST or a version number: invoked directly, not through a connector's alias.
    if (parts.length !== 8 || !alias || alias === '$LATEST' || /^[0-9]+$/.test(alias)) {
      throw new NotFoundError(`Invocation of ${aliasArnOrName} did not come through a sink connector's alias`);
    }
    return { functionName: parts.slice(0, 7).join(':'), alias };
  }
}
