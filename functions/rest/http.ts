import type { APIGatewayProxyEvent } from 'aws-lambda';
import { BadRequestError } from '../../shared/api';
import { RestError } from '../../shared/runtime';

/** A route's answer before it becomes an API Gateway response. */
export interface HttpResult {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): HttpResult => ({ statusCode: 200, body });
export const accepted = (body?: unknown): HttpResult => ({ statusCode: 202, body });
export const noContent = (): HttpResult => ({ statusCode: 204 });

/** Bodies larger than this are refused with 413: a connector config is a few KB, and a DynamoDB item holds 400 KB. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The request body as JSON; a malformed body is the client's mistake, so 400 (Kafka answers 500). */
export function jsonBody(event: APIGatewayProxyEvent): unknown {
  const text = bodyText(event);
  if (text.trim() === '') throw new BadRequestError('Request body is empty; a JSON document is required');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BadRequestError(`Malformed JSON in request body: ${(err as Error).message}`, { cause: err });
  }
}

function bodyText(event: APIGatewayProxyEvent): string {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_BODY_BYTES) {
    throw new RestError(413, `Request body of ${size} bytes is larger than the limit of ${MAX_BODY_BYTES} bytes`);
  }
  return text;
}

/**
 * A JSON object as a connector config map. Kafka's Jackson mapping coerces scalars to strings
 * (the ducktape harness posts `"tasks.max": 1`); arrays and objects are refused with a clear 400.
 * @param allowNull PATCH uses null to remove a key; PUT and POST refuse it with Kafka's text.
 */
export function configMap(value: unknown, what: string, allowNull: true): Record<string, string | null>;
export function configMap(value: unknown, what: string, allowNull?: false): Record<string, string>;
export function configMap(value: unknown, what: string, allowNull = false): Record<string, string | null> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestError(`${what} must be a JSON object of string values, found ${jsonTypeName(value)}`);
  }
  const config: Record<string, string | null> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null) {
      if (!allowNull) throw new BadRequestError('Null value can not be supplied as the configuration value.');
      config[key] = null;
    } else if (typeof v === 'string') {
      config[key] = v;
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      config[key] = String(v);
    } else {
      throw new BadRequestError(
        `Config value of "${key}" must be a string, number or boolean, found ${jsonTypeName(v)}`,
      );
    }
  }
  return config;
}

export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A query parameter as Java's Boolean.valueOf reads it: "true" in any case is true, anything else false. */
export function booleanParam(event: APIGatewayProxyEvent, name: string, fallback: boolean): boolean {
  const value = event.queryStringParameters?.[name];
  return value === undefined || value === null ? fallback : value.toLowerCase() === 'true';
}

/** Every value of a repeatable query parameter (`?expand=status&expand=info`). */
export function multiParam(event: APIGatewayProxyEvent, name: string): string[] {
  const many = event.multiValueQueryStringParameters?.[name];
  if (many) return many;
  const one = event.queryStringParameters?.[name];
  return one === undefined || one === null ? [] : [one];
}
