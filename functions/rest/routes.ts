import type { APIGatewayProxyEvent } from 'aws-lambda';
import { BadRequestError } from '../../shared/api';
import { type ConnectorOffsets, type ConnectService, RestError, TargetState } from '../../shared/runtime';
import {
  accepted,
  booleanParam,
  configMap,
  type HttpResult,
  jsonBody,
  jsonTypeName,
  multiParam,
  noContent,
  ok,
} from './http';

/** What a route handler gets: the service, the event, and the path's named segments. */
export interface RouteContext {
  service: ConnectService;
  event: APIGatewayProxyEvent;
  params: Record<string, string>;
}

interface Route {
  method: string;
  /** Path segments; `:x` captures one segment as params.x. */
  path: string[];
  handle(ctx: RouteContext): Promise<HttpResult>;
}

const route = (method: string, path: string, handle: Route['handle']): Route => ({
  method,
  path: path.split('/').filter(Boolean),
  handle,
});

/** initial_state as Kafka reads it: RUNNING, PAUSED or STOPPED, in any case. */
function initialState(value: unknown): TargetState | null {
  if (value === undefined || value === null) return null;
  const text = String(value).toUpperCase();
  if (text === 'RUNNING') return TargetState.STARTED;
  if (text === 'PAUSED') return TargetState.PAUSED;
  if (text === 'STOPPED') return TargetState.STOPPED;
  throw new BadRequestError(`Invalid initial_state '${String(value)}'; expected one of RUNNING, PAUSED, STOPPED`);
}

const CREATE_FIELDS = new Set(['name', 'config', 'initial_state']);

/** Task ids are integers; anything else is no route at all, as Jersey answers for an Integer path param. */
function taskId(params: Record<string, string>): number {
  const text = params.task ?? '';
  if (!/^-?\d+$/.test(text)) throw new RestError(404, 'HTTP 404 Not Found');
  return Number(text);
}

function offsetsBody(body: unknown): ConnectorOffsets {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestError(`The offsets request body must be a JSON object, found ${jsonTypeName(body)}`);
  }
  const offsets = (body as { offsets?: unknown }).offsets;
  if (offsets === undefined || offsets === null || (Array.isArray(offsets) && offsets.length === 0)) {
    throw new BadRequestError('Partitions / offsets need to be provided for an alter offsets request');
  }
  if (!Array.isArray(offsets)) throw new BadRequestError(`"offsets" must be an array, found ${jsonTypeName(offsets)}`);
  return { offsets } as ConnectorOffsets;
}

/** The Kafka Connect REST surface (spec 1.2), one line per endpoint. */
export const ROUTES: readonly Route[] = [
  route('GET', '/', async ({ service }) => ok(await service.serverInfo())),
  route('GET', '/health', async ({ service }) => {
    const { statusCode, status } = await service.health();
    return { statusCode, body: status };
  }),

  route('GET', '/connectors', async ({ service, event }) => {
    const expand = multiParam(event, 'expand');
    return ok(expand.length === 0 ? await service.connectors() : await service.connectorsExpanded(new Set(expand)));
  }),
  route('POST', '/connectors', async ({ service, event }) => {
    const body = jsonBody(event);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new BadRequestError(`The create connector request must be a JSON object, found ${jsonTypeName(body)}`);
    }
    const unknown = Object.keys(body).filter((k) => !CREATE_FIELDS.has(k));
    if (unknown.length > 0) {
      throw new BadRequestError(
        `Unrecognized field "${unknown[0]}" in the create connector request (known fields: name, config, initial_state)`,
      );
    }
    const request = body as { name?: unknown; config?: unknown; initial_state?: unknown };
    if (request.name !== undefined && request.name !== null && typeof request.name !== 'string') {
      throw new BadRequestError(`Connector "name" must be a string, found ${jsonTypeName(request.name)}`);
    }
    if (request.config === undefined || request.config === null) {
      throw new BadRequestError('The create connector request must contain a "config" object');
    }
    const name = (request.name ?? '').trim();
    const info = await service.createConnector(
      name,
      configMap(request.config, '"config"'),
      initialState(request.initial_state),
    );
    return { statusCode: 201, body: info, headers: { Location: `/connectors/${encodeURIComponent(info.name)}` } };
  }),
  route('GET', '/connectors/:name', async ({ service, params }) => ok(await service.connectorInfo(params.name!))),
  route('DELETE', '/connectors/:name', async ({ service, params }) => {
    await service.deleteConnector(params.name!);
    return noContent();
  }),
  route('GET', '/connectors/:name/config', async ({ service, params }) =>
    ok(await service.connectorConfig(params.name!)),
  ),
  route('PUT', '/connectors/:name/config', async ({ service, event, params }) => {
    const name = params.name!;
    const { created, info } = await service.putConnectorConfig(
      name,
      configMap(jsonBody(event), 'The connector config'),
    );
    return created
      ? { statusCode: 201, body: info, headers: { Location: `/connectors/${encodeURIComponent(name)}` } }
      : ok(info);
  }),
  route('PATCH', '/connectors/:name/config', async ({ service, event, params }) =>
    ok(await service.patchConnectorConfig(params.name!, configMap(jsonBody(event), 'The config patch', true))),
  ),
  route('GET', '/connectors/:name/status', async ({ service, params }) =>
    ok(await service.connectorStatus(params.name!)),
  ),
  route('POST', '/connectors/:name/restart', async ({ service, event, params }) => {
    const request = {
      includeTasks: booleanParam(event, 'includeTasks', false),
      onlyFailed: booleanParam(event, 'onlyFailed', false),
    };
    const status = await service.restartConnector(params.name!, request);
    return status ? accepted(status) : noContent();
  }),
  route('PUT', '/connectors/:name/pause', async ({ service, params }) => {
    await service.pauseConnector(params.name!);
    return accepted();
  }),
  route('PUT', '/connectors/:name/resume', async ({ service, params }) => {
    await service.resumeConnector(params.name!);
    return accepted();
  }),
  route('PUT', '/connectors/:name/stop', async ({ service, params }) => {
    await service.stopConnector(params.name!);
    return noContent();
  }),
  route('GET', '/connectors/:name/tasks', async ({ service, params }) => ok(await service.taskConfigs(params.name!))),
  route('GET', '/connectors/:name/tasks-config', async ({ service, params }) =>
    ok(await service.tasksConfig(params.name!)),
  ),
  route('GET', '/connectors/:name/tasks/:task/status', async ({ service, params }) =>
    ok(await service.taskStatus(params.name!, taskId(params))),
  ),
  route('POST', '/connectors/:name/tasks/:task/restart', async ({ service, params }) => {
    await service.restartTask(params.name!, taskId(params));
    return noContent();
  }),
  route('GET', '/connectors/:name/topics', async ({ service, params }) => {
    const name = params.name!;
    return ok({ [name]: await service.connectorActiveTopics(name) });
  }),
  route('PUT', '/connectors/:name/topics/reset', async ({ service, params }) => {
    await service.resetConnectorActiveTopics(params.name!);
    return accepted();
  }),
  route('GET', '/connectors/:name/offsets', async ({ service, params }) =>
    ok(await service.connectorOffsets(params.name!)),
  ),
  route('PATCH', '/connectors/:name/offsets', async ({ service, event, params }) =>
    ok(await service.alterConnectorOffsets(params.name!, offsetsBody(jsonBody(event)))),
  ),
  route('DELETE', '/connectors/:name/offsets', async ({ service, params }) =>
    ok(await service.resetConnectorOffsets(params.name!)),
  ),

  route('GET', '/connector-plugins', async ({ service, event }) =>
    ok(await service.connectorPlugins(booleanParam(event, 'connectorsOnly', true))),
  ),
  route('GET', '/connector-plugins/:plugin/config', async ({ service, params }) =>
    ok(await service.pluginConfig(params.plugin!)),
  ),
  route('PUT', '/connector-plugins/:plugin/config/validate', async ({ service, event, params }) =>
    ok(await service.validateConfig(params.plugin!, configMap(jsonBody(event), 'The connector config'))),
  ),

  route('GET', '/admin/loggers', async ({ service }) => ok(await service.loggers())),
  route('GET', '/admin/loggers/:logger', async ({ service, params }) => ok(await service.logger(params.logger!))),
  route('PUT', '/admin/loggers/:logger', async ({ service, event, params }) => {
    const body = jsonBody(event) as { level?: unknown } | null;
    const level = body && typeof body === 'object' ? body.level : undefined;
    if (typeof level !== 'string' || level === '') {
      throw new BadRequestError("Desired 'level' parameter was not specified in request.");
    }
    const scope = event.queryStringParameters?.scope?.toLowerCase() === 'cluster' ? 'cluster' : 'worker';
    const affected = await service.setLoggerLevel(params.logger!, level, scope);
    return affected ? ok(affected) : noContent();
  }),
];

/** The segments of a request path, decoded; a trailing slash is ignored, as Jersey does. */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

/** Finds the route of a request: 404 when no path matches, 405 when the path exists for other methods. */
export function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } {
  const segments = pathSegments(path);
  let pathExists = false;
  for (const candidate of ROUTES) {
    const params = matchPath(candidate.path, segments);
    if (!params) continue;
    if (candidate.method === method) return { route: candidate, params };
    pathExists = true;
  }
  if (pathExists) throw new RestError(405, 'HTTP 405 Method Not Allowed');
  throw new RestError(404, 'HTTP 404 Not Found');
}

function matchPath(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const actual = segments[i] as string;
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return null;
  }
  return params;
}
