// Kibana's error answers: `{ statusCode, error, message }` with the reason phrase of the status.

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  501: 'Not Implemented',
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
  constructor(statusCode: number, message: string) {
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
export function errorResponse(error: KibanaHttpError): Response {
  return jsonResponse(error.body, error.statusCode);
}
