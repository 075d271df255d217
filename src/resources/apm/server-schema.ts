import type { Caller } from '../../call.js';
import { mapResponse, nothing, type KibanaPromise } from '../../response.js';
import type { SaveApmServerSchemaBody } from '../../names.js';
import type { CallOptions } from '../../types.js';
import { requireObject } from '../args.js';

/** The APM Server schema Kibana keeps for the Fleet migration. Use `kibana.apm.serverSchema`. */
export class ApmServerSchemaApi {
  readonly #caller: Caller;

  /** @internal Use `kibana.apm.serverSchema`. */
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /**
   * Stores `body.schema`, the configuration schema of a standalone APM Server, which Kibana reads
   * when moving that server to the Fleet-managed APM integration. Kibana answers nothing of use.
   */
  save(body: SaveApmServerSchemaBody, options?: CallOptions): KibanaPromise<void> {
    return mapResponse(
      this.#caller.call('saveApmServerSchema', () => ({ body: requireObject('body', body) }), options),
      nothing,
    );
  }
}
