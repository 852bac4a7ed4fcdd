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

/**
 * 201 with Kafka's Location header. Jersey resolves Kafka's relative `/connectors/<name>` against
 * the request's base URI, so clients see an absolute URL; behind API Gateway the base includes the
 * stage (`/prod`), which a relative `/connectors/<name>` would lose.
 */
export function created(event: APIGatewayProxyEvent, name: string, body: unknown): HttpResult {
  return { statusCode: 201, body, headers: { Location: `${baseUrl(event)}/connectors/${encodeURIComponent(name)}` } };
}

/** `<scheme>://<host><stage prefix>` of the request; just the prefix when the Host header is missing. */
function baseUrl(event: APIGatewayProxyEvent): string {
  const header = (name: string) => {
    const lower = name.toLowerCase();
    for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === lower) return value;
    return undefined;
  };
  // requestContext.path is the path as the client sent it (with the stage or a base path
  // mapping); event.path is the part the API matched. What precedes it is the prefix.
  const fullPath = event.requestContext?.path ?? event.path;
  const prefix = fullPath.endsWith(event.path) ? fullPath.slice(0, fullPath.length - event.path.length) : '';
  const host = header('host');
  if (!host) return prefix.replace(/\/$/, '');
  const scheme = header('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  return `${scheme}://${host}${prefix.replace(/\/$/, '')}`;
}

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

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function bodyText(event: APIGatewayProxyEvent): string {
  const raw = event.body ?? '';
  // API Gateway base64-encodes bodies it does not treat as text (binary media types); the local
  // adapter does so for bytes that are not UTF-8. JSON must be UTF-8 (RFC 8259), so those are refused.
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : null;
  const size = bytes ? bytes.length : Buffer.byteLength(raw, 'utf8');
  if (size > MAX_BODY_BYTES) {
    throw new RestError(413, `Request body of ${size} bytes is larger than the limit of ${MAX_BODY_BYTES} bytes`);
  }
  if (!bytes) return raw;
  try {
    return UTF8.decode(bytes);
  } catch (err) {
    throw new BadRequestError('Request body is not valid UTF-8; a JSON document is required', { cause: err });
  }
}

/** A JSON object as the fields of a request entity; anything else is refused with a clear 400. */
export function jsonObject(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestError(`${what} must be a JSON object, found ${jsonTypeName(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Refuses fields an entity does not have, as Kafka's Jackson mapping does (there with a 500). */
export function rejectUnknownFields(value: Record<string, unknown>, known: readonly string[], what: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new BadRequestError(`Unrecognized field "${unknown}" in ${what} (known fields: ${known.join(', ')})`);
  }
}

/** A JSON scalar as Jackson reads it into a String field: numbers and booleans become their text. */
export function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
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
  const entries: Array<[string, string | null]> = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === null) {
      if (!allowNull) throw new BadRequestError('Null value can not be supplied as the configuration value.');
      entries.push([key, null]);
      continue;
    }
    const text = scalarText(v);
    if (text === null) {
      throw new BadRequestError(
        `Config value of "${key}" must be a string, number or boolean, found ${jsonTypeName(v)}`,
      );
    }
    entries.push([key, text]);
  }
  // fromEntries defines own properties, so a key such as "__proto__" is kept like any other.
  return Object.fromEntries(entries);
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
