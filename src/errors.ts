/**
 * Everything kibana-sdk throws is a {@link KibanaError}. Subclasses say what went wrong:
 * an HTTP error answer from Kibana ({@link ResponseError} and its per-status subclasses), a failed
 * connection, a timeout, a caller abort, bad configuration or arguments, or an unreadable body.
 *
 * None of them ever holds a credential: messages are built from the method, the path template,
 * the status and Kibana's own message, and the request headers are never kept.
 *
 * @packageDocumentation
 */

/** The body Kibana sends with an error status. */
export interface KibanaErrorBody {
  statusCode: number;
  error: string;
  message: string;
  attributes?: Record<string, unknown>;
}

/** Marks errors of this package across copies of it (two installed versions, CJS and ESM side by side). */
const BRAND = Symbol.for('kibana-sdk.KibanaError');

/** Where an error happened: the request as the SDK sent it, without any header. */
export interface RequestInfo {
  /** HTTP method, upper case. */
  method: string;
  /** The operation's path template as the spec writes it, e.g. `/api/cases/{caseId}`. */
  path: string;
  /** The path actually requested (space prefix and encoded ids included), without query string. */
  url?: string;
}

/** The base class of every error kibana-sdk throws. */
export class KibanaError extends Error {
  /** The request that failed, when there was one. */
  readonly request: RequestInfo | undefined;

  constructor(message: string, options?: { cause?: unknown; request?: RequestInfo }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.request = options?.request;
  }

  override get name(): string {
    return this.constructor.name;
  }

  /** @internal */
  get [BRAND](): true {
    return true;
  }

  /** A plain-data view for logs; it has no credentials because the error never held any. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) json[key] = value;
    return json;
  }
}

/**
 * True for any error thrown by kibana-sdk, including one thrown by another installed copy of it,
 * where `instanceof` would say no.
 */
export function isKibanaError(value: unknown): value is KibanaError {
  return value instanceof KibanaError || (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true);
}

/** The client options are invalid; thrown by the constructor or `space()`, before any request. */
export class ConfigurationError extends KibanaError {
  /** The option at fault, e.g. `auth.apiKey` or `space`. */
  readonly option: string;
  constructor(option: string, problem: string) {
    super(`Invalid option ${option}: ${problem}`);
    this.option = option;
  }
}

/** A method was called with a missing or invalid argument; no request was sent. */
export class ArgumentError extends KibanaError {
  /** The argument at fault, e.g. `caseId` or `body.title`. */
  readonly argument: string;
  constructor(argument: string, problem: string, options?: { request?: RequestInfo }) {
    super(`Invalid argument ${argument}: ${problem}`, options);
    this.argument = argument;
  }
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function describeBody(body: KibanaErrorBody | string): string {
  if (typeof body !== 'string') return body.message;
  const text = body.trim().replace(/\s+/g, ' ');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** What a {@link ResponseError} is built from. */
export interface ResponseErrorInit {
  statusCode: number;
  /** Kibana's parsed error body, or the raw text when the body is not Kibana's JSON error. */
  body: KibanaErrorBody | string;
  /** Response headers (lower-case names); `set-cookie` is never kept. */
  headers: Record<string, string>;
  request: RequestInfo;
}

/** Kibana answered with an error status. Subclasses exist for the statuses callers handle. */
export class ResponseError extends KibanaError {
  readonly statusCode: number;
  /** Kibana's parsed error body, or the raw text when the body was not Kibana's JSON error. */
  readonly body: KibanaErrorBody | string;
  /** Response headers, lower-case names; cookies are left out. */
  readonly headers: Record<string, string>;
  declare readonly request: RequestInfo;

  constructor(init: ResponseErrorInit, extra?: string) {
    const status = `${init.statusCode} ${STATUS_TEXT[init.statusCode] ?? 'Error'}`;
    const said = describeBody(init.body);
    super(`${init.request.method} ${init.request.path} failed with ${status}${said ? `: ${said}` : ''}${extra ? ` ${extra}` : ''}`, { request: init.request });
    this.statusCode = init.statusCode;
    this.body = init.body;
    this.headers = init.headers;
  }

  /** Kibana's own message, when it sent one. */
  get kibanaMessage(): string | undefined {
    return typeof this.body === 'string' ? undefined : this.body.message;
  }
}

/** 400: Kibana rejected the request as malformed or invalid. */
export class BadRequestError extends ResponseError {}
/** 401: the credentials are missing, wrong or expired. */
export class UnauthorizedError extends ResponseError {}
/** 403: the credentials are valid but lack a privilege the operation needs. */
export class ForbiddenError extends ResponseError {}
/** 404: the object (or the route, in this space) does not exist. */
export class NotFoundError extends ResponseError {}
/** 409: the object changed since it was read (a stale `version`), or already exists. */
export class ConflictError extends ResponseError {}
/** 413: the body is larger than Kibana accepts (`server.maxPayload`, 1 MB by default). */
export class PayloadTooLargeError extends ResponseError {
  constructor(init: ResponseErrorInit) {
    super(init, "(Kibana's default payload limit is 1 MB; it is set by server.maxPayload in kibana.yml.)");
  }
}
/** 429: too many requests; `retryAfter` says when to try again, if Kibana said. */
export class TooManyRequestsError extends ResponseError {}
/** 503: Kibana is starting or overloaded; `retryAfter` says when to try again, if it said. */
export class ServiceUnavailableError extends ResponseError {}

const RESPONSE_ERRORS: Readonly<Record<number, new (init: ResponseErrorInit) => ResponseError>> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  429: TooManyRequestsError,
  503: ServiceUnavailableError,
};

/** Builds the {@link ResponseError} subclass that matches the status. */
export function responseError(init: ResponseErrorInit): ResponseError {
  const ErrorClass = RESPONSE_ERRORS[init.statusCode] ?? ResponseError;
  return new ErrorClass(init);
}

/** The connection failed: refused, reset, closed early, DNS, or TLS (certificate) failure. */
export class ConnectionError extends KibanaError {}

/** No complete answer arrived within `requestTimeout`. */
export class TimeoutError extends KibanaError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;
  constructor(message: string, timeout: number, options?: { cause?: unknown; request?: RequestInfo }) {
    super(message, options);
    this.timeout = timeout;
  }
}

/** The caller aborted the request through its `signal`. */
export class RequestAbortedError extends KibanaError {}

/** A successful answer could not be read: invalid JSON, or larger than `maxResponseSize`. */
export class DeserializationError extends KibanaError {
  /** The status of the answer that could not be read. */
  readonly statusCode: number;
  constructor(message: string, statusCode: number, options?: { cause?: unknown; request?: RequestInfo }) {
    super(message, options);
    this.statusCode = statusCode;
  }
}
