import type { Caller } from '../../call.js';
import { mapResponse, nothing, type KibanaPromise } from '../../response.js';
import type {
  AgentConfigurationList,
  AgentConfigurationSearchResult,
  DeleteAgentConfigurationBody,
  DeleteAgentConfigurationResult,
  SaveAgentConfigurationBody,
  SearchAgentConfigurationBody,
  ServiceAgentName,
  ServiceEnvironmentList,
  SingleAgentConfiguration,
} from '../../names.js';
import type { CallOptions, OperationQuery } from '../../types.js';
import { requireId, requireObject } from '../args.js';

/**
 * APM central agent configuration: settings such as `transaction_sample_rate` that the agents of a
 * service and environment pick up at run time, without a redeploy. Use `kibana.apm.agentConfiguration`.
 */
export class ApmAgentConfigurationApi {
  readonly #caller: Caller;

  /** @internal Use `kibana.apm.agentConfiguration`. */
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /**
   * Creates the configuration of `body.service` (name and environment; leave either out to target
   * all of them). Every setting value is a string, numbers included. When a configuration already
   * exists for that service and environment, Kibana refuses with `BadRequestError` unless
   * `{ overwrite: true }` is passed.
   *
   * @example
   * ```ts
   * await kibana.apm.agentConfiguration.save(
   *   { service: { name: 'frontend', environment: 'production' }, settings: { transaction_sample_rate: '0.4' } },
   *   { overwrite: true },
   * );
   * ```
   */
  save(
    body: SaveAgentConfigurationBody,
    query?: OperationQuery<'saveAgentConfiguration'>,
    options?: CallOptions,
  ): KibanaPromise<void> {
    return mapResponse(
      this.#caller.call('saveAgentConfiguration', () => ({ query, body: requireObject('body', body) }), options),
      nothing,
    );
  }

  /** Every stored agent configuration, with its `etag` and whether an agent has applied it. */
  list(options?: CallOptions): KibanaPromise<AgentConfigurationList> {
    return this.#caller.call('getAgentConfigurations', {}, options);
  }

  /**
   * The configuration whose service name and environment are exactly those of `query`, with its
   * document `id`. A field left out matches the configuration without that field, so no query at
   * all reads the catch-all configuration. `NotFoundError` when nothing matches.
   */
  get(query?: OperationQuery<'getAgentConfiguration'>, options?: CallOptions): KibanaPromise<SingleAgentConfiguration> {
    return this.#caller.call('getAgentConfiguration', { query }, options);
  }

  /**
   * Deletes the configuration whose service name and environment are exactly those of
   * `body.service`; answers the Elasticsearch delete result. `NotFoundError` when nothing matches.
   */
  delete(body: DeleteAgentConfigurationBody, options?: CallOptions): KibanaPromise<DeleteAgentConfigurationResult> {
    return this.#caller.call('deleteAgentConfiguration', () => ({ body: requireObject('body', body) }), options);
  }

  /**
   * Finds the configuration that applies to `body.service`, the way the APM Server does for its
   * agents, and records it as applied when `etag` matches or `mark_as_applied_by_agent` is set.
   * The answer is the Elasticsearch hit, or `{}` when no configuration applies.
   */
  search(body: SearchAgentConfigurationBody, options?: CallOptions): KibanaPromise<AgentConfigurationSearchResult> {
    return this.#caller.call('searchAgentConfiguration', () => ({ body: requireObject('body', body) }), options);
  }

  /**
   * Which APM agent (`nodejs`, `java`, ...) reports for a service, read from recent APM data;
   * `agentName` is absent when there is none.
   */
  agentName(serviceName: string, options?: CallOptions): KibanaPromise<ServiceAgentName> {
    return this.#caller.call(
      'getAgentNameForService',
      () => ({ query: { serviceName: requireId('serviceName', serviceName) } }),
      options,
    );
  }

  /**
   * The environments a configuration can target for `query.serviceName` (every service's when
   * left out), each flagged when it already has a configuration. `ALL_OPTION_VALUE` stands for
   * all environments.
   */
  environments(
    query?: OperationQuery<'getEnvironmentsForService'>,
    options?: CallOptions,
  ): KibanaPromise<ServiceEnvironmentList> {
    return this.#caller.call('getEnvironmentsForService', { query }, options);
  }
}
