import type { Caller } from '../../call.js';
import type { KibanaPromise } from '../../response.js';
import type { AnnotationCreateResult, AnnotationSearchResult, CreateAnnotationBody } from '../../names.js';
import type { CallOptions, OperationQuery } from '../../types.js';
import { requireId, requireObject } from '../args.js';

/** Deployment annotations of APM services. Use `kibana.apm.annotations`. */
export class ApmAnnotationsApi {
  readonly #caller: Caller;

  /** @internal Use `kibana.apm.annotations`. */
  constructor(caller: Caller) {
    this.#caller = caller;
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
  create(
    serviceName: string,
    body: CreateAnnotationBody,
    options?: CallOptions,
  ): KibanaPromise<AnnotationCreateResult> {
    return this.#caller.call(
      'createAnnotation',
      () => ({ path: { serviceName: requireId('serviceName', serviceName) }, body: requireObject('body', body) }),
      options,
    );
  }

  /**
   * The annotations of `serviceName` between `query.start` and `query.end` (ISO 8601) in
   * `query.environment`: the stored ones or, when there are none, where each service version first
   * appears in the APM data.
   */
  search(
    serviceName: string,
    query?: OperationQuery<'searchAnnotations'>,
    options?: CallOptions,
  ): KibanaPromise<AnnotationSearchResult> {
    return this.#caller.call(
      'searchAnnotations',
      () => ({ path: { serviceName: requireId('serviceName', serviceName) }, query }),
      options,
    );
  }
}
