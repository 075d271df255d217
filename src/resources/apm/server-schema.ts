import type { KibanaClient } from '../../client.js';
import type { CallOptions, OperationBody } from '../../types.js';
import { optionalObject, requireObject } from '../args.js';

/** The APM Server schema Kibana keeps for the Fleet migration. Use `kibana.apm.serverSchema`. */
export class ApmServerSchemaApi {
  readonly #client: KibanaClient;

  /** @internal Use `kibana.apm.serverSchema`. */
  constructor(client: KibanaClient) {
    this.#client = client;
  }

  /**
   * Stores `body.schema`, the configuration schema of a standalone APM Server, which Kibana reads
   * when moving that server to the Fleet-managed APM integration. Kibana answers nothing of use.
   */
  async save(body: OperationBody<'saveApmServerSchema'>, options?: CallOptions): Promise<void> {
    await this.#client.send('post', '/api/apm/fleet/apm_server_schema', { ...optionalObject('options', options), body: requireObject('body', body) });
  }
}
