import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { toErrorResponse } from '../../shared/runtime';

/**
 * Turns any error into Kafka Connect's error body, in exactly one place (Kafka's
 * ConnectExceptionMapper). Server errors are logged with their stack; the response carries the
 * message only.
 */
export function errorBody(logger: Logger): MiddlewareObj<unknown, APIGatewayProxyResult> {
  return {
    name: 'errorBody',
    onError: (request) => {
      const { statusCode, body, headers } = toErrorResponse(request.error);
      if (statusCode >= 500) logger.error('request failed', { error: request.error as Error });
      request.response = {
        statusCode,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      };
    },
  };
}
