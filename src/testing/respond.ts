// Kibana's error answers: `{ statusCode, error, message }` with the reason phrase of the status.

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Kibana's JSON error body. */
export interface KibanaErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/** Thrown by a route to answer with a Kibana error. */
export class KibanaHttpError extends Error {
  readonly statusCode: number;
  /** `message` defaults to the status's reason phrase. */
  constructor(statusCode: number, message: string = REASONS[statusCode] ?? 'Error') {
    super(message);
    this.statusCode = statusCode;
  }

  get body(): KibanaErrorBody {
    return { statusCode: this.statusCode, error: REASONS[this.statusCode] ?? 'Error', message: this.message };
  }
}

/** Kibana's 404 for a saved object that does not exist (in this space). */
export function savedObjectNotFound(type: string, id: string): KibanaHttpError {
  return new KibanaHttpError(404, `Saved object [${type}/${id}] not found`);
}

/** Kibana's 409 for a saved object id that is taken. */
export function savedObjectConflict(type: string, id: string): KibanaHttpError {
  return new KibanaHttpError(409, `Saved object [${type}/${id}] conflict`);
}

/** A Response with a JSON body. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** A Response for a Kibana error. */
export function errorResponse(error: KibanaHttpError, headers: Record<string, string> = {}): Response {
  return jsonResponse(error.body, error.statusCode, headers);
}
