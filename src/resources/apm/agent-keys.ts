import type { Caller } from '../../call.js';
import type { KibanaPromise } from '../../response.js';
import type { AgentKeyResult, CreateAgentKeyBody } from '../../names.js';
import type { CallOptions } from '../../types.js';
import { requireObject } from '../args.js';

/** API keys for APM agents. Use `kibana.apm.agentKeys`. */
export class ApmAgentKeysApi {
  readonly #caller: Caller;

  /** @internal Use `kibana.apm.agentKeys`. */
  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /**
   * Creates an API key for APM agents, limited to `body.privileges` (`event:write` to send events,
   * `config_agent:read` to read agent configuration). The caller needs `manage_own_api_key` and the
   * APM privileges it hands out. The secret (`agentKey.api_key`, and `agentKey.encoded` that agents
   * send) is only in this answer: store it now.
   */
  create(body: CreateAgentKeyBody, options?: CallOptions): KibanaPromise<AgentKeyResult> {
    return this.#caller.call('createAgentKey', () => ({ body: requireObject('body', body) }), options);
  }
}
