import type { APIGatewayProxyEvent } from 'aws-lambda';
import { BadRequestError, javaTrim } from '../../shared/api';
import { type ConnectorOffsets, type ConnectService, RestError, TargetState } from '../../shared/runtime';
import {
  accepted,
  booleanParam,
  configMap,
  created,
  type HttpResult,
  jsonBody,
  jsonObject,
  jsonTypeName,
  multiParam,
  noContent,
  ok,
  rejectUnknownFields,
  scalarText,
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
  const given = scalarText(value);
  if (given === null) throw new BadRequestError(`"initial_state" must be a string, found ${jsonTypeName(value)}`);
  const text = given.toUpperCase();
  if (text === 'RUNNING') return TargetState.STARTED;
  if (text === 'PAUSED') return TargetState.PAUSED;
  if (text === 'STOPPED') return TargetState.STOPPED;
  throw new BadRequestError(`Invalid initial_state '${given}'; expected one of RUNNING, PAUSED, STOPPED`);
}

const CREATE_FIELDS = ['name', 'config', 'initial_state'] as const;

/**
 * Task ids are Java Integers; anything Integer.valueOf refuses (not a number, out of range) is no
 * route at all, as Jersey answers for an Integer path param.
 */
function taskId(params: Record<string, string>): number {
  const text = params.task ?? '';
  const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < -(2 ** 31) || value > 2 ** 31 - 1) {
    throw new RestError(404, 'HTTP 404 Not Found');
  }
  return value;
}

const OFFSETS_FIELDS = ['offsets'] as const;
const OFFSET_FIELDS = ['partition', 'offset'] as const;

/**
 * A ConnectorOffsets body as Kafka's Jackson mapping reads it: an object with `offsets`, a list of
 * objects with `partition` and `offset`, each a JSON object or null. Kafka answers 500 for the
 * shapes refused here; they are the client's mistake, so 400.
 */
function offsetsBody(body: unknown): ConnectorOffsets {
  const request = jsonObject(body, 'The offsets request body');
  rejectUnknownFields(request, OFFSETS_FIELDS, 'the offsets request');
  const offsets = request.offsets;
  if (offsets === undefined || offsets === null || (Array.isArray(offsets) && offsets.length === 0)) {
    throw new BadRequestError('Partitions / offsets need to be provided for an alter offsets request');
  }
  if (!Array.isArray(offsets)) throw new BadRequestError(`"offsets" must be an array, found ${jsonTypeName(offsets)}`);
  return {
    offsets: offsets.map((entry: unknown, i) => {
      const offset = jsonObject(entry, `Entry ${i} of "offsets"`);
      rejectUnknownFields(offset, OFFSET_FIELDS, `entry ${i} of "offsets"`);
      for (const field of OFFSET_FIELDS) {
        const value = offset[field];
        if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
          throw new BadRequestError(
            `The "${field}" of entry ${i} of "offsets" must be a JSON object or null, found ${jsonTypeName(value)}`,
          );
        }
      }
      return {
        partition: (offset.partition ?? null) as Record<string, unknown>,
        offset: (offset.offset ?? null) as Record<string, unknown> | null,
      };
    }),
  };
}

/** The `level` of a logger request: Jackson reads a JSON scalar into the String; absent or null is Kafka's 400. */
function loggerLevel(body: unknown): string {
  const level =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { level?: unknown }).level : undefined;
  if (level === undefined || level === null) {
    throw new BadRequestError("Desired 'level' parameter was not specified in request.");
  }
  const text = scalarText(level);
  if (text === null) throw new BadRequestError(`"level" must be a string, found ${jsonTypeName(level)}`);
  return text;
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
    const request = jsonObject(jsonBody(event), 'The create connector request');
    rejectUnknownFields(request, CREATE_FIELDS, 'the create connector request');
    let name = '';
    if (request.name !== undefined && request.name !== null) {
      const text = scalarText(request.name);
      if (text === null)
        throw new BadRequestError(`Connector "name" must be a string, found ${jsonTypeName(request.name)}`);
      // Kafka trims the name (Java's String#trim: control characters too, not Unicode spaces) and
      // leaves an empty one to validation ("String may not be empty").
      name = javaTrim(text);
    }
    if (request.config === undefined || request.config === null) {
      throw new BadRequestError('The create connector request must contain a "config" object');
    }
    const info = await service.createConnector(
      name,
      configMap(request.config, '"config"'),
      initialState(request.initial_state),
    );
    return created(event, info.name, info);
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
    const { created: isNew, info } = await service.putConnectorConfig(
      name,
      configMap(jsonBody(event), 'The connector config'),
    );
    return isNew ? created(event, name, info) : ok(info);
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
    const level = loggerLevel(jsonBody(event));
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

/**
 * Finds the route of a request: 404 when no path matches, 405 (with Allow, as Jersey sends it) when
 * the path exists for other methods. HEAD is served by the GET route, as JAX-RS does; the handler
 * sends no body for it.
 */
export function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } {
  const segments = pathSegments(path);
  const wanted = method === 'HEAD' ? 'GET' : method;
  const allowed = new Set<string>();
  for (const candidate of ROUTES) {
    const params = matchPath(candidate.path, segments);
    if (!params) continue;
    if (candidate.method === wanted) return { route: candidate, params };
    allowed.add(candidate.method);
    if (candidate.method === 'GET') allowed.add('HEAD');
  }
  if (allowed.size > 0) {
    throw new RestError(405, 'HTTP 405 Method Not Allowed', {
      headers: { Allow: [...allowed].sort().join(',') },
    });
  }
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
