import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/kibana.js';
import { operationTable } from '../generated/operations.js';
import { ConcurrencyLimit } from './concurrency.js';
import type { ResolvedConfig } from './config.js';
import type { Problem } from './errors.js';
import { ClientEvents } from './events.js';
import type { OperationFacts } from './openapi/facts.js';
import { fillPath } from './path.js';
import { PreparedRequest, createPipeline } from './pipeline.js';
import type { Platform } from './platform.js';
import { serializeQuery } from './query.js';
import { spacePrefix } from './space.js';
import { fetchTransport } from './transport/fetch.js';
import type { Transport } from './transport/types.js';
import type { OperationId } from './types.js';

type Table = Record<OperationId, OperationFacts>;

/**
 * What a client and the clients derived from it share: connections, listeners, the concurrency limit,
 * and what is computed once per space (base URLs). Call settings are in `ClientSettings`.
 */
export class SharedState {
  readonly config: ResolvedConfig;
  readonly platform: Platform;
  readonly transport: Transport;
  readonly events = new ClientEvents();
  /** `undefined` when `maxConcurrency` is not set. */
  readonly limit: ConcurrencyLimit | undefined;
  readonly #baseUrls = new Map<string, string>();
  readonly #senders = new Map<string, Client<paths>['request']>();
  readonly #fetch: typeof fetch;
  #closing: Promise<void> | undefined;
  #routes: Map<string, Partial<Record<string, OperationId>>> | undefined;

  constructor(config: ResolvedConfig, platform: Platform) {
    this.config = config;
    this.platform = platform;
    this.transport =
      config.transport === 'undici' && platform.undiciTransport
        ? platform.undiciTransport(config)
        : fetchTransport(config.fetch, config.maxResponseSize);
    this.#fetch = createPipeline(config, this.transport, this.events) as unknown as typeof fetch;
    this.limit = config.maxConcurrency === undefined ? undefined : new ConcurrencyLimit(config.maxConcurrency);
  }

  /** Whether `close()` was called on this client or on one it shares its connections with. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** Closes the connections once; later calls wait for the same close. */
  close(): Promise<void> {
    this.#closing ??= this.transport.close().then(() => undefined);
    return this.#closing;
  }

  /**
   * `request` of the openapi-fetch client of one base URL (a space's), made once: a base URL fixed per
   * client keeps it out of each call's options, which openapi-fetch copies twice per call.
   */
  sender(baseUrl: string): Client<paths>['request'] {
    let send = this.#senders.get(baseUrl);
    if (send === undefined) {
      const client = createClient<paths>({
        baseUrl,
        fetch: this.#fetch,
        Request: PreparedRequest as unknown as typeof Request,
        querySerializer: serializeQuery,
        pathSerializer: fillPath,
      });
      send = client.request.bind(client);
      this.#senders.set(baseUrl, send);
    }
    return send;
  }

  /** The URL prefix of a space; computed once per space id. */
  baseUrl(space: unknown, option: string, fail?: Problem): string {
    const key = typeof space === 'string' ? space : space === undefined ? 'default' : spacePrefix(space, option, fail);
    let url = this.#baseUrls.get(key);
    if (url === undefined) {
      url = this.config.origin + this.config.basePath + spacePrefix(space, option, fail);
      this.#baseUrls.set(key, url);
    }
    return url;
  }

  /** The operation of the spec at `method` and path template `path`, if there is one. */
  route(method: string, path: string): OperationId | undefined {
    if (this.#routes === undefined) {
      this.#routes = new Map();
      for (const [id, facts] of Object.entries(operationTable as Table)) {
        const methods = this.#routes.get(facts.path) ?? {};
        methods[facts.method] = id as OperationId;
        this.#routes.set(facts.path, methods);
      }
    }
    return this.#routes.get(path)?.[method];
  }
}
