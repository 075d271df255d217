import type { Caller } from '../call.js';
import { ApmAgentConfigurationApi } from './apm/agent-configuration.js';
import { ApmAgentKeysApi } from './apm/agent-keys.js';
import { ApmAnnotationsApi } from './apm/annotations.js';
import { ApmServerSchemaApi } from './apm/server-schema.js';
import { ApmSourceMapsApi } from './apm/sourcemaps.js';

export { ApmAgentConfigurationApi } from './apm/agent-configuration.js';
export { ApmAgentKeysApi } from './apm/agent-keys.js';
export { ApmAnnotationsApi } from './apm/annotations.js';
export { ApmServerSchemaApi } from './apm/server-schema.js';
export { ApmSourceMapsApi, type SourceMapInput, type SourceMapUpload } from './apm/sourcemaps.js';

/**
 * Kibana APM: the agent configuration APM agents fetch at run time, agent keys, deployment
 * annotations, the APM Server schema used when moving to Fleet, and RUM source maps. Every call
 * carries the `elastic-api-version` header these operations require.
 */
export class ApmApi {
  /** Central agent configuration: save, list, read, delete and look up per service and environment. */
  readonly agentConfiguration: ApmAgentConfigurationApi;
  /** API keys for APM agents. */
  readonly agentKeys: ApmAgentKeysApi;
  /** Deployment annotations shown on the APM charts of a service. */
  readonly annotations: ApmAnnotationsApi;
  /** The APM Server configuration schema used by the Fleet migration. */
  readonly serverSchema: ApmServerSchemaApi;
  /** Source maps that let APM show readable stack frames for minified browser code. */
  readonly sourcemaps: ApmSourceMapsApi;

  /** @internal Use `kibana.apm`. */
  constructor(caller: Caller) {
    this.agentConfiguration = new ApmAgentConfigurationApi(caller);
    this.agentKeys = new ApmAgentKeysApi(caller);
    this.annotations = new ApmAnnotationsApi(caller);
    this.serverSchema = new ApmServerSchemaApi(caller);
    this.sourcemaps = new ApmSourceMapsApi(caller);
  }
}
