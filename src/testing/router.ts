// The msw handlers: two per operation (the default space and `/s/<space>`). Each logs the request,
// answers a failure injected with `mock.fail` if one is waiting, and otherwise runs Kibana's checks in
// Kibana's order before the operation's route: authentication (401), kbn-xsrf on writes (400), the APM
// version header (400), the query and the body against the spec (400).
import type { HttpHandler } from 'msw';
import type { KibanaAuth } from '../auth.js';
import type { OperationId } from '../types.js';
import { authenticate } from './auth.js';
import { externals } from './externals.js';
import { alertingRoutes } from './handlers/alerting.js';
import { apmRoutes } from './handlers/apm.js';
import { casesRoutes } from './handlers/cases.js';
import { connectorsRoutes } from './handlers/connectors.js';
import { maintenanceWindowRoutes } from './handlers/maintenance-windows.js';
import type { Failures } from './failures.js';
import type { RequestLog } from './request-log.js';
import { KibanaHttpError, errorResponse, jsonResponse } from './respond.js';
import type { Route, RouteContext, Routes } from './routes.js';
import { specOperations, type SpecOperation } from './spec.js';
import type { MockState } from './state.js';
import { checkBody, parseQuery } from './validate.js';

/** Every operation's implementation. Listing them here makes an operation added to the spec without one a compile error. */
const routes: Routes = {
  ...casesRoutes,
  ...alertingRoutes,
  ...maintenanceWindowRoutes,
  ...connectorsRoutes,
  ...apmRoutes,
};

/** Kibana's default `server.maxPayload`. */
const MAX_PAYLOAD = 1_048_576;

interface RouterOptions {
  /** Origin and base path, without a trailing slash. */
  baseUrl: string;
  auth: KibanaAuth | undefined;
  state: MockState;
  /** Where every request an operation's handler gets is logged. */
  log: RequestLog;
  /** Failures waiting to be answered instead of the operation. */
  failures: Failures;
}

function parameterCount(path: string): number {
  return (path.match(/\{/g) ?? []).length;
}

async function readBody(
  operation: SpecOperation,
  request: Request,
): Promise<{ body: unknown; form: FormData | undefined }> {
  const spec = operation.requestBody;
  if (!spec) return { body: undefined, form: undefined };
  const contentType = request.headers.get('content-type') ?? '';
  if (spec.mediaType === 'multipart/form-data') {
    if (!contentType.toLowerCase().startsWith('multipart/form-data'))
      throw new KibanaHttpError(415, 'Unsupported Media Type');
    // Kibana limits the whole payload, file included, before it parses the form.
    const payload = await request.arrayBuffer();
    if (payload.byteLength > MAX_PAYLOAD)
      throw new KibanaHttpError(413, `Payload content length greater than maximum allowed: ${MAX_PAYLOAD}`);
    let form: FormData;
    try {
      form = await new Response(payload, { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new KibanaHttpError(400, 'Invalid multipart payload format');
    }
    // Files are binary strings to the schema; the route reads them from the form.
    const fields: Record<string, string> = {};
    form.forEach((value, name) => {
      fields[name] = typeof value === 'string' ? value : `<file ${value.name}>`;
    });
    checkBody(operation, fields);
    return { body: fields, form };
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_PAYLOAD)
    throw new KibanaHttpError(413, `Payload content length greater than maximum allowed: ${MAX_PAYLOAD}`);
  if (bytes.byteLength === 0) {
    if (spec.required)
      throw new KibanaHttpError(400, '[request body]: expected a plain object value, but found [null] instead.');
    return { body: undefined, form: undefined };
  }
  if (!/[/+]json\b/i.test(contentType)) throw new KibanaHttpError(415, 'Unsupported Media Type');
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new KibanaHttpError(400, 'Invalid request payload JSON format');
  }
  if (body === null && spec.required)
    throw new KibanaHttpError(400, '[request body]: expected a plain object value, but found [null] instead.');
  checkBody(operation, body);
  return { body, form: undefined };
}

async function serve(
  operation: SpecOperation,
  route: Route<OperationId>,
  request: Request,
  params: Record<string, string | readonly string[] | undefined>,
  options: RouterOptions,
  basePath: string,
): Promise<Response> {
  const { spaceId: space, ...pathParams } = params;
  const spaceId = typeof space === 'string' ? space : 'default';
  await options.log.record(operation, request, basePath, spaceId);
  const failure = options.failures.take(operation.operationId);
  if (failure) return failure;
  try {
    const user = authenticate(request.headers.get('authorization'), options.auth);
    if (operation.method !== 'get' && !request.headers.has('kbn-xsrf'))
      throw new KibanaHttpError(400, 'Request must contain a kbn-xsrf header.');
    if (operation.apiVersion !== undefined) {
      const version = request.headers.get('elastic-api-version');
      if (version === null || version.trim() === '')
        throw new KibanaHttpError(
          400,
          `Please specify a version via elastic-api-version header. Available versions: ${operation.apiVersion}`,
        );
      if (version !== operation.apiVersion) {
        throw new KibanaHttpError(
          400,
          `No version "${version}" available for [${operation.method}] [${operation.path}]. Available versions are: [${operation.apiVersion}]`,
        );
      }
    }
    const query = parseQuery(operation, new URL(request.url).searchParams);
    const { body, form } = await readBody(operation, request);
    const context: RouteContext<OperationId> = {
      request,
      path: pathParams as never,
      query: query as never,
      body: body as never,
      form,
      spaceId,
      space: options.state.space(spaceId),
      state: options.state,
      user,
      now: new Date().toISOString(),
    };
    const result = await route(context);
    return operation.successStatus === 204 ? new Response(null, { status: 204 }) : jsonResponse(result ?? {});
  } catch (error) {
    if (error instanceof KibanaHttpError) return errorResponse(error);
    return errorResponse(
      new KibanaHttpError(
        500,
        `An internal server error occurred. (mock: ${error instanceof Error ? error.message : String(error)})`,
      ),
    );
  }
}

/**
 * A path that is a run of plain characters and percent-encoded UTF-8 (every well-formed sequence),
 * so that its negation finds a path `decodeURIComponent` refuses without calling it.
 */
const H = '[0-9A-Fa-f]';
const CONT = `%[89ABab]${H}`;
const UTF8 = [
  `%[0-7]${H}`,
  `%(?:[Cc][2-9A-Fa-f]|[Dd]${H})${CONT}`,
  `%[Ee]0%[ABab]${H}${CONT}`,
  `%[Ee][1-9A-Ca-cEeFf](?:${CONT}){2}`,
  `%[Ee][Dd]%[89]${H}${CONT}`,
  `%[Ff]0%[9ABab]${H}(?:${CONT}){2}`,
  `%[Ff][1-3](?:${CONT}){3}`,
  `%[Ff]4%8${H}(?:${CONT}){2}`,
].join('|');

/**
 * Kibana's router answers 400 to a path it cannot decode, before any route. msw's own matching
 * would throw on it, so this handler comes first; it matches nothing else.
 */
function malformedPathHandler(baseUrl: string): HttpHandler {
  const base = baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return externals.msw.http.all(new RegExp(`^${base}/(?!(?:[^%]|${UTF8})*$)`), () =>
    errorResponse(new KibanaHttpError(400, 'Invalid request path: malformed percent-encoding')),
  );
}

/** The msw handlers for every operation of the spec, at `baseUrl` and in every space under it. */
export function createHandlers(options: RouterOptions): HttpHandler[] {
  // A literal segment must win over a parameter in the same place (`/api/cases/_find` over `/api/cases/{caseId}`),
  // and msw takes the first handler that matches: fewer parameters first.
  const operations = [...specOperations()].sort((a, b) => parameterCount(a.path) - parameterCount(b.path));
  const handlers: HttpHandler[] = [malformedPathHandler(options.baseUrl)];
  const basePath = new URL(options.baseUrl).pathname.replace(/\/$/, '');
  for (const prefix of ['', '/s/:spaceId']) {
    for (const operation of operations) {
      const route = routes[operation.operationId] as Route<OperationId> | undefined;
      if (!route) throw new Error(`kibana-sdk/testing has no route for ${operation.operationId}`);
      const pattern = `${options.baseUrl}${prefix}${operation.path.replace(/\{([^}]+)\}/g, ':$1')}`;
      handlers.push(
        externals.msw.http[operation.method](pattern, ({ request, params }) =>
          serve(operation, route, request, params, options, basePath),
        ),
      );
    }
  }
  return handlers;
}
