import { Caller } from './call.js';
import { ClientSettings } from './client-settings.js';
import { checkObject, checkOptionKeys } from './call-options.js';
import { kindOf } from './describe.js';
import { resolveConfig, type KibanaClientOptions } from './config.js';
import { ArgumentError, ConfigurationError } from './errors.js';
import type { KibanaClientEvents } from './events.js';
import { currentPlatform } from './platform.js';
import { rawOperation } from './raw-path.js';
import { ApmApi } from './resources/apm.js';
import { CasesApi } from './resources/cases.js';
import { ConnectorsApi } from './resources/connectors.js';
import { RulesApi } from './resources/rules.js';
import { kibanaPromise, type KibanaPromise, type KibanaResponse } from './response.js';
import { SharedState } from './shared-state.js';
import { spacePrefix } from './space.js';
import type { CallOptions, HttpMethod, PathsWithMethod, RequestArgs, RequestResult } from './types.js';
import { deriveSettings, type WithOptions } from './with-options.js';

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
      const config = resolveConfig(options, platform);
      this.#caller = new Caller(
        new SharedState(config, platform),
        new ClientSettings(config),
        options.space ?? 'default',
      );
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
      throw new ConfigurationError('space', `expected a space id string, got ${kindOf(spaceId)}`);
    const { shared, settings } = this.#caller;
    let scoped = settings.scoped.get(spaceId);
    if (!scoped) {
      spacePrefix(spaceId, 'space');
      scoped = KibanaClient.#derive(new Caller(shared, settings, spaceId));
      settings.scoped.set(spaceId, scoped);
    }
    return scoped;
  }

  /**
   * A client with other `headers`, `requestTimeout`, `maxRetries` or `retry` for its own calls, sharing
   * this client's connections, listeners, space and `maxConcurrency` (and `close()`). This client's calls
   * are unchanged. Options are checked as the constructor checks them (`ConfigurationError` naming the option).
   *
   * @example
   * ```ts
   * const nightly = kibana.withOptions({ headers: { 'x-opaque-id': 'nightly-export' }, requestTimeout: 120_000 });
   * for await (const c of nightly.cases.iterate({ status: 'closed' })) archive(c);
   * ```
   */
  withOptions(options: WithOptions): KibanaClient {
    const { shared, settings, space } = this.#caller;
    return KibanaClient.#derive(new Caller(shared, new ClientSettings(deriveSettings(settings, options)), space));
  }

  /** A client over `caller`, made without a constructor overload in the public API. */
  static #derive(caller: Caller): KibanaClient {
    const token = {};
    derived.set(token, caller);
    return new KibanaClient(token as KibanaClientOptions);
  }

  /**
   * Subscribes to client events: `request` (before each attempt), `response` (each answer, error
   * statuses included), `retry` (before each retry) and `warning` (Kibana's `warning` header, which
   * announces deprecations). Events carry no credentials and no bodies. Returns a function that unsubscribes.
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
  request<M extends HttpMethod, P extends PathsWithMethod<M>>(
    method: M,
    path: P,
    ...args: RequestArgs<M, P>
  ): KibanaPromise<RequestResult<M, P>> {
    // The spec's types tie `RequestResult<M, P>` to the operation at `method` and `path`.
    return kibanaPromise(this.#send(method, path, args[0]) as Promise<KibanaResponse<RequestResult<M, P>>>);
  }

  async #send(method: HttpMethod, path: string, given: unknown): Promise<KibanaResponse<unknown>> {
    if (!METHODS.has(method))
      throw new ArgumentError('method', `expected one of ${[...METHODS].join(', ')}, got ${JSON.stringify(method)}`);
    const init = given === undefined ? {} : checkObject('options', given);
    checkOptionKeys(init, REQUEST_INIT);
    const { params, body, ...options } = init;
    const { path: pathParams, query } = params === undefined ? {} : checkObject('options.params', params);
    const { shared, settings } = this.#caller;
    const id = shared.route(method, path);
    const operation = id === undefined ? rawOperation(method, path, settings.headers) : settings.operation(id);
    return this.#caller.send(operation, { path: pathParams, query, body }, options as CallOptions);
  }

  /**
   * Closes the connections (shared with the space and `withOptions` clients). Every call made afterwards,
   * on this client or one derived from it, fails at once with `ClientClosedError`. Closing again is harmless.
   */
  close(): Promise<void> {
    return this.#caller.shared.close();
  }

  /** A summary without credentials, for logs; in Node, `util.inspect` shows it too. */
  toJSON(): { url: string; space: string; transport: string } {
    return { url: this.url, space: this.spaceId, transport: this.transport };
  }
}
