import { ProtocolError } from '../errors';
import { decode, encode, isFlexible } from './codec';
import { API_MESSAGES, ApiKey, type RequestHeader, RequestHeaderSpec, ResponseHeaderSpec } from './messages';
import { Reader, Writer } from './primitives';
import type { MessageSpec } from './schema';

/**
 * Request and response frames: a header, then the body of one API version. (The int32 size prefix
 * that frames them on the wire is the server's business.)
 */

/** The first three header fields, which every request header version starts with. */
export interface RequestPrefix {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
}

export function readRequestPrefix(frame: Buffer): RequestPrefix {
  if (frame.length < 8) throw new ProtocolError(`A request of ${frame.length} bytes has no header`);
  return { apiKey: frame.readInt16BE(0), apiVersion: frame.readInt16BE(2), correlationId: frame.readInt32BE(4) };
}

export function specsOf(apiKey: number): { request: MessageSpec; response: MessageSpec } | undefined {
  return (API_MESSAGES as Record<number, { request: MessageSpec; response: MessageSpec }>)[apiKey];
}

/**
 * Decodes a request whose API key and version are known to be supported. Flexible request versions
 * use request header v2 (with tagged fields), the others v1.
 */
export function decodeRequest(frame: Buffer, prefix: RequestPrefix): { header: RequestHeader; body: unknown } {
  const specs = specsOf(prefix.apiKey);
  if (!specs) throw new ProtocolError(`Unknown API key ${prefix.apiKey}`);
  const reader = new Reader(frame);
  const headerVersion = isFlexible(specs.request, prefix.apiVersion) ? 2 : 1;
  const header = decode<RequestHeader>(RequestHeaderSpec, headerVersion, reader);
  const body = decode<unknown>(specs.request, prefix.apiVersion, reader);
  return { header, body };
}

/**
 * Encodes a response with its int32 size prefix, as a list of buffers for one vectored write.
 * Flexible versions use response header v1, except ApiVersions, whose header stays v0 so that a client
 * can read the answer before it knows which versions the broker speaks (KIP-511).
 */
export function encodeResponse(apiKey: number, apiVersion: number, correlationId: number, body: unknown): Buffer[] {
  const specs = specsOf(apiKey);
  if (!specs) throw new ProtocolError(`Unknown API key ${apiKey}`);
  const flexibleHeader = isFlexible(specs.response, apiVersion) && apiKey !== ApiKey.ApiVersions;
  const writer = new Writer(apiKey === ApiKey.Fetch ? 4096 : 512);
  encode(ResponseHeaderSpec, flexibleHeader ? 1 : 0, { correlationId }, writer);
  encode(specs.response, apiVersion, body, writer);
  const chunks = writer.toChunks();
  const size = Buffer.allocUnsafe(4);
  size.writeInt32BE(writer.length);
  return [size, ...chunks];
}
