import type { KibanaClient } from '../../client.js';
import type { CallOptions, OperationBody, OperationQuery, OperationResult } from '../../types.js';
import { optionalObject, requireId, requireObject } from '../args.js';

const PATH = '/api/apm/settings/agent-configuration';

/**
 * APM central agent configuration: settings such as `transaction_sample_rate` that the agents of a
 * service and environment pick up at run time, without a redeploy. Use `kibana.apm.agentConfiguration`.
 */
export class ApmAgentConfigurationApi {
  readonly #client: KibanaClient;

  /** @internal Use `kibana.apm.agentConfiguration`. */
  constructor(client: KibanaClient) {
    this.#client = client;
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
  async save(body: OperationBody<'saveAgentConfiguration'>, query?: OperationQuery<'saveAgentConfiguration'>, options?: CallOptions): Promise<void> {
    await this.#client.send('put', PATH, { ...optionalObject('options', options), params: { query: optionalObject('query', query) }, body: requireObject('body', body) });
  }

  /** Every stored agent configuration, with its `etag` and whether an agent has applied it. */
  async list(options?: CallOptions): Promise<OperationResult<'getAgentConfigurations'>> {
    return (await this.#client.send('get', PATH, { ...optionalObject('options', options) })) as OperationResult<'getAgentConfigurations'>;
  }

  /**
   * The configuration whose service name and environment are exactly those of `query`, with its
   * document `id`. A field left out matches the configuration without that field, so no query at
   * all reads the catch-all configuration. `NotFoundError` when nothing matches.
   */
  async get(query?: OperationQuery<'getAgentConfiguration'>, options?: CallOptions): Promise<OperationResult<'getAgentConfiguration'>> {
    return (await this.#client.send('get', `${PATH}/view`, { ...optionalObject('options', options), params: { query: optionalObject('query', query) } })) as OperationResult<'getAgentConfiguration'>;
  }

  /**
   * Deletes the configuration whose service name and environment are exactly those of
   * `body.service`; answers the Elasticsearch delete result. `NotFoundError` when nothing matches.
   */
  async delete(body: OperationBody<'deleteAgentConfiguration'>, options?: CallOptions): Promise<OperationResult<'deleteAgentConfiguration'>> {
    return (await this.#client.send('delete', PATH, { ...optionalObject('options', options), body: requireObject('body', body) })) as OperationResult<'deleteAgentConfiguration'>;
  }

  /**
   * Finds the configuration that applies to `body.service`, the way the APM Server does for its
   * agents, and records it as applied when `etag` matches or `mark_as_applied_by_agent` is set.
   * The answer is the Elasticsearch hit, or `{}` when no configuration applies.
   */
  async search(body: OperationBody<'searchAgentConfiguration'>, options?: CallOptions): Promise<OperationResult<'searchAgentConfiguration'>> {
    return (await this.#client.send('post', `${PATH}/search`, { ...optionalObject('options', options), body: requireObject('body', body) })) as OperationResult<'searchAgentConfiguration'>;
  }

  /**
   * Which APM agent (`nodejs`, `java`, ...) reports for a service, read from recent APM data;
   * `agentName` is absent when there is none.
   */
  async agentName(serviceName: string, options?: CallOptions): Promise<OperationResult<'getAgentNameForService'>> {
    return (await this.#client.send('get', `${PATH}/agent_name`, {
      ...optionalObject('options', options),
      params: { query: { serviceName: requireId('serviceName', serviceName) } },
    })) as OperationResult<'getAgentNameForService'>;
  }

  /**
   * The environments a configuration can target for `query.serviceName` (every service's when
   * left out), each flagged when it already has a configuration. `ALL_OPTION_VALUE` stands for
   * all environments.
   */
  async environments(query?: OperationQuery<'getEnvironmentsForService'>, options?: CallOptions): Promise<OperationResult<'getEnvironmentsForService'>> {
    return (await this.#client.send('get', `${PATH}/environments`, { ...optionalObject('options', options), params: { query: optionalObject('query', query) } })) as OperationResult<'getEnvironmentsForService'>;
  }
}
