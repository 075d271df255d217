import type { KibanaClient } from '../client.js';
import type { CallOptions, OperationBody, OperationQuery, OperationResult } from '../types.js';
import { optionalObject, requireId, requireObject } from './args.js';
import { createWithOptionalId, type CreateOptions } from './create.js';

/**
 * Kibana action connectors: create, read, update, delete and list connectors, list connector
 * types, and run a connector once.
 */
export class ConnectorsApi {
  readonly #client: KibanaClient;

  /** @internal Use `kibana.connectors`. */
  constructor(client: KibanaClient) {
    this.#client = client;
  }

  /** Reads one connector: type, name, configuration and status flags (never its secrets). */
  async get(connectorId: string, options?: CallOptions): Promise<OperationResult<'getConnector'>> {
    return (await this.#client.send('get', '/api/actions/connector/{id}', { ...optionalObject('options', options), params: { path: { id: requireId('connectorId', connectorId) } } })) as OperationResult<'getConnector'>;
  }

  /**
   * Creates a connector; `name` and `connector_type_id` are required, `config` and `secrets`
   * depend on the type. With `options.id` the connector gets that identifier (Kibana answers 409,
   * `ConflictError`, when it is taken); without it Kibana picks a UUID, found in the answer's `id`.
   * Secrets are stored encrypted and never come back in an answer.
   *
   * @example
   * ```ts
   * const connector = await kibana.connectors.create({ name: 'log', connector_type_id: '.server-log' }, { id: 'ops-log' });
   * ```
   */
  async create(body: OperationBody<'createConnector'>, options?: CreateOptions): Promise<OperationResult<'createConnector'>> {
    return (await createWithOptionalId(this.#client, '/api/actions/connector', body, options)) as OperationResult<'createConnector'>;
  }

  /**
   * Replaces a connector's name, configuration and secrets; `name` is required. The type cannot
   * change, and preconfigured connectors cannot be updated.
   */
  async update(connectorId: string, body: OperationBody<'updateConnector'>, options?: CallOptions): Promise<OperationResult<'updateConnector'>> {
    return (await this.#client.send('put', '/api/actions/connector/{id}', {
      ...optionalObject('options', options),
      params: { path: { id: requireId('connectorId', connectorId) } },
      body: requireObject('body', body),
    })) as OperationResult<'updateConnector'>;
  }

  /** Deletes a connector. Rule actions that use it stay but can no longer run; preconfigured connectors cannot be deleted. */
  async delete(connectorId: string, options?: CallOptions): Promise<void> {
    await this.#client.send('delete', '/api/actions/connector/{id}', { ...optionalObject('options', options), params: { path: { id: requireId('connectorId', connectorId) } } });
  }

  /** Every connector of the space, preconfigured ones included, each with how many saved objects use it. */
  async list(options?: CallOptions): Promise<OperationResult<'getConnectors'>> {
    return (await this.#client.send('get', '/api/actions/connectors', { ...optionalObject('options', options) })) as OperationResult<'getConnectors'>;
  }

  /**
   * The connector types Kibana knows, and whether configuration and license allow each. With
   * `query.feature_id` (e.g. `alerting`, `cases`), only the types that feature can use.
   */
  async types(query?: OperationQuery<'getConnectorTypes'>, options?: CallOptions): Promise<OperationResult<'getConnectorTypes'>> {
    return (await this.#client.send('get', '/api/actions/connector_types', { ...optionalObject('options', options), params: { query: optionalObject('query', query) } })) as OperationResult<'getConnectorTypes'>;
  }

  /**
   * Runs a connector once with `body.params`, whose shape depends on the connector type (e.g.
   * `{ documents: [...] }` for `.index`). A failure of the connector itself is not thrown: the
   * answer says `status: 'error'` with a `message`.
   *
   * Not retried after a connection error, 429, 502, 503 or 504 unless `options.retryNonIdempotent` is set,
   * since the first attempt may already have sent the message or written the document.
   */
  async run(connectorId: string, body: OperationBody<'runConnector'>, options?: CallOptions): Promise<OperationResult<'runConnector'>> {
    return (await this.#client.send('post', '/api/actions/connector/{id}/_execute', {
      ...optionalObject('options', options),
      params: { path: { id: requireId('connectorId', connectorId) } },
      body: requireObject('body', body),
    })) as OperationResult<'runConnector'>;
  }
}
