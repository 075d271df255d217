import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/kibana.js';
import { apiVersions, requiredBodyFields } from '../generated/operations.js';
import { headerValueProblem } from './auth.js';
import { checkInteger, resolveConfig, type KibanaClientOptions, type ResolvedConfig } from './config.js';
import { ArgumentError, ConfigurationError, KibanaError } from './errors.js';
import { ClientEvents, type KibanaClientEvents } from './events.js';
import { fillPath } from './path.js';
import { PreparedRequest, createPipeline, type CallContext } from './pipeline.js';
import type { Platform } from './platform.js';
import { serializeQuery } from './query.js';
import { ApmApi } from './resources/apm.js';
import { CasesApi } from './resources/cases.js';
import { ConnectorsApi } from './resources/connectors.js';
import { RulesApi } from './resources/rules.js';
import { spacePrefix } from './space.js';
import { fetchTransport } from './transport/fetch.js';
import { parseJson } from './transport/body.js';
import type { Transport } from './transport/types.js';
import type { CallOptions, HttpMethod, PathsWithMethod, RequestArgs, RequestResult } from './types.js';

const METHODS = new Set<string>(['get', 'put', 'post', 'delete', 'patch']);
const CALL_OPTIONS = new Set<string>(['params', 'body', 'signal', 'requestTimeout', 'maxRetries', 'space', 'retryNonIdempotent', 'headers']);

/** Internal options a resource passes along with a call. */
export interface InternalCallOptions {
  /** The body comes from a one-shot source and must not be sent twice. */
  oneShot?: boolean;
  /** Replaces the query-string encoding for this call (Kibana's JSON-array form of `ids`). */
  querySerializer?: (query: Record<string, unknown>) => string;
}

/** What a client and the space-scoped clients made from it share: settings, connections, listeners. */
class SharedState {
  readonly config: ResolvedConfig;
  readonly platform: Platform;
  readonly transport: Transport;
  readonly events = new ClientEvents();
  readonly fetchClient: Client<paths>;
  readonly scoped = new Map<string, KibanaClient>();
  readonly #baseUrls = new Map<string, string>();

  constructor(config: ResolvedConfig, platform: Platform) {
    this.config = config;
    this.platform = platform;
    this.transport = config.transport === 'undici' && platform.undiciTransport ? platform.undiciTransport(config) : fetchTransport(config.fetch, config.maxResponseSize);
    this.fetchClient = createClient<paths>({
      baseUrl: config.origin + config.basePath,
      fetch: createPipeline(config, this.transport, this.events) as unknown as typeof fetch,
      Request: PreparedRequest as unknown as typeof Request,
      querySerializer: serializeQuery,
      pathSerializer: fillPath,
    });
  }

  /** The URL prefix of a space; computed once per space id. */
  baseUrl(space: string | undefined, option: string): string {
    const key = space ?? 'default';
    let url = this.#baseUrls.get(key);
    if (url === undefined) {
      url = this.config.origin + this.config.basePath + spacePrefix(space, option);
      this.#baseUrls.set(key, url);
    }
    return url;
  }
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * A client for Kibana's HTTP API. It sends every call with the credentials, the `kbn-xsrf` and
 * `elastic-api-version` headers and the space prefix Kibana expects, retries what is safe to retry,
 * and throws a {@link KibanaError} subclass on failure.
 *
 * @example
 * ```ts
 * const kibana = new KibanaClient({ url: 'https://kibana.example.com:5601', auth: { apiKey: process.env.KIBANA_API_KEY! } });
 * const created = await kibana.space('ops').cases.create({ title: 'Disk full on db-1', ... });
 * ```
 */
export class KibanaClient {
  /** @internal Node's entry point supplies the undici transport, file access and the user agent. */
  protected static platform: Platform = {};

  /** Cases: create, find, read, push, comments, files, activity and settings. */
  readonly cases: CasesApi;
  /** Alerting rules: find, read, create, update, enable, disable, mute, and alerting health. */
  readonly rules: RulesApi;
  /** APM: agent configuration, agent keys, annotations, the APM server schema and source maps. */
  readonly apm: ApmApi;
  /** Action connectors: create, read, update, delete, list, run. */
  readonly connectors: ConnectorsApi;

  readonly #shared: SharedState;
  readonly #space: string;
  readonly #baseUrl: string;

  constructor(options: KibanaClientOptions);
  /** @internal */
  constructor(options: KibanaClientOptions, shared: SharedState, space: string);
  constructor(options: KibanaClientOptions, shared?: SharedState, space?: string) {
    if (shared) {
      this.#shared = shared;
      this.#space = space ?? 'default';
    } else {
      const platform = (this.constructor as typeof KibanaClient).platform;
      const config = resolveConfig(options, { nodeTransport: platform.undiciTransport !== undefined, userAgent: platform.userAgent });
      this.#shared = new SharedState(config, platform);
      this.#space = options.space ?? 'default';
    }
    this.#baseUrl = this.#shared.baseUrl(this.#space, 'space');
    this.cases = new CasesApi(this);
    this.rules = new RulesApi(this);
    this.apm = new ApmApi(this);
    this.connectors = new ConnectorsApi(this);
  }

  /** The space this client's calls go to (`default` for the default space). */
  get spaceId(): string {
    return this.#space;
  }

  /** The Kibana base URL (origin and base path) the client talks to. */
  get url(): string {
    return this.#shared.config.origin + this.#shared.config.basePath;
  }

  /** Which transport sends the requests: `fetch` or, in Node, `undici`. */
  get transport(): 'fetch' | 'undici' {
    return this.#shared.transport.kind;
  }

  /**
   * A client bound to `spaceId` that shares this client's settings, connections and listeners.
   * The same instance is returned for the same id. Throws `ConfigurationError` for an id Kibana
   * cannot have, before any request.
   */
  space(spaceId: string): KibanaClient {
    if (typeof spaceId !== 'string') throw new ConfigurationError('space', `expected a space id string, got ${describe(spaceId)}`);
    let scoped = this.#shared.scoped.get(spaceId);
    if (!scoped) {
      spacePrefix(spaceId, 'space');
      scoped = new (this.constructor as new (o: KibanaClientOptions, s: SharedState, sp: string) => KibanaClient)({} as KibanaClientOptions, this.#shared, spaceId);
      this.#shared.scoped.set(spaceId, scoped);
    }
    return scoped;
  }

  /**
   * Subscribes to client events: `retry` (before each retry) and `warning` (Kibana's `warning`
   * header, which announces deprecations). Returns a function that unsubscribes.
   */
  on<E extends keyof KibanaClientEvents>(event: E, listener: (event: KibanaClientEvents[E]) => void): () => void {
    return this.#shared.events.on(event, listener);
  }

  /** Removes a listener added with {@link KibanaClient.on}. */
  off<E extends keyof KibanaClientEvents>(event: E, listener: (event: KibanaClientEvents[E]) => void): void {
    this.#shared.events.off(event, listener);
  }

  /**
   * Calls any operation of the spec by method and path, with the same headers, space handling,
   * retries and errors as the resource methods. Parameters and result are typed from the spec.
   *
   * @example
   * ```ts
   * const found = await kibana.request('get', '/api/cases/_find', { params: { query: { status: 'open' } } });
   * ```
   */
  async request<M extends HttpMethod, P extends PathsWithMethod<M>>(method: M, path: P, ...args: RequestArgs<M, P>): Promise<RequestResult<M, P>> {
    return (await this.send(method, path, args[0] as Record<string, unknown> | undefined)) as RequestResult<M, P>;
  }

  /** @internal The untyped core of {@link KibanaClient.request}, also used by the resources. */
  async send(method: string, path: string, init: Record<string, unknown> | undefined, internal?: InternalCallOptions): Promise<unknown> {
    if (!METHODS.has(method)) throw new ArgumentError('method', `expected one of ${[...METHODS].join(', ')}, got ${JSON.stringify(method)}`);
    if (typeof path !== 'string' || !path.startsWith('/api/')) throw new ArgumentError('path', `expected an API path such as "/api/cases", got ${JSON.stringify(path)}`);
    const options = (init ?? {}) as CallOptions & { params?: { path?: Record<string, unknown>; query?: Record<string, unknown> }; body?: unknown };
    if (typeof options !== 'object' || options === null) throw new ArgumentError('options', `expected an object, got ${describe(options)}`);
    for (const key of Object.keys(options)) {
      if (!CALL_OPTIONS.has(key)) throw new ArgumentError(`options.${key}`, `is not a call option (known: ${[...CALL_OPTIONS].join(', ')})`);
    }
    const config = this.#shared.config;
    const upper = method.toUpperCase();
    const operation = `${upper} ${path}`;
    const required = requiredBodyFields[operation];
    if (required) checkRequiredFields(options.body, required);
    const call: CallContext = {
      path,
      apiVersion: apiVersions[operation],
      signal: checkSignal(options.signal),
      timeout: options.requestTimeout === undefined ? config.requestTimeout : checkCallInteger('options.requestTimeout', options.requestTimeout, 1),
      maxRetries: options.maxRetries === undefined ? config.maxRetries : checkCallInteger('options.maxRetries', options.maxRetries, 0, 100),
      retryNonIdempotent: options.retryNonIdempotent === true,
      replayable: internal?.oneShot !== true,
    };
    let baseUrl = this.#baseUrl;
    if (options.space !== undefined) {
      try {
        baseUrl = this.#shared.baseUrl(options.space, 'options.space');
      } catch (error) {
        throw error instanceof ConfigurationError ? new ArgumentError('options.space', error.message.replace(/^Invalid option options\.space: /, '')) : error;
      }
    }
    const { data, response } = (await this.#shared.fetchClient.request(method as 'get', path as never, {
      params: options.params,
      body: options.body,
      baseUrl,
      headers: checkCallHeaders(options.headers),
      parseAs: 'text',
      kibana: call,
      ...(internal?.querySerializer ? { querySerializer: internal.querySerializer } : {}),
    } as never)) as { data?: unknown; response: { status: number } };
    if (typeof data !== 'string') return undefined;
    return parseJson(data, response.status, { method: upper, path });
  }

  /** Closes the connections of the undici transport (shared with the space-scoped clients). */
  async close(): Promise<void> {
    await this.#shared.transport.close();
  }

  /** @internal Node-only capabilities (file paths, streams); empty in browsers. */
  get platform(): Platform {
    return this.#shared.platform;
  }

  /** A summary without credentials, for logs. */
  toJSON(): { url: string; space: string; transport: string } {
    return { url: this.url, space: this.#space, transport: this.transport };
  }

  /** @internal util.inspect shows the summary, never the configuration. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `KibanaClient ${JSON.stringify(this.toJSON())}`;
  }
}

function checkCallInteger(argument: string, value: unknown, min: number, max?: number): number {
  try {
    return checkInteger(argument, value, min, max);
  } catch (error) {
    if (error instanceof KibanaError) throw new ArgumentError(argument, error.message.replace(/^Invalid option [^:]+: /, ''));
    throw error;
  }
}

/** Names the first missing required field of a JSON body, so Kibana's 400 is never the first to say it. */
function checkRequiredFields(body: unknown, required: readonly string[]): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ArgumentError('body', `expected an object, got ${describe(body)}`);
  for (const field of required) {
    if ((body as Record<string, unknown>)[field] === undefined) throw new ArgumentError(`body.${field}`, 'is required');
  }
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Per-call headers under the rules of the `headers` client option, so a bad one is an ArgumentError
 * naming it rather than a TypeError or ConnectionError from the transport (whose message quotes the value).
 */
function checkCallHeaders(headers: unknown): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) throw new ArgumentError('options.headers', `expected an object of header names to strings, got ${describe(headers)}`);
  for (const [name, value] of Object.entries(headers)) {
    const argument = `options.headers[${JSON.stringify(name)}]`;
    if (!HEADER_NAME.test(name)) throw new ArgumentError(argument, 'is not a valid header name');
    if (typeof value !== 'string') throw new ArgumentError(argument, `expected a string, got ${describe(value)}`);
    const problem = headerValueProblem(value);
    if (problem) throw new ArgumentError(argument, problem);
  }
  return headers as Record<string, string>;
}

function checkSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  if (typeof signal !== 'object' || signal === null || typeof (signal as AbortSignal).aborted !== 'boolean' || typeof (signal as AbortSignal).addEventListener !== 'function') {
    throw new ArgumentError('options.signal', `expected an AbortSignal, got ${describe(signal)}`);
  }
  return signal as AbortSignal;
}
