import { ConfigDef, ConfigType, Importance, Range } from '../api';

export const REGION_CONFIG = 'region';
export const ENDPOINT_CONFIG = 'endpoint';
export const TTL_MS_CONFIG = 'ttl.ms';
export const DEFAULT_TTL_MS = 300_000;

/** The params every AWS provider takes (`config.providers.<name>.param.<key>`). */
export function awsProviderConfigDef(): ConfigDef {
  return new ConfigDef()
    .define(
      REGION_CONFIG,
      ConfigType.STRING,
      null,
      Importance.MEDIUM,
      "The AWS region to call. If not set, the SDK's default chain applies (AWS_REGION, then the profile).",
    )
    .define(
      ENDPOINT_CONFIG,
      ConfigType.STRING,
      null,
      Importance.LOW,
      'An endpoint URL to call instead of the regional AWS endpoint, e.g. a LocalStack URL. ' +
        'If not set, the SDK reads AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL.',
    )
    .define(
      TTL_MS_CONFIG,
      ConfigType.LONG,
      DEFAULT_TTL_MS,
      Range.atLeast(0),
      Importance.LOW,
      'How long, in milliseconds, fetched values are cached. The time left is reported as the ttl of the values, ' +
        'so a runtime that honours config.action.reload=restart resolves them again once it ends (secret rotation). ' +
        '0 disables the cache and reports no ttl.',
    );
}

/** The SDK client options the params ask for; unset params are left to the SDK's defaults. */
export function clientOptions(region: string | null, endpoint: string | null): { region?: string; endpoint?: string } {
  const options: { region?: string; endpoint?: string } = {};
  if (region) options.region = region;
  if (endpoint) options.endpoint = endpoint;
  return options;
}
