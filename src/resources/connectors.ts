import type { Caller } from '../call.js';
import { chain, type KibanaPromise } from '../response.js';
import type { CallOptions, OperationQuery } from '../types.js';
import type {
  Connector,
  ConnectorExecuteResult,
  ConnectorType,
  ConnectorWithReferences,
  CreateConnectorBody,
  RunConnectorBody,
  UpdateConnectorBody,
} from '../names.js';
import { requireId, requireObject } from './args.js';
import { splitCreateOptions, type CreateOptions } from './create.js';

/**
 * Kibana action connectors: create, read, update, delete and list connectors, list connector
 * types, and run a connector once.
 */
export class ConnectorsApi {
  readonly #caller: Caller;

  /** @internal Use `kibana.connectors`. */
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /** Reads one connector: type, name, configuration and status flags (never its secrets). */
  get(connectorId: string, options?: CallOptions): KibanaPromise<Connector> {
    return this.#caller.call('getConnector', () => ({ path: { id: requireId('connectorId', connectorId) } }), options);
  }

  /**
   * Creates a connector; `name` and `connector_type_id` are required, `config` and `secrets`
   * depend on the type: for a type the spec describes they are checked against that type (the call
   * infers `Type` from `connector_type_id`), for any other type (a custom plugin's) they are free
   * objects ({@link CreateConnectorBody}). With `options.id` the connector gets that identifier (Kibana answers 409,
   * `ConflictError`, when it is taken); without it Kibana picks a UUID, found in the answer's `id`.
   * Secrets are stored encrypted and never come back in an answer.
   *
   * @example
   * ```ts
   * const connector = await kibana.connectors.create({ name: 'log', connector_type_id: '.server-log' }, { id: 'ops-log' });
   * ```
   */
  create<Type extends string>(body: CreateConnectorBody<Type>, options?: CreateOptions): KibanaPromise<Connector> {
    return chain(async () => {
      const { id, call } = splitCreateOptions(options);
      requireObject('body', body);
      if (id === undefined) return this.#caller.call('createConnectorWithGeneratedId', { body }, call).withResponse();
      return this.#caller.call('createConnector', { path: { id }, body }, call).withResponse();
    });
  }

  /**
   * Replaces a connector's name, configuration and secrets; `name` is required. The type cannot
   * change, and preconfigured connectors cannot be updated. The body does not say the type, so name
   * it as `Type` to have `config` and `secrets` checked against it ({@link UpdateConnectorBody});
   * without it the body of any type is accepted.
   *
   * @example
   * ```ts
   * await kibana.connectors.update<'.webhook'>(id, { name: 'hook', config: { url, method: 'put' } });
   * ```
   */
  update<Type extends string = string>(
    connectorId: string,
    body: UpdateConnectorBody<Type>,
    options?: CallOptions,
  ): KibanaPromise<Connector> {
    return this.#caller.call(
      'updateConnector',
      () => ({ path: { id: requireId('connectorId', connectorId) }, body: requireObject('body', body) }),
      options,
    );
  }

  /** Deletes a connector. Rule actions that use it stay but can no longer run; preconfigured connectors cannot be deleted. */
  delete(connectorId: string, options?: CallOptions): KibanaPromise<void> {
    return this.#caller.call(
      'deleteConnector',
      () => ({ path: { id: requireId('connectorId', connectorId) } }),
      options,
    );
  }

  /** Every connector of the space, preconfigured ones included, each with how many saved objects use it. */
  list(options?: CallOptions): KibanaPromise<ConnectorWithReferences[]> {
    return this.#caller.call('getConnectors', {}, options);
  }

  /**
   * The connector types Kibana knows, and whether configuration and license allow each. With
   * `query.feature_id` (e.g. `alerting`, `cases`), only the types that feature can use.
   */
  types(query?: OperationQuery<'getConnectorTypes'>, options?: CallOptions): KibanaPromise<ConnectorType[]> {
    return this.#caller.call('getConnectorTypes', { query }, options);
  }

  /**
   * Runs a connector once with `body.params`, whose shape depends on the connector type (e.g.
   * `{ documents: [...] }` for `.index`); name the type as `Type` to have them checked
   * ({@link RunConnectorBody}): `kibana.connectors.run<'.index'>(id, { params: { documents } })`. A failure of the connector itself is not thrown: the
   * answer says `status: 'error'` with a `message`.
   *
   * Not retried after a connection error, 429, 502, 503 or 504 unless `options.retryNonIdempotent` is set,
   * since the first attempt may already have sent the message or written the document.
   */
  run<Type extends string = string>(
    connectorId: string,
    body: RunConnectorBody<Type>,
    options?: CallOptions,
  ): KibanaPromise<ConnectorExecuteResult> {
    return this.#caller.call(
      'runConnector',
      () => ({ path: { id: requireId('connectorId', connectorId) }, body: requireObject('body', body) }),
      options,
    );
  }
}
