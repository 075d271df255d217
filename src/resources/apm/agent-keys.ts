import type { KibanaClient } from '../../client.js';
import type { CallOptions, OperationBody, OperationResult } from '../../types.js';
import { optionalObject, requireObject } from '../args.js';

/** API keys for APM agents. Use `kibana.apm.agentKeys`. */
export class ApmAgentKeysApi {
  readonly #client: KibanaClient;

  /** @internal Use `kibana.apm.agentKeys`. */
  constructor(client: KibanaClient) {
    this.#client = client;
  }

  /**
   * Creates an API key for APM agents, limited to `body.privileges` (`event:write` to send events,
   * `config_agent:read` to read agent configuration). The caller needs `manage_own_api_key` and the
   * APM privileges it hands out. The secret (`agentKey.api_key`, and `agentKey.encoded` that agents
   * send) is only in this answer: store it now.
   */
  async create(body: OperationBody<'createAgentKey'>, options?: CallOptions): Promise<OperationResult<'createAgentKey'>> {
    return (await this.#client.send('post', '/api/apm/agent_keys', { ...optionalObject('options', options), body: requireObject('body', body) })) as OperationResult<'createAgentKey'>;
  }
}
