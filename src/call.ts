import {
  checkCallHeadersAndAuth,
  checkObject,
  checkOptionKeys,
  checkRequiredFields,
  checkSignal,
} from './call-options.js';
import type { ClientSettings } from './client-settings.js';
import { checkMaxRetries, checkRequestTimeout } from './config.js';
import { ClientClosedError, argumentProblem, type Problem, type RequestInfo } from './errors.js';
import type { OperationFacts } from './openapi/facts.js';
import type { CallContext } from './pipeline.js';
import { serializeQuery } from './query.js';
import { CallResponse, kibanaPromise, type KibanaPromise, type KibanaResponse } from './response.js';
import type { SharedState } from './shared-state.js';
import { parseJson } from './transport/body.js';
import type { TransportResponse } from './transport/types.js';
import type { CallInit, CallOptions, OperationId, OperationResult } from './types.js';

/** What a resource may add to a call beyond its options. */
export interface InternalCallOptions {
  /** The body comes from a one-shot source (a stream) and must not be sent twice. */
  oneShot?: boolean;
}

/** An operation's facts with what a client derives from them once: headers and query encoding. */
export interface PreparedOperation {
  readonly facts: OperationFacts;
  /** Upper case, as the wire and errors spell it. */
  readonly method: string;
  /** The client's headers with `kbn-xsrf` and `elastic-api-version` as the operation needs them. */
  readonly headers: Readonly<Record<string, string>>;
  /** `headers` with the JSON media type, for a call whose body is JSON. */
  readonly jsonHeaders: Readonly<Record<string, string>>;
  readonly idempotent: boolean;
  /** Set when some query parameter goes as one JSON value. */
  readonly querySerializer: (query: Record<string, unknown>) => string;
}

type RawInit = { path?: unknown; query?: unknown; body?: unknown };
type Params = { path?: Record<string, unknown>; query?: Record<string, unknown> };

/** The filled operation as openapi-fetch takes it; `kibana` reaches the pipeline on the request. */
interface FetchInit {
  params: Params | undefined;
  body: unknown;
  parseAs: 'text';
  querySerializer: (query: Record<string, unknown>) => string;
  kibana: CallContext;
}

/** openapi-fetch's request, with the path and method the operation table names. */
type SendRequest = (
  method: string,
  path: string,
  init: FetchInit,
) => Promise<{ data?: string; response: TransportResponse }>;

function jsonQuerySerializer(names: readonly string[]): (query: Record<string, unknown>) => string {
  const json = new Set(names);
  return (query) => {
    const rest: Record<string, unknown> = {};
    let search = '';
    for (const name in query) {
      const value = query[name];
      if (!json.has(name)) rest[name] = value;
      else if (value !== undefined && value !== null)
        search += `${search ? '&' : ''}${encodeURIComponent(name)}=${encodeURIComponent(JSON.stringify(value))}`;
    }
    const others = serializeQuery(rest);
    return search && others ? `${search}&${others}` : search || others;
  };
}

function sender(shared: SharedState, space: unknown, option: string, fail?: Problem): SendRequest {
  // openapi-fetch types `request` per path and method; the table supplies both for the operation at hand.
  return shared.sender(space, option, fail) as unknown as SendRequest;
}

function closedError(operation: PreparedOperation): ClientClosedError {
  return new ClientClosedError(
    `${operation.method} ${operation.facts.path} was not sent: the client was closed with close(); create a new KibanaClient`,
  );
}

/** Prepares an operation for a client whose every request carries `clientHeaders`. */
export function prepareOperation(
  facts: OperationFacts,
  clientHeaders: Readonly<Record<string, string>>,
): PreparedOperation {
  const method = facts.method.toUpperCase();
  const headers: Record<string, string> = { ...clientHeaders };
  if (method !== 'GET') headers['kbn-xsrf'] = 'true';
  if (facts.apiVersion) headers['elastic-api-version'] = facts.apiVersion;
  return {
    facts,
    method,
    headers: Object.freeze(headers),
    jsonHeaders: Object.freeze({ ...headers, 'content-type': 'application/json' }),
    idempotent: facts.idempotent === true,
    querySerializer: facts.jsonQuery ? jsonQuerySerializer(facts.jsonQuery) : serializeQuery,
  };
}

/**
 * The one typed path every call takes: the operation's facts come from the generated table, the call's
 * options are checked, and openapi-fetch builds the request. One exists per client and space.
 */
export class Caller {
  readonly shared: SharedState;
  readonly settings: ClientSettings;
  readonly space: string;
  readonly #send: SendRequest;

  constructor(shared: SharedState, settings: ClientSettings, space: string) {
    this.shared = shared;
    this.settings = settings;
    this.space = space;
    this.#send = sender(shared, space, 'space');
  }

  /**
   * Calls the operation `id` with its parameters and body; resolves to its result. `init` may be a
   * function, so that checks of the arguments it builds reject the call's promise instead of throwing.
   */
  call<Id extends OperationId>(
    id: Id,
    init: CallInit<Id> | (() => CallInit<Id>),
    options?: CallOptions,
    internal?: InternalCallOptions,
  ): KibanaPromise<OperationResult<Id>> {
    const response = this.send(this.settings.operation(id), init, options, internal);
    // The table's entry for `id` is the operation whose result type `OperationResult<Id>` names.
    return kibanaPromise(response as Promise<KibanaResponse<OperationResult<Id>>>);
  }

  /** The untyped core of {@link Caller.call}, also used by `kibana.request` for paths outside the spec. */
  async send(
    operation: PreparedOperation,
    given: RawInit | (() => RawInit),
    options: CallOptions | undefined,
    internal?: InternalCallOptions,
  ): Promise<KibanaResponse<unknown>> {
    const { facts } = operation;
    if (this.shared.closed) throw closedError(operation);
    const init = typeof given === 'function' ? given() : given;
    const config = this.settings;
    if (facts.requiredBody) checkRequiredFields(init.body, facts.requiredBody);
    let context: CallContext;
    let send = this.#send;
    if (options === undefined) {
      context = {
        operation,
        headers: undefined,
        signal: undefined,
        timeout: config.requestTimeout,
        maxRetries: config.maxRetries,
        retry: config.retry,
        retryNonIdempotent: false,
        replayable: internal?.oneShot !== true,
      };
    } else {
      checkOptionKeys(checkObject('options', options));
      context = {
        operation,
        headers: checkCallHeadersAndAuth(options.headers, options.auth),
        signal: checkSignal(options.signal),
        timeout:
          options.requestTimeout === undefined
            ? config.requestTimeout
            : checkRequestTimeout('options.requestTimeout', options.requestTimeout, argumentProblem),
        maxRetries:
          options.maxRetries === undefined
            ? config.maxRetries
            : checkMaxRetries('options.maxRetries', options.maxRetries, argumentProblem),
        retry: config.retry,
        retryNonIdempotent: options.retryNonIdempotent === true,
        replayable: internal?.oneShot !== true,
      };
      if (options.space !== undefined) send = sender(this.shared, options.space, 'options.space', argumentProblem);
    }
    const params =
      init.path === undefined && init.query === undefined
        ? undefined
        : ({ path: init.path, query: init.query } as Params);
    if (params?.query !== undefined) checkObject('query', params.query);
    // One shape for every call: openapi-fetch copies this object twice, and a fixed shape keeps that fast.
    const fetchInit: FetchInit = {
      params,
      body: init.body,
      parseAs: 'text',
      querySerializer: operation.querySerializer,
      kibana: context,
    };
    const limit = this.shared.limit;
    if (limit === undefined) return this.#exchange(send, operation, fetchInit);
    const info: RequestInfo = { method: operation.method, path: facts.path };
    const waiting = limit.acquire(context.signal, info);
    if (waiting !== undefined) await waiting;
    try {
      // close() may have come while the call waited for its slot.
      if (this.shared.closed) throw closedError(operation);
      return await this.#exchange(send, operation, fetchInit);
    } finally {
      limit.release();
    }
  }

  async #exchange(
    send: SendRequest,
    operation: PreparedOperation,
    fetchInit: FetchInit,
  ): Promise<KibanaResponse<unknown>> {
    const { facts } = operation;
    const { data, response } = await send(facts.method, facts.path, fetchInit);
    const parsed =
      typeof data === 'string'
        ? parseJson(data, response.status, { method: operation.method, path: facts.path })
        : undefined;
    return new CallResponse(parsed, response);
  }
}
