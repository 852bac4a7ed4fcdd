import type { BrokerState } from '../broker-state';
import type { ApiMessages } from '../protocol';

/** What a handler knows about the request besides its body. */
export interface RequestContext {
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
  /** The client's address, as DescribeGroups reports it. */
  readonly clientHost: string;
  /** The address the client reached the broker at: what Metadata and FindCoordinator advertise. */
  readonly listener: { readonly host: string; readonly port: number };
  readonly broker: BrokerState;
  /** The API versions the broker serves, for ApiVersions. */
  readonly apis: readonly SupportedApi[];
  /** Aborted when the connection closes or the broker stops, so long polls end early. */
  readonly signal: AbortSignal;
}

export interface SupportedApi {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

type Awaitable<T> = T | Promise<T>;

/**
 * The handler of one API key: thin, it maps the request onto the broker's state (logs, group and
 * transaction coordinators) and builds the response. `undefined` means no response at all
 * (a produce request with acks=0).
 */
export interface ApiHandler<K extends keyof ApiMessages> extends SupportedApi {
  readonly apiKey: K;
  handle(
    request: ApiMessages[K]['request'],
    context: RequestContext,
  ): Awaitable<ApiMessages[K]['response'] | undefined>;
}

export type AnyApiHandler = { [K in keyof ApiMessages]: ApiHandler<K> }[keyof ApiMessages];

export function defineApi<K extends keyof ApiMessages>(handler: ApiHandler<K>): ApiHandler<K> {
  return handler;
}
