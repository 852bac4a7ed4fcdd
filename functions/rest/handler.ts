import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { type ConnectService, RestError } from '../../shared/runtime';
import { errorBody } from '../middleware';
import { matchRoute } from './routes';

export interface RestDeps {
  service: ConnectService;
  logger: Logger;
  /**
   * A request still running after this long answers Kafka's 500 "Request timed out" (Kafka waits
   * 90 s). The default, 25 s, stays under API Gateway's 29 s integration timeout, whose own answer
   * is not Kafka's error body.
   */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 25_000;

/**
 * The REST function: an API Gateway proxy event -> the route table -> ConnectService -> Kafka
 * Connect's JSON. `local/api-server.ts` calls this same handler.
 */
export function createHandler(deps: RestDeps) {
  return middy(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const { route, params } = matchRoute(event.httpMethod, event.path);
    const result = await withTimeout(
      route.handle({ service: deps.service, event, params }),
      deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    );
    const headers: Record<string, string> = { ...result.headers };
    if (result.body !== undefined) headers['Content-Type'] = 'application/json';
    // HEAD answers as GET would, without the body (JAX-RS's implicit HEAD).
    const body = result.body === undefined || event.httpMethod === 'HEAD' ? '' : JSON.stringify(result.body);
    return { statusCode: result.statusCode, headers, body };
  }).use(errorBody(deps.logger));
}

export type RestHandler = ReturnType<typeof createHandler>;

/** Kafka's ConnectorsResource answer when the herder does not complete a request in time. */
async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RestError(500, 'Request timed out')), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
