import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import {
  API_MESSAGES,
  type ApiMessages,
  decode,
  encode,
  isFlexible,
  Reader,
  RequestHeaderSpec,
  ResponseHeaderSpec,
  Writer,
} from '../../../local/broker/protocol';

/** A kafkajs client for the broker, quiet, with a retry budget small enough for tests. */
export function kafkaClient(bootstrap: string, clientId = 'broker-test'): Kafka {
  return new Kafka({
    clientId,
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 50 },
  });
}

/** Polls `check` until it returns something truthy, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A bare Kafka-protocol connection that speaks through the broker's own codec: for requests no client
 * library would send (duplicates, garbage, unsupported versions).
 */
export class RawConnection {
  private buffered = Buffer.alloc(0);
  private readonly waiting: Array<(frame: Buffer | undefined) => void> = [];
  private correlationId = 0;
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 4 && this.buffered.length >= 4 + this.buffered.readInt32BE(0)) {
        const size = this.buffered.readInt32BE(0);
        const frame = this.buffered.subarray(4, 4 + size);
        this.buffered = this.buffered.subarray(4 + size);
        this.waiting.shift()?.(frame);
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const resolve of this.waiting.splice(0)) resolve(undefined);
    });
    socket.on('error', () => {});
  }

  static connect(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.once('error', reject);
      socket.connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
    });
  }

  /** Sends raw bytes (a size prefix is not added). */
  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Waits for the connection to close; resolves false if it is still open after `ms`. */
  async closedWithin(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return this.closed;
  }

  /** The next response frame, whatever request it answers; undefined if the broker hangs up. */
  next(): Promise<Buffer | undefined> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Sends one frame (the size prefix is added); resolves its response frame, or undefined if the broker hangs up. */
  exchange(payload: Buffer): Promise<Buffer | undefined> {
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length);
    const response = new Promise<Buffer | undefined>((resolve) => this.waiting.push(resolve));
    this.socket.write(Buffer.concat([size, payload]));
    return response;
  }

  /** Encodes a request as a client would: header and body of the given version. */
  static encodeRequest<K extends keyof ApiMessages>(
    apiKey: K,
    version: number,
    body: Partial<ApiMessages[K]['request']>,
    correlationId = 1,
  ): Buffer {
    const specs = API_MESSAGES[apiKey];
    const writer = new Writer();
    encode(
      RequestHeaderSpec,
      isFlexible(specs.request, version) ? 2 : 1,
      { requestApiKey: apiKey, requestApiVersion: version, correlationId, clientId: 'raw' },
      writer,
    );
    encode(specs.request, version, body, writer);
    return writer.toBuffer();
  }

  async request<K extends keyof ApiMessages>(
    apiKey: K,
    version: number,
    body: Partial<ApiMessages[K]['request']>,
  ): Promise<ApiMessages[K]['response']> {
    const specs = API_MESSAGES[apiKey];
    const frame = await this.exchange(RawConnection.encodeRequest(apiKey, version, body, ++this.correlationId));
    if (!frame) throw new Error(`The broker closed the connection instead of answering API key ${apiKey} v${version}`);
    const reader = new Reader(frame);
    const flexibleHeader = isFlexible(specs.response, version) && apiKey !== 18;
    decode(ResponseHeaderSpec, flexibleHeader ? 1 : 0, reader);
    return decode(specs.response, version, reader);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Runs kcat (librdkafka) with `input` on stdin; the broker runs in this process, so never synchronously. */
export function kcat(
  args: readonly string[],
  input = '',
  timeoutMs = 20_000,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kcat ${args.join(' ')} timed out; stderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    child.stdin.end(input);
  });
}
