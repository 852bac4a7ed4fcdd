import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ConnectService } from '../../shared/runtime';
import { errorBody } from '../middleware';
import { matchRoute } from './routes';

export interface RestDeps {
  service: ConnectService;
  logger: Logger;
}

/**
 * The REST function: an API Gateway proxy event -> the route table -> ConnectService -> Kafka
 * Connect's JSON. `local/api-server.ts` calls this same handler.
 */
export function createHandler(deps: RestDeps) {
  return middy(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const { route, params } = matchRoute(event.httpMethod, event.path);
    const result = await route.handle({ service: deps.service, event, params });
    const headers: Record<string, string> = { ...result.headers };
    if (result.body !== undefined) headers['Content-Type'] = 'application/json';
    // HEAD answers as GET would, without the body (JAX-RS's implicit HEAD).
    const body = result.body === undefined || event.httpMethod === 'HEAD' ? '' : JSON.stringify(result.body);
    return { statusCode: result.statusCode, headers, body };
  }).use(errorBody(deps.logger));
}

export type RestHandler = ReturnType<typeof createHandler>;
