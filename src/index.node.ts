/**
 * kibana-sdk for Node: the same API as the browser entry, plus the undici transport (keep-alive
 * pool, TLS options, CA pinning, proxy), files from disk and streams, a user agent, and a client
 * that `util.inspect` shows as its summary.
 *
 * @packageDocumentation
 */
import { KibanaClient } from './client.js';
import { inspectAsSummary } from './node/inspect.js';
import { nodePlatform } from './node/platform.js';
import { usePlatform } from './platform.js';

usePlatform(nodePlatform);
inspectAsSummary(KibanaClient);

export { KibanaClient };
export * from './exports.js';
