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
 * and what is made once per space (its openapi-fetch client and base URL). Call settings are in
 * `ClientSettings`.
 */
export class SharedState {
  readonly config: ResolvedConfig;
  readonly platform: Platform;
  readonly transport: Transport;
  readonly events = new ClientEvents();
  /** `undefined` when `maxConcurrency` is not set. */
  readonly limit: ConcurrencyLimit | undefined;
  /** Keyed by space id, `'default'` for the default space. */
  readonly #senders = new Map<unknown, Client<paths>['request']>();
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
   * `request` of the openapi-fetch client of one space, made once per space: a base URL fixed per
   * client keeps it out of each call's options, which openapi-fetch copies twice per call. A space that
   * is not a valid id fails here, naming `option`, and is never kept.
   */
  sender(space: unknown, option: string, fail?: Problem): Client<paths>['request'] {
    const key = space === undefined ? 'default' : space;
    let send = this.#senders.get(key);
    if (send === undefined) {
      const client = createClient<paths>({
        baseUrl: this.config.origin + this.config.basePath + spacePrefix(space, option, fail),
        fetch: this.#fetch,
        Request: PreparedRequest as unknown as typeof Request,
        querySerializer: serializeQuery,
        pathSerializer: fillPath,
      });
      send = client.request.bind(client);
      this.#senders.set(key, send);
    }
    return send;
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
