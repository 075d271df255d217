import type { KibanaClient } from '../../client.js';
import type { CallOptions, OperationBody, OperationQuery, OperationResult } from '../../types.js';
import { optionalObject, requireId, requireObject } from '../args.js';

/** Deployment annotations of APM services. Use `kibana.apm.annotations`. */
export class ApmAnnotationsApi {
  readonly #client: KibanaClient;

  /** @internal Use `kibana.apm.annotations`. */
  constructor(client: KibanaClient) {
    this.#client = client;
  }

  /**
   * Marks a deployment of `serviceName` at `body['@timestamp']` (ISO 8601) on the APM charts.
   * `message` defaults to the service version; Kibana adds the `apm` tag itself.
   *
   * @example
   * ```ts
   * await kibana.apm.annotations.create('checkout', { '@timestamp': new Date().toISOString(), service: { version: '1.2.0' } });
   * ```
   */
  async create(serviceName: string, body: OperationBody<'createAnnotation'>, options?: CallOptions): Promise<OperationResult<'createAnnotation'>> {
    return (await this.#client.send('post', '/api/apm/services/{serviceName}/annotation', {
      ...optionalObject('options', options),
      params: { path: { serviceName: requireId('serviceName', serviceName) } },
      body: requireObject('body', body),
    })) as OperationResult<'createAnnotation'>;
  }

  /**
   * The annotations of `serviceName` between `query.start` and `query.end` (ISO 8601) in
   * `query.environment`: the stored ones or, when there are none, where each service version first
   * appears in the APM data.
   */
  async search(serviceName: string, query?: OperationQuery<'searchAnnotations'>, options?: CallOptions): Promise<OperationResult<'searchAnnotations'>> {
    return (await this.#client.send('get', '/api/apm/services/{serviceName}/annotation/search', {
      ...optionalObject('options', options),
      params: { path: { serviceName: requireId('serviceName', serviceName) }, query: optionalObject('query', query) },
    })) as OperationResult<'searchAnnotations'>;
  }
}
