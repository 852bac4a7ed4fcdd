import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { AnyApiHandler, RequestContext, SupportedApi } from './apis';
import type { BrokerState } from './broker-state';
import { ProtocolError } from './errors';
import { ApiKey, decodeRequest, ErrorCode, encodeResponse, type RequestPrefix, readRequestPrefix } from './protocol';

export interface KafkaServerOptions {
  readonly host: string;
  readonly port: number;
  /** The host Metadata and FindCoordinator advertise; by default the address each client connected to. */
  readonly advertisedHost?: string;
  readonly broker: BrokerState;
  readonly handlers: readonly AnyApiHandler[];
  /** socket.request.max.bytes: a larger frame size is taken for garbage and the connection closed (Kafka: 100 MiB). */
  readonly maxRequestBytes?: number;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);
/** Frames read ahead of the one being served before the socket is paused (back pressure). */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/**
 * The TCP side of the broker: int32-size-prefixed frames in, one handler per API key, responses out.
 * Like Kafka, a connection's requests are served one at a time, in order, so responses come back in
 * request order; a long poll holds only its own connection. A frame that cannot be a Kafka request
 * (bad size, unknown API key, unsupported version, bytes that do not decode) closes its connection,
 * which is what Kafka does, and nothing else: other connections and the logs are untouched.
 */
export class KafkaServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private readonly handlers: Map<number, AnyApiHandler>;
  readonly apis: readonly SupportedApi[];
  private boundPort = 0;

  constructor(private readonly options: KafkaServerOptions) {
    this.handlers = new Map(options.handlers.map((h) => [h.apiKey, h]));
    this.apis = options.handlers
      .map(({ apiKey, minVersion, maxVersion }) => ({ apiKey, minVersion, maxVersion }))
      .sort((a, b) => a.apiKey - b.apiKey);
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  get port(): number {
    return this.boundPort;
  }

  async listen(): Promise<number> {
    this.server.listen(this.options.port, this.options.host);
    await once(this.server, 'listening');
    const address = this.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : this.options.port;
    return this.boundPort;
  }

  /** Stops accepting, closes every connection and waits for the requests being served to end. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...this.connections].map((c) => c.close()));
    await closed;
  }

  private accept(socket: Socket): void {
    const listenerHost =
      this.options.advertisedHost ??
      (WILDCARDS.has(this.options.host)
        ? (socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '')
        : this.options.host);
    const connection = new Connection(socket, this, { host: listenerHost, port: this.boundPort });
    this.connections.add(connection);
    socket.once('close', () => this.connections.delete(connection));
  }

  handler(apiKey: number): AnyApiHandler | undefined {
    return this.handlers.get(apiKey);
  }

  get broker(): BrokerState {
    return this.options.broker;
  }

  get maxRequestBytes(): number {
    return this.options.maxRequestBytes ?? 100 * 1024 * 1024;
  }
}

class Connection {
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Size of the frame being assembled, or -1 while its size prefix is still being read. */
  private frameSize = -1;
  private readonly queue: Buffer[] = [];
  private queuedBytes = 0;
  private serving: Promise<void> = Promise.resolve();
  /** True while serve() works through the queue; set before its first await, so it never runs twice. */
  private busy = false;
  private readonly abort = new AbortController();
  private readonly logger;
  private readonly remote: string;

  constructor(
    private readonly socket: Socket,
    private readonly server: KafkaServer,
    private readonly listener: { host: string; port: number },
  ) {
    this.logger = server.broker.logger;
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (err) => this.logger.debug('connection error', { remote: this.remote, error: err.message }));
    socket.once('close', () => this.abort.abort());
  }

  async close(): Promise<void> {
    this.abort.abort();
    this.socket.destroy();
    await this.serving;
  }

  private get closed(): boolean {
    return this.abort.signal.aborted;
  }

  /** Cuts the incoming bytes into frames. */
  private receive(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    for (;;) {
      if (this.frameSize < 0) {
        if (this.pendingBytes < 4) break;
        const size = this.take(4).readInt32BE(0);
        if (size < 0 || size > this.server.maxRequestBytes) {
          this.drop(
            `a frame size of ${size} bytes is invalid (socket.request.max.bytes is ${this.server.maxRequestBytes})`,
          );
          return;
        }
        this.frameSize = size;
      }
      if (this.pendingBytes < this.frameSize) break;
      const frame = this.take(this.frameSize);
      this.frameSize = -1;
      this.queue.push(frame);
      this.queuedBytes += frame.length;
    }
    if (this.queuedBytes > MAX_QUEUED_BYTES) this.socket.pause();
    if (!this.busy && this.queue.length > 0) this.serving = this.serve();
  }

  /** Removes the next `size` bytes from the pending chunks, copying only when a frame spans chunks. */
  private take(size: number): Buffer {
    const first = this.pending[0]!;
    let out: Buffer;
    if (first.length >= size) {
      out = first.subarray(0, size);
      if (first.length === size) this.pending.shift();
      else this.pending[0] = first.subarray(size);
    } else {
      out = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const chunk = this.pending[0]!;
        const n = Math.min(chunk.length, size - filled);
        chunk.copy(out, filled, 0, n);
        filled += n;
        if (n === chunk.length) this.pending.shift();
        else this.pending[0] = chunk.subarray(n);
      }
    }
    this.pendingBytes -= size;
    return out;
  }

  private async serve(): Promise<void> {
    this.busy = true;
    while (this.queue.length > 0 && !this.closed) {
      const frame = this.queue.shift()!;
      this.queuedBytes -= frame.length;
      if (this.queuedBytes <= MAX_QUEUED_BYTES && this.socket.isPaused()) this.socket.resume();
      try {
        await this.handle(frame);
      } catch (err) {
        // A bug must cost at most this connection, never the broker.
        this.logger.error('failed to serve a request; closing the connection', { remote: this.remote, error: err });
        this.drop('an internal error');
      }
      if (this.socket.writableNeedDrain && !this.closed) await this.drained();
    }
    this.busy = false;
  }

  /** Resolves once the client has read what was written, or the connection is gone (never rejects). */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.abort.signal.removeEventListener('abort', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.abort.signal.addEventListener('abort', done);
    });
  }

  private async handle(frame: Buffer): Promise<void> {
    let prefix: RequestPrefix;
    try {
      prefix = readRequestPrefix(frame);
    } catch (err) {
      this.drop((err as Error).message);
      return;
    }
    const handler = this.server.handler(prefix.apiKey);
    if (!handler) {
      this.drop(`unknown API key ${prefix.apiKey}`);
      return;
    }
    if (prefix.apiVersion < handler.minVersion || prefix.apiVersion > handler.maxVersion) {
      if (prefix.apiKey === ApiKey.ApiVersions) {
        // KIP-511: answer in v0, which every client can read, with the versions we do serve.
        this.send(
          encodeResponse(ApiKey.ApiVersions, 0, prefix.correlationId, {
            errorCode: ErrorCode.UNSUPPORTED_VERSION,
            apiKeys: this.server.apis,
          }),
        );
      } else {
        this.drop(`unsupported version ${prefix.apiVersion} of API key ${prefix.apiKey}`);
      }
      return;
    }
    let request: ReturnType<typeof decodeRequest>;
    try {
      request = decodeRequest(frame, prefix);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      this.drop(`a malformed request (API key ${prefix.apiKey} v${prefix.apiVersion}): ${err.message}`);
      return;
    }

    const context: RequestContext = {
      apiVersion: prefix.apiVersion,
      correlationId: prefix.correlationId,
      clientId: request.header.clientId,
      clientHost: `/${(this.socket.remoteAddress ?? '').replace(/^::ffff:/, '')}`,
      listener: this.listener,
      broker: this.server.broker,
      apis: this.server.apis,
      signal: this.abort.signal,
    };
    try {
      const serve = (handler.handle as (body: unknown, context: RequestContext) => unknown)(request.body, context);
      const response = await abortable(serve, this.abort.signal);
      if (response !== undefined && !this.closed) {
        this.send(encodeResponse(prefix.apiKey, prefix.apiVersion, prefix.correlationId, response));
      }
    } catch (err) {
      if (this.closed) return;
      this.logger.error('failed to serve a request; closing the connection', {
        remote: this.remote,
        apiKey: prefix.apiKey,
        apiVersion: prefix.apiVersion,
        error: err,
      });
      this.socket.destroy();
    }
  }

  private send(chunks: Buffer[]): void {
    if (this.closed) return;
    this.socket.cork();
    for (const chunk of chunks) this.socket.write(chunk);
    this.socket.uncork();
  }

  private drop(reason: string): void {
    this.logger.warn(`closing connection: ${reason}`, { remote: this.remote });
    this.queue.length = 0;
    this.abort.abort();
    this.socket.destroy();
  }
}

/** The handler's result, or undefined once the connection is gone (a JoinGroup may wait for minutes). */
async function abortable<T>(value: T | Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (!(value instanceof Promise)) return value;
  if (signal.aborted) return undefined;
  let onAbort = () => {};
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([value, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
