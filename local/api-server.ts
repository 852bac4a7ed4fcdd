import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

/** The REST function as API Gateway calls it. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface ApiServerOptions {
  handler: ProxyHandler;
  logger: Logger;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * Bodies past this many bytes are cut off and answered 413 without buffering them; the handler
   * enforces its own (smaller) limit with the same error body.
   */
  maxBodyBytes?: number;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * API Gateway on one machine: an HTTP server that turns each request into the REST API's proxy
 * event, calls the very same handler the Lambda function runs, and writes its response back.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { handler, logger, host = '127.0.0.1', port = 8083, maxBodyBytes = 10 * 1024 * 1024 } = options;
  const server = createServer((req, res) => {
    const started = performance.now();
    serve(req, res, handler, maxBodyBytes)
      .catch((err: unknown) => {
        logger.error('local API adapter failed', { error: err as Error });
        writeJson(res, 500, { error_code: 500, message: 'Internal error in the local API adapter' });
      })
      .finally(() => {
        const latencyMs = Math.round((performance.now() - started) * 10) / 10;
        logger.info(`${req.method} ${req.url} ${res.statusCode}`, { latencyMs });
      });
  });
  await listen(server, port, host);
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, handler: ProxyHandler, maxBodyBytes: number) {
  const body = await readBody(req, maxBodyBytes);
  if (body === null) {
    req.resume();
    writeJson(res, 413, { error_code: 413, message: `Request body is larger than the limit of ${maxBodyBytes} bytes` });
    return;
  }
  const result = await handler(toProxyEvent(req, body), lambdaContext());
  res.writeHead(result.statusCode, flatHeaders(result.headers));
  res.end(result.body);
}

/** The request as API Gateway's REST API (v1 payload) presents it to a `{proxy+}` integration. */
export function toProxyEvent(req: IncomingMessage, body: Buffer): APIGatewayProxyEvent {
  // Concatenated rather than resolved against a base, so `//connectors` stays a path (not a host).
  const url = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : `/${req.url ?? ''}`}`);
  // API Gateway passes text bodies as strings and base64-encodes the rest; bytes that are not
  // UTF-8 are passed the second way, so the handler sees them exactly instead of with U+FFFD.
  const text = utf8OrNull(body);
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) {
    single[key] = value;
    multi[key] = [...(multi[key] ?? []), value];
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(',') : value;
  }
  const path = url.pathname;
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: req.method ?? 'GET',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: url.searchParams.size > 0 ? single : null,
    multiValueQueryStringParameters: url.searchParams.size > 0 ? multi : null,
    pathParameters: { proxy: path.replace(/^\//, '') },
    stageVariables: null,
    body: body.length === 0 ? null : (text ?? body.toString('base64')),
    isBase64Encoded: body.length > 0 && text === null,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: req.method ?? 'GET',
      identity: {} as APIGatewayProxyEvent['requestContext']['identity'],
      path,
      stage: 'local',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: '/{proxy+}',
    },
  };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function utf8OrNull(bytes: Buffer): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/** Reads the body, or returns null as soon as it passes the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'connect-rest',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:connect-rest',
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

function flatHeaders(headers: APIGatewayProxyResult['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) flat[key] = String(value);
  return flat;
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
