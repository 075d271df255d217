import { Caller } from './call.js';
import { checkObject, checkOptionKeys, describe } from './call-options.js';
import { resolveConfig, type KibanaClientOptions } from './config.js';
import { ArgumentError, ConfigurationError } from './errors.js';
import type { KibanaClientEvents } from './events.js';
import { currentPlatform } from './platform.js';
import { rawOperation } from './raw-path.js';
import { ApmApi } from './resources/apm.js';
import { CasesApi } from './resources/cases.js';
import { ConnectorsApi } from './resources/connectors.js';
import { RulesApi } from './resources/rules.js';
import { SharedState } from './shared-state.js';
import { spacePrefix } from './space.js';
import type { CallOptions, HttpMethod, PathsWithMethod, RequestArgs, RequestResult } from './types.js';

const METHODS = new Set<string>(['get', 'put', 'post', 'delete', 'patch']);
const REQUEST_INIT = new Set<string>(['params', 'body']);

/**
 * Callers handed to the constructor by {@link KibanaClient.space}, keyed by a token that stands in for
 * the options: a derived client shares its parent's state without a constructor overload in the API.
 */
const derived = new WeakMap<object, Caller>();

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
  /** Cases: create, find, read, push, comments, files, activity and settings. */
  readonly cases: CasesApi;
  /** Alerting rules: find, read, create, update, enable, disable, mute, and alerting health. */
  readonly rules: RulesApi;
  /** APM: agent configuration, agent keys, annotations, the APM server schema and source maps. */
  readonly apm: ApmApi;
  /** Action connectors: create, read, update, delete, list, run. */
  readonly connectors: ConnectorsApi;

  readonly #caller: Caller;

  constructor(options: KibanaClientOptions) {
    const given = derived.get(options);
    if (given) {
      derived.delete(options);
      this.#caller = given;
    } else {
      const platform = currentPlatform();
      const config = resolveConfig(options, {
        nodeTransport: platform.undiciTransport !== undefined,
        userAgent: platform.userAgent,
      });
      this.#caller = new Caller(new SharedState(config, platform), options.space ?? 'default');
    }
    this.cases = new CasesApi(this.#caller);
    this.rules = new RulesApi(this.#caller);
    this.apm = new ApmApi(this.#caller);
    this.connectors = new ConnectorsApi(this.#caller);
  }

  /** The space this client's calls go to (`default` for the default space). */
  get spaceId(): string {
    return this.#caller.space;
  }

  /** The Kibana base URL (origin and base path) the client talks to. */
  get url(): string {
    const { config } = this.#caller.shared;
    return config.origin + config.basePath;
  }

  /** Which transport sends the requests: `fetch` or, in Node, `undici`. */
  get transport(): 'fetch' | 'undici' {
    return this.#caller.shared.transport.kind;
  }

  /**
   * A client bound to `spaceId` that shares this client's settings, connections and listeners.
   * The same instance is returned for the same id. Throws `ConfigurationError` for an id Kibana
   * cannot have, before any request.
   */
  space(spaceId: string): KibanaClient {
    if (typeof spaceId !== 'string')
      throw new ConfigurationError('space', `expected a space id string, got ${describe(spaceId)}`);
    const { shared } = this.#caller;
    let scoped = shared.scoped.get(spaceId);
    if (!scoped) {
      spacePrefix(spaceId, 'space');
      const token = {};
      derived.set(token, new Caller(shared, spaceId));
      scoped = new KibanaClient(token as KibanaClientOptions);
      shared.scoped.set(spaceId, scoped);
    }
    return scoped;
  }

  /**
   * Subscribes to client events: `retry` (before each retry) and `warning` (Kibana's `warning`
   * header, which announces deprecations). Returns a function that unsubscribes.
   */
  on<E extends keyof KibanaClientEvents>(event: E, listener: (event: KibanaClientEvents[E]) => void): () => void {
    return this.#caller.shared.events.on(event, listener);
  }

  /** Removes a listener added with {@link KibanaClient.on}. */
  off<E extends keyof KibanaClientEvents>(event: E, listener: (event: KibanaClientEvents[E]) => void): void {
    this.#caller.shared.events.off(event, listener);
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
  async request<M extends HttpMethod, P extends PathsWithMethod<M>>(
    method: M,
    path: P,
    ...args: RequestArgs<M, P>
  ): Promise<RequestResult<M, P>> {
    if (!METHODS.has(method))
      throw new ArgumentError('method', `expected one of ${[...METHODS].join(', ')}, got ${JSON.stringify(method)}`);
    const init = args[0] === undefined ? {} : checkObject('options', args[0]);
    checkOptionKeys(init, REQUEST_INIT);
    const { params, body, ...options } = init;
    const { path: pathParams, query } = params === undefined ? {} : checkObject('options.params', params);
    const { shared } = this.#caller;
    const id = shared.route(method, path);
    const operation = id === undefined ? rawOperation(method, path, shared.config.headers) : shared.operation(id);
    const result = await this.#caller.send(operation, { path: pathParams, query, body }, options as CallOptions);
    return result as RequestResult<M, P>;
  }

  /**
   * Closes the connections (shared with the space-scoped clients). Every call made afterwards, on
   * this client or one derived from it, fails at once with `ClientClosedError`. Closing again is harmless.
   */
  close(): Promise<void> {
    return this.#caller.shared.close();
  }

  /** A summary without credentials, for logs. */
  toJSON(): { url: string; space: string; transport: string } {
    return { url: this.url, space: this.spaceId, transport: this.transport };
  }

  /** `util.inspect` shows the summary, never the configuration. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `KibanaClient ${JSON.stringify(this.toJSON())}`;
  }
}
