/**
 * Type helpers over the generated OpenAPI types. Resource methods take and return these, so no
 * Kibana shape is ever written twice by hand.
 *
 * @packageDocumentation
 */
import type { components, operations, paths } from '../generated/kibana.js';
import type { KibanaAuth } from './auth.js';

export type { components, operations, paths };

/** Every named schema of the spec, e.g. `Schemas['Case']`. */
export type Schemas = components['schemas'];

/** An operation's id, as the spec names it (`createCase`, `findRules`, ...). */
export type OperationId = keyof operations;

type JsonContent<T> = T extends { content: { 'application/json': infer Body } }
  ? Body
  : T extends { content: { 'multipart/form-data': infer Form } }
    ? Form
    : never;

/** The request body of an operation. */
export type OperationBody<Id extends OperationId> = operations[Id] extends { requestBody?: infer Body }
  ? JsonContent<NonNullable<Body>>
  : never;

/** The query parameters of an operation. */
export type OperationQuery<Id extends OperationId> = operations[Id] extends { parameters: { query?: infer Query } }
  ? NonNullable<Query>
  : never;

/** The path parameters of an operation. */
export type OperationPath<Id extends OperationId> = operations[Id] extends { parameters: { path?: infer Path } }
  ? NonNullable<Path>
  : never;

type Success<Responses> = Responses extends { 200: infer R }
  ? JsonContent<R>
  : Responses extends { 201: infer R }
    ? JsonContent<R>
    : never;

/** What an operation answers on success; `void` for an empty answer (204). */
export type OperationResult<Id extends OperationId> = [Success<operations[Id]['responses']>] extends [never]
  ? void
  : Success<operations[Id]['responses']>;

/** The HTTP methods the spec uses. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The paths that have an operation for `method`. */
export type PathsWithMethod<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends Record<M, object> ? P : never;
}[keyof paths];

/** Options every call accepts, on top of the client's settings. */
export interface CallOptions {
  /** Aborts the call; the promise then rejects with `RequestAbortedError`. */
  signal?: AbortSignal;
  /** Milliseconds one attempt of this call may take, response headers and body together. */
  requestTimeout?: number;
  /** How many times this call may be retried. */
  maxRetries?: number;
  /** The space of this call, instead of the client's. */
  space?: string;
  /**
   * Lets a POST or PATCH be retried after a connection error, 429, 502, 503 or 504. Only set it
   * when sending the request twice is harmless: Kibana may have acted on the first one.
   */
  retryNonIdempotent?: boolean;
  /** Extra headers for this call; the names the client sets itself (`authorization`, `kbn-xsrf`, ...) are refused. */
  headers?: Record<string, string>;
  /**
   * Credentials for this call only, in the same forms as the client's `auth` (for example to act as
   * another user). Like the client's, they never appear in an error, an event or `util.inspect`.
   */
  auth?: KibanaAuth;
}

type CallBody<Body> = Body extends { content: { 'multipart/form-data': unknown } } ? FormData : JsonContent<Body>;

type CallBodyInit<Operation> = Operation extends { requestBody: infer Body }
  ? { body: CallBody<Body> }
  : Operation extends { requestBody?: infer Body }
    ? { body?: CallBody<NonNullable<Body>> }
    : object;

type CallParams<Operation> = Operation extends { parameters: infer Params }
  ? Omit<Params, 'header' | 'cookie'>
  : object;

/**
 * What one call of an operation carries, typed from the operation itself: `path` parameters, `query`
 * and `body` (a `FormData` for multipart operations), each required exactly when the spec requires it. A misspelt parameter, a missing one or
 * a body of the wrong shape does not compile.
 */
export type CallInit<Id extends OperationId> = CallParams<operations[Id]> & CallBodyInit<operations[Id]>;

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

type ParamsInit<Params> = [RequiredKeys<Omit<Params, 'header' | 'cookie'>>] extends [never]
  ? { params?: Omit<Params, 'header' | 'cookie'> }
  : { params: Omit<Params, 'header' | 'cookie'> };

type BodyInit<Operation> = Operation extends { requestBody: infer Body }
  ? { body: JsonContent<Body> }
  : Operation extends { requestBody?: infer Body }
    ? { body?: JsonContent<NonNullable<Body>> }
    : object;

type InitFor<Operation> = (Operation extends { parameters: infer Params } ? ParamsInit<Params> : object) &
  BodyInit<Operation> &
  CallOptions;

/**
 * The second argument of {@link KibanaClient.request}, in openapi-fetch's shape:
 * `{ params: { path, query }, body }` plus {@link CallOptions}. Optional when nothing in it is required.
 */
export type RequestArgs<M extends HttpMethod, P extends PathsWithMethod<M>> = [
  RequiredKeys<InitFor<paths[P][M]>>,
] extends [never]
  ? [init?: InitFor<paths[P][M]>]
  : [init: InitFor<paths[P][M]>];

type PathResult<Operation> = Operation extends { responses: infer Responses }
  ? [Success<Responses>] extends [never]
    ? void
    : Success<Responses>
  : never;

/** What {@link KibanaClient.request} resolves to for `method` and `path`. */
export type RequestResult<M extends HttpMethod, P extends PathsWithMethod<M>> = PathResult<paths[P][M]>;
