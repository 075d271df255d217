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

import { parseRetryAfter } from './retry-after.js';

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

  // Every class of this file names itself with a literal, as minifiers rename classes; the
  // constructor's name only serves subclasses defined elsewhere.
  override get name(): string {
    return this.constructor === KibanaError ? 'KibanaError' : this.constructor.name;
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
  return (
    value instanceof KibanaError ||
    (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true)
  );
}

/** The client options are invalid; thrown by the constructor or `space()`, before any request. */
export class ConfigurationError extends KibanaError {
  /** The option at fault, e.g. `auth.apiKey` or `space`. */
  readonly option: string;
  constructor(option: string, problem: string) {
    super(`Invalid option ${option}: ${problem}`);
    this.option = option;
  }
  override get name(): string {
    return 'ConfigurationError';
  }
}

/** A method was called with a missing or invalid argument; no request was sent. */
export class ArgumentError extends KibanaError {
  /** The argument at fault, e.g. `caseId` or `body.title`. */
  readonly argument: string;
  constructor(argument: string, problem: string, options?: { request?: RequestInfo; cause?: unknown }) {
    super(`Invalid argument ${argument}: ${problem}`, options);
    this.argument = argument;
  }
  override get name(): string {
    return 'ArgumentError';
  }
}

/**
 * Makes the error for a bad value: checks shared by the constructor and by calls take one, so the same
 * rule answers `ConfigurationError` for a client option and `ArgumentError` for a call's argument.
 */
export type Problem = (name: string, problem: string) => KibanaError;

/** The problem of a client option, thrown by the constructor, `space()` and `withOptions()`. */
export const optionProblem: Problem = (name, problem) => new ConfigurationError(name, problem);

/** The problem of a call's argument or option, thrown (or rejected) before any request. */
export const argumentProblem: Problem = (name, problem) => new ArgumentError(name, problem);

const STATUS_TEXT: Readonly<Record<number, string>> = {
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
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

/**
 * A browser's `fetch` with `redirect: 'manual'` hides the redirect behind status 0; elsewhere it is
 * a 3xx (304 only answers a conditional request, which the client never sends).
 */
function isRedirect(status: number): boolean {
  return status === 0 || (status >= 300 && status < 400 && status !== 304);
}

/** Where a `Location` points, as origin and path: its user info and query may hold secrets. */
function redirectTarget(location: string | undefined, requested: string | undefined): string | undefined {
  if (!location) return undefined;
  try {
    const url = new URL(location, `http://relative.invalid${requested ?? '/'}`);
    if (url.host === 'relative.invalid') return url.pathname;
    const scheme = /^\s*[A-Za-z][A-Za-z0-9+.-]*:/.test(location) ? url.protocol : '';
    return `${scheme}//${url.host}${url.pathname}`;
  } catch {
    return undefined;
  }
}

/** The message of a 3xx: the SDK sends each request once to where it was told, never elsewhere. */
function describeRedirect(init: ResponseErrorInit): string {
  const target = redirectTarget(init.headers.location, init.request.url);
  const status =
    init.statusCode === 0
      ? 'a redirect (the browser does not tell where to)'
      : `${init.statusCode} ${STATUS_TEXT[init.statusCode] ?? 'Redirect'}`;
  const where = target ? `: Kibana redirected to ${target}` : '';
  return `${status}${where}. kibana-sdk does not follow redirects; the usual causes are a proxy in front of Kibana, an SSO login page (use an API key), or a wrong base path in url`;
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
    // A redirect's body is a login page or a link echoing the query: only where it points is told.
    const outcome = isRedirect(init.statusCode) ? describeRedirect(init) : `${status}${said ? `: ${said}` : ''}`;
    super(`${init.request.method} ${init.request.path} failed with ${outcome}${extra ? ` ${extra}` : ''}`, {
      request: init.request,
    });
    this.statusCode = init.statusCode;
    this.body = init.body;
    this.headers = init.headers;
  }

  /** Kibana's own message, when it sent one. */
  get kibanaMessage(): string | undefined {
    return typeof this.body === 'string' ? undefined : this.body.message;
  }

  override get name(): string {
    return 'ResponseError';
  }
}

/** `Retry-After` in whole seconds (an HTTP date counts from now, rounded up). */
function retryAfterSeconds(headers: Record<string, string>): number | undefined {
  const ms = parseRetryAfter(headers['retry-after']);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}

/** 400: Kibana rejected the request as malformed or invalid. */
export class BadRequestError extends ResponseError {
  override get name(): string {
    return 'BadRequestError';
  }
}
/** 401: the credentials are missing, wrong or expired. */
export class UnauthorizedError extends ResponseError {
  override get name(): string {
    return 'UnauthorizedError';
  }
}
/** 403: the credentials are valid but lack a privilege the operation needs. */
export class ForbiddenError extends ResponseError {
  override get name(): string {
    return 'ForbiddenError';
  }
}
/** 404: the object (or the route, in this space) does not exist. */
export class NotFoundError extends ResponseError {
  override get name(): string {
    return 'NotFoundError';
  }
}
/** 409: the object changed since it was read (a stale `version`), or already exists. */
export class ConflictError extends ResponseError {
  override get name(): string {
    return 'ConflictError';
  }
}
/** 413: the body is larger than Kibana accepts (`server.maxPayload`, 1 MB by default). */
export class PayloadTooLargeError extends ResponseError {
  constructor(init: ResponseErrorInit) {
    super(init, "(Kibana's default payload limit is 1 MB; it is set by server.maxPayload in kibana.yml.)");
  }
  override get name(): string {
    return 'PayloadTooLargeError';
  }
}
/** 429: too many requests; `retryAfter` says when to try again, if Kibana said. */
export class TooManyRequestsError extends ResponseError {
  /** Seconds Kibana asked to wait (its `Retry-After`), or `undefined` when it did not say. */
  readonly retryAfter: number | undefined;
  constructor(init: ResponseErrorInit) {
    super(init);
    this.retryAfter = retryAfterSeconds(init.headers);
  }
  override get name(): string {
    return 'TooManyRequestsError';
  }
}
/** 503: Kibana is starting or overloaded; `retryAfter` says when to try again, if it said. */
export class ServiceUnavailableError extends ResponseError {
  /** Seconds Kibana asked to wait (its `Retry-After`), or `undefined` when it did not say. */
  readonly retryAfter: number | undefined;
  constructor(init: ResponseErrorInit) {
    super(init);
    this.retryAfter = retryAfterSeconds(init.headers);
  }
  override get name(): string {
    return 'ServiceUnavailableError';
  }
}

/** 500: Kibana failed while handling the request; its log says why. */
export class InternalServerError extends ResponseError {
  override get name(): string {
    return 'InternalServerError';
  }
}

/** 502: a proxy or load balancer in front of Kibana got no valid answer from it (Kibana down or restarting). */
export class BadGatewayError extends ResponseError {
  override get name(): string {
    return 'BadGatewayError';
  }
}

/** 504: a proxy or load balancer in front of Kibana gave up waiting for it. */
export class GatewayTimeoutError extends ResponseError {
  override get name(): string {
    return 'GatewayTimeoutError';
  }
}

const RESPONSE_ERRORS: Readonly<Record<number, new (init: ResponseErrorInit) => ResponseError>> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  429: TooManyRequestsError,
  500: InternalServerError,
  502: BadGatewayError,
  503: ServiceUnavailableError,
  504: GatewayTimeoutError,
};

/** Builds the {@link ResponseError} subclass that matches the status. */
export function responseError(init: ResponseErrorInit): ResponseError {
  const ErrorClass = RESPONSE_ERRORS[init.statusCode] ?? ResponseError;
  return new ErrorClass(init);
}

/** The connection failed: refused, reset, closed early, DNS, or TLS (certificate) failure. */
export class ConnectionError extends KibanaError {
  override get name(): string {
    return 'ConnectionError';
  }
}

/** No complete answer arrived within `requestTimeout`. */
export class TimeoutError extends KibanaError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;
  constructor(message: string, timeout: number, options?: { cause?: unknown; request?: RequestInfo }) {
    super(message, options);
    this.timeout = timeout;
  }
  override get name(): string {
    return 'TimeoutError';
  }
}

/** The caller aborted the request through its `signal`. */
export class RequestAbortedError extends KibanaError {
  override get name(): string {
    return 'RequestAbortedError';
  }
}

/** A call was made on a client after `close()`, or on a client derived from a closed one. */
export class ClientClosedError extends KibanaError {
  override get name(): string {
    return 'ClientClosedError';
  }
}

/** A successful answer could not be read: invalid JSON, or larger than `maxResponseSize`. */
export class DeserializationError extends KibanaError {
  /** The status of the answer that could not be read. */
  readonly statusCode: number;
  constructor(message: string, statusCode: number, options?: { cause?: unknown; request?: RequestInfo }) {
    super(message, options);
    this.statusCode = statusCode;
  }
  override get name(): string {
    return 'DeserializationError';
  }
}
