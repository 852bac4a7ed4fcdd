import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Lambda alias as GetAlias answers it. */
export interface FakeAlias {
  readonly functionName: string;
  readonly name: string;
  readonly description: string;
}

export interface FakeLambda {
  /** `http://127.0.0.1:<port>`, for AWS_ENDPOINT_URL_LAMBDA. */
  readonly endpoint: string;
  /** Asynchronous invocations received: function name and payload. */
  readonly invocations: { functionName: string; payload: unknown }[];
  stop(): Promise<void>;
}

/**
 * The two Lambda control-plane calls the task functions make (no local emulator serves them):
 * GetAlias (the sink function finds its connector) and Invoke (the herder signal). Anything else
 * is a 400, so an unexpected call shows up as an error.
 */
export async function startFakeLambda(aliases: readonly FakeAlias[]): Promise<FakeLambda> {
  const invocations: FakeLambda['invocations'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname.split('/').map(decodeURIComponent);
      const reply = (status: number, json: unknown, errorType?: string) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
        });
        res.end(JSON.stringify(json));
      };
      // /2015-03-31/functions/{FunctionName}/aliases/{Name}
      if (req.method === 'GET' && path[2] === 'functions' && path[4] === 'aliases' && path[5]) {
        const fn = (path[3] ?? '').split(':').at(-1);
        const alias = aliases.find((a) => a.functionName === fn && a.name === path[5]);
        if (!alias) return reply(404, { Type: 'User', Message: 'Alias not found' }, 'ResourceNotFoundException');
        return reply(200, {
          AliasArn: `${path[3]}:${alias.name}`,
          Name: alias.name,
          FunctionVersion: '$LATEST',
          Description: alias.description,
        });
      }
      // /2015-03-31/functions/{FunctionName}/invocations
      if (req.method === 'POST' && path[2] === 'functions' && path[4] === 'invocations') {
        invocations.push({ functionName: path[3] ?? '', payload: body ? JSON.parse(body) : null });
        res.writeHead(202);
        return res.end();
      }
      return reply(
        400,
        { Type: 'User', Message: `Unexpected ${req.method} ${url.pathname}` },
        'InvalidRequestContentException',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    invocations,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
